import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, readInputLine } from '../../src/cli/input';

describe('input lines', () => {
  it('takes commands as typed in both modes', () => {
    expect(readInputLine('/ad', false)).toEqual({ ok: true, command: { kind: 'address.create' } });
    expect(readInputLine('@bob hi', true)).toEqual({
      ok: true,
      command: { kind: 'chat.send', name: 'bob', text: 'hi' },
    });
    expect(readInputLine('  ', true)).toEqual({ ok: 'empty' });
  });

  it('in --json mode also takes {"cmd", "corrId"}, and keeps the id for the answer', () => {
    expect(readInputLine('{"cmd": "/contacts", "corrId": "7"}', true)).toEqual({
      ok: true,
      command: { kind: 'contacts.list' },
      corrId: '7',
    });
    expect(readInputLine('{"cmd": "/contacts"}', true)).toEqual({
      ok: true,
      command: { kind: 'contacts.list' },
    });
    const unknown = readInputLine('{"cmd": "/zz", "corrId": "8"}', true);
    expect(unknown).toMatchObject({ ok: false, corrId: '8', failure: { code: 'UNKNOWN_COMMAND' } });
  });

  it('refuses objects that are not {"cmd", "corrId"} and lines too long', () => {
    for (const line of [
      '{"cmd": 5}',
      '{"cmd": "/ad", "x": 1}',
      '{"corrId": "1"}',
      '{nope',
      '{"cmd": "/ad", "corrId": ""}',
    ]) {
      expect(readInputLine(line, true), line).toMatchObject({
        ok: false,
        failure: { code: 'BAD_INPUT' },
      });
    }
    expect(readInputLine(`@bob ${'x'.repeat(MAX_LINE_CHARS)}`, true)).toMatchObject({
      ok: false,
      failure: { code: 'TOO_LARGE' },
    });
  });

  it('reads a line starting with { as a command in text mode', () => {
    expect(readInputLine('{"cmd": "/ad"}', false)).toMatchObject({
      ok: false,
      failure: { code: 'UNKNOWN_COMMAND' },
    });
  });
});
