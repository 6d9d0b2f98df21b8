// What the runner hands to the output: the start-up state, each command's response or failure,
// and each engine event. A presenter turns them into lines: JSON objects (./json.ts) or text for
// people (./human.ts).
import type { EventName, EventPayload } from '../shared/ipc';
import type { ContactRequestView, ContactView } from '../shared/models/contacts';
import type { ProfileView } from '../shared/models/profile';
import type { Response } from './execute';
import type { CliFailure } from './failure';

/** One contract event, as a union that narrows on `name`. */
export type EngineEvent = {
  [N in EventName]: { readonly name: N; readonly payload: EventPayload<N> };
}[EventName];

export interface ReadyInfo {
  readonly version: string;
  readonly dataDir: string;
  readonly profile: ProfileView | null;
  /** The SMP servers new connections use; empty: none configured. */
  readonly servers: readonly string[];
}

export interface Presenter {
  /** What the engine had at start, for presenters that name contacts and requests. */
  seed(contacts: readonly ContactView[], requests: readonly ContactRequestView[]): void;
  ready(info: ReadyInfo): string[];
  response(response: Response, corrId?: string): string[];
  failure(failure: CliFailure, corrId?: string): string[];
  event(event: EngineEvent): string[];
  /** Something worth telling a person that is neither a response nor an event. */
  notice(message: string): string[];
}
