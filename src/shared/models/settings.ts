import { z } from 'zod';

export const ThemePreference = z.enum(['system', 'light', 'dark']);
export type ThemePreference = z.infer<typeof ThemePreference>;

/** What a desktop notification may show. */
export const NotificationPreview = z.enum(['none', 'sender', 'message']);
export type NotificationPreview = z.infer<typeof NotificationPreview>;

export const Settings = z.object({
  theme: ThemePreference,
  notificationsEnabled: z.boolean(),
  notificationPreview: NotificationPreview,
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  notificationsEnabled: true,
  notificationPreview: 'message',
};

export const SettingsUpdate = Settings.partial().strict();
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;
