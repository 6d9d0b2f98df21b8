// The generic child supervisor with fake processes: start messages, backoff and giving up, which
// processes are heard, and the orderly stop (with the kill when a process does not stop).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ChildSupervisor,
  ExitNotice,
  restartDelay,
  type ChildExit,
  type ChildPort,
  type ChildSupervisorOptions,
} from '../../../src/node/child';

type Message = { readonly type: 'start'; readonly n: number } | { readonly type: 'stop' };

class FakeChild implements ChildPort<Message> {
  readonly sent: Message[] = [];
  killed = false;
  private readonly exit = new ExitNotice();
  private readonly listeners: ((m: unknown) => void)[] = [];

  send(message: Message): void {
    this.sent.push(message);
  }
  onMessage(listener: (m: unknown) => void): void {
    this.listeners.push(listener);
  }
  onExit(listener: (why: string) => void): void {
    this.exit.onExit(listener);
  }
  kill(): void {
    this.killed = true;
    this.die('killed by SIGKILL');
  }
  say(message: unknown): void {
    for (const l of this.listeners) l(message);
  }
  die(why = 'exit code 1'): void {
    this.exit.exited(why);
  }
}

function supervise(extra: Partial<ChildSupervisorOptions<Message>> = {}) {
  const children: FakeChild[] = [];
  const heard: unknown[] = [];
  const exits: ChildExit[] = [];
  let started = 0;
  const supervisor = new ChildSupervisor<Message>({
    name: 'test child',
    spawn: () => {
      const c = new FakeChild();
      children.push(c);
      return c;
    },
    startMessage: () => ({ type: 'start', n: ++started }),
    stopMessage: { type: 'stop' },
    log: { warn: () => undefined, error: () => undefined },
    restart: { initialDelayMs: 100, maxDelayMs: 300, maxAttempts: 3 },
    retryBeforeReady: true,
    stopTimeoutMs: 1000,
    onMessage: (raw) => heard.push(raw),
    onExit: (exit) => exits.push(exit),
    ...extra,
  });
  supervisor.start();
  return { supervisor, children, heard, exits };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ChildSupervisor', () => {
  it('doubles the restart delay up to the maximum', () => {
    const policy = { initialDelayMs: 100, maxDelayMs: 300, maxAttempts: 3 };
    expect([1, 2, 3, 4].map((n) => restartDelay(policy, n))).toEqual([100, 200, 300, 300]);
  });

  it('sends each process its start message and restarts with backoff until it gives up', () => {
    const { children, exits } = supervise();
    expect(children[0]!.sent).toEqual([{ type: 'start', n: 1 }]);

    children[0]!.die();
    expect(exits).toEqual([{ next: 'restarting', why: 'exit code 1', delayMs: 100 }]);
    vi.advanceTimersByTime(99);
    expect(children).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(children[1]!.sent).toEqual([{ type: 'start', n: 2 }]);

    children[1]!.die();
    vi.advanceTimersByTime(200);
    children[2]!.die();
    vi.advanceTimersByTime(300);
    children[3]!.die('killed by SIGSEGV');
    expect(exits.map((e) => e.next)).toEqual(['restarting', 'restarting', 'restarting', 'gave-up']);
    expect(exits.at(-1)).toEqual({ next: 'gave-up', why: 'killed by SIGSEGV' });
    vi.advanceTimersByTime(10_000);
    expect(children).toHaveLength(4);
  });

  it('forgives earlier failures once a process is ready, and resolves the first start', async () => {
    const { supervisor, children, exits } = supervise();
    children[0]!.die();
    vi.advanceTimersByTime(100);
    supervisor.ready();
    await expect(supervisor.firstReady).resolves.toBeUndefined();
    children[1]!.die();
    expect(exits.at(-1)).toMatchObject({ next: 'restarting', delayMs: 100 });
  });

  it('hears only the current process', () => {
    const { children, heard } = supervise();
    const first = children[0]!;
    first.die();
    vi.advanceTimersByTime(100);
    first.say('late');
    children[1]!.say('current');
    expect(heard).toEqual(['current']);
  });

  it('does not restart a process that never got ready when told not to, nor after stopRestarting', async () => {
    const before = supervise({ retryBeforeReady: false });
    before.supervisor.failFirstStart(new Error('port taken'));
    before.children[0]!.die();
    expect(before.exits).toEqual([{ next: 'not-restarted', why: 'exit code 1' }]);
    await expect(before.supervisor.firstReady).rejects.toThrow('port taken');

    const refused = supervise();
    refused.supervisor.ready();
    refused.supervisor.stopRestarting();
    refused.children[0]!.die();
    vi.advanceTimersByTime(10_000);
    expect(refused.exits).toEqual([{ next: 'not-restarted', why: 'exit code 1' }]);
    expect(refused.children).toHaveLength(1);
  });

  it('stops in order: the stop message, then the kill if the process takes too long', async () => {
    const polite = supervise();
    const closed = polite.supervisor.close();
    expect(polite.children[0]!.sent.at(-1)).toEqual({ type: 'stop' });
    polite.children[0]!.die('exit code 0');
    await closed;
    expect(polite.exits).toEqual([{ next: 'closed', why: 'exit code 0' }]);
    expect(polite.children[0]!.killed).toBe(false);

    const stubborn = supervise();
    const closing = stubborn.supervisor.close();
    vi.advanceTimersByTime(1000);
    await closing;
    expect(stubborn.children[0]!.killed).toBe(true);
  });

  it('starts nothing more once closed while waiting to restart', async () => {
    const { supervisor, children } = supervise();
    children[0]!.die();
    await supervisor.close();
    vi.advanceTimersByTime(10_000);
    expect(children).toHaveLength(1);
  });
});
