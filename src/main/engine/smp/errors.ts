/**
 * The one error type of the SMP client. `kind` says what went wrong from the caller's point of
 * view (retry later, give up, report); SERVER errors carry the server's ErrorType.
 */
import { fromLatin1 } from '../../../protocol/encoding';
import { encodeSmpError, type SmpError } from '../../../protocol/smp';

export type SmpClientErrorKind =
  /** No response within the command's timeout. */
  | 'TIMEOUT'
  /** Could not connect, or the connection broke (the command may or may not have run). */
  | 'NETWORK'
  /** TLS or SMP handshake failed: wrong identity, bad signature, no common version. */
  | 'HANDSHAKE'
  /** The server answered ERR (see `smpError`). */
  | 'SERVER'
  /** The server sent something this client cannot accept (unexpected or malformed). */
  | 'PROTOCOL'
  /** The request cannot be sent as given (too large, needs a newer SMP version). */
  | 'BAD_REQUEST'
  /** The client (or this connection) was closed by its owner. */
  | 'CLOSED';

export class SmpClientError extends Error {
  override readonly name = 'SmpClientError';

  constructor(
    readonly kind: SmpClientErrorKind,
    message: string,
    /** The server's error, for kind SERVER. */
    readonly smpError?: SmpError,
  ) {
    super(`${kind}: ${message}`);
  }

  static server(error: SmpError): SmpClientError {
    return new SmpClientError('SERVER', `ERR ${fromLatin1(encodeSmpError(error))}`, error);
  }
}

/** Whether `e` is the server's `ERR <type>`, e.g. isServerError(e, 'QUOTA'). */
export function isServerError(e: unknown, type: SmpError['type']): boolean {
  return e instanceof SmpClientError && e.kind === 'SERVER' && e.smpError?.type === type;
}

/** Errors after which the same command may succeed on a later attempt. */
export function isTemporary(e: unknown): boolean {
  return e instanceof SmpClientError && (e.kind === 'TIMEOUT' || e.kind === 'NETWORK');
}
