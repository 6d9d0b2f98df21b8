import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, utf8, fromUtf8 } from '../../../../src/protocol/encoding';
import { CryptoError, cryptoReady } from '../../../../src/protocol/crypto';
import {
  AGENT_MSG_PADDED_LENGTH,
  CONN_INFO_PADDED_LENGTH,
  MAX_SKIP,
  RatchetError,
  decodeRatchetState,
  encodeRatchetState,
  initiatorRatchet,
  joinerRatchet,
  newInitiatorE2eParams,
  newJoinerE2eParams,
  ratchetDecrypt,
  ratchetEncrypt,
  type RatchetState,
  type SkippedMessageKey,
} from '../../../../src/protocol/agent';

beforeAll(cryptoReady);

/** One side of a conversation: its state and its store of skipped keys, as the engine keeps them. */
class Party {
  skipped: SkippedMessageKey[] = [];
  constructor(public state: RatchetState) {}

  send(text: string, padded = 256): Uint8Array {
    const { state, ciphertext } = ratchetEncrypt(this.state, utf8(text), padded);
    this.state = state;
    return ciphertext;
  }

  receive(ciphertext: Uint8Array): string {
    const r = ratchetDecrypt(this.state, this.skipped, ciphertext);
    this.state = r.state;
    this.skipped = this.skipped.filter(
      (k) =>
        !(
          r.skippedUsed &&
          k.msgNumber === r.skippedUsed.msgNumber &&
          Buffer.compare(k.headerKey, r.skippedUsed.headerKey) === 0
        ),
    );
    this.skipped.push(...r.skippedAdded);
    return fromUtf8(r.plaintext);
  }
}

function handshake(version = 3): { alice: Party; bob: Party } {
  // Alice creates the invitation (initiator), Bob joins.
  const inv = newInitiatorE2eParams();
  const joiner = newJoinerE2eParams(version);
  const bobState = joinerRatchet(joiner.privateKeys, {
    version,
    key1: inv.params.key1,
    key2: inv.params.key2,
  });
  const aliceState = initiatorRatchet(inv.privateKeys, joiner.params);
  return { alice: new Party(aliceState), bob: new Party(bobState) };
}

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof RatchetError) return e.code;
    throw e;
  }
  return undefined;
}

