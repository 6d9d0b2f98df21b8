// The ratchet remembers the public halves of recent ratchet keys (sending would otherwise cost
// an X448 multiplication per message): headers must still carry the right key when more keys
// are in use than the memory holds.
import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, x448PublicKey } from '../../../../src/protocol/crypto';
import { fromUtf8, utf8 } from '../../../../src/protocol/encoding';
import {
  initiatorRatchet,
  joinerRatchet,
  newInitiatorE2eParams,
  newJoinerE2eParams,
  ratchetDecrypt,
  ratchetEncrypt,
  type RatchetState,
} from '../../../../src/protocol/agent';

beforeAll(cryptoReady);

function pair(): { joiner: RatchetState; initiator: RatchetState } {
  const inv = newInitiatorE2eParams();
  const j = newJoinerE2eParams(3);
  return {
    joiner: joinerRatchet(j.privateKeys, {
      version: 3,
      key1: inv.params.key1,
      key2: inv.params.key2,
    }),
    initiator: initiatorRatchet(inv.privateKeys, j.params),
  };
}

describe('ratchet public key memory', () => {
  it('keeps headers correct across more ratchets than it remembers', () => {
    const pairs = Array.from({ length: 260 }, pair);
    // Interleaved: every ratchet's key is used again after 259 others.
    for (let round = 0; round < 2; round++) {
      for (const p of pairs) {
        const { state, ciphertext } = ratchetEncrypt(p.joiner, utf8(`r${round}`), 64);
        p.joiner = state;
        const r = ratchetDecrypt(p.initiator, [], ciphertext);
        p.initiator = r.state;
        expect(fromUtf8(r.plaintext)).toBe(`r${round}`);
      }
    }
    // The initiator's first ratchet key is its own (fresh) one; a reply decrypts.
    const p = pairs[0]!;
    const reply = ratchetEncrypt(p.initiator, utf8('reply'), 64);
    expect(fromUtf8(ratchetDecrypt(p.joiner, [], reply.ciphertext).plaintext)).toBe('reply');
    expect(x448PublicKey(p.initiator.dhPrivate)).toHaveLength(56);
  });
});
