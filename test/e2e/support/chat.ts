// What the direct-chat tests do and read in a page: create a profile, open a chat, send, and read
// the history and delivery ticks as the person sees them.
import type { BrowserContext, Page } from 'playwright-core';
import { testIds } from '../../../src/renderer/testIds';
import { byTestId } from './app';

export const CHAT_WAIT = { timeout: 60_000 };

/** The little of the DOM the page-side functions here use (this project has no DOM types). */
declare const document: {
  querySelector(selector: string): { readonly disabled?: boolean } | null;
  hasFocus(): boolean;
};

export async function createProfile(page: Page, name: string): Promise<void> {
  await byTestId(page, testIds.displayNameInput).fill(name, CHAT_WAIT);
  await byTestId(page, testIds.profileSubmit).click();
  await byTestId(page, testIds.appFrame).waitFor(CHAT_WAIT);
}

/** The texts of the loaded messages, oldest first. */
export function messageTexts(page: Page): Promise<string[]> {
  return byTestId(page, testIds.messageText).allTextContents();
}

/** The delivery status of the newest of one's own messages. */
export function lastSentStatus(page: Page): Promise<string | null> {
  return byTestId(page, testIds.messageStatus).last().getAttribute('data-status');
}

/** Types a message in the open chat and sends it with Enter, once the composer takes it. */
export async function send(page: Page, text: string): Promise<void> {
  const composer = byTestId(page, testIds.composerInput);
  // A function, not expression text: the page's CSP forbids the eval that text would need here.
  await page.waitForFunction(
    (id) => document.querySelector(`[data-testid="${id}"]`)?.disabled === false,
    testIds.composerInput,
    CHAT_WAIT,
  );
  await composer.fill(text);
  await composer.press('Enter');
}

/** Opens the chat with this title from the sidebar. */
export async function openChat(page: Page, title: string): Promise<void> {
  await byTestId(page, testIds.chatListItem).filter({ hasText: title }).click(CHAT_WAIT);
  await byTestId(page, testIds.conversation).waitFor(CHAT_WAIT);
}

/**
 * Makes the page lose focus the way Chromium really reports it: Playwright emulates focus for
 * every page (document.hasFocus() is always true), so that is switched off for this page, and
 * another tab of the same window is brought to the front. The page gets a real 'blur' and
 * document.hasFocus() becomes false. Returns the page that took the focus.
 */
export async function unfocus(context: BrowserContext, page: Page): Promise<Page> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  const other = await context.newPage();
  await other.bringToFront();
  await page.waitForFunction(() => !document.hasFocus());
  return other;
}

/** Notifications the page constructed, recorded by recordNotifications(). */
export interface RecordedNotification {
  readonly title: string;
  readonly body: string;
  readonly tag: string;
}

// Page-side code is expression text: this project compiles without the DOM library.
const RECORD_NOTIFICATIONS = `(() => {
  const Real = window.Notification;
  if (typeof Real !== 'function') return;
  const seen = [];
  Object.defineProperty(window, '__notifications', { value: seen });
  class Recorded extends Real {
    constructor(title, options) {
      super(title, options);
      seen.push({ title, body: options?.body ?? '', tag: options?.tag ?? '', instance: this });
    }
  }
  window.Notification = Recorded;
})();`;

/**
 * An init script that wraps the page's real Notification constructor: each construction is
 * recorded (title, body, tag, and the notification itself, to click it) and the real API runs.
 */
export async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: RECORD_NOTIFICATIONS });
}

export async function notificationsShown(page: Page): Promise<RecordedNotification[]> {
  const shown = await page.evaluate(
    '(window.__notifications ?? []).map(({ title, body, tag }) => ({ title, body, tag }))',
  );
  return shown as RecordedNotification[];
}

/** Clicks the newest recorded notification, as the person would on the desktop. */
export async function clickLastNotification(page: Page): Promise<void> {
  await page.evaluate(`window.__notifications.at(-1).instance.dispatchEvent(new Event('click'))`);
}
