import { z } from 'zod';

// The SMP servers the user's new queues are created on: the embedded server (the default, so the
// app works out of the box) or a list of smp:// addresses, each tested when added.

export const SmpServerAddress = z
  .string()
  .trim()
  .regex(/^smp:\/\/[^\s]+$/, 'an SMP server address starts with smp://')
  .max(1024);

export const ServersView = z.object({
  useEmbedded: z.boolean(),
  embedded: z.object({
    /** The embedded server's address, once it has been started. */
    address: z.string().nullable(),
    running: z.boolean(),
    /** Why it is not running, when the host tried to start it and could not (for people). */
    error: z.string().nullable(),
  }),
  custom: z.array(z.string()),
});
export type ServersView = z.infer<typeof ServersView>;

export const ServersUpdate = z.strictObject({
  useEmbedded: z.boolean(),
  custom: z.array(SmpServerAddress).max(16),
});
export type ServersUpdate = z.infer<typeof ServersUpdate>;

export const ServerTestResult = z.object({
  ok: z.boolean(),
  /** What failed, in words a user can act on. */
  error: z.string().nullable(),
});
export type ServerTestResult = z.infer<typeof ServerTestResult>;
