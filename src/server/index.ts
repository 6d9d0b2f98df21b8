// The SMP server as others embed it: start it on a data directory, get its address, stop it.
export { startSmpServer, type RunningSmpServer, type StartSmpServerOptions } from './start';
export { initDataDir, openDataDir, isDataDirEmpty, DATA_FILES, type InitResult } from './data-dir';
export {
  serverConfigSchema,
  type ServerConfig,
  type ServerConfigInput,
  type ServerLimits,
} from './config';
export { DataDirError, CliUsageError, type DataDirProblem } from './errors';
export { systemClock, type Clock } from './clock';
export type { LogLevel } from './log';
