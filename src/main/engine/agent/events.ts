// The agent's typed event emitter. Listeners run synchronously in registration order; one that
// throws is logged and does not stop the others (nor the agent).
import type { Logger } from '../log';
import type { AgentEventMap, AgentEventName, AgentEvents } from './api';

type Listener<E extends AgentEventName> = (payload: AgentEventMap[E]) => void;

export class AgentEventEmitter implements AgentEvents {
  private readonly listeners = new Map<AgentEventName, Set<Listener<AgentEventName>>>();

  constructor(private readonly log: Logger) {}

  on<E extends AgentEventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as Listener<AgentEventName>;
    set.add(l);
    return () => set.delete(l);
  }

  emit<E extends AgentEventName>(event: E, payload: AgentEventMap[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        (listener as Listener<E>)(payload);
      } catch (e) {
        this.log.error('agent event listener failed', {
          event,
          error: e instanceof Error ? e : null,
        });
      }
    }
  }
}
