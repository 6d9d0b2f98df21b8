import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppFrame } from '../../../src/renderer/components/AppFrame';
import { bannerNotice, EngineBanner } from '../../../src/renderer/components/EngineBanner';
import { testIds } from '../../../src/renderer/testIds';

describe('AppFrame', () => {
  it('has landmarks and a skip link that moves focus without touching the URL', async () => {
    window.location.hash = '#token=abc';
    const user = userEvent.setup();
    render(
      <AppFrame banner={null} sidebar={<nav aria-label="Chats and settings">sidebar</nav>}>
        <h1>Main</h1>
      </AppFrame>,
    );
    expect(screen.getByRole('navigation', { name: 'Chats and settings' })).toBeTruthy();
    const main = screen.getByRole('main');

    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to main content' });
    expect(document.activeElement).toBe(skip);
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(main);
    expect(window.location.hash).toBe('#token=abc');
  });
});

describe('EngineBanner', () => {
  it('is silent while everything works', () => {
    expect(
      bannerNotice({ engine: { state: 'ready' }, connection: 'open', everConnected: true }),
    ).toBeNull();
    // Not yet connected for the first time: the loading screen covers that.
    expect(
      bannerNotice({ engine: null, connection: 'connecting', everConnected: false }),
    ).toBeNull();
  });

  it('announces a restarting engine politely', () => {
    render(
      <EngineBanner
        engine={{ state: 'restarting', reason: 'worker exited' }}
        connection="open"
        everConnected
      />,
    );
    const banner = screen.getByTestId(testIds.engineBanner);
    expect(screen.getByRole('status').textContent).toBe(
      'Conclave is restarting. Your data is safe; this takes a moment.',
    );
    expect(banner.className).toContain('banner--info');
  });

  it('alerts when the engine has stopped', () => {
    render(
      <EngineBanner
        engine={{ state: 'stopped', reason: 'disk full' }}
        connection="open"
        everConnected
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'Conclave has stopped (disk full). Restart the app to continue.',
    );
  });

  it('reports a lost connection before anything the engine said', () => {
    expect(
      bannerNotice({ engine: { state: 'ready' }, connection: 'connecting', everConnected: true }),
    ).toEqual({ tone: 'info', text: 'Connection to Conclave lost. Reconnecting…' });
  });
});
