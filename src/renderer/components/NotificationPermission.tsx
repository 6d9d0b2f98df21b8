// In a browser the page needs the browser's permission to show notifications. This says where
// things stand and asks only when the button is pressed.
import type { PermissionState } from '../notifications/permission';
import { testIds } from '../testIds';

export interface NotificationPermissionProps {
  readonly permission: PermissionState;
  readonly onRequest: () => void;
}

const TEXT: Readonly<Record<PermissionState, string>> = {
  default: 'This browser has not been allowed to show notifications from Conclave yet.',
  granted: 'This browser shows notifications from Conclave.',
  denied:
    'This browser blocks notifications from Conclave. Allow them in the site settings (the icon beside the address bar).',
  unsupported: 'This browser cannot show notifications.',
};

export function NotificationPermission({ permission, onRequest }: NotificationPermissionProps) {
  return (
    <div
      className="permission"
      data-testid={testIds.notificationPermission}
      data-permission={permission}
    >
      <p className="field__hint">{TEXT[permission]}</p>
      {permission === 'default' ? (
        <button
          type="button"
          className="button button--secondary"
          data-testid={testIds.notificationPermissionRequest}
          onClick={onRequest}
        >
          Allow notifications in this browser
        </button>
      ) : null}
    </div>
  );
}
