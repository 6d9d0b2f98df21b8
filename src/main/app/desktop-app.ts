// The Electron app, wired together: single instance, deep links, the app:// page in a locked-down
// window, IPC through the shared dispatcher to the engine worker, tray, notifications, and an
// orderly shutdown that closes the engine's store before the process ends.
import path from 'node:path';
import { app, dialog, screen, session, type BrowserWindow } from 'electron';
import { callEngine, type EngineClient } from '../engine/host/client';
import { createAppHandlers } from '../engine/host/app-handlers';
import { createDispatcher } from '../engine/host/dispatcher';
import { EngineStartError, startEngineWorker } from '../engine/host/supervisor';
import { createLogger } from '../engine/log';
import { SIMPLEX_SCHEME } from '../../shared/links/simplex';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/models/settings';
import { LinkInbox } from './deep-links';
import { utilityEngineProcess } from './engine-process';
import { registerIpcHandlers, sendEvent } from './ipc';
import { createNotifier, type Notifier } from './notifier';
import { registerAppScheme, serveAppProtocol } from './security/app-protocol';
import { installNavigationGuards } from './security/navigation';
import { installPermissionHandlers } from './security/permissions';
import { createTray, type TrayService } from './tray';
import { createMainWindow, focusWindow } from './window';
import { loadWindowState, trackWindowState, type WindowStateTracker } from './window-state';

export interface DesktopAppOptions {
  /** The build output: main/ (this bundle, preload, engine worker) and renderer/. */
  readonly distDir: string;
  /** Icons for the tray; <app>/assets by default. */
  readonly assetsDir?: string;
}

export interface DesktopApp {
  readonly engine: EngineClient;
  readonly window: BrowserWindow;
  readonly tray: TrayService;
  readonly notifier: Notifier;
  readonly links: LinkInbox;
  /** Settles when the orderly shutdown has finished. */
  readonly stopped: Promise<void>;
}

/**
 * Starts the app; resolves with its parts once the window exists, or with undefined when another
 * instance already runs (this one then quits, after handing its link to the first).
 */
export async function runDesktopApp(options: DesktopAppOptions): Promise<DesktopApp | undefined> {
  const log = createLogger({ scope: 'main' });
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }

  // Filled in as start-up proceeds; the event handlers below may run at any point of it.
  const parts: {
    window?: BrowserWindow;
    engine?: EngineClient;
    tray?: TrayService;
    tracker?: WindowStateTracker;
    unregisterIpc?: () => void;
  } = {};

  const links = new LinkInbox((link) => sendEvent(parts.window, 'app.link.opened', link));
  links.offerArgs(process.argv.slice(1));
  app.on('second-instance', (_event, argv) => {
    if (parts.window) focusWindow(parts.window);
    links.offerArgs(argv);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    links.offer(url);
  });
  installNavigationGuards(app);

  // Orderly shutdown: the first quit is held until the engine has closed its store.
  let finishStop!: () => void;
  const stopped = new Promise<void>((resolve) => (finishStop = resolve));
  let shutdown: 'running' | 'stopping' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (shutdown === 'done') return;
    event.preventDefault();
    if (shutdown === 'stopping') return;
    shutdown = 'stopping';
    void (async () => {
      try {
        await parts.tracker?.flush();
        parts.unregisterIpc?.();
        await parts.engine?.close();
        parts.tray?.destroy();
      } catch (e) {
        log.error('shutdown step failed', { error: e instanceof Error ? e : null });
      }
      shutdown = 'done';
      finishStop();
      app.quit();
    })();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  if (app.isPackaged) app.setAsDefaultProtocolClient(SIMPLEX_SCHEME);
  installPermissionHandlers(session.defaultSession);
  serveAppProtocol(path.join(options.distDir, 'renderer'));

  let running: EngineClient;
  try {
    running = await startEngineWorker({
      spawn: utilityEngineProcess(path.join(options.distDir, 'main', 'engine-worker.cjs')),
      dataDir: path.join(app.getPath('userData'), 'engine'),
      log: log.child('engine'),
    });
  } catch (e) {
    const message = e instanceof EngineStartError ? e.message : 'the engine failed to start';
    log.error('engine could not start', { error: e instanceof Error ? e : null });
    dialog.showErrorBox('Conclave cannot start', message);
    app.exit(1);
    return undefined;
  }
  parts.engine = running;

  let settings: Settings = DEFAULT_SETTINGS;
  // The chat the window shows, as the renderer reports it (app.chat.focused).
  let focusedChat: string | null = null;
  running.on('settings.updated', (next) => (settings = next));
  settings = await callEngine(running, 'settings.get', {}).catch(() => settings);

  const dispatcher = createDispatcher({
    engine: running,
    appHandlers: createAppHandlers({
      info: { version: app.getVersion(), runtime: 'electron', platform: process.platform },
      engine: running,
      onRendererReady: () => links.rendererReady(),
      onChatFocused: (chatId) => (focusedChat = chatId),
    }),
    log: log.child('ipc'),
  });
  parts.unregisterIpc = registerIpcHandlers(dispatcher, log.child('ipc'));
  running.onAny((name, payload) => sendEvent(parts.window, name, payload));

  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  const shown = createMainWindow({
    preloadPath: path.join(options.distDir, 'main', 'preload.cjs'),
    state: await loadWindowState(stateFile, workAreas),
  });
  parts.window = shown;
  parts.tracker = trackWindowState(shown, stateFile, {
    onError: (e) => log.warn('window state not saved', { error: e instanceof Error ? e : null }),
  });
  // A reload starts a new page, which says app.ready again before it gets links.
  shown.webContents.on('did-start-loading', () => links.rendererGone());

  const show = () => focusWindow(shown);
  const tray = createTray({
    iconPath: path.join(options.assetsDir ?? path.join(app.getAppPath(), 'assets'), 'tray.png'),
    onShow: show,
    onQuit: () => app.quit(),
    setBadgeCount: (count) => app.setBadgeCount(count),
  });
  parts.tray = tray;
  const notifier = createNotifier({
    settings: () => settings,
    windowFocused: () => !shown.isDestroyed() && shown.isFocused(),
    openChatId: () => focusedChat,
    // Per-chat mute arrives with the chat layer.
    isChatMuted: () => false,
    openChat: (chatId) => {
      show();
      sendEvent(shown, 'app.chat.open', { chatId });
    },
  });

  return { engine: running, window: shown, tray, notifier, links, stopped };
}
