// The tray icon: show and quit, and the unread count in the tooltip and the app badge. The icon
// and menu are rebuilt from state, never patched.
import { Menu, Tray, nativeImage } from 'electron';

export interface TrayOptions {
  readonly iconPath: string;
  readonly onShow: () => void;
  readonly onQuit: () => void;
  /** The app badge (macOS dock, Unity launchers); app.setBadgeCount in production. */
  readonly setBadgeCount?: (count: number) => void;
}

export interface TrayService {
  /** The hook for unread messages: 0 clears it. */
  setUnreadCount(count: number): void;
  destroy(): void;
}

export function trayTooltip(unread: number): string {
  if (unread <= 0) return 'Conclave';
  return `Conclave: ${unread > 999 ? '999+' : unread} unread`;
}

export function createTray(options: TrayOptions): TrayService {
  const tray = new Tray(nativeImage.createFromPath(options.iconPath));
  let unread = 0;

  const render = () => {
    tray.setToolTip(trayTooltip(unread));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        {
          label: unread > 0 ? `Show Conclave (${unread} unread)` : 'Show Conclave',
          click: options.onShow,
        },
        { type: 'separator' },
        { label: 'Quit Conclave', click: options.onQuit },
      ]),
    );
    options.setBadgeCount?.(unread);
  };

  // A left click shows the window on Windows and most Linux trays.
  tray.on('click', options.onShow);
  render();

  return {
    setUnreadCount(count) {
      const next = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
      if (next === unread) return;
      unread = next;
      render();
    },
    destroy: () => tray.destroy(),
  };
}
