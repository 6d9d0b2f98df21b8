// A stand-in for the 'electron' module in plain-Node tests (`vi.mock('electron', () =>
// import('./fake-electron'))`). It records what the app asks of Electron and lets a test play
// Electron's part: fire app events, invoke IPC handlers, click tray items. utilityProcess.fork
// starts a real Node child process, so the engine behind a fake shell is the real one.
import { fork as forkChild, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';

type Listener = (...args: never[]) => unknown;

/** What every fake records and a test resets between cases. */
export const fake = {
  singleInstance: true,
  quitCalls: 0,
  exitCodes: [] as number[],
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  openedExternally: [] as string[],
  errorBoxes: [] as { title: string; content: string }[],
  badgeCounts: [] as number[],
  defaultProtocolClients: [] as string[],
  exposed: new Map<string, unknown>(),
  userData: '/nonexistent',
  appPath: '/nonexistent',
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  readyResolve: undefined as (() => void) | undefined,
};

class FakeApp extends EventEmitter {
  isPackaged = false;
  private ready = new Promise<void>((resolve) => (fake.readyResolve = resolve));
  requestSingleInstanceLock(): boolean {
    return fake.singleInstance;
  }
  quit(): void {
    fake.quitCalls++;
    // Like Electron: quitting asks 'before-quit' listeners first; any may hold the quit.
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('before-quit', event);
  }
  exit(code = 0): void {
    fake.exitCodes.push(code);
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  getPath(_name: string): string {
    return fake.userData;
  }
  getAppPath(): string {
    return fake.appPath;
  }
  getVersion(): string {
    return '0.1.0';
  }
  setAsDefaultProtocolClient(scheme: string): boolean {
    fake.defaultProtocolClients.push(scheme);
    return true;
  }
  setBadgeCount(count: number): boolean {
    fake.badgeCounts.push(count);
    return true;
  }
  resetForTest(): void {
    this.removeAllListeners();
    this.ready = new Promise<void>((resolve) => (fake.readyResolve = resolve));
  }
}
export const app = new FakeApp();

export class FakeWebContents extends EventEmitter {
  sent: { channel: string; message: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  visible = false;
  focused = false;
  minimized = false;
  maximized = false;
  destroyed = false;
  bounds: { x: number; y: number; width: number; height: number };
  constructor(readonly options: Record<string, unknown>) {
    super();
    this.bounds = {
      x: Number(options.x ?? 10),
      y: Number(options.y ?? 10),
      width: Number(options.width),
      height: Number(options.height),
    };
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds() {
    return this.bounds;
  }
}

export const ipcMain = {
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    if (fake.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    fake.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    fake.ipcHandlers.delete(channel);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    fake.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    fake.protocolHandlers.set(scheme, handler);
  },
};

export class FakeSession {
  requestHandler: Listener | undefined;
  checkHandler: Listener | undefined;
  setPermissionRequestHandler(handler: Listener): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener): void {
    this.checkHandler = handler;
  }
}
export const session = { defaultSession: new FakeSession() };

export const shell = {
  openExternal(url: string): Promise<void> {
    fake.openedExternally.push(url);
    return Promise.resolve();
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    fake.errorBoxes.push({ title, content });
  },
};

export const screen = {
  getAllDisplays: () => fake.displays,
};

export const nativeImage = {
  createFromPath: (path: string) => ({ path }),
};

export interface MenuItem {
  label?: string;
  type?: string;
  click?: () => void;
}
export const Menu = {
  buildFromTemplate: (template: MenuItem[]) => ({ items: template }),
};

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  tooltip = '';
  menu: { items: MenuItem[] } | undefined;
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    Tray.instances.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: { items: MenuItem[] }): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    Notification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
}

/** Electron's utility process, played by a Node child process speaking the same messages. */
class FakeUtilityProcess extends EventEmitter {
  constructor(
    readonly modulePath: string,
    private readonly child: ChildProcess,
  ) {
    super();
    child.on('message', (m) => this.emit('message', m));
    child.on('exit', (code) => this.emit('exit', code ?? 1));
  }
  get pid(): number | undefined {
    return this.child.pid;
  }
  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as object);
  }
  kill(): boolean {
    return this.child.kill('SIGKILL');
  }
}
export const utilityProcess = {
  forked: [] as FakeUtilityProcess[],
  fork(modulePath: string): FakeUtilityProcess {
    const child = forkChild(modulePath, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [],
    });
    const p = new FakeUtilityProcess(modulePath, child);
    utilityProcess.forked.push(p);
    return p;
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    fake.exposed.set(key, api);
  },
};

class FakeIpcRenderer extends EventEmitter {
  invoked: { channel: string; args: unknown[] }[] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: { channel, args } });
  }
}
export const ipcRenderer = new FakeIpcRenderer();

export function resetFakeElectron(): void {
  fake.singleInstance = true;
  fake.quitCalls = 0;
  fake.exitCodes = [];
  fake.privilegedSchemes = [];
  fake.protocolHandlers.clear();
  fake.ipcHandlers.clear();
  fake.openedExternally = [];
  fake.errorBoxes = [];
  fake.badgeCounts = [];
  fake.defaultProtocolClients = [];
  fake.exposed.clear();
  app.resetForTest();
  BrowserWindow.instances = [];
  Tray.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  utilityProcess.forked = [];
  session.defaultSession = new FakeSession();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoked = [];
}

export default {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  session,
  shell,
  dialog,
  screen,
  nativeImage,
  Menu,
  Tray,
  Notification,
  utilityProcess,
  contextBridge,
  ipcRenderer,
};
