// The Electron transport: the preload's `window.conclave`, generated from the contract.
import type { ConclaveBridge } from '../../shared/ipc/bridge';
import type { Transport } from './transport';

export function createBridgeTransport(bridge: ConclaveBridge): Transport {
  return {
    call: (name, input) => bridge.commands[name](input),
    subscribe: (event, listener) => bridge.on(event, listener),
    // IPC to main is always there; a restarting engine is reported by the engine.status event.
    onConnection(listener) {
      listener('open');
      return () => {};
    },
    close: () => {},
  };
}
