import { z } from 'zod';

export const EngineState = z.enum(['starting', 'ready', 'restarting', 'stopped']);
export type EngineState = z.infer<typeof EngineState>;

export const EngineStatus = z.object({
  state: EngineState,
  /** Set when the engine stopped or is restarting because of a failure. */
  reason: z.string().optional(),
});
export type EngineStatus = z.infer<typeof EngineStatus>;

export const AppInfo = z.object({
  version: z.string(),
  runtime: z.enum(['electron', 'browser-host', 'test']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;
