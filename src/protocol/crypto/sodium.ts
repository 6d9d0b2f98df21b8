import sodiumModule from 'libsodium-wrappers-sumo';
import { CryptoError } from './errors';

// libsodium (WASM) needs one asynchronous initialisation; after it every call is synchronous.
let ready = false;

export async function cryptoReady(): Promise<void> {
  if (ready) return;
  await sodiumModule.ready;
  ready = true;
}

export function sodium(): typeof sodiumModule {
  if (!ready) throw new CryptoError('NOT_READY', 'call cryptoReady() before using crypto');
  return sodiumModule;
}
