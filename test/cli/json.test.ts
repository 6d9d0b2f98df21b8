import { describe, expect, it } from 'vitest';
import { CliFailure } from '../../src/cli/failure';
import { jsonPresenter } from '../../src/cli/json';
import { contact, item, profile } from './fixtures';

const parse = (lines: string[]) => lines.map((l) => JSON.parse(l) as unknown);

describe('JSON output', () => {
  it('prints one object per line, each with a type', () => {
    const ready = jsonPresenter.ready({
      version: '1',
      dataDir: '/d',
      profile: null,
      servers: ['smp://x@h'],
    });
    expect(parse(ready)).toEqual([
      { type: 'ready', version: '1', dataDir: '/d', profile: null, servers: ['smp://x@h'] },
    ]);
    const sent = item(3, '@1', { direction: 'snd', status: 'sending', text: 'two\nlines' });
    const response = jsonPresenter.response(
      { command: 'chat.send', result: sent, name: 'bob' },
      'c1',
    );
    expect(response).toHaveLength(1);
    // The terminal's `name` stays out: the result is the contract's view.
    expect(parse(response)).toEqual([
      { type: 'response', command: 'chat.send', result: sent, corrId: 'c1' },
    ]);
    expect(
      parse(
        jsonPresenter.response({ command: 'profile.set', result: profile('a'), created: true }),
      ),
    ).toEqual([{ type: 'response', command: 'profile.set', result: profile('a') }]);
  });

  it('prints failures with their code, and the command when the line parsed', () => {
    expect(parse(jsonPresenter.failure(new CliFailure('BAD_COMMAND', 'nope')))).toEqual([
      { type: 'error', code: 'BAD_COMMAND', message: 'nope' },
    ]);
    expect(
      parse(jsonPresenter.failure(new CliFailure('NOT_FOUND', 'gone', 'contacts.delete'), 'x')),
    ).toEqual([
      {
        type: 'error',
        code: 'NOT_FOUND',
        message: 'gone',
        command: 'contacts.delete',
        corrId: 'x',
      },
    ]);
  });

  it('prints every event as it came, and no notices', () => {
    const c = contact(1, 'bob');
    expect(parse(jsonPresenter.event({ name: 'contacts.updated', payload: c }))).toEqual([
      { type: 'event', event: 'contacts.updated', payload: c },
    ]);
    expect(jsonPresenter.notice('for people')).toEqual([]);
  });
});
