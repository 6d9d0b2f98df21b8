// Maps a URL path to a file inside one directory, for the browser host's HTTP server and
// Electron's app:// handler. Anything that could reach outside the directory is refused: `..`
// segments (also percent-encoded), backslashes, NUL bytes, and symlinks leading elsewhere.
// Directories are never listed; `/` means index.html.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { mimeType } from './mime';

export type StaticLookup =
  | { readonly ok: true; readonly file: string; readonly mime: string; readonly size: number }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

const refuse = (status: 400 | 403 | 404, reason: string): StaticLookup => ({
  ok: false,
  status,
  reason,
});

export async function resolveStaticFile(root: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return refuse(400, 'malformed percent-encoding');
  }
  if (!decoded.startsWith('/')) return refuse(400, 'the path must start with /');
  if (decoded.includes('\0') || decoded.includes('\\')) return refuse(400, 'forbidden character');
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return refuse(403, 'path traversal');

  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  let rootReal: string;
  try {
    rootReal = await realpath(root);
  } catch {
    return refuse(404, 'no such directory');
  }
  const candidate = path.resolve(rootReal, relative);
  if (!isInside(rootReal, candidate)) return refuse(403, 'path traversal');

  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return refuse(404, 'not found');
  }
  // A symlink inside the directory must not lead out of it.
  if (!isInside(rootReal, real)) return refuse(403, 'outside the served directory');
  const info = await stat(real);
  if (!info.isFile()) return refuse(404, 'not a file');
  return { ok: true, file: real, mime: mimeType(real), size: info.size };
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
