// Electron main entry (bundled as dist/main/main.cjs): the app lives in ./desktop-app.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDesktopApp } from './desktop-app';

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

runDesktopApp({ distDir }).catch((e: unknown) => {
  console.error('Conclave failed to start:', e);
  process.exit(1);
});
