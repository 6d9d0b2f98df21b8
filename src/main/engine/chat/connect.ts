// Connecting through a link: someone's address (we send a contact request with our profile,
// x.contact) or a one-time invitation (we join it with our profile, x.info). The contact exists
// from the start, connecting, so the handshake events that follow find it.
import { randomBytes } from '../../../protocol/crypto';
import { ContractError } from '../../../shared/ipc';
import type { ConnectResult } from '../../../shared/models/contacts';
import type { ProfileView } from '../../../shared/models/profile';
import type { PreparedJoin } from '../agent';
import { createContact } from './contacts';
import { requireUser, type ChatContext } from './context';
import { asContract, toContractError } from './errors';
import { Changes, publish } from './events';
import { linkProfile } from './link-data';
import { xContactConnInfo, xInfoConnInfo } from './profiles';
import { getAddress } from './store/address';
import { deleteContactRow, getContact } from './store/contacts';
import { isOwnInvitationLink } from './store/invitations';
import { contactView } from './views';

export async function connect(ctx: ChatContext, link: string): Promise<ConnectResult> {
  const user = await requireUser(ctx.db);
  const agent = ctx.agent();
  await refuseOwnLink(ctx, user.id, [link]);
  const prepared = await asContract(() => agent.prepareJoin(link));
  try {
    await refuseOwnLink(ctx, user.id, [prepared.linkData?.connLink, prepared.linkData?.shortLink]);
  } catch (e) {
    await agent.deleteConnection(prepared.connId).catch(() => undefined);
    throw e;
  }
  const kind = prepared.mode === 'contact' ? 'address' : 'invitation';
  const { contactId } = await ctx.db.transaction((tx) =>
    createContact(
      tx,
      {
        userProfileId: user.id,
        profile: linkProfile(prepared.linkData),
        connId: prepared.connId,
        via: kind,
        sendProbes: true,
      },
      ctx.now(),
    ),
  );
  await join(ctx, prepared, contactId, user);

  const changes = new Changes();
  changes.contacts.add(contactId);
  await publish(ctx.db, ctx.events, changes);
  const contact = await getContact(ctx.db, contactId);
  if (!contact) throw new ContractError('NOT_FOUND', 'the contact was deleted meanwhile');
  return { kind, contact: contactView(contact) };
}

async function join(
  ctx: ChatContext,
  prepared: PreparedJoin,
  contactId: number,
  user: ProfileView,
): Promise<void> {
  const connInfo =
    prepared.mode === 'contact' ? xContactConnInfo(user, randomBytes(16)) : xInfoConnInfo(user);
  // In the connection's queue: the agent's events about it (a connectionError for the failure
  // below) are handled once this has decided whether the contact stays.
  await ctx.serial.run(prepared.connId, async () => {
    try {
      await ctx.agent().joinConnection(prepared.connId, connInfo);
    } catch (e) {
      // Nothing was sent that the peer can act on: undo everything.
      await ctx.db.transaction((tx) => deleteContactRow(tx, contactId));
      await ctx
        .agent()
        .deleteConnection(prepared.connId)
        .catch(() => undefined);
      throw toContractError(e);
    }
  });
}

/** Joining our own address or invitation would make a contact of ourselves. */
async function refuseOwnLink(
  ctx: ChatContext,
  userProfileId: number,
  links: readonly (string | undefined)[],
): Promise<void> {
  const candidates = links.flatMap((l) => (l ? [l.trim()] : []));
  if (candidates.length === 0) return;
  const address = await getAddress(ctx.db, userProfileId);
  const ownAddress = candidates.some((c) => c === address?.link || c === address?.shortLink);
  if (ownAddress || (await isOwnInvitationLink(ctx.db, userProfileId, candidates))) {
    throw new ContractError('INVALID', 'this is your own link');
  }
}