describe('double ratchet between two parties', () => {
  it('agrees on associated data and exchanges messages in order, in both directions', () => {
    const { alice, bob } = handshake();
    expect(alice.state.assocData).toEqual(bob.state.assocData);
    expect(alice.state.assocData.length).toBe(112);
    expect(alice.receive(bob.send('confirmation', CONN_INFO_PADDED_LENGTH))).toBe('confirmation');
    expect(bob.receive(alice.send('reply', CONN_INFO_PADDED_LENGTH))).toBe('reply');
    for (let i = 0; i < 5; i++) {
      expect(alice.receive(bob.send(`b${i}`))).toBe(`b${i}`);
      expect(alice.receive(bob.send(`b${i}'`))).toBe(`b${i}'`);
      expect(bob.receive(alice.send(`a${i}`))).toBe(`a${i}`);
    }
  });

  it('pads every message of a kind to the same size', () => {
    const { alice, bob } = handshake();
    const short = bob.send('x', AGENT_MSG_PADDED_LENGTH);
    const long = bob.send('y'.repeat(5000), AGENT_MSG_PADDED_LENGTH);
    expect(short.length).toBe(long.length);
    // Large-prefixed 124-byte header, 16-byte tag, padded body.
    expect(short.length).toBe(2 + 124 + 16 + AGENT_MSG_PADDED_LENGTH);
    expect(alice.receive(long)).toBe('y'.repeat(5000));
  });

  it('uses 1-byte length prefixes at e2e version 2', () => {
    const { alice, bob } = handshake(2);
    const msg = bob.send('v2');
    expect(msg[0]).toBe(123); // header length 123
    expect(alice.receive(msg)).toBe('v2');
  });

  it('decrypts out-of-order messages with stored skipped keys, across ratchet steps', () => {
    const { alice, bob } = handshake();
    alice.receive(bob.send('start'));
    const m1 = bob.send('m1');
    const m2 = bob.send('m2');
    const m3 = bob.send('m3');
    expect(alice.receive(m3)).toBe('m3');
    expect(alice.skipped.map((k) => k.msgNumber)).toEqual([1, 2]);
    // A DH step in between: Alice answers, Bob's next chain starts.
    bob.receive(alice.send('turn'));
    const n1 = bob.send('n1');
    const n2 = bob.send('n2');
    expect(alice.receive(n2)).toBe('n2');
    expect(alice.receive(m1)).toBe('m1');
    expect(alice.receive(n1)).toBe('n1');
    expect(alice.receive(m2)).toBe('m2');
    expect(alice.skipped).toEqual([]);
  });

  it('stores the rest of the previous chain when a new chain starts (PN)', () => {
    const { alice, bob } = handshake();
    alice.receive(bob.send('first'));
    const x1 = bob.send('x1');
    const x2 = bob.send('x2');
    bob.receive(alice.send('turn'));
    const y0 = bob.send('y0'); // new chain, PN = 3
    expect(alice.receive(y0)).toBe('y0');
    expect(alice.skipped.map((k) => k.msgNumber)).toEqual([1, 2]);
    expect(alice.receive(x2)).toBe('x2');
    expect(alice.receive(x1)).toBe('x1');
    expect(alice.skipped).toEqual([]);
  });

  it('reports a replay of the last message as DUPLICATE and older ones as EARLIER', () => {
    const { alice, bob } = handshake();
    const m0 = bob.send('m0');
    const m1 = bob.send('m1');
    alice.receive(m0);
    alice.receive(m1);
    const before = encodeRatchetState(alice.state);
    expect(code(() => alice.receive(m1))).toBe('DUPLICATE');
    let err: unknown;
    try {
      alice.receive(m0);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RatchetError);
    expect((err as RatchetError).code).toBe('EARLIER');
    expect((err as RatchetError).count).toBe(1);
    // Nothing half-applied: the state did not move.
    expect(encodeRatchetState(alice.state)).toEqual(before);
  });

  it('refuses to skip more than 512 messages of one chain', () => {
    const { alice, bob } = handshake();
    alice.receive(bob.send('first'));
    for (let i = 0; i < MAX_SKIP; i++) bob.send('skipped');
    expect(alice.receive(bob.send('just within'))).toBe('just within');
    expect(alice.skipped.length).toBe(MAX_SKIP);

    const other = handshake();
    other.alice.receive(other.bob.send('first'));
    for (let i = 0; i < MAX_SKIP + 1; i++) other.bob.send('skipped');
    let err: unknown;
    try {
      other.alice.receive(other.bob.send('too far'));
    } catch (e) {
      err = e;
    }
    expect((err as RatchetError).code).toBe('TOO_MANY_SKIPPED');
    expect((err as RatchetError).count).toBe(MAX_SKIP + 2);
  });

  it('rejects a tampered body (DECRYPT) and a tampered header (HEADER) without changing state', () => {
    const { alice, bob } = handshake();
    alice.receive(bob.send('hello'));
    const msg = bob.send('secret');
    const before = encodeRatchetState(alice.state);
    const body = msg.slice();
    body[body.length - 1]! ^= 1;
    expect(code(() => alice.receive(body))).toBe('DECRYPT');
    const header = msg.slice();
    header[60]! ^= 1;
    expect(code(() => alice.receive(header))).toBe('HEADER');
    expect(encodeRatchetState(alice.state)).toEqual(before);
    expect(alice.receive(msg)).toBe('secret');
  });

  it('rejects garbage, messages for another conversation and sending before a chain exists', () => {
    const { alice, bob } = handshake();
    const other = handshake();
    expect(code(() => alice.receive(new Uint8Array([1, 2, 3])))).toBe('BAD_MESSAGE');
    expect(code(() => alice.receive(other.bob.send('not yours')))).toBe('HEADER');
    expect(code(() => alice.send('too early'))).toBe('NO_SEND_CHAIN');
    expect(() => bob.send('x'.repeat(300), 256)).toThrow(CryptoError);
  });

  it('continues identically after serializing both states mid-conversation', () => {
    const { alice, bob } = handshake();
    alice.receive(bob.send('one'));
    bob.receive(alice.send('two'));
    const pending = bob.send('three');
    const alice2 = new Party(decodeRatchetState(encodeRatchetState(alice.state)));
    const bob2 = new Party(decodeRatchetState(encodeRatchetState(bob.state)));
    expect(alice2.state).toEqual(alice.state);
    expect(alice2.receive(pending)).toBe('three');
    expect(bob2.receive(alice2.send('four'))).toBe('four');
    expect(alice2.receive(bob2.send('five'))).toBe('five');
  });

  it('upgrades the current version when the peer advertises a higher one', () => {
    const inv = newInitiatorE2eParams();
    const joiner = newJoinerE2eParams(2);
    const bob = new Party(
      joinerRatchet(joiner.privateKeys, {
        version: 2,
        key1: inv.params.key1,
        key2: inv.params.key2,
      }),
    );
    const alice = new Party(initiatorRatchet(inv.privateKeys, joiner.params));
    expect(alice.state.versions).toEqual({ current: 2, maxSupported: 3 });
    alice.receive(bob.send('v2 header, max 3'));
    expect(alice.state.versions.current).toBe(3);
    const reply = alice.send('now v3');
    expect(reply[0]).toBe(0); // 2-byte length prefix
    expect(bob.receive(reply)).toBe('now v3');
    expect(bob.state.versions.current).toBe(3);
  });

  it('rejects unsupported versions and KEM ciphertexts we never asked for', () => {
    const inv = newInitiatorE2eParams();
    const joiner = newJoinerE2eParams(1);
    expect(
      code(() =>
        joinerRatchet(joiner.privateKeys, {
          version: 1,
          key1: inv.params.key1,
          key2: inv.params.key2,
        }),
      ),
    ).toBe('VERSION');
    const accepted = {
      ...newJoinerE2eParams(3).params,
      kem: {
        kind: 'accepted' as const,
        ciphertext: new Uint8Array(1039),
        publicKey: new Uint8Array(1158),
      },
    };
    expect(code(() => initiatorRatchet(inv.privateKeys, accepted))).toBe('KEM_STATE');
    const proposed = {
      ...accepted,
      kem: { kind: 'proposed' as const, publicKey: new Uint8Array(1158) },
    };
    expect(() => initiatorRatchet(inv.privateKeys, proposed)).not.toThrow();
  });

  it('keeps the plaintext separate from the ratchet keys (associated data binds both parties)', () => {
    const { alice, bob } = handshake();
    const msg = bob.send('bound');
    const tamperedAd = {
      ...alice.state,
      assocData: concatBytes(alice.state.assocData.slice(0, 111), new Uint8Array([0])),
    };
    expect(code(() => ratchetDecrypt(tamperedAd, [], msg))).toBe('HEADER');
  });
});
