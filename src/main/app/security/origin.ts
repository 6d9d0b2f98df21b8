// The renderer's own origin in Electron: app://conclave. Everything else is foreign.
export const APP_SCHEME = 'app';
export const APP_HOST = 'conclave';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Whether `raw` is a URL (or origin) of our own app:// pages. */
export function isAppUrl(raw: string | null | undefined): boolean {
  if (!raw) return false;
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
