// Payloads of the desktop shell's own events.
import { z } from 'zod';
import { MAX_LINK_LENGTH, SimplexLinkKind } from '../links/simplex';

/** A SimpleX link the OS or a second start handed to the app, for the renderer to act on. */
export const OpenedLink = z.object({
  kind: SimplexLinkKind,
  link: z.string().min(1).max(MAX_LINK_LENGTH),
});
export type OpenedLink = z.infer<typeof OpenedLink>;

/** Asks the renderer to show a chat (e.g. after a notification was clicked). */
export const ChatOpenRequest = z.object({
  chatId: z.string().min(1).max(200),
});
export type ChatOpenRequest = z.infer<typeof ChatOpenRequest>;
