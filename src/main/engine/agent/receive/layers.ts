// Opening the layers of a received message (§2.3) inside the server's (which the SMP client
// opens): the client envelope, the per-queue e2e box and the agent envelope. Every failure is a typed AgentError:
// DECRYPT when a layer does not authenticate, MESSAGE when it does not parse, VERSION for what we
// do not speak (a legacy confirmation, an unknown SMP client version).
import {
  RatchetError,
  decodeAgentEnvelope,
  ratchetDecrypt,
  decodeClientMsgEnvelope,
  openClientMessage,
  type AgentMsgEnvelope,
  type ClientMsgEnvelope,
  type RatchetDecryptResult,
  type RatchetState,
  type SkippedMessageKey,
} from '../../../../protocol/agent';
import { CryptoError } from '../../../../protocol/crypto';
import { DecodeError } from '../../../../protocol/encoding';
import { AgentError } from '../errors';
import { CLIENT_VERSION_RANGE } from '../versions';

function typed<T>(what: string, open: () => T): T {
  try {
    return open();
  } catch (e) {
    if (e instanceof CryptoError) {
      const code = e.code === 'INVALID_MSG' ? 'MESSAGE' : 'DECRYPT';
      throw new AgentError(code, `${what}: ${e.message}`, e.code, { cause: e });
    }
    if (e instanceof DecodeError)
      throw new AgentError('MESSAGE', `${what}: ${e.message}`, undefined, { cause: e });
    throw e;
  }
}

export function parseClientEnvelope(body: Uint8Array): ClientMsgEnvelope {
  const envelope = typed('client envelope', () => decodeClientMsgEnvelope(body));
  const v = envelope.smpClientVersion;
  if (v < CLIENT_VERSION_RANGE.min || v > CLIENT_VERSION_RANGE.max) {
    throw new AgentError('VERSION', `SMP client version ${v} is not supported`);
  }
  return envelope;
}

/** Opens the per-queue e2e layer and parses the agent envelope inside. */
export function openAgentEnvelope(
  envelope: ClientMsgEnvelope,
  secret: Uint8Array,
): AgentMsgEnvelope {
  const message = typed('e2e layer', () => openClientMessage(envelope, secret));
  if (message.privHeader.kind !== 'empty') {
    throw new AgentError(
      'VERSION',
      'legacy confirmations (recipient-secured queues) are not supported',
    );
  }
  return typed('agent envelope', () => decodeAgentEnvelope(message.body));
}

/** Decodes a plaintext as `what`, with parse failures as MESSAGE errors. */
export function parsing<T>(what: string, parse: () => T): T {
  return typed(what, parse);
}

/** Double-ratchet decryption with its failures as RATCHET errors (the code in `detail`). */
export function decrypting(
  state: RatchetState,
  skipped: readonly SkippedMessageKey[],
  ciphertext: Uint8Array,
): RatchetDecryptResult {
  try {
    return ratchetDecrypt(state, skipped, ciphertext);
  } catch (e) {
    if (e instanceof RatchetError) throw new AgentError('RATCHET', e.message, e.code, { cause: e });
    throw e;
  }
}
