// The outcome of an action a person started (send, accept, delete…): the value, or the words to
// show next to the control they used. Views keep these messages where the action happened.
import { describeError } from './errors';

export type ActionResult<T = null> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export async function attempt<T>(run: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    return { ok: false, message: describeError(e) };
  }
}
