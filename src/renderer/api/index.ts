export { createApiClient, ContractError, type ApiClient } from './client';
export { detectTransport, NoTransportError } from './detect';
export type { ConnectionState, Transport } from './transport';
