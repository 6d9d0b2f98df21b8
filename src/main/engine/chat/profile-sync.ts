// The user's profile changed: every active contact gets it (x.info), and the address's short
// link shows it. Best effort per contact: one that cannot be reached now still gets it, since the
// agent keeps and retries what it accepted; a failure to hand it over is logged.
import type { ProfileView } from '../../../shared/models/profile';
import { refreshAddressProfile } from './address';
import type { ChatContext } from './context';
import { wireProfile } from './profiles';
import { outgoing, sendBestEffort } from './send';
import { listContacts } from './store/contacts';

export async function broadcastProfile(ctx: ChatContext, user: ProfileView): Promise<void> {
  const message = outgoing({ event: 'x.info', params: { profile: wireProfile(user) } });
  for (const contact of await listContacts(ctx.db, user.id)) {
    const connId = contact.connId;
    if (contact.status !== 'active' || connId === null) continue;
    await ctx.serial.run(connId, () => sendBestEffort(ctx, connId, message));
  }
  await refreshAddressProfile(ctx, user);
}
