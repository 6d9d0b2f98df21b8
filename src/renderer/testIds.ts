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
  chatListTime: 'chat-list-time',
  chatListPreview: 'chat-list-preview',
  chatListUnread: 'chat-list-unread',
  chatListMuted: 'chat-list-muted',
  newChatButton: 'new-chat',
  requestsEntry: 'requests-entry',
  requestsBadge: 'requests-badge',

  // main pane
  chatsHome: 'chats-home',

  // conversation
  conversation: 'conversation',
  conversationTitle: 'conversation-title',
  muteToggle: 'mute-toggle',
  conversationStatus: 'conversation-status',
  messageList: 'message-list',
  messageRow: 'message-row',
  messageText: 'message-text',
  messageTime: 'message-time',
  messageStatus: 'message-status', // data-status: sending, sent, delivered, error
  messageEdited: 'message-edited',
  messageDeleted: 'message-deleted',
  messageReactions: 'message-reactions',
  reaction: 'reaction',
  messageActions: 'message-actions',
  messageMenu: 'message-menu',
  reactOption: 'react-option',
  menuEdit: 'message-edit',
  menuDeleteForMe: 'message-delete-for-me',
  menuDeleteForEveryone: 'message-delete-for-everyone',
  editInput: 'edit-input',
  editSave: 'edit-save',
  editCancel: 'edit-cancel',
  dateSeparator: 'date-separator',
  loadingOlder: 'loading-older',
  jumpToLatest: 'jump-to-latest',
  composer: 'composer',
  composerInput: 'composer-input',
  composerSend: 'composer-send',
  composerNotice: 'composer-notice',
  composerStatus: 'composer-status',

  // contact info
  contactInfo: 'contact-info',
  contactInfoClose: 'contact-info-close',
  contactFailedHint: 'contact-failed-hint',
  contactStatus: 'contact-status', // data-status: connecting, active, deleted
  contactVia: 'contact-via',
  contactDelete: 'contact-delete',
  contactDeleteConfirm: 'contact-delete-confirm',
  contactInfoStatus: 'contact-info-status',

  // new chat dialog
  newChatDialog: 'new-chat-dialog',
  newChatClose: 'new-chat-close',
  newChatTab: 'new-chat-tab', // suffixed: new-chat-tab-link, -address, -invitation
  connectLinkInput: 'connect-link-input',
  connectSubmit: 'connect-submit',
  connectStatus: 'connect-status',
  connectOpenChat: 'connect-open-chat',
  addressCreate: 'address-create',
  addressQr: 'address-qr',
  addressLink: 'address-link',
  addressCopy: 'address-copy',
  addressCopyStatus: 'address-copy-status',
  addressAutoAccept: 'address-auto-accept',
  addressDelete: 'address-delete',
  addressDeleteConfirm: 'address-delete-confirm',
  addressStatus: 'address-status',
  invitationCreate: 'invitation-create',
  invitationQr: 'invitation-qr',
  invitationLink: 'invitation-link',
  invitationCopy: 'invitation-copy',
  invitationCopyStatus: 'invitation-copy-status',
  invitationStatus: 'invitation-status',

  // contact requests
  requestsView: 'requests-view',
  requestItem: 'request-item',
  requestAccept: 'request-accept',
  requestReject: 'request-reject',
  requestsStatus: 'requests-status',

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
  notificationPermission: 'notification-permission', // data-permission: default, granted, …
  notificationPermissionRequest: 'notification-permission-request',
  settingsStatus: 'settings-status',

  // SMP servers (settings)
  serversSettings: 'servers-settings',
  serverMode: 'server-mode', // suffixed: server-mode-embedded, -custom
  embeddedAddress: 'embedded-address',
  embeddedError: 'embedded-error',
  serverItem: 'server-item',
  serverRemove: 'server-remove',
  serverInput: 'server-input',
  serverAdd: 'server-add',
  serverTestStatus: 'server-test-status',
  serversSave: 'servers-save',
  serversStatus: 'servers-status',
} as const;

export type TestId = (typeof testIds)[keyof typeof testIds];

/** Ids of options in a group, such as `theme-option-dark`. */
export function optionTestId(
  group:
    | typeof testIds.themeOption
    | typeof testIds.previewOption
    | typeof testIds.newChatTab
    | typeof testIds.serverMode,
  value: string,
): string {
  return `${group}-${value}`;
}
