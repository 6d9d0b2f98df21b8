/**
 * The engine's SMP client: a pool of TLS connections to SMP servers, one per server, with one
 * method per command, subscriptions kept across reconnects, and typed events.
 */
export { SmpClient, smpServerKey } from './client';
export { SmpClientError, isServerError, isTemporary, type SmpClientErrorKind } from './errors';
export { authKeySpki, dhKeySpki, type AuthKey } from './keys';
export { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from './backoff';
export { systemTimers, type Timers } from './timers';
export { SMP_ALPN, SMP_TLS_SETTINGS } from './tls';
export type * from './types';
