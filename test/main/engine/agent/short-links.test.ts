import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeConnLinkData,
  encodeConnLinkData,
  newInitiatorE2eParams,
  newOwnerAuth,
  type ConnectionRequest,
} from '../../../../src/protocol/agent';
import { cryptoReady, ed25519KeyPair, x25519KeyPair } from '../../../../src/protocol/crypto';
import { newLinkData } from '../../../../src/main/engine/agent/short-links';

beforeAll(cryptoReady);

const queue = (queueMode: 'messaging' | 'contact') => ({
  clientVersions: { min: 1, max: 4 },
  server: { hosts: ['smp.example.com'], port: '', keyHash: new Uint8Array(32) },
  senderId: new Uint8Array(24).fill(1),
  dhPublicKey: x25519KeyPair().publicKey,
  queueMode,
});
const contact = (): ConnectionRequest => ({
  mode: 'contact',
  agentVersions: { min: 6, max: 7 },
  queues: [queue('contact')],
});
const invitation = (): ConnectionRequest => ({
  mode: 'invitation',
  agentVersions: { min: 6, max: 7 },
  queues: [queue('messaging')],
  e2e: newInitiatorE2eParams().params,
});
const text = (s: string) => new TextEncoder().encode(s);

describe('newLinkData', () => {
  it('signs contact link data with a new root key and derives the link id', () => {
    const { data, userData } = newLinkData(contact(), { userData: text('profile'), direct: false });
    expect(data.linkId).toHaveLength(24);
    expect(userData).toMatchObject({ mode: 'contact', direct: false, owners: [], relays: [] });
    expect(data.fixedData.rootKey).toEqual(data.rootKeyPair.publicKey);
  });

  it('has no owners or relays for invitations', () => {
    const { data, userData } = newLinkData(invitation(), { userData: text('hi') });
    expect(data.linkId).toBeUndefined();
    expect(decodeConnLinkData(encodeConnLinkData(userData))).toMatchObject({
      mode: 'invitation',
      userData: text('hi'),
    });
    const owner = newOwnerAuth(ed25519KeyPair().privateKey, text('o'), ed25519KeyPair().publicKey);
    expect(() => newLinkData(invitation(), { userData: text('x'), owners: [owner] })).toThrow(
      expect.objectContaining({ code: 'LINK' }),
    );
  });

  it('refuses owners that the new root key did not authorise', () => {
    const owner = newOwnerAuth(ed25519KeyPair().privateKey, text('o'), ed25519KeyPair().publicKey);
    expect(() => newLinkData(contact(), { userData: text('x'), owners: [owner] })).toThrow(
      expect.objectContaining({ code: 'LINK_DATA', detail: 'OWNER_AUTH' }),
    );
  });
});
