import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as FakeWindow } from './fake-electron';
import { resetFakeElectron } from './fake-electron';
import { createMainWindow, focusWindow, mainWindowOptions } from '../../../src/main/app/window';
import { DEFAULT_WINDOW_STATE } from '../../../src/main/app/window-state';

vi.mock('electron', () => import('./fake-electron'));
beforeEach(resetFakeElectron);

describe('main window', () => {
  it('is sandboxed and isolated, with no Node, no webview and only our preload', () => {
    const options = mainWindowOptions({
      preloadPath: '/app/main/preload.cjs',
      state: DEFAULT_WINDOW_STATE,
    });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(options.show).toBe(false);
    expect(options).not.toHaveProperty('x');
  });

  it('takes size and position from the saved state', () => {
    const options = mainWindowOptions({
      preloadPath: 'p',
      state: { x: 40, y: 50, width: 900, height: 700, maximized: false },
    });
    expect(options).toMatchObject({ x: 40, y: 50, width: 900, height: 700 });
  });

  it('loads app://conclave, shows when ready, and maximizes if it was', () => {
    const win = createMainWindow({
      preloadPath: 'p',
      state: { ...DEFAULT_WINDOW_STATE, maximized: true },
    }) as unknown as FakeWindow;
    expect(win.loadedUrl).toBe('app://conclave/index.html');
    expect(win.maximized).toBe(true);
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('focusing restores a minimized window', () => {
    const win = createMainWindow({
      preloadPath: 'p',
      state: DEFAULT_WINDOW_STATE,
    }) as unknown as FakeWindow;
    win.minimized = true;
    focusWindow(win as never);
    expect(win).toMatchObject({ minimized: false, visible: true, focused: true });
  });
});
