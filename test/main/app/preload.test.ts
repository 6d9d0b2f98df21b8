import { build } from 'esbuild';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, ipcRenderer } from './fake-electron';
import type { ConclaveBridge } from '../../../src/shared/ipc/bridge';
import { EVENT_CHANNEL, commandChannel } from '../../../src/shared/ipc/bridge';
import { commandNames } from '../../../src/shared/ipc';
import { preloadBuildOptions } from '../../../scripts/build.mjs';

vi.mock('electron', () => import('./fake-electron'));

// The preload does its work on import, once, like in a page.
let bridge: ConclaveBridge;
let exposedKeys: string[] = [];
beforeAll(async () => {
  await import('../../../src/main/app/preload');
  exposedKeys = [...fake.exposed.keys()];
  bridge = fake.exposed.get('conclave') as ConclaveBridge;
});
beforeEach(() => {
  ipcRenderer.invoked = [];
});

describe('preload', () => {
  it('exposes window.conclave with one function per command and nothing else', async () => {
    expect(exposedKeys).toEqual(['conclave']);
    expect(Object.keys(bridge).sort()).toEqual(['commands', 'on']);
    expect(Object.keys(bridge.commands).sort()).toEqual([...commandNames].sort());
    for (const fn of Object.values(bridge.commands)) expect(typeof fn).toBe('function');
  });

  it('invokes the command channel with the input and returns the envelope', async () => {
    const result = await bridge.commands['profile.update']({ fullName: 'x' });
    expect(ipcRenderer.invoked).toEqual([
      { channel: commandChannel('profile.update'), args: [{ fullName: 'x' }] },
    ]);
    expect(result).toMatchObject({ ok: true });
  });

  it('delivers only the payload of the subscribed event, never the IPC event object', async () => {
    const got: unknown[] = [];
    const off = bridge.on('settings.updated', (p) => got.push(p));
    const ipcEvent = { sender: ipcRenderer };
    ipcRenderer.emit(EVENT_CHANNEL, ipcEvent, {
      name: 'settings.updated',
      payload: { theme: 'dark' },
    });
    ipcRenderer.emit(EVENT_CHANNEL, ipcEvent, { name: 'profile.updated', payload: { id: 1 } });
    ipcRenderer.emit(EVENT_CHANNEL, ipcEvent, 'garbage');
    expect(got).toEqual([{ theme: 'dark' }]);
    off();
    ipcRenderer.emit(EVENT_CHANNEL, ipcEvent, {
      name: 'settings.updated',
      payload: { theme: 'light' },
    });
    expect(got).toHaveLength(1);
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });

  it('refuses to subscribe to an event the contract does not have', async () => {
    expect(() => bridge.on('not.an.event' as never, () => undefined)).toThrow(TypeError);
  });

  it('bundles into one file that needs nothing but electron (sandboxed require)', async () => {
    const out = await build({ ...preloadBuildOptions, write: false, sourcemap: false });
    const js = (out.outputFiles ?? []).find((f) => f.path.endsWith('.cjs'))!.text;
    const required = [...js.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(js).not.toMatch(/__filename|__dirname|import\.meta/);
  });
});
