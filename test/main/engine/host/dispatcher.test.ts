import { afterEach, describe, expect, it } from 'vitest';
import { createAppHandlers } from '../../../../src/main/engine/host/app-handlers';
import type { EngineClient } from '../../../../src/main/engine/host/client';
import { createDispatcher, type AppHandlers } from '../../../../src/main/engine/host/dispatcher';
import { startInProcessEngine } from '../../../../src/main/engine/host/in-process';
import { silentLogger } from '../../../../src/main/engine/log';
import { MAX_PAYLOAD_BYTES } from '../../../../src/shared/ipc';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const clients: EngineClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
});

const info = { version: '1.2.3', runtime: 'test', platform: 'linux' } as const;

async function setup(appHandlers?: (engine: EngineClient) => AppHandlers) {
  const engine = await startInProcessEngine({ dataDir: tempDir(), log: silentLogger });
  clients.push(engine);
  const handlers = appHandlers?.(engine) ?? createAppHandlers({ info, engine });
  const dispatcher = createDispatcher({ engine, appHandlers: handlers, log: silentLogger });
  const created = await dispatcher.dispatch('profile.create', { displayName: 'alice' });
  expect(created.ok).toBe(true);
  return { engine, dispatcher };
}

describe('dispatcher', () => {
  it('routes engine and app commands and returns ok envelopes with parsed output', async () => {
    const { dispatcher } = await setup();
    expect(await dispatcher.dispatch('app.info', {})).toEqual({ ok: true, value: info });
    expect(await dispatcher.dispatch('engine.status', {})).toEqual({
      ok: true,
      value: { state: 'ready' },
    });
    const profile = await dispatcher.dispatch('profile.get', {});
    expect(profile).toMatchObject({
      ok: true,
      value: { displayName: 'alice', fullName: '', image: null },
    });
    // Defaults of the input schema apply before the engine sees the input.
    expect(await dispatcher.dispatch('settings.update', { theme: 'dark' })).toMatchObject({
      ok: true,
      value: { theme: 'dark' },
    });
  });

  describe('refuses bad input with a typed error and changes nothing', () => {
    const cases: [string, unknown, unknown, string][] = [
      ['an unknown command', 'profile.delete', {}, 'UNKNOWN_COMMAND'],
      ['a command name that is not a string', 42, {}, 'UNKNOWN_COMMAND'],
      ['a prototype key as command name', '__proto__', {}, 'UNKNOWN_COMMAND'],
      ['a wrong type', 'profile.update', { displayName: 7 }, 'BAD_INPUT'],
      ['an unknown key', 'profile.update', { displayName: 'mallory', admin: true }, 'BAD_INPUT'],
      ['a missing input', 'profile.update', undefined, 'BAD_INPUT'],
      ['an input that is not an object', 'profile.update', 'mallory', 'BAD_INPUT'],
      ['an empty display name', 'profile.update', { displayName: '   ' }, 'BAD_INPUT'],
      ['a control character', 'profile.update', { displayName: 'a\u0000b' }, 'BAD_INPUT'],
      [
        'an avatar that is not a data URI',
        'profile.update',
        { image: 'https://x/y.png' },
        'BAD_INPUT',
      ],
      ['a bad enum value', 'settings.update', { theme: 'sepia' }, 'BAD_INPUT'],
      [
        'an oversized payload',
        'profile.update',
        { displayName: 'mallory', fullName: 'x'.repeat(MAX_PAYLOAD_BYTES) },
        'TOO_LARGE',
      ],
    ];
    for (const [what, name, input, code] of cases) {
      it(what, async () => {
        const { dispatcher } = await setup();
        const before = await dispatcher.dispatch('profile.get', {});
        const settingsBefore = await dispatcher.dispatch('settings.get', {});
        const result = await dispatcher.dispatch(name, input);
        expect(result).toMatchObject({ ok: false, error: { code } });
        expect(await dispatcher.dispatch('profile.get', {})).toEqual(before);
        expect(await dispatcher.dispatch('settings.get', {})).toEqual(settingsBefore);
      });
    }
  });

  it('says which field is wrong without echoing the value', async () => {
    const { dispatcher } = await setup();
    const result = await dispatcher.dispatch('profile.update', {
      displayName: 'ok',
      fullName: 12345,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/^profile\.update: fullName: /);
      expect(result.error.message).not.toContain('12345');
    }
  });

  it('turns a result its schema refuses into BAD_OUTPUT, not data', async () => {
    const { dispatcher } = await setup((engine) => ({
      ...createAppHandlers({ info, engine }),
      // A shell bug: the wrong runtime.
      'app.info': async () => ({ ...info, runtime: 'toaster' as 'test' }),
    }));
    expect(await dispatcher.dispatch('app.info', {})).toEqual({
      ok: false,
      error: { code: 'BAD_OUTPUT', message: 'app.info: the result did not match the contract' },
    });
  });

  it('passes domain errors through with their code', async () => {
    const { dispatcher } = await setup();
    expect(await dispatcher.dispatch('profile.create', { displayName: 'bob' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('hides unexpected failures behind INTERNAL', async () => {
    const { dispatcher } = await setup((engine) => ({
      ...createAppHandlers({ info, engine }),
      'app.info': async () => {
        throw new Error('secret internals');
      },
    }));
    expect(await dispatcher.dispatch('app.info', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'internal error' },
    });
  });

  it('answers UNAVAILABLE once the engine is closed', async () => {
    const { engine, dispatcher } = await setup();
    await engine.close();
    expect(await dispatcher.dispatch('profile.get', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    expect(await dispatcher.dispatch('engine.status', {})).toEqual({
      ok: true,
      value: { state: 'stopped' },
    });
  });

  it('calls onRendererReady for app.ready', async () => {
    let readyCalls = 0;
    const { dispatcher } = await setup((engine) =>
      createAppHandlers({ info, engine, onRendererReady: () => readyCalls++ }),
    );
    expect(await dispatcher.dispatch('app.ready', {})).toEqual({ ok: true, value: null });
    expect(readyCalls).toBe(1);
  });
});
