import { describe, expect, it } from 'vitest';
import { HELP, parseCommand, readName } from '../../src/cli/commands';

const command = (line: string) => {
  const parsed = parseCommand(line);
  if (parsed.ok !== true) throw new Error(`did not parse: ${line}`);
  return parsed.command;
};
const error = (line: string) => {
  const parsed = parseCommand(line);
  if (parsed.ok !== false) throw new Error(`parsed: ${line}`);
  return parsed.error;
};

describe('conclave commands', () => {
  it('reads each command by its short and long names', () => {
    const same: [string[], unknown][] = [
      [['/help', '/h'], { kind: 'help' }],
      [['/q', '/quit', '/exit'], { kind: 'quit' }],
      [['/ad', '/address'], { kind: 'address.create' }],
      [['/sa', '/show_address'], { kind: 'address.get' }],
      [['/da', '/delete_address'], { kind: 'address.delete' }],
      [['/c', '/connect'], { kind: 'invitation.create' }],
      [['/contacts'], { kind: 'contacts.list' }],
      [['/p', '/profile'], { kind: 'profile.get' }],
    ];
    for (const [lines, expected] of same) {
      for (const line of lines) expect(command(line), line).toEqual(expected);
    }
    expect(command('/c simplex:/contact#/?v=2&smp=x')).toEqual({
      kind: 'connect',
      link: 'simplex:/contact#/?v=2&smp=x',
    });
    expect(command('/connect https://example.org/a#abc')).toMatchObject({ kind: 'connect' });
  });

  it('reads names plain, quoted, with or without @', () => {
    expect(command('/ac bob')).toEqual({ kind: 'requests.accept', name: 'bob' });
    expect(command('/accept @bob')).toEqual({ kind: 'requests.accept', name: 'bob' });
    expect(command("/rc 'Ann Lee'")).toEqual({ kind: 'requests.reject', name: 'Ann Lee' });
    expect(command('/d @alice')).toEqual({ kind: 'contacts.delete', name: 'alice' });
    expect(command("/delete @'Ann Lee'")).toEqual({ kind: 'contacts.delete', name: 'Ann Lee' });
  });

  it('sends messages: the text is everything after one space', () => {
    expect(command('@alice hi')).toEqual({ kind: 'chat.send', name: 'alice', text: 'hi' });
    expect(command("@'Ann Lee' hi there")).toEqual({
      kind: 'chat.send',
      name: 'Ann Lee',
      text: 'hi there',
    });
    expect(command('@bob   indented')).toEqual({
      kind: 'chat.send',
      name: 'bob',
      text: '  indented',
    });
    expect(command('@bob /not a command')).toMatchObject({ text: '/not a command' });
    // Surrounding whitespace of the line is not part of anything.
    expect(command('  @bob hi  ')).toMatchObject({ name: 'bob', text: 'hi' });
  });

  it('sets the profile name, with an optional full name after it', () => {
    expect(command('/p alice')).toEqual({ kind: 'profile.set', displayName: 'alice' });
    expect(command('/profile bob Bob  Smith ')).toEqual({
      kind: 'profile.set',
      displayName: 'bob',
      fullName: 'Bob  Smith',
    });
    expect(command("/p 'Ann Lee' Ann Lee Smith")).toEqual({
      kind: 'profile.set',
      displayName: 'Ann Lee',
      fullName: 'Ann Lee Smith',
    });
  });

  it('ignores blank lines', () => {
    expect(parseCommand('')).toEqual({ ok: 'empty' });
    expect(parseCommand('   \t')).toEqual({ ok: 'empty' });
  });

  it('says what is wrong, never throws', () => {
    expect(error('/frob')).toEqual({
      code: 'UNKNOWN_COMMAND',
      message: 'unknown command /frob; /help lists them',
    });
    expect(error('/')).toMatchObject({ code: 'UNKNOWN_COMMAND' });
    expect(error('hello there')).toMatchObject({
      code: 'UNKNOWN_COMMAND',
      message: expect.stringContaining('@alice hello') as unknown,
    });
    const bad: [string, RegExp][] = [
      ['@alice', /the message is empty/],
      ['@alice    ', /the message is empty/],
      ['@', /a name is missing/],
      ["@'Ann hi", /the quote is not closed/],
      ["@'' hi", /the name is empty/],
      ["@'Ann'hi", /a space goes after the name/],
      ['@#group hi', /cannot start with '#'/],
      ['/ad now', /\/ad takes no arguments/],
      ['/contacts all', /takes no arguments/],
      ['/ac', /a name is missing/],
      ['/ac bob carol', /one name only/],
      ['/d #team', /groups are not in the terminal client yet/],
      ['/c two words', /a link has no spaces/],
      ["/p 'Ann", /the quote is not closed/],
      ["/p 'Ann'x", /a space goes after the name/],
    ];
    for (const [line, message] of bad) {
      const e = error(line);
      expect(e.code, line).toBe('BAD_COMMAND');
      expect(e.message, line).toMatch(message);
    }
  });

  it('lists every command in the help, each with a description', () => {
    const usages = HELP.map((e) => e.usage);
    for (const u of ['/ad', '/sa', '/da', '/c', '/c <link>', '/ac <name>', '/rc <name>']) {
      expect(usages).toContain(u);
    }
    expect(usages).toEqual(
      expect.arrayContaining(['@<name> <message>', '/contacts', '/d @<name>']),
    );
    for (const e of HELP) expect(e.description.length).toBeGreaterThan(5);
  });
});

describe('display names as upstream reads them', () => {
  it('stops an unquoted name at a space or a comma', () => {
    expect(readName('bob hi')).toEqual({ ok: true, name: 'bob', rest: ' hi' });
    expect(readName('bob,carol')).toEqual({ ok: true, name: 'bob', rest: ',carol' });
    expect(readName("'a, b' x")).toEqual({ ok: true, name: 'a, b', rest: ' x' });
  });
});
