// The server's config file (server.json in the data directory), validated with zod. Every field
// has a default except the host names, so a hand-edited file may name only what it changes.
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { isValidHost } from '../protocol/smp/address';
import { DataDirError } from './errors';
import { LOG_LEVELS } from './log';

const portSchema = z.int().min(1).max(65535);

/** Per-connection and server-wide resource bounds. */
export const limitsSchema = z
  .object({
    /** A client must finish the SMP handshake within this time. */
    handshakeTimeoutMs: z.int().min(100).default(30_000),
    /** A connection without subscriptions that sends nothing for this long is closed. */
    idleTimeoutMs: z
      .int()
      .min(1000)
      .default(6 * 60 * 60 * 1000),
    /** Commands of one connection being processed at once; reading pauses above it. */
    maxInFlightCommands: z.int().min(1).max(100_000).default(256),
    /** Bytes queued for a client that does not read; past this it is disconnected. */
    maxOutgoingBytes: z
      .int()
      .min(64 * 1024)
      .default(8 * 1024 * 1024),
    /** Queues one connection may subscribe to. */
    maxSubscriptions: z.int().min(1).default(100_000),
    /** Open connections (TLS and WebSocket together). */
    maxConnections: z.int().min(1).default(10_000),
    /**
     * Bytes of waiting message bodies kept in memory for subscribed queues, so that an ACK is
     * answered with the next message without reading SQLite (0: always read).
     */
    cachedBodyBytes: z
      .int()
      .min(0)
      .default(64 * 1024 * 1024),
  })
  .strict();

export const serverConfigSchema = z
  .object({
    /** TLS port of the address. */
    port: portSchema.default(5223),
    /** Host names of the address; the first is the public one. */
    hosts: z
      .array(z.string().refine(isValidHost, 'not a valid host name or address'))
      .min(1)
      .max(16),
    /** Interface the listeners bind to. */
    bindHost: z.string().min(1).default('0.0.0.0'),
    /** Optional port serving the same protocol over WebSocket (one block per binary frame). */
    wsPort: portSchema.optional(),
    logLevel: z.enum(LOG_LEVELS).default('info'),
    /** Password that gates NEW (upstream "basic auth"); absent = anyone may create queues. */
    basicAuth: z
      .string()
      .regex(/^[A-Za-z0-9!#$%&'*+\-.^_`{|}~]{1,255}$/, 'printable ASCII without space, @, : or /')
      .optional(),
    /** Messages a queue holds before SEND gets ERR QUOTA (§1.5). */
    quota: z.int().min(1).max(65_535).default(128),
    /** Undelivered messages older than this are deleted and never delivered. */
    messageTtlSeconds: z
      .int()
      .min(1)
      .default(21 * 24 * 60 * 60),
    /** How often all queues are swept for expired messages. */
    expirySweepSeconds: z
      .int()
      .min(1)
      .default(60 * 60),
    limits: limitsSchema.prefault({}),
  })
  .strict();

export type ServerConfig = z.output<typeof serverConfigSchema>;
export type ServerConfigInput = z.input<typeof serverConfigSchema>;
export type ServerLimits = z.output<typeof limitsSchema>;

/** Validates a config value; problems are a DataDirError naming the first bad field. */
export function parseServerConfig(value: unknown, source: string): ServerConfig {
  const parsed = serverConfigSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(top level)';
    throw new DataDirError(
      'INVALID_CONFIG',
      `${source}: ${where}: ${issue?.message ?? 'invalid config'}`,
    );
  }
  return parsed.data;
}

export async function readServerConfig(file: string): Promise<ServerConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new DataDirError(
      'NOT_INITIALISED',
      `cannot read ${file}: is the data directory initialised?`,
      {
        cause: e,
      },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DataDirError('INVALID_CONFIG', `${file} is not valid JSON`);
  }
  return parseServerConfig(value, file);
}

export async function writeServerConfig(file: string, config: ServerConfig): Promise<void> {
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o644, flag: 'wx' });
}
