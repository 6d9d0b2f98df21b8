// The engine's typed event bus: contract events only, with payload types from the contract.
// A listener that throws is logged and does not stop the others.
import { events, isEventName, type EventName, type EventPayload } from '../../shared/ipc';
import type { Logger } from './log';

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;
export type AnyEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface EventSource {
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
  /** Every event, e.g. to forward them over IPC. */
  onAny(listener: AnyEventListener): () => void;
}

export class EventBus implements EventSource {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly anyListeners = new Set<AnyEventListener>();

  constructor(private readonly log: Logger) {}

  on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onAny(listener: AnyEventListener): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      this.guard(event, () => (listener as EventListener<E>)(payload));
    }
    for (const listener of this.anyListeners) this.guard(event, () => listener(event, payload));
  }

  /**
   * Emits an event that arrived from elsewhere (the engine worker) after checking it against the
   * contract. Returns false, emitting nothing, for an unknown name or a payload that does not fit.
   */
  emitChecked(name: string, payload: unknown): boolean {
    if (!isEventName(name)) return false;
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) return false;
    this.emit(name, parsed.data);
    return true;
  }

  private guard(event: EventName, call: () => void): void {
    try {
      call();
    } catch (e) {
      this.log.error('event listener failed', { event, error: e instanceof Error ? e : null });
    }
  }
}
