// The SMP servers for new queues: the embedded server (started by the host, not by the engine,
// which may not import the server) unless the user turned it off, plus the user's own list.
// A server is tested before it is saved: connect, handshake, create a queue and delete it.
import { DecodeError } from '../../../protocol/encoding';
import { ed25519KeyPair, x25519KeyPair } from '../../../protocol/crypto';
import { parseSmpServer, type SmpServer } from '../../../protocol/smp';
import type { ServerTestResult, ServersView } from '../../../shared/models/servers';
import { SmpClient, SmpClientError, type AuthKey } from '../smp';
import type { Logger } from '../log';
import type { ServerSettings } from './store/servers';

/** The embedded server, as the host that started it reports it. */
export interface EmbeddedServer {
  /** `smp://<fingerprint>@127.0.0.1:<port>` */
  readonly address: string;
}

/**
 * The settings as the contract shows them; `embeddedError` is why the host's embedded server is
 * not running (the host knows, the engine is only told).
 */
export function serversView(
  settings: ServerSettings,
  embedded: EmbeddedServer | undefined,
  embeddedError?: string,
): ServersView {
  return {
    useEmbedded: settings.useEmbedded,
    embedded: {
      address: embedded?.address ?? null,
      running: embedded !== undefined,
      error: embedded ? null : (embeddedError ?? null),
    },
    custom: settings.custom,
  };
}

/** The servers new queues go to; addresses that do not parse (never saved so) are skipped. */
export function activeServers(
  settings: ServerSettings,
  embedded: EmbeddedServer | undefined,
  log: Logger,
): SmpServer[] {
  const addresses = [
    ...(settings.useEmbedded && embedded ? [embedded.address] : []),
    ...settings.custom,
  ];
  return addresses.flatMap((address) => {
    try {
      return [parseSmpServer(address)];
    } catch {
      log.warn('a configured SMP server address does not parse; skipped');
      return [];
    }
  });
}

export interface ServerTestOptions {
  readonly timeoutMs?: number;
  readonly log?: Logger;
}

/** Parses an address and checks it for real: TLS + SMP handshake, NEW and DEL of a queue. */
export async function testServer(
  address: string,
  options: ServerTestOptions = {},
): Promise<ServerTestResult> {
  let server: SmpServer;
  try {
    server = parseSmpServer(address);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return failed(`this is not a valid SMP server address (${e.message})`);
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  const client = new SmpClient({
    connectTimeoutMs: timeoutMs,
    commandTimeoutMs: timeoutMs,
    ...(options.log && { log: options.log }),
  });
  try {
    const rcvAuthKey: AuthKey = { algorithm: 'ed25519', privateKey: ed25519KeyPair().privateKey };
    const queue = await client.createQueue(server, {
      rcvAuthKey,
      rcvDhPrivateKey: x25519KeyPair().privateKey,
      subscribe: false,
    });
    await client.deleteQueue(server, queue.recipientId, rcvAuthKey);
    return { ok: true, error: null };
  } catch (e) {
    if (!(e instanceof SmpClientError)) throw e;
    return failed(describeFailure(e));
  } finally {
    client.close();
  }
}

function failed(error: string): ServerTestResult {
  return { ok: false, error };
}

function describeFailure(e: SmpClientError): string {
  switch (e.kind) {
    case 'NETWORK':
      return 'could not connect to the server';
    case 'TIMEOUT':
      return 'the server did not answer in time';
    case 'HANDSHAKE':
      return 'the server is not the one in the address (identity or version mismatch)';
    case 'SERVER':
      return e.smpError?.type === 'AUTH'
        ? 'the server refused to create a queue: the address needs the server’s password'
        : 'the server refused to create a queue';
    default:
      return 'the server did not behave as an SMP server';
  }
}
