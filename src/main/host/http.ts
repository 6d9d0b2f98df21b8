// The browser host's HTTP side: the built renderer, read-only, on 127.0.0.1.
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveStaticFile } from '../../node/static';

/** Headers on every response; `csp` is the renderer's policy plus this host's WebSocket. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  };
}

export interface StaticHandlerOptions {
  readonly rendererDir: string;
  readonly csp: () => string;
  /** The only Host header accepted: 127.0.0.1:<port> (refuses DNS-rebinding requests). */
  readonly host: () => string;
}

export function createStaticHandler(options: StaticHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = securityHeaders(options.csp());
    const fail = (status: number, text: string) => {
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${text}\n`);
    };
    if (req.headers.host !== options.host()) return fail(421, 'wrong host');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return fail(405, 'method not allowed');
    }
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    const found = await resolveStaticFile(options.rendererDir, pathname);
    if (!found.ok) return fail(found.status, found.reason);
    res.writeHead(200, { ...headers, 'Content-Type': found.mime, 'Content-Length': found.size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(found.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
}
