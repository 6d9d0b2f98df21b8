// Messages between main (the supervisor) and the engine worker process. Both sides parse what
// they receive with these schemas; nothing else crosses.
import { z } from 'zod';
import { IpcResultSchema } from '../../../shared/ipc';
import { SmpServerAddress } from '../../../shared/models/servers';

/** The longest reason for a stopped embedded server that a worker is told (longer ones are cut). */
export const MAX_EMBEDDED_ERROR = 2000;

export const LogLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);

export const ToWorker = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    dataDir: z.string().min(1),
    logLevel: LogLevelSchema,
    /** The host's embedded SMP server (EngineOptions.embeddedServer), if it runs one. */
    embeddedServer: z.strictObject({ address: SmpServerAddress }).optional(),
    /** Why the host's embedded SMP server is not running (EngineOptions.embeddedServerError). */
    embeddedServerError: z.string().max(MAX_EMBEDDED_ERROR).optional(),
  }),
  z.strictObject({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    name: z.string().max(100),
    input: z.unknown(),
  }),
  z.strictObject({ type: z.literal('stop') }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

export const FromWorker = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  /** The engine could not start (e.g. a database from a newer version); do not retry. */
  z.strictObject({
    type: z.literal('start-failed'),
    error: z.object({ name: z.string(), message: z.string() }),
  }),
  z.strictObject({
    type: z.literal('result'),
    id: z.number().int().nonnegative(),
    result: IpcResultSchema,
  }),
  z.strictObject({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
  z.strictObject({ type: z.literal('stopped') }),
]);
export type FromWorker = z.infer<typeof FromWorker>;
