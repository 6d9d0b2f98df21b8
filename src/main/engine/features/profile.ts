// Commands for the user's own profile: read, create, update. One profile for now; the schema
// already has room for more (user_profiles.active).
import { ContractError, type EngineHandlers } from '../../../shared/ipc';
import type { EngineContext } from '../context';
import { createProfile, getActiveProfile, updateProfile } from '../store/profiles';

type ProfileHandlers = Pick<EngineHandlers, 'profile.get' | 'profile.create' | 'profile.update'>;

export function profileHandlers(ctx: EngineContext): ProfileHandlers {
  return {
    'profile.get': async () => getActiveProfile(ctx.db()),

    'profile.create': async (input) => {
      const profile = await ctx.db().transaction(async (tx) => {
        if (await getActiveProfile(tx)) {
          throw new ContractError('CONFLICT', 'a profile exists already');
        }
        return createProfile(tx, input, ctx.nowIso());
      });
      ctx.log.info('profile created', { profileId: profile.id });
      ctx.events.emit('profile.updated', profile);
      return profile;
    },

    'profile.update': async (input) => {
      const profile = await ctx.db().transaction(async (tx) => {
        const active = await getActiveProfile(tx);
        if (!active)
          throw new ContractError('NOT_FOUND', 'there is no profile yet; create one first');
        return updateProfile(tx, active.id, input, ctx.nowIso());
      });
      if (!profile) throw new ContractError('NOT_FOUND', 'the profile no longer exists');
      ctx.events.emit('profile.updated', profile);
      return profile;
    },
  };
}
