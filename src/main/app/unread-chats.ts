// What main knows of each chat for the tray and the notifier: its unread count and whether it is
// muted. Seeded from `chats.list` and kept current by chat events. A list answers as of when it
// was asked for, so a chat that an event changed after that moment keeps the event's word.
import type { ChatId, ChatSummary } from '../../shared/models/chats';

interface Entry {
  readonly unread: number;
  readonly muted: boolean;
  readonly removed: boolean;
  /** The change count when this entry was last written. */
  readonly version: number;
}

export class UnreadChats {
  private readonly entries = new Map<ChatId, Entry>();
  private changes = 0;
  private lastTotal = 0;

  /** `onTotal` hears the tray's number whenever it changes. */
  constructor(private readonly onTotal: (total: number) => void = () => undefined) {}

  /** Unread messages in chats that are not muted. */
  get total(): number {
    let total = 0;
    for (const e of this.entries.values()) if (!e.removed && !e.muted) total += e.unread;
    return total;
  }

  isMuted(chatId: ChatId): boolean {
    return this.entries.get(chatId)?.muted ?? false;
  }

  /** Take before asking for `chats.list`; pass to seed() with its answer. */
  mark(): number {
    return this.changes;
  }

  /** The whole list, as of `asOf` (from mark()). */
  seed(list: readonly ChatSummary[], asOf: number): void {
    const listed = new Set<ChatId>();
    for (const chat of list) {
      listed.add(chat.id);
      if ((this.entries.get(chat.id)?.version ?? -1) > asOf) continue;
      this.entries.set(chat.id, entryOf(chat, asOf));
    }
    for (const [id, e] of this.entries) {
      if (!listed.has(id) && e.version <= asOf) this.entries.delete(id);
    }
    this.changed();
  }

  update(chat: ChatSummary): void {
    this.entries.set(chat.id, entryOf(chat, ++this.changes));
    this.changed();
  }

  remove(chatId: ChatId): void {
    // Kept as removed, so that an older list does not bring it back.
    this.entries.set(chatId, { unread: 0, muted: false, removed: true, version: ++this.changes });
    this.changed();
  }

  private changed(): void {
    const total = this.total;
    if (total === this.lastTotal) return;
    this.lastTotal = total;
    this.onTotal(total);
  }
}

function entryOf(chat: ChatSummary, version: number): Entry {
  return { unread: chat.unreadCount, muted: chat.muted, removed: false, version };
}
