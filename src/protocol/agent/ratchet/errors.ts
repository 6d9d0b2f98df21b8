export type RatchetErrorCode =
  | 'BAD_MESSAGE' // the ratchet message or its decrypted parts do not parse
  | 'HEADER' // no header key decrypts the header (ratchet out of sync, or not for us)
  | 'DUPLICATE' // the last received message again
  | 'EARLIER' // an older message whose key is gone (`count` messages back)
  | 'TOO_MANY_SKIPPED' // more than 512 messages skipped in one chain (`count`)
  | 'DECRYPT' // the header decrypted but the body does not authenticate
  | 'NO_SEND_CHAIN' // encrypting before the first DH step (initiator before any message)
  | 'KEM_STATE' // a KEM ciphertext for a KEM key we never proposed
  | 'VERSION'; // e2e version outside what we support

export class RatchetError extends Error {
  override readonly name = 'RatchetError';
  constructor(
    readonly code: RatchetErrorCode,
    message: string = code,
    /** Message count for EARLIER and TOO_MANY_SKIPPED. */
    readonly count?: number,
  ) {
    super(message);
  }
}
