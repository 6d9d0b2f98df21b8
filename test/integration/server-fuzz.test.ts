// The SMP server under 100,000+ random and mutated inputs (transmissions, batches, blocks and
// handshakes, on TLS and WebSocket): it answers ERR or closes only the offending connection,
// never crashes, and a well-behaved client works at the end. `npm run fuzz` runs more.
import { describe, expect, it } from 'vitest';
import { fuzzSmpServer } from '../support/smp-fuzz';
import { useTempDirs } from '../support/temp-dir';
import { useSmpServers } from '../support/smp-test-server';

const tempDir = useTempDirs();
const startServer = useSmpServers();

describe('SMP server fuzz', () => {
  it('survives 100,000 hostile inputs and keeps serving', async () => {
    const s = await startServer(tempDir(), { wsPort: 0 });
    const stats = await fuzzSmpServer(
      { port: s.running.port, keyHash: s.running.server.keyHash, wsPort: s.running.wsPort },
      { iterations: 100_000, seed: 20261121 },
    );
    expect(stats.inputs).toBeGreaterThanOrEqual(100_000);
    expect(stats.transmissions).toBeGreaterThan(80_000);
    expect(stats.mutatedBatches).toBeGreaterThan(0);
    expect(stats.badBlocks).toBeGreaterThan(0);
    expect(stats.handshakes).toBeGreaterThan(0);
    expect(stats.responses).toBeGreaterThanOrEqual(stats.transmissions);
    console.log('fuzz:', JSON.stringify(stats));
  }, 300_000);
});
