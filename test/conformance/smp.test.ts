import { beforeAll, describe, expect, it } from 'vitest';
import {
  cryptoReady,
  ed25519KeyPair,
  encodeSpki,
  hkdf512,
  sha256,
  x25519PublicKey,
} from '../../src/protocol/crypto';
import {
  base64url,
  fromBase64,
  fromHex,
  fromUtf8,
  latin1,
  toHex,
} from '../../src/protocol/encoding';
import {
  BlockCipher,
  SMP_BLOCK_SIZE,
  authorizedBytes,
  certificateFingerprint,
  decodeBatch,
  decodeClientHello,
  decodeCommand,
  decodeResponse,
  decodeTransmission,
  decryptBlock,
  encodeBatch,
  encodeClientHello,
  encodeCommand,
  encodeResponse,
  encodeTransmission,
  encryptBlock,
  padBlock,
  parseCertificate,
  parseSmpServer,
  sbcHkdf,
  sbcInit,
  senderIdFromCorrId,
  serverIdentity,
  unpadBlock,
  verifyCertificateSignature,
  type Command,
  type Response,
} from '../../src/protocol/smp';
import { mqVector, seq, webVector } from './vectors';

beforeAll(cryptoReady);

const ascii = (s: string) => latin1(s);
const SESSION = seq(200, 32);
const v18 = { version: 18, sessionId: SESSION };

function roundTripCommand(version: number, c: Command): Uint8Array {
  const bytes = encodeCommand(version, c);
  expect(decodeCommand(version, bytes)).toEqual({ ok: true, value: c });
  return bytes;
}

function roundTripResponse(version: number, r: Response): Uint8Array {
  const bytes = encodeResponse(version, r);
  expect(decodeResponse(version, bytes)).toEqual({ ok: true, value: r });
  return bytes;
}

