/**
 * Commands waiting for their response, by corrId, each with its own timeout. A response whose
 * corrId is unknown (it came after the timeout, or was never asked for) finds nothing here.
 */
import { toHex } from '../../../protocol/encoding';
import type { CommandTag, Response } from '../../../protocol/smp';
import { SmpClientError } from './errors';
import type { Timers } from './timers';

export interface PendingRequest {
  /** The entity the command was sent to; its response must name the same one. */
  readonly entityId: Uint8Array;
  readonly command: CommandTag;
  resolve(response: Response): void;
  reject(error: SmpClientError): void;
}

interface Entry extends PendingRequest {
  cancelTimer(): void;
}

export class PendingRequests {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly timers: Timers,
    /** Told about every timeout, e.g. to count them towards declaring the connection dead. */
    private readonly onTimeout: (command: CommandTag) => void = () => undefined,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  add(corrId: Uint8Array, request: PendingRequest, timeoutMs: number): void {
    const key = toHex(corrId);
    if (this.entries.has(key)) throw new Error('corrId is already waiting for a response');
    const cancelTimer = this.timers.after(timeoutMs, () => {
      if (this.entries.get(key) !== entry) return;
      this.entries.delete(key);
      request.reject(new SmpClientError('TIMEOUT', `no response to ${request.command}`));
      this.onTimeout(request.command);
    });
    const entry: Entry = { ...request, cancelTimer };
    this.entries.set(key, entry);
  }

  /** The request `corrId` answers, removed and with its timer stopped. */
  take(corrId: Uint8Array): PendingRequest | undefined {
    const key = toHex(corrId);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    entry.cancelTimer();
    return entry;
  }

  /** Rejects every waiting request (the connection is gone). */
  failAll(error: SmpClientError): void {
    const all = [...this.entries.values()];
    this.entries.clear();
    for (const entry of all) {
      entry.cancelTimer();
      entry.reject(error);
    }
  }
}
