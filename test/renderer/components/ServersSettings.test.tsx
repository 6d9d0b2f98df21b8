import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ServersSettings } from '../../../src/renderer/components/ServersSettings';
import type { ActionResult } from '../../../src/renderer/store';
import { testIds } from '../../../src/renderer/testIds';
import type {
  ServerTestResult,
  ServersUpdate,
  ServersView,
} from '../../../src/shared/models/servers';

const EMBEDDED: ServersView = {
  useEmbedded: true,
  embedded: { address: 'smp://abc@127.0.0.1:5223', running: true, error: null },
  custom: [],
};

/** A test call the test answers when it wants to, to see the progress in between. */
function pendingTest() {
  let answer!: (result: ActionResult<ServerTestResult>) => void;
  const onTest = vi.fn<(address: string) => Promise<ActionResult<ServerTestResult>>>(
    () => new Promise((resolve) => (answer = resolve)),
  );
  return { onTest, answer: (result: ActionResult<ServerTestResult>) => answer(result) };
}

function renderServers(servers = EMBEDDED, save: ActionResult = { ok: true, value: null }) {
  const test = pendingTest();
  const onSave = vi.fn<(update: ServersUpdate) => Promise<ActionResult>>(() =>
    Promise.resolve(save),
  );
  render(<ServersSettings servers={servers} onTest={test.onTest} onSave={onSave} />);
  return { ...test, onSave, user: userEvent.setup() };
}

const status = () => screen.getByTestId(testIds.serverTestStatus).textContent;

describe('ServersSettings', () => {
  it('shows the built-in server’s address while it is in use', () => {
    renderServers();
    expect(
      screen.getByRole<HTMLInputElement>('radio', { name: 'The built-in server' }).checked,
    ).toBe(true);
    expect(screen.getByTestId(testIds.embeddedAddress).textContent).toContain(
      'smp://abc@127.0.0.1:5223',
    );
    expect(screen.getByTestId(testIds.embeddedAddress).textContent).toContain('Running');
    expect(screen.queryByTestId(testIds.embeddedError)).toBeNull();
  });

  it('says why the built-in server is not running when it could not start', () => {
    const why = 'the embedded SMP server cannot listen on 127.0.0.1:5223: it is in use';
    renderServers({ ...EMBEDDED, embedded: { address: null, running: false, error: why } });
    const state = screen.getByTestId(testIds.embeddedAddress).textContent;
    expect(state).toContain('The built-in server could not start.');
    expect(state).toContain('Not running');
    expect(screen.getByTestId(testIds.embeddedError).textContent).toBe(why);
  });

  it('adds a server only after its test passed, showing progress, then saves the list', async () => {
    const { onTest, answer, onSave, user } = renderServers();
    await user.click(screen.getByRole('radio', { name: 'My own servers' }));
    const input = screen.getByRole('textbox', { name: 'Server address' });

    await user.type(input, 'http://nope{Enter}');
    expect(status()).toBe('An SMP server address starts with smp://.');
    expect(onTest).not.toHaveBeenCalled();

    await user.clear(input);
    await user.type(input, 'smp://key@smp.example.com:5223{Enter}');
    expect(onTest).toHaveBeenCalledWith('smp://key@smp.example.com:5223');
    expect(status()).toBe('Testing smp://key@smp.example.com:5223…');

    answer({ ok: true, value: { ok: false, error: 'connection refused' } });
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(status()).toBe('Test failed: connection refused');
    expect(screen.queryAllByTestId(testIds.serverItem)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Test and add' }));
    answer({ ok: true, value: { ok: true, error: null } });
    await vi.waitFor(() => expect(screen.getAllByTestId(testIds.serverItem)).toHaveLength(1));
    expect(status()).toBe('The server works and was added. Save to use it.');
    expect((input as HTMLInputElement).value).toBe('');

    await user.click(screen.getByRole('button', { name: 'Save servers' }));
    expect(onSave).toHaveBeenCalledWith({
      useEmbedded: false,
      custom: ['smp://key@smp.example.com:5223'],
    });
    await vi.waitFor(() =>
      expect(screen.getByTestId(testIds.serversStatus).textContent).toBe('Servers saved.'),
    );
  });

  it('refuses duplicates and an empty list, and removes servers', async () => {
    const { onTest, onSave, user } = renderServers({
      ...EMBEDDED,
      useEmbedded: false,
      custom: ['smp://a@one.example'],
    });
    await user.type(
      screen.getByRole('textbox', { name: 'Server address' }),
      'smp://a@one.example{Enter}',
    );
    expect(status()).toBe('This server is in the list already.');
    expect(onTest).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Remove smp://a@one.example' }));
    expect(screen.queryAllByTestId(testIds.serverItem)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Save servers' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByTestId(testIds.serversStatus).textContent).toBe(
      'Add a server first, or use the built-in one.',
    );
  });

  it('says why saving failed', async () => {
    const { user } = renderServers(EMBEDDED, { ok: false, message: 'That is too large to save.' });
    await user.click(screen.getByRole('button', { name: 'Save servers' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That is too large to save.');
  });
});