describe('simplexmq SMP vectors', () => {
  it('smp.transmission.ping', () => {
    const v = mqVector<
      { corr_id_hex: string; smp_version: number },
      {
        transmission_hex: string;
        batch_hex: string;
        padded_block_length: number;
        padded_block_sha256_hex: string;
      }
    >('smp.transmission.ping');
    const params = { version: v.input.smp_version, sessionId: SESSION };
    const corrId = fromHex(v.input.corr_id_hex);
    const t = encodeTransmission(params, {
      corrId,
      entityId: new Uint8Array(0),
      command: encodeCommand(params.version, { type: 'PING' }),
    });
    expect(toHex(t)).toBe(v.expected.transmission_hex);
    const batch = encodeBatch([t]);
    expect(toHex(batch)).toBe(v.expected.batch_hex);
    const block = padBlock(batch);
    expect(block.length).toBe(v.expected.padded_block_length);
    expect(toHex(sha256(block))).toBe(v.expected.padded_block_sha256_hex);

    const [back] = decodeBatch(unpadBlock(block));
    const decoded = decodeTransmission(params, back!);
    expect(decoded.authorization).toBeUndefined();
    expect(decoded.corrId).toEqual(corrId);
    expect(decodeCommand(params.version, decoded.command)).toEqual({
      ok: true,
      value: { type: 'PING' },
    });
  });

  it('smp.command.new.messaging_queue', () => {
    const v = mqVector<Record<string, string | number | boolean | null>, { command_hex: string }>(
      'smp.command.new.messaging_queue',
    );
    const rcv = ed25519KeyPair(fromHex(v.input.recipient_ed25519_seed_hex as string));
    expect(toHex(rcv.publicKey)).toBe(v.input.recipient_ed25519_public_hex);
    const dhPub = x25519PublicKey(fromHex(v.input.recipient_dh_x25519_private_hex as string));
    expect(toHex(dhPub)).toBe(v.input.recipient_dh_x25519_public_hex);
    const bytes = roundTripCommand(v.input.smp_version as number, {
      type: 'NEW',
      rcvAuthKey: encodeSpki('ed25519', rcv.publicKey),
      rcvDhKey: encodeSpki('x25519', dhPub),
      basicAuth: undefined,
      subscribe: true,
      queueRequest: { mode: 'messaging', link: undefined },
      ntfCreds: undefined,
    });
    expect(toHex(bytes)).toBe(v.expected.command_hex);
  });

  it('smp.command.ack', () => {
    const v = mqVector<{ msg_id_hex: string }, { command_hex: string }>('smp.command.ack');
    const bytes = roundTripCommand(18, { type: 'ACK', msgId: fromHex(v.input.msg_id_hex) });
    expect(toHex(bytes)).toBe(v.expected.command_hex);
  });

  it('smp.command.send', () => {
    const v = mqVector<{ notification: boolean; body_ascii: string }, { command_hex: string }>(
      'smp.command.send',
    );
    const bytes = roundTripCommand(18, {
      type: 'SEND',
      notification: v.input.notification,
      body: ascii(v.input.body_ascii),
    });
    expect(toHex(bytes)).toBe(v.expected.command_hex);
  });

  it('smp.command.skey', () => {
    const v = mqVector<{ sender_ed25519_public_hex: string }, { command_hex: string }>(
      'smp.command.skey',
    );
    const senderKey = encodeSpki('ed25519', fromHex(v.input.sender_ed25519_public_hex));
    const bytes = roundTripCommand(18, { type: 'SKEY', senderKey });
    expect(toHex(bytes)).toBe(v.expected.command_hex);
    // KEY and LKEY share the layout.
    expect(toHex(roundTripCommand(18, { type: 'KEY', senderKey }))).toBe(
      toHex(ascii('KEY')) + v.expected.command_hex.slice(8),
    );
    expect(toHex(roundTripCommand(18, { type: 'LKEY', senderKey }))).toBe(
      toHex(ascii('LKEY')) + v.expected.command_hex.slice(8),
    );
  });

  it('smp.command.simple_tags', () => {
    const v = mqVector<null, Record<string, string>>('smp.command.simple_tags');
    for (const [tag, hex] of Object.entries(v.expected)) {
      if (tag === 'NDEL') {
        // Notifications are outside our subset: recognised, reported as unsupported.
        expect(decodeCommand(18, fromHex(hex))).toEqual({
          ok: false,
          error: 'UNSUPPORTED',
          tag,
        });
        continue;
      }
      const bytes = roundTripCommand(18, { type: tag } as Command);
      expect(toHex(bytes), tag).toBe(hex);
    }
  });

  it('smp.response.ids', () => {
    const v = mqVector<Record<string, string | number | null>, { response_hex: string }>(
      'smp.response.ids',
    );
    const bytes = roundTripResponse(v.input.smp_version as number, {
      type: 'IDS',
      recipientId: fromHex(v.input.recipient_id_hex as string),
      senderId: fromHex(v.input.sender_id_hex as string),
      serverDhKey: encodeSpki('x25519', fromHex(v.input.server_dh_public_hex as string)),
      queueMode: 'contact',
      linkId: fromHex(v.input.link_id_hex as string),
      serviceId: undefined,
      serverNtfCreds: undefined,
    });
    expect(toHex(bytes)).toBe(v.expected.response_hex);
  });

  it('smp.command.lset', () => {
    const v = mqVector<
      { link_id_hex: string; enc_fixed_hex: string; enc_user_hex: string },
      { command_hex: string }
    >('smp.command.lset');
    const data = {
      fixedData: fromHex(v.input.enc_fixed_hex),
      userData: fromHex(v.input.enc_user_hex),
    };
    const bytes = roundTripCommand(18, {
      type: 'LSET',
      linkId: fromHex(v.input.link_id_hex),
      data,
    });
    expect(toHex(bytes)).toBe(v.expected.command_hex);
    // LNK carries the same blobs after the sender id.
    const lnk = roundTripResponse(18, {
      type: 'LNK',
      senderId: fromHex(v.input.link_id_hex),
      data,
    });
    expect(toHex(lnk)).toBe(toHex(ascii('LNK')) + v.expected.command_hex.slice(8));
  });

  it('smp.sender_id_from_corr_id', () => {
    const v = mqVector<{ corr_id_hex: string }, { sender_id_hex: string }>(
      'smp.sender_id_from_corr_id',
    );
    expect(toHex(senderIdFromCorrId(fromHex(v.input.corr_id_hex)))).toBe(v.expected.sender_id_hex);
  });

  it('transport.block_encryption_chain', () => {
    interface Step {
      secretbox_key_hex: string;
      nonce_hex: string;
      next_chain_key_hex?: string;
    }
    const v = mqVector<
      { tls_session_id_hex: string; dh_secret_hex: string },
      {
        chain_key_1_hex: string;
        chain_key_2_hex: string;
        client_to_server_first: Step;
        client_to_server_second: Step;
        server_to_client_first: Step;
      }
    >('transport.block_encryption_chain');
    const [ck1, ck2] = sbcInit(fromHex(v.input.tls_session_id_hex), fromHex(v.input.dh_secret_hex));
    expect(toHex(ck1)).toBe(v.expected.chain_key_1_hex);
    expect(toHex(ck2)).toBe(v.expected.chain_key_2_hex);
    const c1 = sbcHkdf(ck2);
    expect(toHex(c1.key)).toBe(v.expected.client_to_server_first.secretbox_key_hex);
    expect(toHex(c1.nonce)).toBe(v.expected.client_to_server_first.nonce_hex);
    expect(toHex(c1.nextChainKey)).toBe(v.expected.client_to_server_first.next_chain_key_hex);
    const c2 = sbcHkdf(c1.nextChainKey);
    expect(toHex(c2.key)).toBe(v.expected.client_to_server_second.secretbox_key_hex);
    expect(toHex(c2.nonce)).toBe(v.expected.client_to_server_second.nonce_hex);
    const s1 = sbcHkdf(ck1);
    expect(toHex(s1.key)).toBe(v.expected.server_to_client_first.secretbox_key_hex);
    expect(toHex(s1.nonce)).toBe(v.expected.server_to_client_first.nonce_hex);

    // The stateful ciphers use the same steps: what the client seals the server opens.
    const sessionId = fromHex(v.input.tls_session_id_hex);
    const secret = fromHex(v.input.dh_secret_hex);
    const client = BlockCipher.forClient(sessionId, secret);
    const server = BlockCipher.forServer(sessionId, secret);
    const first = client.encode(ascii('one'));
    expect(first).toEqual(encryptBlock(c1.key, c1.nonce, ascii('one')));
    expect(server.decode(first)).toEqual(ascii('one'));
    expect(server.decode(client.encode(ascii('two')))).toEqual(ascii('two'));
    expect(decryptBlock(s1.key, s1.nonce, server.encode(ascii('back')))).toEqual(ascii('back'));
  });

  it('server_identity.fingerprint_of_ca_cert', () => {
    const v = mqVector<
      { ca_cert_der_b64: string; cert_key_algorithm: string },
      { fingerprint_b64url: string; server_address: string }
    >('server_identity.fingerprint_of_ca_cert');
    const der = fromBase64(v.input.ca_cert_der_b64);
    expect(base64url(certificateFingerprint(der))).toBe(v.expected.fingerprint_b64url);
    // The identity is chain[1]: a 2-certificate chain [leaf, CA] has the CA's fingerprint.
    expect(serverIdentity([new Uint8Array(1), der])).toBe(v.expected.fingerprint_b64url);
    expect(parseSmpServer(v.expected.server_address).keyHash).toEqual(certificateFingerprint(der));
    // The fixture CA is a self-signed Ed448 certificate, and it verifies as one.
    const cert = parseCertificate(der);
    expect(cert.signatureAlgorithm).toEqual({ type: 'ed448' });
    expect(verifyCertificateSignature(cert, cert.subjectPublicKeyInfo)).toBe('valid');
  });
});

