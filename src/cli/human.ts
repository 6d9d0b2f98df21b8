// The terminal's text for people, in the spirit of upstream's: `alice> hi` for a message received,
// `> @alice hi` for one sent, `alice: connected`, and a line or two per command. Contacts and
// requests are printed by their local names (./names.ts), which type back as they print.
// Everything a peer chose (names, messages) is made printable first: no terminal escapes.
import type { ChatItemView } from '../shared/models/chats';
import type { ContactRequestView, ContactView } from '../shared/models/contacts';
import type { ProfileView } from '../shared/models/profile';
import { HELP_NOTE } from './commands';
import type { Response } from './execute';
import type { CliFailure } from './failure';
import { localNameOf, localNames, quoteName, typeableName } from './names';
import type { EngineEvent, Presenter, ReadyInfo } from './presenter';

/** Control characters (but line breaks and tabs) and bidirectional overrides, which could
 *  rewrite what the terminal shows. */
const UNPRINTABLE = /[^\P{Cc}\n\t]|[\u202a-\u202e\u2066-\u2069]/gu;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '\ufffd');
}

/** `prefix` before the first line; later lines indented under it. */
function block(prefix: string, text: string): string[] {
  const [first = '', ...rest] = text.split(/\r?\n/).map(printable);
  const indent = ' '.repeat(prefix.length);
  return [prefix + first, ...rest.map((line) => indent + line)];
}

function profileLine(p: ProfileView): string {
  const full =
    p.fullName !== '' && p.fullName !== p.displayName ? ` (${printable(p.fullName)})` : '';
  return `${quoteName(typeableName(p.displayName))}${full}`;
}

/** One line of /contacts: the local name, the full name if it says more, an unfinished state. */
function contactLine(name: string, c: ContactView): string {
  const full =
    c.fullName !== '' && c.fullName !== c.displayName ? ` (${printable(c.fullName)})` : '';
  const status = c.status === 'active' ? '' : ` [${c.status}]`;
  return `${quoteName(name)}${full}${status}`;
}

/** The link to share: the short one when the server supports short links. */
function shareable(link: { link: string; shortLink: string | null }): string {
  return link.shortLink ?? link.link;
}

