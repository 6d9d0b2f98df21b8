// Picks the transport for this page: the preload's bridge inside Electron, otherwise the browser
// host's WebSocket, whose token arrives in the page URL's fragment (never sent to a server).
import type { ConclaveBridge } from '../../shared/ipc/bridge';
import { WS_PATH } from '../../shared/ipc/bridge';
import { createBridgeTransport } from './bridgeTransport';
import type { Transport } from './transport';
import { createWebSocketTransport } from './wsTransport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    readonly conclave?: ConclaveBridge;
  }
}

/** Thrown when the page was opened without a way to reach the host. */
export class NoTransportError extends Error {
  override readonly name = 'NoTransportError';
}

/** The browser host's token from a fragment such as `#token=abc`. */
export function tokenFromHash(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token ? token : undefined;
}

/** The WebSocket address of the browser host that served this page. */
export function hostSocketUrl(
  location: Pick<Location, 'host' | 'protocol'>,
  token: string,
): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`;
}

export function detectTransport(win: Window = window): Transport {
  if (win.conclave) return createBridgeTransport(win.conclave);
  const token = tokenFromHash(win.location.hash);
  if (!token) {
    throw new NoTransportError(
      'This page needs the address printed by the Conclave host, including its #token=… part.',
    );
  }
  return createWebSocketTransport({ url: hostSocketUrl(win.location, token) });
}
