// The embedded SMP server's process entry, bundled from source for tests that start real server
// processes.
import { bundleEntry } from './bundle-entry';

export function embeddedServerBundle(): Promise<string> {
  return bundleEntry('src/server/embedded-entry.ts', 'embedded-server');
}
