// Whether this browser lets the page show notifications. Asking is only ever done from a click
// (browsers ignore or punish prompts nobody asked for).
import { useCallback, useState } from 'react';

export type PermissionState = NotificationPermission | 'unsupported';

function current(): PermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export function useNotificationPermission(): {
  readonly permission: PermissionState;
  readonly request: () => void;
} {
  const [permission, setPermission] = useState<PermissionState>(current);
  const request = useCallback(() => {
    if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
    Notification.requestPermission().then(setPermission, () => setPermission(current()));
  }, []);
  return { permission, request };
}
