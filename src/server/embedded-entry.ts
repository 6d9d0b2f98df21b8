// The embedded SMP server's process (bundled as dist/main/embedded-server.cjs). A host starts it like
// the engine worker, in a process of its own, so a fault in either never takes the other or the
// windows down: Electron's utilityProcess in the app, child_process.fork in Node hosts. It speaks
// the messages of ./embedded-protocol over whichever parent port it has.
import { connectToParent } from '../node/child';
import { startEmbeddedSmpServer } from './embedded';
import {
  EmbeddedStartError,
  MAX_MESSAGE,
  ToEmbeddedServer,
  type FromEmbeddedServer,
  type StartFailed,
} from './embedded-protocol';
import type { RunningSmpServer } from './start';

function describe(e: unknown): Pick<StartFailed, 'problem' | 'message'> {
  const message = e instanceof Error ? e.message : String(e);
  return {
    problem: e instanceof EmbeddedStartError ? e.problem : 'FAILED',
    message: message.slice(0, MAX_MESSAGE),
  };
}

function main(): void {
  const parent = connectToParent<ToEmbeddedServer, FromEmbeddedServer>({
    name: 'the embedded SMP server',
    schema: ToEmbeddedServer,
  });
  let starting: Promise<RunningSmpServer | undefined> | undefined;

  // Listeners closed and the store flushed before the process exits.
  const stopAndExit = () => parent.exitInOrder(async () => (await starting)?.stop());
  // The host is gone (killed, crashed): nobody needs this server any more.
  parent.onDisconnect(stopAndExit);

  parent.onMessage((message) => {
    if (message.type === 'stop') return stopAndExit();
    if (starting) return;
    starting = startEmbeddedSmpServer({
      dataDir: message.dataDir,
      logLevel: message.logLevel,
    }).then(
      (server) => {
        parent.send({ type: 'ready', address: server.address, port: server.port });
        return server;
      },
      async (e: unknown) => {
        await parent.failAndExit({ type: 'start-failed', ...describe(e) });
        return undefined;
      },
    );
  });
}

main();
