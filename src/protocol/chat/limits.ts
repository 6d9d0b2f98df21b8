// Size limits of chat bodies (upstream Protocol.hs constants) and the error for exceeding one.
import { EncodeError } from '../encoding/errors';

/** The SMP transport block. */
export const SMP_BLOCK_SIZE = 16_384;

/** A legacy binary file chunk. */
export const FILE_CHUNK_SIZE = 15_780;

/**
 * The largest JSON body: the file chunk size less 161 bytes kept for x.grp.msg.forward wrapping
 * and 16 for block encryption (rounded).
 */
export const MAX_ENCODED_MSG_LENGTH = 15_602;

/** The largest compressed body (post-quantum connections). */
export const MAX_COMPRESSED_MSG_LENGTH = 13_380;

/** Decompressed content may not exceed this, whatever the compressed size. */
export const MAX_DECOMPRESSED_MSG_LENGTH = 65_536;

/** The largest handshake payload (confirmation and INFO). */
export const MAX_ENCODED_INFO_LENGTH = 14_694;

/** The largest compressed handshake payload. */
export const MAX_COMPRESSED_INFO_LENGTH = 10_968;

/** Bodies shorter than this are not worth compressing and pass through the container as is. */
export const MAX_PASSTHROUGH_LENGTH = 181;

/** A binary batch counts its elements in one byte. */
export const MAX_BATCH_ELEMENTS = 255;

/** Image previews and profile pictures, in base64 characters (message-encoding RFC). */
export const MAX_IMAGE_PREVIEW_CHARS = 14_000;
export const MAX_PROFILE_IMAGE_CHARS = 12_500;

/** A message or element that cannot be sent within the limit, even alone. */
export class MessageTooLargeError extends EncodeError {
  constructor(
    readonly length: number,
    readonly maxLength: number,
    what = 'message',
  ) {
    super(`${what} is ${length} bytes, over the limit of ${maxLength}`);
  }
}
