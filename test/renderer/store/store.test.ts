import { describe, expect, it } from 'vitest';
import { resetAppStore } from '../../../src/renderer/store';
import { connectedStore } from '../support/app';
import { FakeEngine } from '../support/fakeEngine';

/** Resolves when the store's state satisfies `done`. */
function until<T>(
  store: ReturnType<typeof connectedStore>['store'],
  done: (s: ReturnType<typeof store.getState>) => T | undefined | false,
): Promise<T> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const value = done(store.getState());
      if (value === undefined || value === false) return false;
      resolve(value);
      return true;
    };
    if (check()) return;
    const off = store.subscribe(() => {
      if (check()) off();
    });
  });
}

const ready = (s: { profileLoad: { status: string }; settingsLoad: { status: string } }) =>
  s.profileLoad.status === 'ready' && s.settingsLoad.status === 'ready';

describe('app store', () => {
  it('loads the profile, settings and engine status once connected, and says it is ready', async () => {
    const engine = new FakeEngine();
    engine.settings = { theme: 'dark', notificationsEnabled: false, notificationPreview: 'none' };
    const { store } = connectedStore(engine);
    await until(store, ready);
    await until(store, (s) => s.engine !== null);

    const s = store.getState();
    expect(s.profile).toBeNull();
    expect(s.settings.theme).toBe('dark');
    expect(s.engine).toEqual({ state: 'ready' });
    expect(s.connection).toBe('open');
    expect(engine.callsOf('app.ready')).toHaveLength(1);
  });

  it('creates a profile and records the save', async () => {
    const { store, engine } = connectedStore();
    await until(store, ready);

    const saving = store.getState().createProfile({ displayName: 'Ada', fullName: 'Ada Lovelace' });
    expect(store.getState().profileSave.status).toBe('saving');
    expect(await saving).toBe(true);
    expect(store.getState().profileSave.status).toBe('saved');
    expect(store.getState().profile).toMatchObject({
      displayName: 'Ada',
      fullName: 'Ada Lovelace',
    });
    expect(engine.profile?.displayName).toBe('Ada');
  });

  it('turns a refused save into a message for the user', async () => {
    const { store, engine } = connectedStore();
    await until(store, ready);
    engine.failNext('profile.create', 'UNAVAILABLE');

    expect(await store.getState().createProfile({ displayName: 'Ada' })).toBe(false);
    expect(store.getState().profileSave).toEqual({
      status: 'error',
      message: 'Conclave is not reachable right now. Please try again in a moment.',
    });
    expect(store.getState().profile).toBeNull();
  });

  it('shows a setting at once and rolls it back when the engine refuses it', async () => {
    const { store, engine } = connectedStore();
    await until(store, ready);
    const gate = engine.hold('settings.update');
    engine.failNext('settings.update', 'INTERNAL');

    const update = store.getState().updateSettings({ theme: 'dark' });
    await gate.reached;
    expect(store.getState().settings.theme).toBe('dark');
    gate.release();
    expect(await update).toBe(false);
    expect(store.getState().settings.theme).toBe('system');
    expect(store.getState().settingsSave.status).toBe('error');
  });

  it('keeps a later change when an earlier one is rolled back', async () => {
    const { store, engine } = connectedStore();
    await until(store, ready);
    const gate = engine.hold('settings.update');
    engine.failNext('settings.update', 'INTERNAL');

    const refused = store.getState().updateSettings({ theme: 'dark' });
    await gate.reached;
    const accepted = store.getState().updateSettings({ notificationPreview: 'sender' });
    gate.release();
    expect(await refused).toBe(false);
    expect(await accepted).toBe(true);
    expect(store.getState().settings).toMatchObject({
      theme: 'system',
      notificationPreview: 'sender',
    });
  });

  it('follows events from the engine', async () => {
    const { store, engine } = connectedStore();
    await until(store, ready);
    engine.emit('settings.updated', {
      theme: 'light',
      notificationsEnabled: true,
      notificationPreview: 'sender',
    });
    engine.emit('profile.updated', {
      id: 1,
      displayName: 'Grace',
      fullName: '',
      image: null,
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    });
    expect(store.getState().settings.theme).toBe('light');
    expect(store.getState().profile?.displayName).toBe('Grace');
  });

  it('tracks an engine restart and reads everything again when it is back', async () => {
    const { store, engine } = connectedStore();
    await until(store, ready);
    await until(store, (s) => s.engine?.state === 'ready');

    engine.emit('engine.status', { state: 'restarting', reason: 'worker exited' });
    expect(store.getState().engine).toEqual({ state: 'restarting', reason: 'worker exited' });

    // While it restarted, a profile was created elsewhere; the store learns of it on 'ready'.
    engine.profile = {
      id: 1,
      displayName: 'Ada',
      fullName: '',
      image: null,
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    };
    const profileReads = engine.callsOf('profile.get').length;
    engine.emit('engine.status', { state: 'ready' });
    await until(store, (s) => s.profile?.displayName === 'Ada');
    expect(engine.callsOf('profile.get').length).toBe(profileReads + 1);
  });

  it('keeps what it shows when a refresh fails', async () => {
    const { store, engine } = connectedStore();
    await until(store, ready);
    engine.failNext('profile.get', 'UNAVAILABLE');
    await store.getState().loadProfile();
    expect(store.getState().profileLoad.status).toBe('ready');
  });

  it('reports a failed first load', async () => {
    const engine = new FakeEngine();
    engine.failNext('profile.get', 'UNAVAILABLE');
    const { store } = connectedStore(engine);
    const load = await until(store, (s) => s.profileLoad.status === 'error' && s.profileLoad);
    expect(load).toMatchObject({ status: 'error' });
  });

  it('drops save notices when navigating', async () => {
    const { store } = connectedStore();
    await until(store, ready);
    await store.getState().createProfile({ displayName: 'Ada' });
    store.getState().navigate('settings');
    expect(store.getState().view).toBe('settings');
    expect(store.getState().profileSave.status).toBe('idle');
  });

  it('resets to its initial state', async () => {
    const { store } = connectedStore();
    await until(store, ready);
    await store.getState().createProfile({ displayName: 'Ada' });
    store.getState().navigate('settings');

    resetAppStore(store);
    const s = store.getState();
    expect(s.profile).toBeNull();
    expect(s.view).toBe('chats');
    expect(s.profileLoad.status).toBe('idle');
    expect(s.connection).toBe('connecting');
  });
});
