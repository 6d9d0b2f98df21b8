// The Electron app, wired together: single instance, deep links, the embedded SMP server and the
// engine worker (each in a utility process of its own), the app:// page in a locked-down window,
// IPC through the shared dispatcher, notifications and the tray fed by chat events, and an
// orderly shutdown: the engine closes its store, then the server stops, then the process ends.
import path from 'node:path';
import { app, dialog, screen, session, type BrowserWindow } from 'electron';
import { callEngine, type EngineClient } from '../engine/host/client';
import { createAppHandlers } from '../engine/host/app-handlers';
import { createDispatcher } from '../engine/host/dispatcher';
import { EngineStartError, startEngineWorker } from '../engine/host/supervisor';
import { createLogger } from '../engine/log';
import {
  provideSmpServer,
  type EmbeddedServerRunner,
  type SmpServerChoice,
} from '../../server/embedded-runner';
import { SIMPLEX_SCHEME } from '../../shared/links/simplex';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/models/settings';
import { connectChatAlerts, type ChatAlerts } from './chat-alerts';
import { LinkInbox } from './deep-links';
import { registerIpcHandlers, sendEvent } from './ipc';
import { createNotifier, type Notifier } from './notifier';
import { registerAppScheme, serveAppProtocol } from './security/app-protocol';
import { installNavigationGuards } from './security/navigation';
import { installPermissionHandlers } from './security/permissions';
import { createTray, type TrayService } from './tray';
import { UnreadChats } from './unread-chats';
import { utilityEmbeddedServerProcess, utilityEngineProcess } from './utility-process';
import { createMainWindow, focusWindow } from './window';
import { loadWindowState, trackWindowState, type WindowStateTracker } from './window-state';

export interface DesktopAppOptions {
  /** The build output: main/ (this bundle, preload, engine worker) and renderer/. */
  readonly distDir: string;
  /** Icons for the tray; <app>/assets by default. */
  readonly assetsDir?: string;
  /**
   * The engine's default SMP server: 'embedded' (default) runs ours in a utility process with
   * its data in <userData>/smp-server; 'none' runs none; `{ address }` uses a running one.
   */
  readonly smpServer?: SmpServerChoice;
}

export interface DesktopApp {
  readonly engine: EngineClient;
  readonly window: BrowserWindow;
  readonly tray: TrayService;
  readonly notifier: Notifier;
  readonly links: LinkInbox;
  /** Unread counts per chat, as the tray shows them. */
  readonly chats: UnreadChats;
  /** The embedded SMP server, when the app runs one (not when it could not start). */
  readonly embeddedServer: EmbeddedServerRunner | undefined;
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
    smpServer?: EmbeddedServerRunner;
    alerts?: ChatAlerts;
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

  // Orderly shutdown: the first quit is held until the engine has closed its store and then the
  // server its own (the engine first, so it never sees its server vanish).
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
        parts.alerts?.stop();
        await parts.engine?.close();
        await parts.smpServer?.close();
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

  const userData = app.getPath('userData');
  const smp = await provideSmpServer(options.smpServer ?? 'embedded', () => ({
    spawn: utilityEmbeddedServerProcess(path.join(options.distDir, 'main', 'embedded-server.cjs')),
    dataDir: path.join(userData, 'smp-server'),
    log: log.child('smp-server'),
  }));
  parts.smpServer = smp.runner;
  // Not fatal: the engine runs without it and settings show that it is not running.
  if (smp.failure) log.error('the embedded SMP server is not running', { error: smp.failure });

  let running: EngineClient;
  try {
    running = await startEngineWorker({
      spawn: utilityEngineProcess(path.join(options.distDir, 'main', 'engine-worker.cjs')),
      dataDir: path.join(userData, 'engine'),
      embeddedServer: smp.server,
      embeddedServerError: smp.failure?.message,
      log: log.child('engine'),
    });
  } catch (e) {
    const message = e instanceof EngineStartError ? e.message : 'the engine failed to start';
    log.error('engine could not start', { error: e instanceof Error ? e : null });
    await smp.runner?.close();
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

  const liveWindow = () => (parts.window?.isDestroyed() === false ? parts.window : undefined);
  const show = () => {
    const win = liveWindow();
    if (win) focusWindow(win);
  };
  const chats = new UnreadChats((count) => parts.tray?.setUnreadCount(count));
  const notifier = createNotifier({
    settings: () => settings,
    windowFocused: () => liveWindow()?.isFocused() ?? false,
    openChatId: () => focusedChat,
    isChatMuted: (chatId) => chats.isMuted(chatId),
    openChat: (chatId) => {
      show();
      sendEvent(parts.window, 'app.chat.open', { chatId });
    },
  });
  // Listening from here on: a message that arrives while the window is being made still counts.
  const alerts = connectChatAlerts({
    engine: running,
    chats,
    notify: (message) => notifier.notify(message),
    log: log.child('alerts'),
  });
  parts.alerts = alerts;

  const stateFile = path.join(userData, 'window-state.json');
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

  // The tray starts with the right number: the chat list has been read by now.
  await alerts.seeded;
  const tray = createTray({
    iconPath: path.join(options.assetsDir ?? path.join(app.getAppPath(), 'assets'), 'tray.png'),
    onShow: show,
    onQuit: () => app.quit(),
    setBadgeCount: (count) => app.setBadgeCount(count),
  });
  parts.tray = tray;
  tray.setUnreadCount(chats.total);

  return {
    engine: running,
    window: shown,
    tray,
    notifier,
    links,
    chats,
    embeddedServer: smp.runner,
    stopped,
  };
}
