import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import { resetFakeElectron, session } from '../fake-electron';
import {
  installPermissionHandlers,
  isPermissionAllowed,
} from '../../../../src/main/app/security/permissions';

vi.mock('electron', () => import('../fake-electron'));
beforeEach(resetFakeElectron);

describe('permissions', () => {
  it('allows notifications for our own page only', () => {
    expect(isPermissionAllowed('notifications', 'app://conclave/index.html')).toBe(true);
    expect(isPermissionAllowed('notifications', 'app://conclave')).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example/')).toBe(false);
    expect(isPermissionAllowed('notifications', 'app://other/index.html')).toBe(false);
    expect(isPermissionAllowed('notifications', undefined)).toBe(false);
  });

  it('refuses everything else, even to our page', () => {
    for (const p of [
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'hid',
      'unknown',
    ]) {
      expect(isPermissionAllowed(p, 'app://conclave/index.html')).toBe(false);
    }
  });

  it('installs request and check handlers that apply the rule', () => {
    const ses = session.defaultSession;
    installPermissionHandlers(ses as unknown as Session);
    const answers: boolean[] = [];
    const request = ses.requestHandler as unknown as (...a: unknown[]) => void;
    request({}, 'notifications', (ok: boolean) => answers.push(ok), {
      requestingUrl: 'app://conclave/',
    });
    request({}, 'media', (ok: boolean) => answers.push(ok), { requestingUrl: 'app://conclave/' });
    expect(answers).toEqual([true, false]);
    const check = ses.checkHandler as unknown as (...a: unknown[]) => boolean;
    expect(check(null, 'notifications', 'app://conclave', {})).toBe(true);
    expect(check(null, 'geolocation', 'app://conclave', {})).toBe(false);
  });
});
