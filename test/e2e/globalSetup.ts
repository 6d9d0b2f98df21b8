// The e2e tests serve dist/ through the browser host, so dist/ must match the sources. Builds
// (node scripts/build.mjs) when any source is newer than the last build this setup made; a
// current build costs nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const stamp = path.join(root, 'dist', '.e2e-build-stamp');
const inputs = ['src', 'scripts/build.mjs', 'vite.config.mts', 'package-lock.json'];
/** Bumped when the way this setup builds changes, so that older builds are made again. */
const BUILD_KIND = 'production-1';

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
  const [kind, mtime] = existsSync(stamp) ? readFileSync(stamp, 'utf8').split(' ') : [];
  const built = kind === BUILD_KIND ? Number(mtime) : 0;
  const outputs = ['dist/renderer/index.html'].map((p) => path.join(root, p));
  if (built >= newest && outputs.every(existsSync)) return;

  // The build script makes React's production build whatever NODE_ENV vitest set.
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`the build failed (exit ${result.status})`);
  writeFileSync(stamp, `${BUILD_KIND} ${newest}`);
}
