// Integrity of the received message stream: sender message IDs are sequential and each message
// names the hash of the previous one. Problems are reported with the message, never block it.
import { bytesEqual } from '../../encoding/bytes';

export type MsgIntegrity =
  | { readonly ok: true }
  | { readonly ok: false; readonly error: 'BAD_ID'; readonly msgId: bigint }
  | { readonly ok: false; readonly error: 'DUPLICATE' }
  | {
      readonly ok: false;
      readonly error: 'SKIPPED';
      readonly fromMsgId: bigint;
      readonly toMsgId: bigint;
    }
  | { readonly ok: false; readonly error: 'BAD_HASH' };

/**
 * `prevSndMsgId` / `prevMsgHash`: the last sender ID received on this connection and the hash
 * we computed of that message; `sndMsgId` / `receivedPrevHash` come from the new message.
 */
export function checkMsgIntegrity(
  prevSndMsgId: bigint,
  prevMsgHash: Uint8Array,
  sndMsgId: bigint,
  receivedPrevHash: Uint8Array,
): MsgIntegrity {
  const hashOk = bytesEqual(prevMsgHash, receivedPrevHash);
  if (sndMsgId === prevSndMsgId + 1n && hashOk) return { ok: true };
  if (sndMsgId < prevSndMsgId) return { ok: false, error: 'BAD_ID', msgId: sndMsgId };
  if (sndMsgId === prevSndMsgId) return { ok: false, error: 'DUPLICATE' };
  if (sndMsgId > prevSndMsgId + 1n) {
    return { ok: false, error: 'SKIPPED', fromMsgId: prevSndMsgId + 1n, toMsgId: sndMsgId - 1n };
  }
  return { ok: false, error: 'BAD_HASH' };
}
