// The user's contact address: a reusable link with a short link that shows the user's profile.
// Requests through it are listed (./requests.ts) or, with auto-accept, accepted at once.
import { ContractError } from '../../../shared/ipc';
import type { AddressView } from '../../../shared/models/contacts';
import type { ProfileView } from '../../../shared/models/profile';
import { requireUser, type ChatContext } from './context';
import { asContract } from './errors';
import { Changes, publish } from './events';
import { profileLinkData } from './link-data';
import { deleteAddressRow, getAddress, insertAddress, setAutoAccept } from './store/address';
import { scheduleConnDeletion } from './store/conn-deletions';
import { deleteAllRequests } from './store/requests';
import { addressView } from './views';

export async function readAddress(ctx: ChatContext): Promise<AddressView | null> {
  const user = await requireUser(ctx.db);
  const address = await getAddress(ctx.db, user.id);
  return address && addressView(address);
}

export async function createAddress(ctx: ChatContext, autoAccept: boolean): Promise<AddressView> {
  const user = await requireUser(ctx.db);
  if (await getAddress(ctx.db, user.id)) {
    throw new ContractError('CONFLICT', 'you have an address already; delete it first');
  }
  const agent = ctx.agent();
  const created = await asContract(() =>
    agent.createConnection('contact', {
      shortLink: { type: 'contact', userData: profileLinkData(user) },
    }),
  );
  try {
    await ctx.db.transaction(async (tx) => {
      if (await getAddress(tx, user.id)) {
        throw new ContractError('CONFLICT', 'you have an address already; delete it first');
      }
      await insertAddress(
        tx,
        {
          userProfileId: user.id,
          connId: created.connId,
          link: created.link,
          shortLink: created.shortLink ?? null,
          autoAccept,
        },
        ctx.now(),
      );
    });
  } catch (e) {
    await agent.deleteConnection(created.connId).catch(() => undefined);
    throw e;
  }
  return announce(ctx, user.id);
}

export async function updateAutoAccept(
  ctx: ChatContext,
  autoAccept: boolean,
): Promise<AddressView> {
  const user = await requireUser(ctx.db);
  await ctx.db.transaction(async (tx) => {
    if (!(await getAddress(tx, user.id)))
      throw new ContractError('NOT_FOUND', 'you have no address');
    await setAutoAccept(tx, user.id, autoAccept, ctx.now());
  });
  return announce(ctx, user.id);
}

/** Deletes the address, its queue on the server and every request that came through it. */
export async function deleteAddress(ctx: ChatContext): Promise<void> {
  const user = await requireUser(ctx.db);
  const changes = new Changes();
  const connId = await ctx.db.transaction(async (tx) => {
    const address = await getAddress(tx, user.id);
    if (!address) throw new ContractError('NOT_FOUND', 'you have no address');
    await deleteAddressRow(tx, user.id);
    for (const r of await deleteAllRequests(tx, user.id)) changes.removedRequests.add(r.id);
    await scheduleConnDeletion(tx, address.connId, null, ctx.now());
    return address.connId;
  });
  // The address's queue is gone from its server before this returns (best effort).
  await ctx.deleter.schedule({ connId, waitMsgId: null });
  changes.address = user.id;
  await publish(ctx.db, ctx.events, changes);
}

/** The short link shows the profile: keep it current (best effort; logged when it fails). */
export async function refreshAddressProfile(ctx: ChatContext, user: ProfileView): Promise<void> {
  const address = await getAddress(ctx.db, user.id);
  if (!address?.shortLink) return;
  try {
    await ctx.agent().setShortLinkUserData(address.connId, { userData: profileLinkData(user) });
  } catch (e) {
    ctx.log.warn('address link data not updated', { error: e instanceof Error ? e : null });
  }
}

async function announce(ctx: ChatContext, userProfileId: number): Promise<AddressView> {
  const address = await getAddress(ctx.db, userProfileId);
  if (!address) throw new ContractError('NOT_FOUND', 'the address was deleted meanwhile');
  const changes = new Changes();
  changes.address = userProfileId;
  await publish(ctx.db, ctx.events, changes);
  return addressView(address);
}