describe('smp-web vectors', () => {
  const sessionId = seq(1, 32);
  const dhSecret = seq(33, 32);
  const linkId = hkdf512(new Uint8Array(0), seq(100, 32), 'SimpleXContactLink', 56).slice(0, 24);
  const lget = {
    corrId: seq(0, 24),
    entityId: linkId,
    command: encodeCommand(18, { type: 'LGET' }),
  };

  it('smp-web:sbcInit', () => {
    const want = webVector<{ sndChainKey: string; rcvChainKey: string }>('sbcInit');
    const [ck1, ck2] = sbcInit(sessionId, dhSecret);
    expect(toHex(ck1)).toBe(want.sndChainKey);
    expect(toHex(ck2)).toBe(want.rcvChainKey);
  });

  it('smp-web:sbcHkdf_snd0', () => {
    const want = webVector<{ sbKey: string; nonce: string; nextChainKey: string }>('sbcHkdf_snd0');
    const step = sbcHkdf(sbcInit(sessionId, dhSecret)[0]);
    expect(toHex(step.key)).toBe(want.sbKey);
    expect(toHex(step.nonce)).toBe(want.nonce);
    expect(toHex(step.nextChainKey)).toBe(want.nextChainKey);
  });

  it('smp-web:encryptedBlock', () => {
    const want = webVector<{ length: number; sha256: string }>('encryptedBlock');
    const step = sbcHkdf(sbcInit(sessionId, dhSecret)[0]);
    const block = encryptBlock(step.key, step.nonce, ascii('hello block'));
    expect(block.length).toBe(want.length);
    expect(block.length).toBe(SMP_BLOCK_SIZE);
    expect(toHex(sha256(block))).toBe(want.sha256);
    // The server's first block, sent with chain 1.
    expect(BlockCipher.forServer(sessionId, dhSecret).encode(ascii('hello block'))).toEqual(block);
  });

  it('smp-web:decryptedBlock', () => {
    const want = webVector<string>('decryptedBlock');
    const block = BlockCipher.forServer(sessionId, dhSecret).encode(ascii(want));
    expect(fromUtf8(BlockCipher.forClient(sessionId, dhSecret).decode(block))).toBe(want);
  });

  it('smp-web:encodeLGET', () => {
    const want = webVector<string>('encodeLGET');
    // Upstream's "transmission to send": corrId, entity and command, after the authorization.
    const t = encodeTransmission(v18, lget);
    expect(toHex(t.subarray(1))).toBe(want);
    expect(toHex(authorizedBytes(SESSION, lget.corrId, lget.entityId, lget.command))).toBe(
      '20' + toHex(SESSION) + want,
    );
  });

  it('smp-web:encodeSEND', () => {
    const want = webVector<string>('encodeSEND');
    expect(
      toHex(roundTripCommand(18, { type: 'SEND', notification: false, body: ascii('msg') })),
    ).toBe(want);
  });

  it('smp-web:clientHandshake', () => {
    const want = webVector<string>('clientHandshake');
    const hello = {
      version: 19,
      keyHash: seq(1, 32),
      clientKey: x25519PublicKey(seq(70, 32)),
      proxyServer: false,
      service: undefined,
    };
    const block = encodeClientHello(hello);
    expect(block.length).toBe(SMP_BLOCK_SIZE);
    expect(toHex(unpadBlock(block))).toBe(want);
    expect(decodeClientHello(block)).toEqual(hello);
  });

  it('smp-web:batch1_LGET', () => {
    const want = webVector<string>('batch1_LGET');
    const batch = encodeBatch([encodeTransmission(v18, lget)]);
    expect(toHex(batch)).toBe(want);
    const [t] = decodeBatch(batch);
    const decoded = decodeTransmission(v18, t!);
    expect(decoded.entityId).toEqual(linkId);
    expect(decoded.authorized).toEqual(
      authorizedBytes(SESSION, lget.corrId, lget.entityId, lget.command),
    );
  });
});
