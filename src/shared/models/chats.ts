import { z } from 'zod';

// Chats and their items. A chat id names the conversation: `@<contactId>` for a direct chat
// (`#<groupId>` for groups, later). Items are paged from SQL, newest last.

export const ChatId = z.string().regex(/^[@#][1-9]\d{0,15}$/, 'invalid chat id');
export type ChatId = z.infer<typeof ChatId>;

export const ChatItemId = z.number().int().positive();

/** Longest text a user can send; the engine also checks the encoded message size. */
export const MAX_MESSAGE_TEXT = 15_000;

export const MessageText = z
  .string()
  .max(MAX_MESSAGE_TEXT, `a message is at most ${MAX_MESSAGE_TEXT} characters`)
  .refine((s) => s.trim().length > 0, 'a message cannot be empty');

export const ItemStatus = z.enum([
  'sending', // stored, not yet accepted by the server
  'sent', // accepted by the server
  'delivered', // the recipient's receipt arrived
  'error', // could not be delivered (permanent)
  'received', // incoming, not yet read
  'read', // incoming, read
]);
export type ItemStatus = z.infer<typeof ItemStatus>;

export const Reaction = z.object({
  emoji: z.string().min(1).max(16),
  count: z.number().int().positive(),
  /** Whether the user is one of the reactors. */
  mine: z.boolean(),
});

/** The reactions the UI offers (SimpleX's allowed set); others received are shown as-is. */
export const ALLOWED_REACTIONS = ['👍', '👎', '😀', '😂', '😢', '❤', '🚀', '✅'] as const;

export const ChatItemView = z.object({
  id: ChatItemId,
  chatId: ChatId,
  direction: z.enum(['snd', 'rcv']),
  /** Display text (for unknown content types, upstream's fallback text). */
  text: z.string(),
  contentType: z.string(),
  /** When the author sent it (for received items, the sender's time as the server saw it). */
  sentAt: z.string(),
  status: ItemStatus,
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  reactions: z.array(Reaction),
  /** Why delivery failed, when status is 'error'. */
  error: z.string().nullable(),
});
export type ChatItemView = z.infer<typeof ChatItemView>;

export const ChatSummary = z.object({
  id: ChatId,
  type: z.enum(['direct', 'group']),
  title: z.string(),
  image: z.string().nullable(),
  /** Whether messages can be sent now (false while connecting or after the contact left). */
  ready: z.boolean(),
  lastItem: ChatItemView.nullable(),
  unreadCount: z.number().int().nonnegative(),
  muted: z.boolean(),
  updatedAt: z.string(),
});
export type ChatSummary = z.infer<typeof ChatSummary>;

export const ChatItemsPage = z.object({
  /** Oldest first. */
  items: z.array(ChatItemView),
  /** Whether older items exist before the first one returned. */
  hasMore: z.boolean(),
});
export type ChatItemsPage = z.infer<typeof ChatItemsPage>;

export const ChatItemsQuery = z.strictObject({
  chatId: ChatId,
  /** Page backwards from this item (exclusive); the newest page when absent. */
  before: ChatItemId.optional(),
  limit: z.number().int().min(1).max(500).default(50),
});

export const NewChatItemEvent = z.object({
  chat: ChatSummary,
  item: ChatItemView,
});
export type NewChatItemEvent = z.infer<typeof NewChatItemEvent>;
