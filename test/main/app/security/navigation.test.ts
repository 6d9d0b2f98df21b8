import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { App, WebContents } from 'electron';
import { FakeWebContents, app, fake, resetFakeElectron } from '../fake-electron';
import {
  installNavigationGuards,
  lockDownWebContents,
} from '../../../../src/main/app/security/navigation';

vi.mock('electron', () => import('../fake-electron'));
beforeEach(resetFakeElectron);

function event(url = '') {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

function guarded(): FakeWebContents {
  const contents = new FakeWebContents();
  lockDownWebContents(contents as unknown as WebContents);
  return contents;
}

describe('navigation guards', () => {
  it('keeps the page from navigating away; web links go to the browser', () => {
    const contents = guarded();
    const web = event('https://example.com/');
    contents.emit('will-navigate', web);
    expect(web.prevented).toBe(true);
    expect(fake.openedExternally).toEqual(['https://example.com/']);

    const file = event('file:///etc/passwd');
    contents.emit('will-navigate', file);
    expect(file.prevented).toBe(true);
    expect(fake.openedExternally).toEqual(['https://example.com/']);

    const own = event('app://conclave/index.html#/settings');
    contents.emit('will-navigate', own);
    expect(own.prevented).toBe(false);
  });

  it('refuses redirects off our origin', () => {
    const contents = guarded();
    const away = event('https://evil.example/');
    contents.emit('will-redirect', away);
    expect(away.prevented).toBe(true);
  });

  it('denies every new window; web links open in the browser', () => {
    const contents = guarded();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/x' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'app://conclave/index.html' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'file:///x' })).toEqual({ action: 'deny' });
    expect(fake.openedExternally).toEqual(['https://example.com/x']);
  });

  it('never attaches a <webview>', () => {
    const contents = guarded();
    const attach = event();
    contents.emit('will-attach-webview', attach);
    expect(attach.prevented).toBe(true);
  });

  it('guards every web contents the app creates', () => {
    installNavigationGuards(app as unknown as App);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler).toBeDefined();
    const away = event('https://example.com/');
    contents.emit('will-navigate', away);
    expect(away.prevented).toBe(true);
  });
});
