import { describe, expect, it } from 'vitest';
import { activeServers, serversView, testServer } from '../../../../src/main/engine/chat/servers';
import { silentLogger } from '../../../../src/main/engine/log';

const ADDRESS = 'smp://AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=@127.0.0.1:5223';
const OTHER = 'smp://BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA=@localhost:5224';

describe('chat servers', () => {
  it('uses the embedded server unless turned off, then the custom ones', () => {
    const embedded = { address: ADDRESS };
    const hosts = (s: ReturnType<typeof activeServers>) => s.map((x) => `${x.hosts[0]}:${x.port}`);
    expect(
      hosts(activeServers({ useEmbedded: true, custom: [OTHER] }, embedded, silentLogger)),
    ).toEqual(['127.0.0.1:5223', 'localhost:5224']);
    expect(
      hosts(activeServers({ useEmbedded: false, custom: [OTHER] }, embedded, silentLogger)),
    ).toEqual(['localhost:5224']);
    expect(activeServers({ useEmbedded: true, custom: [] }, undefined, silentLogger)).toEqual([]);
    expect(
      hosts(
        activeServers(
          { useEmbedded: false, custom: ['smp://broken', OTHER] },
          embedded,
          silentLogger,
        ),
      ),
    ).toEqual(['localhost:5224']);
  });

  it('reports whether the embedded server runs and where', () => {
    expect(serversView({ useEmbedded: true, custom: [] }, undefined)).toEqual({
      useEmbedded: true,
      embedded: { address: null, running: false, error: null },
      custom: [],
    });
    expect(
      serversView({ useEmbedded: false, custom: [OTHER] }, { address: ADDRESS }).embedded,
    ).toEqual({ address: ADDRESS, running: true, error: null });
  });

  it('says why the embedded server is not running, when the host could not start it', () => {
    const why = 'the embedded SMP server cannot listen on 127.0.0.1:5223: it is in use';
    expect(serversView({ useEmbedded: true, custom: [] }, undefined, why).embedded).toEqual({
      address: null,
      running: false,
      error: why,
    });
    // A running server has no error to show.
    expect(
      serversView({ useEmbedded: true, custom: [] }, { address: ADDRESS }, why).embedded,
    ).toMatchObject({ running: true, error: null });
  });

  it('explains an address that does not parse without touching the network', async () => {
    const result = await testServer('smp://no-fingerprint-here');
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^this is not a valid SMP server address/);
  });
});
