// The app:// scheme that serves the built renderer, with the renderer's strict CSP on every
// response. Files come only from the renderer directory (see resolveStaticFile); there is no
// file:// access for the page at all.
import { readFile } from 'node:fs/promises';
import { protocol, type CustomScheme } from 'electron';
import { resolveStaticFile } from '../../../node/static';
import { contentSecurityPolicy } from '../../../shared/security/csp';
import { APP_HOST, APP_SCHEME } from './origin';

/** standard: real origins and relative URLs; secure: counts as a secure context. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Security-Policy': contentSecurityPolicy(),
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** The response for one app:// request (plain Node: tested without Electron). */
export async function appResponse(
  rendererDir: string,
  method: string,
  rawUrl: string,
): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'method not allowed');
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return plain(400, 'bad URL');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'unknown host');
  // The URL parser has already folded plain `..`; resolveStaticFile refuses the encoded forms.
  const found = await resolveStaticFile(rendererDir, url.pathname);
  if (!found.ok) return plain(found.status, found.reason);
  const body = method === 'HEAD' ? null : await readFile(found.file);
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': found.mime,
      'Content-Security-Policy': contentSecurityPolicy(),
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
    },
  });
}

export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request.method, request.url));
}
