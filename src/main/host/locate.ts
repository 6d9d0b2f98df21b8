// Finds the project's build output from wherever this module runs: bundled as dist/host/web.cjs
// or from source (tests). Both live under the project directory, so walking up finds it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The first `<ancestor>/<relative>` that exists, starting from this module's directory. */
export function findUp(relative: string, from = here): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

const PackageJson = z.object({ name: z.string(), version: z.string() });

/** The version in the project's package.json, or '0.0.0' if it cannot be read. */
export function projectVersion(): string {
  const file = findUp('package.json');
  if (!file) return '0.0.0';
  try {
    const parsed = PackageJson.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
