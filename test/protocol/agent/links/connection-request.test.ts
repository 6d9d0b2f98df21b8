import { beforeAll, describe, expect, it } from 'vitest';
import { DecodeError, decodeAll, encode, toHex } from '../../../../src/protocol/encoding';
import { cryptoReady } from '../../../../src/protocol/crypto';
import {
  adjustContactAgentVersions,
  formatConnectionRequest,
  parseConnectionRequest,
  readConnectionRequest,
  writeConnectionRequest,
  type ConnectionRequest,
} from '../../../../src/protocol/agent';
import { contactRequest, invitationRequest, queue } from './fixtures';

beforeAll(cryptoReady);

const bin = (cr: ConnectionRequest) => encode((w) => writeConnectionRequest(w, cr));
const unbin = (b: Uint8Array) => decodeAll(b, readConnectionRequest);

describe('connection requests', () => {
  it('round-trips invitations and contact addresses in text and binary form', () => {
    for (const cr of [
      invitationRequest(),
      contactRequest(),
      { ...contactRequest(), queues: [queue('contact'), queue('contact')] },
    ]) {
      expect(parseConnectionRequest(formatConnectionRequest(cr))).toEqual(cr);
      expect(unbin(bin(cr))).toEqual(cr);
    }
  });

  it('escapes client data as UTF-8 with %20 for spaces', () => {
    const cr = { ...contactRequest(), clientData: 'группа 1' };
    const text = formatConnectionRequest(cr);
    expect(text).toContain('&data=%D0%B3%D1%80%D1%83%D0%BF%D0%BF%D0%B0%201');
    expect(parseConnectionRequest(text).clientData).toBe('группа 1');
  });

  it('treats binary queues without a mode as contact queues', () => {
    const cr = {
      ...contactRequest(),
      queues: [{ ...queue('contact'), clientVersions: { min: 4, max: 4 }, queueMode: undefined }],
    };
    expect(unbin(bin(cr)).queues[0]!.queueMode).toBe('contact');
  });

  it('raises old contact link ranges to the oldest supported agent version', () => {
    expect(adjustContactAgentVersions({ min: 1, max: 1 })).toEqual({ min: 2, max: 2 });
    expect(adjustContactAgentVersions({ min: 1, max: 5 })).toEqual({ min: 2, max: 5 });
    expect(adjustContactAgentVersions({ min: 3, max: 7 })).toEqual({ min: 3, max: 7 });
    // Invitations are not adjusted.
    const inv = { ...invitationRequest(), agentVersions: { min: 1, max: 1 } };
    expect(parseConnectionRequest(formatConnectionRequest(inv)).agentVersions).toEqual({
      min: 1,
      max: 1,
    });
  });

  it('rejects malformed links with a DecodeError', () => {
    const good = formatConnectionRequest(invitationRequest());
    const contact = formatConnectionRequest(contactRequest());
    for (const bad of [
      good.replace('simplex:/invitation', 'simplex:/other'),
      good.replace('simplex:', 'http://x'),
      good.replace(/&e2e=[^&]*/, ''),
      good.replace(/v=2-7/, 'v=7-2'),
      good.replace(/smp=[^&]*/, 'smp='),
      contact.replace(/v=2-7&/, ''),
      `${good} trailing`,
      `${contact}&data=%FF`,
    ]) {
      expect(() => parseConnectionRequest(bad), bad).toThrow(DecodeError);
    }
    const bytes = bin(invitationRequest());
    expect(() => unbin(bytes.subarray(0, bytes.length - 3))).toThrow(DecodeError);
    expect(() => unbin(Uint8Array.of(0x58, ...bytes.subarray(1)))).toThrow(DecodeError);
    expect(toHex(bytes.subarray(0, 5))).toBe('4900020007');
  });
});