/** `host:port` of each smp:// address, which is what a person recognises. */
function serverHosts(servers: readonly string[]): string {
  return servers.map((s) => /@([^/?#\s]+)\/?$/.exec(s)?.[1] ?? s).join(', ');
}

export const NO_SERVER_HINT =
  'no SMP server is configured: start conclave with --server smp://<fingerprint>@<host>[:<port>]';
export const NO_PROFILE_HINT = 'there is no profile yet: set your name with /p <name>';

/** Keeps what the event stream said about contacts and requests, to name them and to notice
 *  what changed (a contact becoming active is "connected"). */
export class HumanPresenter implements Presenter {
  private readonly contacts = new Map<number, ContactView>();
  private readonly requests = new Map<number, ContactRequestView>();
  private readonly reportedFailures = new Set<number>();

  /** What the engine had at start; events that came first are newer and win. */
  seed(contacts: readonly ContactView[], requests: readonly ContactRequestView[]): void {
    for (const c of contacts) if (!this.contacts.has(c.id)) this.contacts.set(c.id, c);
    for (const r of requests) if (!this.requests.has(r.id)) this.requests.set(r.id, r);
  }

  ready(info: ReadyInfo): string[] {
    return [
      `conclave ${info.version}, data in ${info.dataDir}`,
      info.profile ? `profile: ${profileLine(info.profile)}` : NO_PROFILE_HINT,
      info.servers.length > 0 ? `servers: ${serverHosts(info.servers)}` : NO_SERVER_HINT,
      'type /help for the commands',
    ];
  }

  response(r: Response): string[] {
    switch (r.command) {
      case 'help': {
        const width = Math.max(...r.result.map((e) => e.usage.length));
        return [...r.result.map((e) => `${e.usage.padEnd(width)}  ${e.description}`), HELP_NOTE];
      }
      case 'quit':
        return [];
      case 'profile.get':
        return [r.result ? `profile: ${profileLine(r.result)}` : NO_PROFILE_HINT];
      case 'profile.set':
        return [`${r.created ? 'profile created' : 'profile updated'}: ${profileLine(r.result)}`];
      case 'address.create':
        return [
          'your contact address; anyone can send you a contact request with /c <address>:',
          shareable(r.result),
        ];
      case 'address.get':
        return r.result
          ? ['your contact address:', shareable(r.result)]
          : ['you have no contact address; /ad creates one'];
      case 'address.delete':
        return ['contact address deleted (contacts made through it stay)'];
      case 'invitation.create':
        return [
          'one-time invitation link; your contact connects with /c <link>:',
          shareable(r.result),
        ];
      case 'connect':
        return [
          r.result.kind === 'address'
            ? 'contact request sent; you will see "connected" once it is accepted'
            : 'joining the invitation; you will see "connected" when it is done',
        ];
      case 'requests.accept':
        return [`${quoteName(r.name)}: accepting the contact request…`];
      case 'requests.reject':
        return [`${quoteName(r.name)}: contact request rejected`];
      case 'contacts.list': {
        if (r.result.length === 0) {
          return ['no contacts yet: /c creates an invitation, /ad an address'];
        }
        const names = new Map([...localNames(r.result)].map(([name, c]) => [c.id, name]));
        return r.result.map((c) => contactLine(names.get(c.id) ?? typeableName(c.displayName), c));
      }
      case 'contacts.delete':
        return [`${quoteName(r.name)}: contact deleted`];
      case 'chat.send':
        return block(`> @${quoteName(r.name)} `, r.result.text);
    }
  }

  failure(f: CliFailure): string[] {
    return [`error: ${printable(f.message)}`];
  }

  notice(message: string): string[] {
    return [message];
  }

  event(e: EngineEvent): string[] {
    switch (e.name) {
      case 'contacts.updated':
        return this.contactUpdated(e.payload);
      case 'contacts.removed':
        this.contacts.delete(e.payload.id);
        return [];
      case 'requests.updated': {
        const isNew = !this.requests.has(e.payload.id);
        this.requests.set(e.payload.id, e.payload);
        if (!isNew) return [];
        const n = quoteName(this.requestName(e.payload.id));
        return [`${n}: contact request; /ac ${n} accepts it, /rc ${n} rejects it`];
      }
      case 'requests.removed':
        this.requests.delete(e.payload.id);
        return [];
      case 'chat.item.added':
        return e.payload.item.direction === 'rcv'
          ? block(
              `${quoteName(this.chatName(e.payload.item.chatId, e.payload.chat.title))}> `,
              e.payload.item.text,
            )
          : [];
      case 'chat.item.updated':
        return this.itemUpdated(e.payload);
      case 'engine.status':
        return e.payload.state === 'stopped' && e.payload.reason
          ? [`engine stopped: ${printable(e.payload.reason)}`]
          : [];
      default:
        return [];
    }
  }

  private contactUpdated(c: ContactView): string[] {
    const before = this.contacts.get(c.id);
    const oldName = before && this.contactName(c.id);
    this.contacts.set(c.id, c);
    const n = quoteName(this.contactName(c.id));
    if (c.status === 'active' && before?.status !== 'active') return [`${n}: connected`];
    if (c.status === 'deleted' && before && before.status !== 'deleted') {
      return [`${n}: deleted you as a contact`];
    }
    if (c.status === 'failed' && before?.status !== 'failed') {
      return [`${n}: connection failed (/d @${n} deletes the contact)`];
    }
    const renamed = before !== undefined && before.displayName !== c.displayName;
    if (renamed && before.displayName !== '' && oldName !== undefined) {
      return [`${quoteName(oldName)} is now ${n}`];
    }
    return [];
  }

  /** Only a message that could not be delivered is news; sent and delivered marks are not. */
  private itemUpdated(item: ChatItemView): string[] {
    if (item.direction !== 'snd' || item.status !== 'error') return [];
    if (this.reportedFailures.has(item.id)) return [];
    this.reportedFailures.add(item.id);
    const to = quoteName(this.chatName(item.chatId, ''));
    return [`message to ${to} not delivered: ${printable(item.error ?? 'unknown error')}`];
  }

  private contactName(id: number): string {
    return localNameOf(this.contacts.values(), id) ?? 'contact';
  }

  private requestName(id: number): string {
    return localNameOf(this.requests.values(), id) ?? 'someone';
  }

  private chatName(chatId: string, fallback: string): string {
    for (const c of this.contacts.values()) if (c.chatId === chatId) return this.contactName(c.id);
    return typeableName(fallback);
  }
}
