export type CryptoErrorCode =
  | 'LARGE_MSG' // plaintext does not fit the padded size (CryptoLargeMsgError)
  | 'INVALID_MSG' // bad padding (CryptoInvalidMsgError)
  | 'DECRYPT' // authentication tag did not verify
  | 'BAD_KEY' // malformed or wrong-type key
  | 'NOT_READY'; // libsodium used before cryptoReady()

export class CryptoError extends Error {
  override readonly name = 'CryptoError';
  constructor(
    readonly code: CryptoErrorCode,
    message: string = code,
  ) {
    super(message);
  }
}
