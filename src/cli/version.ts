// The version `conclave --version` prints: the one in the project's package.json, found by
// walking up from this file (bundled as dist/cli/conclave.cjs, or run from source in tests).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const PackageJson = z.object({ name: z.literal('conclave'), version: z.string() });

export function cliVersion(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const parsed = PackageJson.safeParse(readJson(candidate));
      if (parsed.success) return parsed.data.version;
    }
    if (path.dirname(dir) === dir) return '0.0.0';
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
