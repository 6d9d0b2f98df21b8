import type { KeyboardEvent } from 'react';
import { PageHeader } from '../components/PageHeader';
import { NotificationSettings } from '../components/NotificationSettings';
import { ProfileForm } from '../components/ProfileForm';
import { Section } from '../components/Section';
import { StatusRegion } from '../components/StatusRegion';
import { ThemePicker } from '../components/ThemePicker';
import { NotificationPermission } from '../components/NotificationPermission';
import { useNotificationPermission } from '../notifications/permission';
import type { ProfileView } from '../../shared/models/profile';
import { useAppStore } from '../store';
import { testIds } from '../testIds';
import { resizeAvatar } from '../avatar/resize';
import { saveNotice } from './notices';
import { ServersSection } from './ServersSection';

export interface SettingsViewProps {
  readonly profile: ProfileView;
  readonly onClose: () => void;
}

export function SettingsView({ profile, onClose }: SettingsViewProps) {
  const updateProfile = useAppStore((s) => s.updateProfile);
  const profileSave = useAppStore((s) => s.profileSave);
  const settings = useAppStore((s) => s.settings);
  const settingsSave = useAppStore((s) => s.settingsSave);
  const updateSettings = useAppStore((s) => s.updateSettings);
  // In a browser the page shows notifications itself and needs the browser's permission.
  const inBrowser = useAppStore((s) => s.appInfo?.runtime === 'browser-host');
  const permission = useNotificationPermission();

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      onClose();
    }
  };

  return (
    // Escape anywhere in the settings closes them, like a dialog.
    <div className="page" data-testid={testIds.settingsView} onKeyDown={onKeyDown}>
      <PageHeader
        title="Settings"
        focusOnMount
        actions={
          <button
            type="button"
            className="button button--quiet"
            aria-keyshortcuts="Escape"
            data-testid={testIds.settingsClose}
            onClick={onClose}
          >
            Close settings
          </button>
        }
      />
      <Section title="Profile">
        <ProfileForm
          initial={{
            displayName: profile.displayName,
            fullName: profile.fullName,
            image: profile.image,
          }}
          submitLabel="Save profile"
          busy={profileSave.status === 'saving'}
          notice={saveNotice(profileSave, 'Profile saved.')}
          prepareAvatar={resizeAvatar}
          onSubmit={(draft) => void updateProfile(draft)}
        />
      </Section>
      <Section title="Appearance">
        <ThemePicker value={settings.theme} onChange={(theme) => void updateSettings({ theme })} />
      </Section>
      <Section title="Notifications">
        <NotificationSettings
          enabled={settings.notificationsEnabled}
          preview={settings.notificationPreview}
          onEnabledChange={(notificationsEnabled) => {
            // Turning them on is a click: the one moment a browser lets a page ask.
            if (notificationsEnabled && inBrowser) permission.request();
            void updateSettings({ notificationsEnabled });
          }}
          onPreviewChange={(notificationPreview) => void updateSettings({ notificationPreview })}
        />
        {inBrowser ? (
          <NotificationPermission
            permission={permission.permission}
            onRequest={permission.request}
          />
        ) : null}
      </Section>
      <Section title="Servers">
        <ServersSection />
      </Section>
      <StatusRegion
        notice={saveNotice(settingsSave, 'Settings saved.')}
        testId={testIds.settingsStatus}
      />
    </div>
  );
}
