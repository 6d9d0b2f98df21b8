import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToScreens,
  isReachable,
  loadWindowState,
  trackWindowState,
  type Rect,
} from '../../../src/main/app/window-state';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const screen: Rect[] = [{ x: 0, y: 0, width: 1920, height: 1080 }];
const twoScreens: Rect[] = [...screen, { x: 1920, y: 0, width: 1280, height: 1024 }];

afterEach(() => {
  vi.useRealTimers();
});

describe('window state', () => {
  it('uses defaults when there is no file, bad JSON or a state of the wrong shape', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'w.json');
    expect(await loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, '{oops');
    expect(await loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, JSON.stringify({ width: 'wide', height: 500, maximized: false }));
    expect(await loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, JSON.stringify({ width: 100, height: 100, maximized: false }));
    expect(await loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps a saved position that is on a screen', async () => {
    const file = path.join(tempDir(), 'w.json');
    writeFileSync(
      file,
      JSON.stringify({ x: 2000, y: 100, width: 1000, height: 700, maximized: true }),
    );
    expect(await loadWindowState(file, twoScreens)).toEqual({
      x: 2000,
      y: 100,
      width: 1000,
      height: 700,
      maximized: true,
    });
  });

  it('drops a position that is off every screen (a monitor was unplugged)', async () => {
    const file = path.join(tempDir(), 'w.json');
    writeFileSync(
      file,
      JSON.stringify({ x: 2000, y: 100, width: 1000, height: 700, maximized: false }),
    );
    expect(await loadWindowState(file, screen)).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('needs enough of the title bar on screen to grab', () => {
    expect(isReachable({ x: 1900, y: 10, width: 800, height: 600 }, screen)).toBe(false);
    expect(isReachable({ x: 1800, y: 10, width: 800, height: 600 }, screen)).toBe(true);
    expect(isReachable({ x: 100, y: -30, width: 800, height: 600 }, screen)).toBe(false);
    expect(isReachable({ x: 100, y: 1050, width: 800, height: 600 }, screen)).toBe(false);
  });

  it('shrinks a window larger than the largest screen', () => {
    expect(
      fitToScreens({ x: 0, y: 0, width: 5000, height: 3000, maximized: false }, screen),
    ).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1080,
      maximized: false,
    });
  });

  it('saves once after moves settle, and on close, atomically', async () => {
    vi.useFakeTimers();
    const file = path.join(tempDir(), 'state', 'w.json');
    const win = Object.assign(new EventEmitter(), {
      bounds: { x: 10, y: 20, width: 800, height: 600 },
      getNormalBounds() {
        return this.bounds;
      },
      isMaximized: () => false,
    });
    const tracker = trackWindowState(win, file, { debounceMs: 500 });
    win.bounds = { x: 30, y: 40, width: 900, height: 650 };
    win.emit('move');
    win.emit('resize');
    await vi.advanceTimersByTimeAsync(499);
    expect(existsSync(file)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await tracker.flush();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      x: 30,
      y: 40,
      width: 900,
      height: 650,
      maximized: false,
    });

    win.bounds = { x: 50, y: 60, width: 1000, height: 700 };
    win.emit('close');
    await tracker.flush();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ x: 50, width: 1000 });
  });
});
