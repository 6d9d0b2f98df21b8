/**
 * A small typed event emitter. A listener that throws is logged and does not stop the others
 * (nor the connection reader that emitted the event).
 */
import type { Logger } from '../log';

export type Listener<T> = (payload: T) => void;

export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  constructor(private readonly log: Logger) {}

  /** Adds a listener; the returned function removes it. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<Events[K]>)(payload);
      } catch (e) {
        this.log.error('SMP client listener failed', {
          event: String(event),
          error: e instanceof Error ? e : null,
        });
      }
    }
  }
}
