// The main window's size and position, remembered between runs. The saved file is checked with
// zod (a damaged file means defaults), a position that is no longer on any screen is dropped so
// the window cannot open out of sight, and saves are debounced and written atomically.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const MIN_WIDTH = 640;
export const MIN_HEIGHT = 480;

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const WindowState = z.object({
  x: z.number().int().min(-100_000).max(100_000).optional(),
  y: z.number().int().min(-100_000).max(100_000).optional(),
  width: z.number().int().min(MIN_WIDTH).max(20_000),
  height: z.number().int().min(MIN_HEIGHT).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1100, height: 760, maximized: false };

/** Enough of the window's top edge must be on a screen to grab and move it. */
const MIN_VISIBLE = { width: 100, height: 40 };

export function isReachable(bounds: Rect, workAreas: readonly Rect[]): boolean {
  const top: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: MIN_VISIBLE.height };
  return workAreas.some((area) => {
    const w = Math.min(top.x + top.width, area.x + area.width) - Math.max(top.x, area.x);
    const h = Math.min(top.y + top.height, area.y + area.height) - Math.max(top.y, area.y);
    return w >= MIN_VISIBLE.width && h >= MIN_VISIBLE.height;
  });
}

/** Makes a parsed state fit the screens there are now. */
export function fitToScreens(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const largest = workAreas.reduce<Rect | undefined>(
    (a, b) => (!a || b.width * b.height > a.width * a.height ? b : a),
    undefined,
  );
  const width = largest ? Math.max(MIN_WIDTH, Math.min(state.width, largest.width)) : state.width;
  const height = largest
    ? Math.max(MIN_HEIGHT, Math.min(state.height, largest.height))
    : state.height;
  const { x, y } = state;
  const placed =
    x !== undefined && y !== undefined && isReachable({ x, y, width, height }, workAreas);
  // Off-screen (a monitor was unplugged): let the OS place the window again.
  return placed ? { ...state, width, height } : { width, height, maximized: state.maximized };
}

export async function loadWindowState(
  file: string,
  workAreas: readonly Rect[],
): Promise<WindowState> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return fitToScreens(DEFAULT_WINDOW_STATE, workAreas);
  }
  const parsed = WindowState.safeParse(raw);
  return fitToScreens(parsed.success ? parsed.data : DEFAULT_WINDOW_STATE, workAreas);
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  const checked = WindowState.parse(state);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(checked));
  await rename(tmp, file);
}

/** What the tracker needs from a BrowserWindow. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

export interface WindowStateTracker {
  /** Writes a pending save now (on quit). */
  flush(): Promise<void>;
}

export function trackWindowState(
  win: TrackedWindow,
  file: string,
  options: { debounceMs?: number; onError?: (e: unknown) => void } = {},
): WindowStateTracker {
  const debounceMs = options.debounceMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest: WindowState | undefined;
  let writing: Promise<void> = Promise.resolve();

  const capture = (): WindowState | undefined => {
    const b = win.getNormalBounds();
    const state = {
      x: Math.round(b.x),
      y: Math.round(b.y),
      width: Math.round(b.width),
      height: Math.round(b.height),
      maximized: win.isMaximized(),
    };
    const parsed = WindowState.safeParse(state);
    return parsed.success ? parsed.data : undefined;
  };

  const write = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const state = latest;
    latest = undefined;
    if (!state) return writing;
    writing = writing
      .then(() => saveWindowState(file, state))
      .catch((e: unknown) => options.onError?.(e));
    return writing;
  };

  const schedule = () => {
    latest = capture() ?? latest;
    clearTimeout(timer);
    timer = setTimeout(() => void write(), debounceMs);
  };

  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const)
    win.on(event, schedule);
  win.on('close', () => {
    latest = capture() ?? latest;
    void write();
  });

  return { flush: write };
}
