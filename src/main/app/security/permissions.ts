// Web permissions: our own page may show notifications; nothing else is granted to anyone
// (camera, microphone, geolocation, clipboard-read, ...).
import type { Session } from 'electron';
import { isAppUrl } from './origin';

const ALLOWED = new Set(['notifications']);

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
): boolean {
  return ALLOWED.has(permission) && isAppUrl(requestingUrl);
}

export function installPermissionHandlers(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
}
