// The child's side of a supervised child process: messages to and from the parent over whichever
// port it has (Electron's `process.parentPort` in a utility process, Node's IPC channel after
// fork), checked against the child's own schema, and an orderly exit that never loses a reply to
// process.exit.
import type { z } from 'zod';

export interface ParentChannel<In, Out> {
  /** Messages from the parent that pass the schema (others go to `onMalformed`). */
  onMessage(listener: (message: In) => void): void;
  /**
   * The parent is gone (a killed or crashed host). Never called in a utility process: Chromium
   * ends those together with the main process.
   */
  onDisconnect(listener: () => void): void;
  /** Sends to the parent; an orderly exit waits until the message has been handed to the OS. */
  send(message: Out): void;
  /** Work whose replies must get out before an orderly exit (a call being handled). */
  track(work: Promise<unknown>): void;
  /** Whether an orderly exit has begun. */
  readonly exiting: boolean;
  /**
   * Exits in order, once: waits for tracked work and sends, runs `stop`, waits for what that sent,
   * and exits with status 0, or 1 when `stop` throws. Later calls join the first.
   */
  exitInOrder(stop: () => Promise<void>): void;
  /** Sends `message` and exits with status 1 as soon as it is out: the child could not start. */
  failAndExit(message: Out): Promise<void>;
}

export interface ParentChannelOptions<In> {
  /** What this child is, for the error when nobody started it ('the engine worker'). */
  readonly name: string;
  readonly schema: z.ZodType<In>;
  /** A message that does not pass the schema; it is ignored. */
  readonly onMalformed?: () => void;
}

/** What the two kinds of parent port have in common. */
interface RawPort {
  post(message: unknown): Promise<void>;
  onMessage(listener: (raw: unknown) => void): void;
  onDisconnect(listener: () => void): void;
}

/** Electron's utility process exposes `process.parentPort`; its messages come as events. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

function rawParentPort(): RawPort | undefined {
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: async (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (e) => listener(e.data)),
      onDisconnect: () => undefined,
    };
  }
  const send = process.send?.bind(process);
  if (!send) return undefined;
  return {
    post: (message) =>
      new Promise<void>((resolve) => {
        if (!process.connected) resolve();
        else send(message, undefined, undefined, () => resolve());
      }),
    onMessage: (listener) => process.on('message', listener),
    onDisconnect: (listener) => process.on('disconnect', listener),
  };
}

export function connectToParent<In, Out>(
  options: ParentChannelOptions<In>,
): ParentChannel<In, Out> {
  const port = rawParentPort();
  if (!port) throw new Error(`${options.name} must be started by Conclave (it has no parent port)`);
  // Calls being handled and messages not yet handed to the OS.
  const inflight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  };
  const drain = async () => {
    while (inflight.size > 0) await Promise.allSettled([...inflight]);
  };
  let exiting: Promise<void> | undefined;

  return {
    onMessage(listener) {
      port.onMessage((raw) => {
        const parsed = options.schema.safeParse(raw);
        if (parsed.success) listener(parsed.data);
        else options.onMalformed?.();
      });
    },
    onDisconnect: (listener) => port.onDisconnect(listener),
    send: (message) => track(port.post(message)),
    track,
    get exiting() {
      return exiting !== undefined;
    },
    exitInOrder(stop) {
      exiting ??= (async () => {
        let code = 0;
        try {
          await drain();
          await stop();
        } catch {
          code = 1;
        }
        await drain();
        process.exit(code);
      })();
    },
    async failAndExit(message) {
      await port.post(message);
      process.exit(1);
    },
  };
}
