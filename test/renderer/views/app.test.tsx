// The whole renderer against a fake engine, driven the way a person would: by keyboard and clicks.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createApiClient, type Transport } from '../../../src/renderer/api';
import { connectStore, createAppStore, StoreContext } from '../../../src/renderer/store';
import { optionTestId, testIds } from '../../../src/renderer/testIds';
import { Root } from '../../../src/renderer/views/Root';
import { renderApp } from '../support/app';
import { FakeEngine } from '../support/fakeEngine';
import { setSystemDark } from '../support/matchMedia';

function engineWithProfile(): FakeEngine {
  const engine = new FakeEngine();
  engine.profile = {
    id: 1,
    displayName: 'Ada',
    fullName: 'Ada Lovelace',
    image: null,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
  };
  return engine;
}

const theme = () => document.documentElement.dataset['theme'];

describe('first run', () => {
  it('asks for a profile, creates it, and lands on an empty chat list', async () => {
    const { engine, user } = renderApp();
    await screen.findByTestId(testIds.firstRun);
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to Conclave' })).toBeTruthy();

    await user.tab();
    await user.keyboard('Ada');
    await user.tab();
    await user.keyboard('Ada Lovelace{Enter}');

    const heading = await screen.findByRole('heading', { level: 1, name: 'Welcome, Ada' });
    // Focus follows the user to the new page instead of being lost with the form.
    expect(document.activeElement).toBe(heading);
    expect(screen.getByTestId(testIds.sidebarProfileName).textContent).toBe('Ada');
    expect(screen.getByTestId(testIds.chatListEmpty).textContent).toContain('No chats yet');
    expect(engine.profile).toMatchObject({ displayName: 'Ada', fullName: 'Ada Lovelace' });
  });

  it('keeps the form and shows the engine’s refusal', async () => {
    const engine = new FakeEngine();
    engine.failNext('profile.create', 'UNAVAILABLE');
    const { user } = renderApp(engine);
    await user.type(await screen.findByTestId(testIds.displayNameInput), 'Ada{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Conclave is not reachable right now. Please try again in a moment.',
    );
    expect(screen.getByTestId<HTMLInputElement>(testIds.displayNameInput).value).toBe('Ada');

    await user.click(screen.getByRole('button', { name: 'Create profile' }));
    await screen.findByRole('heading', { name: 'Welcome, Ada' });
  });
});

describe('loading', () => {
  it('says it is connecting until the host answers', () => {
    // A transport whose socket never opens: nothing is loaded, and nothing pretends otherwise.
    const silent: Transport = {
      call: () => new Promise(() => {}),
      subscribe: () => () => {},
      onConnection: (listener) => (listener('connecting'), () => {}),
      close: () => {},
    };
    const api = createApiClient(silent);
    const store = createAppStore(api);
    connectStore(store, api);
    render(
      <StoreContext value={store}>
        <Root />
      </StoreContext>,
    );
    expect(screen.getByRole('status').textContent).toBe('Connecting to Conclave…');
  });

  it('offers to try again when the profile cannot be read', async () => {
    const engine = new FakeEngine();
    engine.failNext('profile.get', 'UNAVAILABLE');
    const { user } = renderApp(engine);
    await screen.findByTestId(testIds.loadError);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByTestId(testIds.firstRun);
  });
});

describe('settings', () => {
  it('open from the sidebar, take focus, and close with Escape back to the button', async () => {
    const { user } = renderApp(engineWithProfile());
    const open = await screen.findByRole('button', { name: 'Settings' });
    await user.click(open);
    const heading = await screen.findByRole('heading', { level: 1, name: 'Settings' });
    expect(document.activeElement).toBe(heading);
    expect(open.getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('region', { name: 'Profile' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Appearance' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Notifications' })).toBeTruthy();

    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close settings' }));
    await user.tab();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId(testIds.settingsView)).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Settings' }));
  });

  it('edit the profile, and the sidebar follows', async () => {
    const { engine, user } = renderApp(engineWithProfile());
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const name = screen.getByRole('textbox', { name: 'Display name' });
    expect((name as HTMLInputElement).value).toBe('Ada');

    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(screen.getByTestId(testIds.displayNameError).textContent).toBe(
      'Display name is required.',
    );
    expect(engine.callsOf('profile.update')).toEqual([]);

    await user.type(name, 'Countess');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() =>
      expect(screen.getByTestId(testIds.profileStatus).textContent).toBe('Profile saved.'),
    );
    expect(screen.getByTestId(testIds.sidebarProfileName).textContent).toBe('Countess');
    expect(engine.callsOf('profile.update')).toEqual([
      { displayName: 'Countess', fullName: 'Ada Lovelace', image: null },
    ]);
  });

  it('switch the theme at once, and follow the system again on request', async () => {
    const { engine, user } = renderApp(engineWithProfile());
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(theme()).toBe('light');
    act(() => setSystemDark(true));
    expect(theme()).toBe('dark');

    const appearance = screen.getByRole('group', { name: 'Theme' });
    await user.click(within(appearance).getByRole('radio', { name: 'Light' }));
    expect(theme()).toBe('light');
    await waitFor(() => expect(engine.settings.theme).toBe('light'));

    // Arrow keys move between the options, as in any radio group.
    await user.keyboard('{ArrowDown}');
    expect(
      screen.getByTestId<HTMLInputElement>(optionTestId(testIds.themeOption, 'dark')).checked,
    ).toBe(true);
    expect(theme()).toBe('dark');
    await waitFor(() => expect(engine.settings.theme).toBe('dark'));

    await user.click(within(appearance).getByRole('radio', { name: 'System' }));
    act(() => setSystemDark(false));
    expect(theme()).toBe('light');
  });

  it('turn notifications off, which disables the preview choice', async () => {
    const { engine, user } = renderApp(engineWithProfile());
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const previews = screen.getByRole('group', { name: 'Notifications show' });
    await user.click(within(previews).getByRole('radio', { name: 'Sender only' }));
    await waitFor(() => expect(engine.settings.notificationPreview).toBe('sender'));

    await user.click(screen.getByRole('checkbox', { name: 'Show desktop notifications' }));
    await waitFor(() => expect(engine.settings.notificationsEnabled).toBe(false));
    expect((previews as HTMLFieldSetElement).disabled).toBe(true);
  });

  it('say so when a setting could not be saved, and put it back', async () => {
    const engine = engineWithProfile();
    const { user } = renderApp(engine);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    engine.failNext('settings.update', 'UNAVAILABLE');
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    const alert = await within(screen.getByTestId(testIds.settingsStatus)).findByRole('alert');
    expect(alert.textContent).toContain('not reachable');
    expect(
      screen.getByTestId<HTMLInputElement>(optionTestId(testIds.themeOption, 'system')).checked,
    ).toBe(true);
  });
});

describe('engine status', () => {
  it('shows a banner while the engine restarts', async () => {
    const engine = engineWithProfile();
    renderApp(engine);
    await screen.findByTestId(testIds.appFrame);
    const banner = screen.getByTestId(testIds.engineBanner);
    expect(banner.textContent).toBe('');

    act(() => engine.emit('engine.status', { state: 'restarting' }));
    expect(within(banner).getByRole('status').textContent).toContain('Conclave is restarting');
    act(() => engine.emit('engine.status', { state: 'ready' }));
    expect(banner.textContent).toBe('');
  });
});
