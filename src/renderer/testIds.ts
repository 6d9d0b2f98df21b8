// Every data-testid of the renderer, in one place: components and tests import these values, so a
// renamed id can never silently break a test.
export const testIds = {
  // startup
  startupError: 'startup-error',
  loading: 'loading',
  loadError: 'load-error',
  retryLoad: 'retry-load',

  // frame
  appFrame: 'app-frame',
  skipLink: 'skip-link',
  sidebar: 'sidebar',
  mainPane: 'main-pane',
  engineBanner: 'engine-banner',

  // sidebar
  sidebarProfile: 'sidebar-profile',
  sidebarProfileName: 'sidebar-profile-name',
  sidebarAvatar: 'sidebar-avatar',
  navChats: 'nav-chats',
  navSettings: 'nav-settings',
  chatList: 'chat-list',
  chatListItem: 'chat-list-item',
  chatListEmpty: 'chat-list-empty',

  // main pane
  chatsHome: 'chats-home',

  // first run
  firstRun: 'first-run',

  // profile form (first run and settings)
  profileForm: 'profile-form',
  displayNameInput: 'profile-display-name',
  displayNameError: 'profile-display-name-error',
  fullNameInput: 'profile-full-name',
  fullNameError: 'profile-full-name-error',
  avatarInput: 'profile-avatar-input',
  avatarPreview: 'profile-avatar-preview',
  avatarRemove: 'profile-avatar-remove',
  avatarStatus: 'profile-avatar-status',
  profileSubmit: 'profile-submit',
  profileStatus: 'profile-status',

  // settings
  settingsView: 'settings-view',
  settingsClose: 'settings-close',
  themeOption: 'theme-option', // suffixed: theme-option-system, -light, -dark
  notificationsEnabled: 'notifications-enabled',
  previewOption: 'preview-option', // suffixed: preview-option-none, -sender, -message
  settingsStatus: 'settings-status',
} as const;

export type TestId = (typeof testIds)[keyof typeof testIds];

/** Ids of options in a group, such as `theme-option-dark`. */
export function optionTestId(
  group: typeof testIds.themeOption | typeof testIds.previewOption,
  value: string,
): string {
  return `${group}-${value}`;
}
