import { z } from 'zod';

// Contacts, the user's address, one-time invitations and incoming contact requests, as the
// renderer sees them. Ids are the engine's row ids.

export const ContactId = z.number().int().positive();

/** A link the user pastes or opens: a full SimpleX link or a short link. Parsed by the engine. */
export const ConnectionLink = z
  .string()
  .trim()
  .min(1, 'paste a SimpleX link')
  .max(8192, 'link is too long');

export const ContactStatus = z.enum([
  'connecting', // the handshake is under way
  'active',
  'deleted', // deleted by the contact (x.direct.del); history kept
  'failed', // the connection could not be made (e.g. the invitation was already used); delete it
]);
export type ContactStatus = z.infer<typeof ContactStatus>;

export const ContactView = z.object({
  id: ContactId,
  chatId: z.string(),
  displayName: z.string(),
  fullName: z.string(),
  image: z.string().nullable(),
  status: ContactStatus,
  /** How the contact was made, for the contact info pane. */
  via: z.enum(['address', 'invitation', 'request', 'group']),
  createdAt: z.string(),
});
export type ContactView = z.infer<typeof ContactView>;

export const AddressView = z.object({
  /** The full connection link (simplex:/contact#/?...). */
  link: z.string(),
  /** The short link, when the server supports short links. */
  shortLink: z.string().nullable(),
  autoAccept: z.boolean(),
  createdAt: z.string(),
});
export type AddressView = z.infer<typeof AddressView>;

export const InvitationView = z.object({
  id: z.number().int().positive(),
  link: z.string(),
  shortLink: z.string().nullable(),
  createdAt: z.string(),
});
export type InvitationView = z.infer<typeof InvitationView>;

export const ContactRequestView = z.object({
  id: z.number().int().positive(),
  displayName: z.string(),
  fullName: z.string(),
  image: z.string().nullable(),
  receivedAt: z.string(),
});
export type ContactRequestView = z.infer<typeof ContactRequestView>;

export const ConnectResult = z.object({
  /** What the link was: someone's address (a request was sent) or a one-time invitation. */
  kind: z.enum(['address', 'invitation']),
  /** The contact record created for the pending connection. */
  contact: ContactView,
});
export type ConnectResult = z.infer<typeof ConnectResult>;
