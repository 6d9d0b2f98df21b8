// The one Content-Security-Policy of the renderer, sent by Electron's app:// handler and by the
// browser host. The renderer does no crypto (the engine does), so scripts are plain 'self':
// no 'unsafe-eval', no 'wasm-unsafe-eval', no inline scripts.

export interface CspOptions {
  /** The browser host adds its own WebSocket origin, e.g. 'ws://127.0.0.1:5123'. */
  readonly websocketOrigin?: string;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.websocketOrigin ? [options.websocketOrigin] : [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Vite emits stylesheets as files and React sets styles through the CSSOM, which CSP does
    // not restrict, so inline <style> and style="" attributes stay forbidden.
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
