// The app's own command-line switches (Chromium's and a SimpleX link may be among the arguments
// too; those are not ours and are left alone).
import type { SmpServerChoice } from '../../server/embedded-runner';
import { SmpServerAddress } from '../../shared/models/servers';

export const NO_EMBEDDED_SERVER = '--no-embedded-server';
export const SMP_SERVER = '--smp-server=';

/**
 * `--no-embedded-server`: no server of our own (tests that bring theirs, or users who only use
 * their configured servers); `--smp-server=<smp://…>`: use that running server in its place.
 * Otherwise the embedded server. An address that does not parse is ignored, not guessed at.
 */
export function smpServerFromArgs(args: readonly string[]): SmpServerChoice {
  if (args.includes(NO_EMBEDDED_SERVER)) return 'none';
  for (const arg of args) {
    if (!arg.startsWith(SMP_SERVER)) continue;
    const address = SmpServerAddress.safeParse(arg.slice(SMP_SERVER.length));
    if (address.success) return { address: address.data };
  }
  return 'embedded';
}
