// The one policy for links that leave the app: only http and https, parsed with URL, no
// embedded credentials; everything else is refused. Used by navigation, window.open and any
// future "open in browser" action.
import { shell } from 'electron';

const MAX_URL_LENGTH = 4096;

/** The URL to hand to the OS, or null when the link must not leave the app. */
export function externalLinkTarget(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // `https://bank.example@evil.example` reads like one host and goes to another.
  if (url.username || url.password || !url.hostname) return null;
  return url.href;
}

/** Opens an allowed link in the user's browser; returns whether it did. */
export function openExternalLink(raw: unknown): boolean {
  const target = externalLinkTarget(raw);
  if (!target) return false;
  shell.openExternal(target).catch(() => undefined);
  return true;
}
