// The terminal's commands in SimpleX's syntax (upstream's short and long forms), parsed into a
// typed Command. Pure: no engine, no I/O. A line that is not a command is a CommandError that
// says what would have worked; nothing here throws. Kinds are named after the contract command
// each one runs, so that a JSON response names what ran.

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'profile.get' }
  /** Creates the profile when there is none, else renames it. */
  | { readonly kind: 'profile.set'; readonly displayName: string; readonly fullName?: string }
  | { readonly kind: 'address.create' }
  | { readonly kind: 'address.get' }
  | { readonly kind: 'address.delete' }
  | { readonly kind: 'invitation.create' }
  | { readonly kind: 'connect'; readonly link: string }
  | { readonly kind: 'requests.accept'; readonly name: string }
  | { readonly kind: 'requests.reject'; readonly name: string }
  | { readonly kind: 'contacts.list' }
  | { readonly kind: 'contacts.delete'; readonly name: string }
  | { readonly kind: 'chat.send'; readonly name: string; readonly text: string };

export type CommandKind = Command['kind'];

export type CommandErrorCode = 'UNKNOWN_COMMAND' | 'BAD_COMMAND';

export interface CommandError {
  readonly code: CommandErrorCode;
  readonly message: string;
}

export type ParsedLine =
  | { readonly ok: true; readonly command: Command }
  | { readonly ok: false; readonly error: CommandError }
  /** A blank line: nothing to do. */
  | { readonly ok: 'empty' };

export interface HelpEntry {
  readonly usage: string;
  readonly description: string;
}

/** What /help prints, in this order. */
export const HELP: readonly HelpEntry[] = [
  { usage: '/p <name> [<full name>]', description: 'set your name (creates your profile first)' },
  { usage: '/p', description: 'show your profile' },
  { usage: '/ad', description: 'create your contact address' },
  { usage: '/sa', description: 'show your contact address' },
  { usage: '/da', description: 'delete your contact address (contacts stay)' },
  { usage: '/c', description: 'create a one-time invitation link' },
  { usage: '/c <link>', description: 'connect through an address or an invitation link' },
  { usage: '/ac <name>', description: 'accept a contact request' },
  { usage: '/rc <name>', description: 'reject a contact request' },
  { usage: '@<name> <message>', description: 'send a message' },
  { usage: '/contacts', description: 'list your contacts' },
  { usage: '/d @<name>', description: 'delete a contact' },
  { usage: '/help', description: 'show this list' },
  { usage: '/q', description: 'quit (or Ctrl-D)' },
];

export const HELP_NOTE = "Names with spaces go in single quotes: @'Ann Lee' hi";

type SlashParser = (args: string, word: string) => ParsedLine;

const ok = (command: Command): ParsedLine => ({ ok: true, command });
const bad = (message: string): ParsedLine => ({
  ok: false,
  error: { code: 'BAD_COMMAND', message },
});

/** A command that takes nothing after its name. */
const bare =
  (command: Command): SlashParser =>
  (args, word) =>
    args === '' ? ok(command) : bad(`${word} takes no arguments`);

const connect: SlashParser = (args) => {
  if (args === '') return ok({ kind: 'invitation.create' });
  if (/\s/.test(args)) return bad('a link has no spaces: /c <link>');
  return ok({ kind: 'connect', link: args });
};

const profile: SlashParser = (args, word) => {
  if (args === '') return ok({ kind: 'profile.get' });
  const name = readName(args);
  if (!name.ok) return bad(`${word} <name> [<full name>]: ${name.problem}`);
  if (name.rest !== '' && !/^\s/.test(name.rest)) {
    return bad(`${word} <name> [<full name>]: a space goes after the name`);
  }
  const fullName = name.rest.trim();
  return ok({ kind: 'profile.set', displayName: name.name, ...(fullName !== '' && { fullName }) });
};

