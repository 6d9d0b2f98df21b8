// Entry of `npm run bench`: every suite, or the ones named on the command line.
import { runSuites, type Suite } from './harness';
import { agentSuite } from './agent';
import { chatStoreSuite } from './chat-store';
import { cryptoSuite } from './crypto';
import { smpSuite } from './smp';
import { smpServerMemorySuite } from './smp-server-memory';
import { uiFirstRenderSuite } from './ui-first-render';

const suites: Suite[] = [
  cryptoSuite,
  smpSuite,
  smpServerMemorySuite,
  chatStoreSuite,
  agentSuite,
  uiFirstRenderSuite,
];

runSuites(suites, process.argv.slice(2)).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
