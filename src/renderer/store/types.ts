// The shape of the renderer's state: one zustand store built from slices, one per concern.
import type { ConnectionState } from '../api';
import type { ChatId } from '../../shared/models/chats';
import type { AppInfo, EngineStatus } from '../../shared/models/engine';
import type { NewProfile, ProfileUpdate, ProfileView } from '../../shared/models/profile';
import type { Settings, SettingsUpdate } from '../../shared/models/settings';
import type { z } from 'zod';
import type {
  AddressSlice,
  ChatsSlice,
  ConnectSlice,
  ContactsSlice,
  ItemsSlice,
  RequestsSlice,
  ServersSlice,
} from './chatTypes';

/** Progress of loading something from the engine. */
export type LoadState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready' }
  | { readonly status: 'error'; readonly message: string };

/** Progress of the latest save of a form or setting. */
export type SaveState =
  | { readonly status: 'idle' }
  | { readonly status: 'saving' }
  | { readonly status: 'saved' }
  | { readonly status: 'error'; readonly message: string };

export interface EngineSlice {
  /** The engine's last reported status; null until the first report. */
  engine: EngineStatus | null;
  connection: ConnectionState;
  /** True once the transport has been open at least once (a later drop is a "lost" connection). */
  everConnected: boolean;
  /** Who runs this page (Electron or the browser host); null until asked. */
  appInfo: AppInfo | null;
  engineStatusReceived: (status: EngineStatus) => void;
  connectionChanged: (state: ConnectionState) => void;
  loadEngineStatus: () => Promise<void>;
  loadAppInfo: () => Promise<void>;
}

export type NewProfileInput = z.input<typeof NewProfile>;
export type ProfileUpdateInput = z.input<typeof ProfileUpdate>;

export interface ProfileSlice {
  profile: ProfileView | null;
  profileLoad: LoadState;
  profileSave: SaveState;
  profileReceived: (profile: ProfileView) => void;
  loadProfile: () => Promise<void>;
  /** Resolves true when the engine stored the profile; failures land in `profileSave`. */
  createProfile: (input: NewProfileInput) => Promise<boolean>;
  updateProfile: (input: ProfileUpdateInput) => Promise<boolean>;
}

export interface SettingsSlice {
  settings: Settings;
  settingsLoad: LoadState;
  settingsSave: SaveState;
  settingsReceived: (settings: Settings) => void;
  loadSettings: () => Promise<void>;
  /** Applies the change at once and rolls it back if the engine refuses it. */
  updateSettings: (update: SettingsUpdate) => Promise<boolean>;
}

export type View = 'chats' | 'settings' | 'requests';

export type NewChatTab = 'link' | 'address' | 'invitation';

export interface NewChatDialog {
  readonly tab: NewChatTab;
  /** A link to put in the "paste a link" field (one the OS handed over). */
  readonly link: string;
}

export interface NavigationSlice {
  view: View;
  navigate: (view: View) => void;
  /** The chat of the main pane (kept while settings are open, shown again when they close). */
  openChatId: ChatId | null;
  openChat: (chatId: ChatId) => void;
  closeChat: () => void;
  contactInfoOpen: boolean;
  setContactInfoOpen: (open: boolean) => void;
  newChat: NewChatDialog | null;
  openNewChat: (tab?: NewChatTab, link?: string) => void;
  closeNewChat: () => void;
}

export type AppState = EngineSlice &
  ProfileSlice &
  SettingsSlice &
  NavigationSlice &
  ChatsSlice &
  ItemsSlice &
  ContactsSlice &
  RequestsSlice &
  AddressSlice &
  ConnectSlice &
  ServersSlice;

/** The chat the person is looking at: the open one, while the chats page is shown. */
export function visibleChatId(state: Pick<AppState, 'view' | 'openChatId'>): ChatId | null {
  return state.view === 'chats' ? state.openChatId : null;
}
