import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Tray as FakeTray, fake, resetFakeElectron } from './fake-electron';
import { createTray, trayTooltip } from '../../../src/main/app/tray';

vi.mock('electron', () => import('./fake-electron'));
beforeEach(resetFakeElectron);

function setup() {
  const calls: string[] = [];
  const service = createTray({
    iconPath: '/assets/tray.png',
    onShow: () => calls.push('show'),
    onQuit: () => calls.push('quit'),
    setBadgeCount: (n) => fake.badgeCounts.push(n),
  });
  const tray = FakeTray.instances[0]!;
  return { service, tray, calls };
}

describe('tray', () => {
  it('shows the icon with show and quit entries', () => {
    const { tray, calls } = setup();
    expect(tray.image).toEqual({ path: '/assets/tray.png' });
    expect(tray.tooltip).toBe('Conclave');
    const labels = tray.menu?.items.map((i) => i.label ?? i.type);
    expect(labels).toEqual(['Show Conclave', 'separator', 'Quit Conclave']);
    tray.menu?.items[0]?.click?.();
    tray.menu?.items[2]?.click?.();
    tray.emit('click');
    expect(calls).toEqual(['show', 'quit', 'show']);
  });

  it('reflects the unread count in tooltip, menu and badge', () => {
    const { service, tray } = setup();
    service.setUnreadCount(3);
    expect(tray.tooltip).toBe('Conclave: 3 unread');
    expect(tray.menu?.items[0]?.label).toBe('Show Conclave (3 unread)');
    service.setUnreadCount(3);
    service.setUnreadCount(-2);
    service.setUnreadCount(Number.NaN);
    expect(tray.tooltip).toBe('Conclave');
    expect(fake.badgeCounts).toEqual([0, 3, 0]);
    expect(trayTooltip(5000)).toBe('Conclave: 999+ unread');
  });

  it('can be removed', () => {
    const { service, tray } = setup();
    service.destroy();
    expect(tray.destroyed).toBe(true);
  });
});