/** /ac, /rc and /d name a contact (or a requester), with or without its '@'. */
const named =
  (kind: 'requests.accept' | 'requests.reject' | 'contacts.delete', usage: string): SlashParser =>
  (args, word) => {
    if (kind === 'contacts.delete' && args.startsWith('#')) {
      return bad('groups are not in the terminal client yet; /d @<name> deletes a contact');
    }
    const name = readName(args.startsWith('@') ? args.slice(1) : args);
    if (!name.ok) return bad(`${word} ${usage}: ${name.problem}`);
    if (name.rest.trim() !== '') {
      return bad(`${word} ${usage}: one name only (quote names with spaces)`);
    }
    return ok({ kind, name: name.name });
  };

/** Each slash command under every name upstream accepts for it. */
const SLASH = new Map<string, SlashParser>(
  (
    [
      [['/help', '/h'], bare({ kind: 'help' })],
      [['/quit', '/q', '/exit'], bare({ kind: 'quit' })],
      [['/profile', '/p'], profile],
      [['/address', '/ad'], bare({ kind: 'address.create' })],
      [['/show_address', '/sa'], bare({ kind: 'address.get' })],
      [['/delete_address', '/da'], bare({ kind: 'address.delete' })],
      [['/connect', '/c'], connect],
      [['/accept', '/ac'], named('requests.accept', '<name>')],
      [['/reject', '/rc'], named('requests.reject', '<name>')],
      [['/contacts'], bare({ kind: 'contacts.list' })],
      [['/delete', '/d'], named('contacts.delete', '@<name>')],
    ] as const
  ).flatMap(([names, parser]) => names.map((name) => [name, parser] as const)),
);

export function parseCommand(line: string): ParsedLine {
  const input = line.trim();
  if (input === '') return { ok: 'empty' };
  if (input.startsWith('@')) return parseSend(input.slice(1));
  if (input.startsWith('/')) {
    const word = /^\/\S*/.exec(input)![0];
    const parser = SLASH.get(word);
    if (!parser) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_COMMAND', message: `unknown command ${word}; /help lists them` },
      };
    }
    return parser(input.slice(word.length).trim(), word);
  }
  return {
    ok: false,
    error: {
      code: 'UNKNOWN_COMMAND',
      message: 'to send a message, start with the name: @alice hello; /help lists the commands',
    },
  };
}

function parseSend(afterAt: string): ParsedLine {
  const usage = "@<name> <message> (quote names with spaces: @'Ann Lee' hi)";
  const name = readName(afterAt);
  if (!name.ok) return bad(`${usage}: ${name.problem}`);
  // One separator, as upstream: the message keeps its own leading spaces after that.
  if (name.rest !== '' && !/^\s/.test(name.rest))
    return bad(`${usage}: a space goes after the name`);
  const text = name.rest.slice(1);
  if (text.trim() === '') return bad(`${usage}: the message is empty`);
  return ok({ kind: 'chat.send', name: name.name, text });
}

type NameRead =
  | { readonly ok: true; readonly name: string; readonly rest: string }
  | { readonly ok: false; readonly problem: string };

/**
 * A display name at the start of `s`, as upstream reads one: 'quoted' (anything but a quote),
 * or unquoted up to a space or a comma, not starting with '@', '#' or a quote.
 */
export function readName(s: string): NameRead {
  if (s.startsWith("'")) {
    const end = s.indexOf("'", 1);
    if (end === -1) return { ok: false, problem: 'the quote is not closed' };
    const name = s.slice(1, end);
    if (name.trim() === '') return { ok: false, problem: 'the name is empty' };
    return { ok: true, name, rest: s.slice(end + 1) };
  }
  const name = /^[^\s,]*/.exec(s)![0];
  if (name === '') return { ok: false, problem: 'a name is missing' };
  if (/^[@#]/.test(name)) return { ok: false, problem: `a name cannot start with '${name[0]}'` };
  return { ok: true, name, rest: s.slice(name.length) };
}
