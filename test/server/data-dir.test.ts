import { mkdirSync, readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { cryptoReady, sha256 } from '../../src/protocol/crypto';
import { base64url } from '../../src/protocol/encoding';
import { initDataDir, openDataDir, isDataDirEmpty } from '../../src/server/data-dir';
import { DataDirError } from '../../src/server/errors';
import { useTempDirs } from '../support/temp-dir';

beforeAll(cryptoReady);
const tempDir = useTempDirs();

describe('data directory', () => {
  it('init writes the identity, keys (0600), config, fingerprint and address', async () => {
    const dir = path.join(tempDir(), 'srv');
    const r = await initDataDir(dir, {
      hosts: ['smp.example', '10.1.2.3'],
      port: 5224,
      wsPort: 8443,
    });
    const caDer = new X509Certificate(readFileSync(path.join(dir, 'ca.crt'))).raw;
    expect(r.fingerprint).toBe(base64url(sha256(new Uint8Array(caDer))));
    expect(r.address).toBe(`smp://${r.fingerprint}@smp.example,10.1.2.3:5224`);
    expect(readFileSync(path.join(dir, 'address'), 'utf8').trim()).toBe(r.address);
    expect(readFileSync(path.join(dir, 'fingerprint'), 'utf8').trim()).toBe(r.fingerprint);
    for (const key of ['ca.key', 'server.key']) {
      expect(statSync(path.join(dir, key)).mode & 0o777).toBe(0o600);
    }
    const opened = await openDataDir(dir);
    expect(opened.config).toMatchObject({
      port: 5224,
      wsPort: 8443,
      hosts: ['smp.example', '10.1.2.3'],
    });
    expect(base64url(opened.identity.keyHash)).toBe(r.fingerprint);
  });

  it('refuses to initialise twice and leaves the first identity alone', async () => {
    const dir = tempDir();
    const first = await initDataDir(dir, { hosts: ['a'] });
    await expect(initDataDir(dir, { hosts: ['a'] })).rejects.toMatchObject({
      problem: 'ALREADY_INITIALISED',
    });
    expect(readFileSync(path.join(dir, 'fingerprint'), 'utf8').trim()).toBe(first.fingerprint);
  });

  it('validates the options before writing anything', async () => {
    const dir = path.join(tempDir(), 'srv');
    await expect(initDataDir(dir, { hosts: ['a'], port: 0 })).rejects.toMatchObject({
      problem: 'INVALID_CONFIG',
    });
    expect(await isDataDirEmpty(dir)).toBe(true);
  });

  it('removes what it wrote when a step fails', async () => {
    const dir = tempDir();
    // A leftover file where the server key goes makes init fail half-way.
    writeFileSync(path.join(dir, 'server.key'), 'leftover');
    await expect(initDataDir(dir, { hosts: ['a'] })).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['server.key']);
    await expect(openDataDir(dir)).rejects.toMatchObject({ problem: 'NOT_INITIALISED' });
  });

  it('open refuses a missing, non-directory, uninitialised or damaged directory', async () => {
    const root = tempDir();
    await expect(openDataDir(path.join(root, 'none'))).rejects.toMatchObject({
      problem: 'MISSING',
    });
    writeFileSync(path.join(root, 'file'), '');
    await expect(openDataDir(path.join(root, 'file'))).rejects.toMatchObject({
      problem: 'NOT_A_DIRECTORY',
    });
    mkdirSync(path.join(root, 'empty'));
    await expect(openDataDir(path.join(root, 'empty'))).rejects.toMatchObject({
      problem: 'NOT_INITIALISED',
    });

    const dir = path.join(root, 'srv');
    await initDataDir(dir, { hosts: ['a'] });
    writeFileSync(path.join(dir, 'server.json'), '{ not json');
    await expect(openDataDir(dir)).rejects.toMatchObject({ problem: 'INVALID_CONFIG' });
    writeFileSync(path.join(dir, 'server.json'), JSON.stringify({ hosts: ['a'], quota: 'many' }));
    await expect(openDataDir(dir)).rejects.toThrow(/quota/);
    writeFileSync(path.join(dir, 'server.json'), JSON.stringify({ hosts: ['a'] }));
    writeFileSync(path.join(dir, 'server.crt'), 'not a certificate');
    const e = await openDataDir(dir).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DataDirError);
    expect(e).toMatchObject({ problem: 'INVALID_CREDENTIALS' });
  });
});
