// The SMP agent of the engine: duplex end-to-end encrypted connections and short links over
// SMP queues. The API (methods, events, errors) is documented in ./api.ts.
export * from './api';
export { createAgent } from './agent';
export { AgentError, isAgentError } from './errors';
