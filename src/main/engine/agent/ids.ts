// Opaque ids the agent hands out: 12 random bytes as unpadded base64url (16 characters, never a
// ':' so that a ConnId cannot be mistaken for a link).
import { randomBytes } from '../../../protocol/crypto';
import { base64urlNoPad } from '../../../protocol/encoding';

export function newId(): string {
  return base64urlNoPad(randomBytes(12));
}
