// Commands for the app settings.
import type { EngineHandlers } from '../../../shared/ipc';
import type { EngineContext } from '../context';
import { readSettings, writeSettings, type StoredSettings } from '../store/settings';

type SettingsHandlers = Pick<EngineHandlers, 'settings.get' | 'settings.update'>;

export function settingsHandlers(ctx: EngineContext): SettingsHandlers {
  const report = ({ settings, unreadable }: StoredSettings) => {
    for (const key of unreadable) {
      ctx.log.warn('stored setting unreadable; using its default', { setting: key });
    }
    return settings;
  };

  return {
    'settings.get': async () => report(await readSettings(ctx.db())),

    'settings.update': async (input) => {
      const stored = await ctx.db().transaction((tx) => writeSettings(tx, input, ctx.nowIso()));
      const settings = report(stored);
      ctx.events.emit('settings.updated', settings);
      return settings;
    },
  };
}
