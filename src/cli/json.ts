// The --json output: one object per line, each with a `type`. The shapes are the stable interface
// for scripts, documented in ./README.md; `result` and `payload` are the contract's views.
import type { EventName } from '../shared/ipc';
import type { CommandKind } from './commands';
import type { Response } from './execute';
import type { CliFailure, FailureCode } from './failure';
import type { Presenter, ReadyInfo } from './presenter';

export type JsonLine =
  | ({ readonly type: 'ready' } & ReadyInfo)
  | {
      readonly type: 'response';
      readonly command: CommandKind;
      readonly result: unknown;
      readonly corrId?: string;
    }
  | {
      readonly type: 'error';
      readonly code: FailureCode;
      readonly message: string;
      readonly command?: CommandKind;
      readonly corrId?: string;
    }
  | { readonly type: 'event'; readonly event: EventName; readonly payload: unknown };

export function encode(line: JsonLine): string {
  return JSON.stringify(line);
}

export const jsonPresenter: Presenter = {
  seed: () => undefined,
  ready: (info) => [encode({ type: 'ready', ...info })],

  // Only the contract's result goes out: `name` and `created` are for the terminal's text.
  response: (response: Response, corrId) => [
    encode({
      type: 'response',
      command: response.command,
      result: response.result,
      ...(corrId !== undefined && { corrId }),
    }),
  ],

  failure: (failure: CliFailure, corrId) => [
    encode({
      type: 'error',
      code: failure.code,
      message: failure.message,
      ...(failure.command !== undefined && { command: failure.command }),
      ...(corrId !== undefined && { corrId }),
    }),
  ],

  event: (e) => [encode({ type: 'event', event: e.name, payload: e.payload })],

  // Scripts learn everything from responses and events; notices are for people.
  notice: () => [],
};
