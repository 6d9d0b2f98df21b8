import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContractError, createApiClient } from '../../../src/renderer/api';
import { createBridgeTransport } from '../../../src/renderer/api/bridgeTransport';
import type { Transport } from '../../../src/renderer/api/transport';
import type { ConclaveBridge } from '../../../src/shared/ipc/bridge';
import { FakeEngine } from '../support/fakeEngine';

function clientOver(engine: FakeEngine) {
  return createApiClient(createBridgeTransport(engine.bridge));
}

/** A bridge whose every command answers with `reply` (to feed the client malformed replies). */
function bridgeAnswering(reply: () => Promise<unknown>): ConclaveBridge {
  const engine = new FakeEngine();
  return {
    commands: new Proxy(engine.bridge.commands, { get: () => reply }),
    on: engine.bridge.on,
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<ContractError> {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContractError);
  return error as ContractError;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('api client over the preload bridge', () => {
  it('runs commands and returns their parsed outputs', async () => {
    const engine = new FakeEngine();
    const api = clientOver(engine);

    expect(await api.call('profile.get', {})).toBeNull();
    const created = await api.call('profile.create', { displayName: 'Ada' });
    expect(created).toMatchObject({ id: 1, displayName: 'Ada', fullName: '', image: null });
    expect(await api.call('profile.get', {})).toEqual(created);
    expect(engine.callsOf('profile.create')).toEqual([{ displayName: 'Ada' }]);
  });

  it('throws the envelope’s error code as a ContractError', async () => {
    const engine = new FakeEngine();
    engine.failNext('settings.get', 'UNAVAILABLE', 'engine restarting');
    const error = await rejectionOf(clientOver(engine).call('settings.get', {}));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toBe('engine restarting');
  });

  it('refuses invalid input itself, without a round trip', async () => {
    const engine = new FakeEngine();
    const api = clientOver(engine);
    const error = await rejectionOf(api.call('profile.create', { displayName: '   ' }));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe('display name is required');
    // Unknown keys are refused too (strict inputs); the cast is the point of the test.
    const extra = { displayName: 'Ada', admin: true } as unknown as { displayName: string };
    expect((await rejectionOf(api.call('profile.create', extra))).code).toBe('BAD_INPUT');
    expect(engine.calls).toEqual([]);
  });

  it('refuses an output that does not match the command’s schema', async () => {
    const api = createApiClient(
      createBridgeTransport(
        bridgeAnswering(async () => ({ ok: true, value: { displayName: 42 } })),
      ),
    );
    expect((await rejectionOf(api.call('profile.get', {}))).code).toBe('BAD_OUTPUT');
  });

  it('refuses a reply that is not a result envelope', async () => {
    const api = createApiClient(
      createBridgeTransport(bridgeAnswering(async () => ({ value: 'no ok flag' }))),
    );
    expect((await rejectionOf(api.call('settings.get', {}))).code).toBe('BAD_OUTPUT');
  });

  it('reports a transport failure as UNAVAILABLE', async () => {
    const api = createApiClient(
      createBridgeTransport(
        bridgeAnswering(async () => {
          throw new Error('No handler registered');
        }),
      ),
    );
    const error = await rejectionOf(api.call('engine.status', {}));
    expect(error.code).toBe('UNAVAILABLE');
  });

  it('delivers parsed events and drops invalid ones with a warning', () => {
    const engine = new FakeEngine();
    const api = clientOver(engine);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const received: unknown[] = [];
    const off = api.on('settings.updated', (s) => received.push(s));

    engine.emit('settings.updated', {
      theme: 'dark',
      notificationsEnabled: false,
      notificationPreview: 'none',
    });
    engine.emit('settings.updated', { theme: 'purple' });
    off();
    engine.emit('settings.updated', {
      theme: 'light',
      notificationsEnabled: true,
      notificationPreview: 'message',
    });

    expect(received).toEqual([
      { theme: 'dark', notificationsEnabled: false, notificationPreview: 'none' },
    ]);
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[0])).toContain("'settings.updated'");
  });

  it('reports the preload as always connected', () => {
    const states: string[] = [];
    clientOver(new FakeEngine()).onConnection((s) => states.push(s));
    expect(states).toEqual(['open']);
  });

  it('passes calls to whatever transport it is given', async () => {
    const seen: string[] = [];
    const transport: Transport = {
      call: async (name) => {
        seen.push(name);
        return { ok: true, value: { state: 'restarting', reason: 'crashed' } };
      },
      subscribe: () => () => {},
      onConnection: () => () => {},
      close: () => {},
    };
    const status = await createApiClient(transport).call('engine.status', {});
    expect(status).toEqual({ state: 'restarting', reason: 'crashed' });
    expect(seen).toEqual(['engine.status']);
  });
});
