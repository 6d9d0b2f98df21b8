import type { Suite } from './harness';
import { opsPerSecond } from './harness';
import {
  cbDecrypt,
  cbEncrypt,
  cryptoReady,
  ed25519KeyPair,
  ed25519Sign,
  ed25519Verify,
  randomBytes,
  useX448Implementation,
  x448Dh,
  x448KeyPair,
} from '../src/protocol/crypto';

// Primitive costs, to read the protocol figures against.
export const cryptoSuite: Suite = {
  name: 'crypto',
  description: 'primitive operations of the one crypto module',
  async run(report) {
    await cryptoReady();
    for (const impl of ['node', 'noble'] as const) {
      useX448Implementation(impl);
      const a = x448KeyPair();
      const b = x448KeyPair();
      report(
        `X448 DH (${impl})`,
        await opsPerSecond(() => x448Dh(a.publicKey, b.privateKey), 500),
        'ops/s',
      );
    }
    useX448Implementation('node');
    const kp = ed25519KeyPair();
    const msg = randomBytes(256);
    const sig = ed25519Sign(kp.privateKey, msg);
    report(
      'Ed25519 sign (256 B)',
      await opsPerSecond(() => ed25519Sign(kp.privateKey, msg), 500),
      'ops/s',
    );
    report(
      'Ed25519 verify (256 B)',
      await opsPerSecond(() => ed25519Verify(kp.publicKey, msg, sig), 500),
      'ops/s',
    );
    const key = randomBytes(32);
    const nonce = randomBytes(24);
    const body = randomBytes(15_000);
    const ct = cbEncrypt(key, nonce, body, 16_000);
    report(
      'box encrypt 16 KB (padded)',
      await opsPerSecond(() => cbEncrypt(key, nonce, body, 16_000), 500),
      'ops/s',
    );
    report('box decrypt 16 KB', await opsPerSecond(() => cbDecrypt(key, nonce, ct), 500), 'ops/s');
  },
};
