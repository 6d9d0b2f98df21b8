// Shared builders for link tests: a queue, contact and invitation requests, link data.
import { randomBytes, x25519KeyPair } from '../../../../src/protocol/crypto';
import {
  newInitiatorE2eParams,
  type ContactLinkData,
  type ContactRequest,
  type InvitationRequest,
  type OwnerAuth,
  type SmpQueueUri,
} from '../../../../src/protocol/agent';

export const server = {
  hosts: ['smp.example.com', 'abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvw.onion'],
  port: '5223',
  keyHash: new Uint8Array(32).fill(3),
};

export function queue(mode: 'messaging' | 'contact'): SmpQueueUri {
  return {
    clientVersions: { min: 1, max: 4 },
    server,
    senderId: randomBytes(24),
    dhPublicKey: x25519KeyPair().publicKey,
    queueMode: mode,
  };
}

export function contactRequest(): ContactRequest {
  return {
    mode: 'contact',
    agentVersions: { min: 2, max: 7 },
    queues: [queue('contact')],
    clientData: '{"type":"group_link"}',
  };
}

export function invitationRequest(): InvitationRequest {
  return {
    mode: 'invitation',
    agentVersions: { min: 2, max: 7 },
    queues: [queue('messaging')],
    clientData: undefined,
    e2e: newInitiatorE2eParams().params,
  };
}

export function contactData(owners: readonly OwnerAuth[] = [], text = 'profile'): ContactLinkData {
  return {
    mode: 'contact',
    agentVersions: { min: 2, max: 7 },
    direct: true,
    owners,
    relays: [],
    userData: new TextEncoder().encode(text),
  };
}
