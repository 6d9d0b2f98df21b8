/** A malformed, truncated or out-of-range encoding. Decoders throw only this type. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  readonly code = 'DECODE' as const;
}

/** A value that cannot be encoded (too long for its length prefix, out of range). */
export class EncodeError extends Error {
  override readonly name = 'EncodeError';
  readonly code = 'ENCODE' as const;
}
