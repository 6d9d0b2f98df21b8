import { randomBytes as nodeRandomBytes } from 'node:crypto';

export function randomBytes(n: number): Uint8Array {
  return new Uint8Array(nodeRandomBytes(n));
}
