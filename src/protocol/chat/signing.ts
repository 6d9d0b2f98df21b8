// Message signatures in relay groups. The signed bytes are a binding prefix followed by the exact
// JSON body; only the prefix's tag byte travels, both sides rebuild the rest. For a group the
// prefix is 'G' || shortString(entity id) || shortString(sender's member id), which ties the
// signature to one group and one author.
import { ed25519Sign, ed25519Verify } from '../crypto/ed25519';
import { concatBytes } from '../encoding/bytes';
import { Writer } from '../encoding/codec';
import type { ChatBindingTag, SignedChatBody } from './elements';

export interface SigningContext {
  binding: ChatBindingTag;
  /** The full prefix, tag byte included. */
  prefix: Uint8Array;
}

/** The group binding: `publicGroupId` of the group profile and the author's member id. */
export function groupSigningContext(entityId: Uint8Array, memberId: Uint8Array): SigningContext {
  const prefix = new Writer().ascii('G').shortString(entityId).shortString(memberId).finish();
  return { binding: 'G', prefix };
}

/** Signs a JSON body (the exact bytes that will be sent) with the member's Ed25519 key. */
export function signChatBody(
  context: SigningContext,
  privateKey: Uint8Array,
  body: Uint8Array,
): SignedChatBody {
  const signature = ed25519Sign(privateKey, concatBytes(context.prefix, body));
  return { binding: context.binding, signatures: [{ keyRef: 'M', signature }], body };
}

/**
 * Whether a signed element verifies in this context: the binding tag matches and every signature
 * is valid under the sender's key.
 */
export function verifySignedChatBody(
  signed: SignedChatBody,
  context: SigningContext,
  publicKey: Uint8Array,
): boolean {
  if (signed.binding !== context.binding || signed.signatures.length === 0) return false;
  const message = concatBytes(context.prefix, signed.body);
  return signed.signatures.every((s) => ed25519Verify(publicKey, message, s.signature));
}
