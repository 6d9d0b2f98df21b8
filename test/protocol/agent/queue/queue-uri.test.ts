import { beforeAll, describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../src/protocol/encoding';
import { cryptoReady } from '../../../../src/protocol/crypto';
import {
  addLegacyOnionHost,
  formatSmpQueueUri,
  parseSmpQueueUri,
} from '../../../../src/protocol/agent';
import { queue } from '../links/fixtures';

beforeAll(cryptoReady);

const DH = 'MCowBQYDK2VuAyEAjiswwI3O_NlS8Fk3HJUW870EY2bAwmttMBsvRB9eV3o%3D';

describe('queue URIs', () => {
  it('round-trips queues of every mode and version range', () => {
    for (const mode of ['messaging', 'contact', undefined] as const) {
      for (const clientVersions of [
        { min: 1, max: 4 },
        { min: 2, max: 3 },
        { min: 4, max: 4 },
      ]) {
        const q = { ...queue('contact'), queueMode: mode, clientVersions };
        expect(parseSmpQueueUri(formatSmpQueueUri(q))).toEqual(q);
      }
    }
  });

  it('writes k=s only while old clients may read the link', () => {
    const q = { ...queue('messaging'), clientVersions: { min: 4, max: 4 } };
    expect(formatSmpQueueUri(q)).toContain('&q=m');
    expect(formatSmpQueueUri(q)).not.toContain('k=s');
    expect(formatSmpQueueUri({ ...q, clientVersions: { min: 3, max: 4 } })).toContain('&q=m&k=s');
  });

  it('reads k=s alone as a messaging queue', () => {
    const q = parseSmpQueueUri(`smp://AQID@h.example/AQID#/?v=1-3&dh=${DH}&k=s`);
    expect(q.queueMode).toBe('messaging');
  });

  it('adds the known onion host to single-host version-1 preset addresses', () => {
    const q = parseSmpQueueUri(
      'smp://AQID@smp5.simplex.im/AQID#MCowBQYDK2VuAyEAjiswwI3O_NlS8Fk3HJUW870EY2bAwmttMBsvRB9eV3o=',
    );
    expect(q.server.hosts).toEqual([
      'smp5.simplex.im',
      'jjbyvoemxysm7qxap7m5d5m35jzv5qq6gnlv7s4rsn7tdwwmuqciwpid.onion',
    ]);
    expect(
      addLegacyOnionHost({ hosts: ['a', 'b'], port: '', keyHash: new Uint8Array(1) }).hosts,
    ).toEqual(['a', 'b']);
  });

  it('rejects malformed addresses with a DecodeError', () => {
    for (const bad of [
      `smp://AQID@h.example/AQID#/?dh=${DH}`, // no version
      `smp://AQID@h.example/AQID#/?v=1-4`, // no key
      `smp://AQID@h.example/AQID#/?v=4-1&dh=${DH}`,
      `smp://AQID@h.example/#/?v=1-4&dh=${DH}`, // no sender ID
      `smp://AQID:pass@h.example/AQID#/?v=1-4&dh=${DH}`,
      `smp://AQID@h.example/AQID#/?v=1-4&dh=${DH}&srv=bad%20host`,
      `smp://AQID@h.example/AQID#/?v=1-4&dh=MEIwBQYDK2VvAzkAmKuSYeQ_m0SixPDS8Wq8VBaTS1cW-Lp0n0h4Diu-kUpR-qXx4SDJ32YGEFoGFGSbGPry5Ychr6U%3D`,
      `smp://AQID@h.example/AQID#/?v=1-4&dh=${DH} `,
      `https://AQID@h.example/AQID#/?v=1-4&dh=${DH}`,
      `smp://AQID@h.example/AQID#!!`,
    ]) {
      expect(() => parseSmpQueueUri(bad), bad).toThrow(DecodeError);
    }
  });
});
