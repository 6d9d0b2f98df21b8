// Electron main entry (bundled as dist/main/main.cjs): the app lives in ./desktop-app.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDesktopApp } from './desktop-app';
import { smpServerFromArgs } from './launch-args';

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

runDesktopApp({ distDir, smpServer: smpServerFromArgs(process.argv.slice(1)) }).catch(
  (e: unknown) => {
    console.error('Conclave failed to start:', e);
    process.exit(1);
  },
);
