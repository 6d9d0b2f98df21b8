// Source entries bundled the way scripts/build.mjs bundles them, for tests and benchmarks that run
// them as real processes without depending on a previous `npm run build` (so a stale dist/ is
// never what is tested). The bundles go under node_modules/.cache so that their require('sqlite3')
// resolves to the project's copy.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { nodeBundleOptions } from '../../scripts/node-bundle-options.mjs';

/**
 * The project root: the nearest folder above this module with a package.json. Found rather than
 * counted, because this module also runs bundled into .bench/bench.cjs.
 */
export const projectRoot: string = (() => {
  let dir = import.meta.dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${import.meta.dirname}`);
    dir = parent;
  }
  return dir;
})();

const bundles = new Map<string, Promise<string>>();

/**
 * Bundles `entry` (a path from the project root) once per process as `<name>-<pid>.cjs`;
 * resolves with the bundle's path.
 */
export function bundleEntry(entry: string, name: string): Promise<string> {
  let bundle = bundles.get(name);
  if (!bundle) {
    const outfile = path.join(
      projectRoot,
      'node_modules/.cache/conclave-test',
      `${name}-${process.pid}.cjs`,
    );
    bundle = build({
      ...nodeBundleOptions,
      absWorkingDir: projectRoot,
      entryPoints: [entry],
      outfile,
    }).then(() => outfile);
    bundles.set(name, bundle);
  }
  return bundle;
}

/** Removes the bundle `name` of this process (call once the processes running it have exited). */
export async function removeBundle(name: string): Promise<void> {
  const bundle = bundles.get(name);
  if (!bundle) return;
  bundles.delete(name);
  rmSync(await bundle, { force: true });
}
