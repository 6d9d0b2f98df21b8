// One-time invitation links: a connection of ours for one peer, with a short link that shows our
// profile. The peer's confirmation (see ./handshake.ts) turns it into a contact.
import type { InvitationView } from '../../../shared/models/contacts';
import { requireUser, type ChatContext } from './context';
import { asContract } from './errors';
import { profileLinkData } from './link-data';
import { insertInvitation } from './store/invitations';

export async function createInvitation(ctx: ChatContext): Promise<InvitationView> {
  const user = await requireUser(ctx.db);
  const agent = ctx.agent();
  const created = await asContract(() =>
    agent.createConnection('invitation', { shortLink: { userData: profileLinkData(user) } }),
  );
  try {
    const invitation = await ctx.db.transaction((tx) =>
      insertInvitation(
        tx,
        {
          userProfileId: user.id,
          connId: created.connId,
          link: created.link,
          shortLink: created.shortLink ?? null,
        },
        ctx.now(),
      ),
    );
    return {
      id: invitation.id,
      link: invitation.link,
      shortLink: invitation.shortLink,
      createdAt: invitation.createdAt,
    };
  } catch (e) {
    await agent.deleteConnection(created.connId).catch(() => undefined);
    throw e;
  }
}
