/**
 * The receive queues the client keeps subscribed, per server: the only secrets the client
 * holds beyond one command, because re-subscribing after a reconnect needs the recipient key
 * and decrypting MSG needs the recipient's DH secret with the server.
 */
import { toHex } from '../../../protocol/encoding';
import type { SmpServer } from '../../../protocol/smp';
import type { SmpConnection } from './connection';
import type { AuthKey } from './keys';

export interface Subscription {
  readonly server: SmpServer;
  readonly rcvId: Uint8Array;
  readonly rcvAuthKey: AuthKey;
  /** DH(server's queue key, recipient's DH key): opens MSG bodies. */
  readonly rcvDhSecret: Uint8Array;
  /** Which connection the SUB went out on and how it ended; unset until it is sent. */
  sent?: { readonly on: SmpConnection; readonly result: Promise<void> } | undefined;
}

export class SubscriptionRegistry {
  private readonly byServer = new Map<string, Map<string, Subscription>>();

  get size(): number {
    let n = 0;
    for (const m of this.byServer.values()) n += m.size;
    return n;
  }

  get(serverKey: string, rcvId: Uint8Array): Subscription | undefined {
    return this.byServer.get(serverKey)?.get(toHex(rcvId));
  }

  /** Adds or replaces the subscription of `sub.rcvId`. */
  set(serverKey: string, sub: Subscription): void {
    let m = this.byServer.get(serverKey);
    if (!m) this.byServer.set(serverKey, (m = new Map<string, Subscription>()));
    m.set(toHex(sub.rcvId), sub);
  }

  /** Removes it, only if it is still `expected` when given (a newer one stays). */
  delete(serverKey: string, rcvId: Uint8Array, expected?: Subscription): boolean {
    const m = this.byServer.get(serverKey);
    const key = toHex(rcvId);
    const current = m?.get(key);
    if (!m || !current || (expected && current !== expected)) return false;
    m.delete(key);
    if (m.size === 0) this.byServer.delete(serverKey);
    return true;
  }

  forServer(serverKey: string): Subscription[] {
    return [...(this.byServer.get(serverKey)?.values() ?? [])];
  }

  hasServer(serverKey: string): boolean {
    return this.byServer.has(serverKey);
  }
}
