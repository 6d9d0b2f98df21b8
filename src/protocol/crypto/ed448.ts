import { ed448 } from '@noble/curves/ed448.js';

// Ed448 verification only: SMP servers deployed before Ed25519 became the default still present
// Ed448 certificate chains, and their signed session keys must verify. Nothing here signs with
// Ed448. Node's OpenSSL could do it too, but Electron's BoringSSL cannot, so noble is used always.

export function ed448Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (publicKey.length !== 57 || signature.length !== 114) return false;
  try {
    return ed448.verify(signature, message, publicKey);
  } catch {
    return false;
  }
}
