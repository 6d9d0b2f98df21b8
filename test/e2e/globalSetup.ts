// The e2e tests serve dist/ through the browser host, so dist/ must match the sources. Builds
// (node scripts/build.mjs) when any source is newer than the last build this setup made; a
// current build costs nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const stamp = path.join(root, 'dist', '.e2e-build-stamp');
const inputs = ['src', 'scripts/build.mjs', 'vite.config.mts', 'package-lock.json'];

function newestMtime(p: string): number {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export default function setup(): void {
  const newest = Math.max(
    ...inputs
      .map((p) => path.join(root, p))
      .filter(existsSync)
      .map(newestMtime),
  );
  const built = existsSync(stamp) ? Number(readFileSync(stamp, 'utf8')) : 0;
  const outputs = ['dist/renderer/index.html'].map((p) => path.join(root, p));
  if (built >= newest && outputs.every(existsSync)) return;

  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`the build failed (exit ${result.status})`);
  writeFileSync(stamp, String(newest));
}
