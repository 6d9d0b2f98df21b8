import { describe, expect, it } from 'vitest';
import type { SmpServer } from '../../../../src/protocol/smp';
import {
  SubscriptionRegistry,
  type Subscription,
} from '../../../../src/main/engine/smp/subscriptions';

const server: SmpServer = { hosts: ['127.0.0.1'], port: '5223', keyHash: new Uint8Array(32) };
const sub = (id: number): Subscription => ({
  server,
  rcvId: Uint8Array.of(id),
  rcvAuthKey: { algorithm: 'ed25519', privateKey: new Uint8Array(64) },
  rcvDhSecret: new Uint8Array(32),
});

describe('subscription registry', () => {
  it('keeps queues per server by recipient id', () => {
    const r = new SubscriptionRegistry();
    const a = sub(1);
    const b = sub(2);
    r.set('s1', a);
    r.set('s1', b);
    r.set('s2', sub(1));
    expect(r.size).toBe(3);
    expect(r.get('s1', Uint8Array.of(1))).toBe(a);
    expect(r.forServer('s1')).toEqual([a, b]);
    expect(r.forServer('nowhere')).toEqual([]);
    expect(r.hasServer('s2')).toBe(true);
  });

  it('replaces a queue subscribed again', () => {
    const r = new SubscriptionRegistry();
    const older = sub(1);
    const newer = sub(1);
    r.set('s', older);
    r.set('s', newer);
    expect(r.size).toBe(1);
    expect(r.get('s', Uint8Array.of(1))).toBe(newer);
  });

  it('deletes only the expected subscription when one is named', () => {
    const r = new SubscriptionRegistry();
    const older = sub(1);
    const newer = sub(1);
    r.set('s', newer);
    expect(r.delete('s', Uint8Array.of(1), older)).toBe(false);
    expect(r.get('s', Uint8Array.of(1))).toBe(newer);
    expect(r.delete('s', Uint8Array.of(1))).toBe(true);
    expect(r.hasServer('s')).toBe(false);
    expect(r.delete('s', Uint8Array.of(1))).toBe(false);
  });
});
