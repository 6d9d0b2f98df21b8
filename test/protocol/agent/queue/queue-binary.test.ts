import { beforeAll, describe, expect, it } from 'vitest';
import { DecodeError, Reader, decodeAll, encode, toHex } from '../../../../src/protocol/encoding';
import { cryptoReady } from '../../../../src/protocol/crypto';
import {
  readSmpQueueInfo,
  readSmpQueueUri,
  readSndQueueAddress,
  sameQueueAddress,
  writeSmpQueueInfo,
  writeSmpQueueUri,
  writeSndQueueAddress,
  type SmpQueueInfo,
  type SmpQueueUri,
} from '../../../../src/protocol/agent';
import { queue } from '../links/fixtures';

beforeAll(cryptoReady);

const uriBytes = (q: SmpQueueUri) => encode((w) => writeSmpQueueUri(w, q));
const infoBytes = (q: SmpQueueInfo) => encode((w) => writeSmpQueueInfo(w, q));
const lastByte = (b: Uint8Array) => toHex(b.subarray(-1));

function info(mode: 'messaging' | 'contact', clientVersion: number): SmpQueueInfo {
  const { clientVersions: _, ...address } = queue(mode);
  return { ...address, clientVersion };
}

describe('binary queue URIs', () => {
  it('chooses the mode suffix by version range', () => {
    const m = queue('messaging');
    expect(lastByte(uriBytes({ ...m, clientVersions: { min: 4, max: 4 } }))).toBe('4d'); // M
    expect(
      lastByte(uriBytes({ ...m, clientVersions: { min: 4, max: 4 }, queueMode: 'contact' })),
    ).toBe('43'); // C
    expect(lastByte(uriBytes({ ...m, clientVersions: { min: 3, max: 4 } }))).toBe('54'); // T
    expect(
      lastByte(uriBytes({ ...m, clientVersions: { min: 3, max: 4 }, queueMode: 'contact' })),
    ).toBe('46'); // F
    const v2 = { ...m, clientVersions: { min: 2, max: 2 } };
    expect(decodeAll(uriBytes(v2), readSmpQueueUri).queueMode).toBeUndefined();
    // A range reaching 3 announces only a messaging queue.
    const contact13 = { ...m, clientVersions: { min: 1, max: 3 }, queueMode: 'contact' as const };
    expect(decodeAll(uriBytes(contact13), readSmpQueueUri).queueMode).toBeUndefined();
  });

  it('leaves a following field unread when there is no mode suffix', () => {
    const q = { ...queue('messaging'), clientVersions: { min: 2, max: 2 }, queueMode: undefined };
    const r = new Reader(
      encode((w) => {
        writeSmpQueueUri(w, q);
        w.ascii('0'); // e.g. the Maybe that follows a queue in QADD
      }),
    );
    expect(readSmpQueueUri(r)).toEqual(q);
    expect(r.remaining).toBe(1);
  });
});

describe('binary queue info', () => {
  it('round-trips each client version', () => {
    for (const clientVersion of [2, 3, 4]) {
      for (const queueMode of ['messaging', 'contact'] as const) {
        const q = info(queueMode, clientVersion);
        const back = decodeAll(infoBytes(q), readSmpQueueInfo);
        const expectedMode =
          clientVersion >= 4 || (clientVersion === 3 && queueMode === 'messaging')
            ? queueMode
            : undefined;
        expect(back).toEqual({ ...q, queueMode: expectedMode });
      }
    }
  });

  it('uses the one-host legacy server encoding at version 1', () => {
    const q = { ...info('messaging', 1), queueMode: undefined };
    const bytes = infoBytes(q);
    expect(toHex(bytes.subarray(0, 3))).toBe('00010f'); // version 1, first host as a shortString
    expect(decodeAll(bytes, readSmpQueueInfo)).toEqual({
      ...q,
      server: { ...q.server, hosts: [q.server.hosts[0]] },
    });
  });

  it('rejects version 0, bad hosts and truncated input', () => {
    const bytes = infoBytes(info('messaging', 4));
    expect(() => decodeAll(Uint8Array.of(0, 0, ...bytes.subarray(2)), readSmpQueueInfo)).toThrow(
      DecodeError,
    );
    expect(() => decodeAll(bytes.subarray(0, 40), readSmpQueueInfo)).toThrow(DecodeError);
    const legacy = infoBytes(info('messaging', 1));
    legacy[3] = 0x20; // a space in the host
    expect(() => decodeAll(legacy, readSmpQueueInfo)).toThrow(DecodeError);
  });
});

describe('sender queue addresses', () => {
  it('round-trip and compare by hosts, port and sender ID', () => {
    const q = queue('messaging');
    const a = { server: q.server, senderId: q.senderId };
    expect(
      decodeAll(
        encode((w) => writeSndQueueAddress(w, a)),
        readSndQueueAddress,
      ),
    ).toEqual(a);
    expect(sameQueueAddress(a, { ...a })).toBe(true);
    expect(sameQueueAddress(a, { ...a, senderId: Uint8Array.of(1) })).toBe(false);
    expect(sameQueueAddress(a, { ...a, server: { ...a.server, port: '1' } })).toBe(false);
    expect(
      sameQueueAddress(a, { ...a, server: { ...a.server, hosts: [...a.server.hosts].reverse() } }),
    ).toBe(false);
  });
});
