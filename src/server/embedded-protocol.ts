// Messages between a host (Electron main, the browser host) and the embedded SMP server's process
// (dist/main/embedded-server.cjs). Both sides parse what they receive with these schemas.
import { z } from 'zod';
import { LOG_LEVELS } from './log';

export const ToEmbeddedServer = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    dataDir: z.string().min(1),
    logLevel: z.enum(LOG_LEVELS),
  }),
  /** Close the listeners and the store, then exit. */
  z.strictObject({ type: z.literal('stop') }),
]);
export type ToEmbeddedServer = z.infer<typeof ToEmbeddedServer>;

/** Why the server could not start; the message is meant for people. */
export const EmbeddedStartProblem = z.enum([
  /** Its port is held by another program (the port is kept: queue addresses name it). */
  'PORT_TAKEN',
  /** The data directory is damaged or not a server's. */
  'DATA_DIR',
  'FAILED',
]);
export type EmbeddedStartProblem = z.infer<typeof EmbeddedStartProblem>;

/** The embedded server could not start; `problem` says which kind of trouble it is. */
export class EmbeddedStartError extends Error {
  override readonly name = 'EmbeddedStartError';
  constructor(
    readonly problem: EmbeddedStartProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const MAX_MESSAGE = 2000;

const StartFailed = z.strictObject({
  type: z.literal('start-failed'),
  problem: EmbeddedStartProblem,
  message: z.string().max(MAX_MESSAGE),
});
export type StartFailed = z.infer<typeof StartFailed>;

export const FromEmbeddedServer = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('ready'),
    address: z.string().regex(/^smp:\/\/\S+$/),
    port: z.int().min(1).max(65535),
  }),
  StartFailed,
]);
export type FromEmbeddedServer = z.infer<typeof FromEmbeddedServer>;
