// Issue 5, done-when: two people, each with their own browser host and engine, one real SMP server
// on 127.0.0.1. A creates an address; B pastes it and connects; A accepts the request; they write
// to each other and see the delivery ticks reach "delivered"; B's window loses focus and A's next
// message raises a real Web Notification in B (clicking it opens the chat); B reloads and the
// whole history is read back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSmpServer } from '../../src/server/start';
import { byTestId, openApp, testIds, type OpenedApp } from './support/app';
import { launchChromium } from './support/browser';
import {
  CHAT_WAIT,
  clickLastNotification,
  createProfile,
  lastSentStatus,
  messageTexts,
  notificationsShown,
  openChat,
  recordNotifications,
  send,
  unfocus,
} from './support/chat';
import { startHost, startTestSmpServer, type BrowserHost } from './support/host';

let browser: Browser;
let smp: RunningSmpServer;
let root: string;
const hosts: BrowserHost[] = [];
const apps: OpenedApp[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'conclave-e2e-chat-'));
  smp = await startTestSmpServer(path.join(root, 'smp'));
  browser = await launchChromium();
});

afterAll(async () => {
  for (const app of apps) await app.context.close();
  for (const host of hosts) await host.close();
  await browser?.close();
  await smp?.stop();
  await rm(root, { recursive: true, force: true });
});

async function person(name: string, options: { notifications?: boolean } = {}) {
  const host = await startHost(path.join(root, name), { smpServer: { address: smp.address } });
  hosts.push(host);
  const app = await openApp(browser, host.url, {
    ...(options.notifications && {
      permissions: ['notifications'],
      prepare: recordNotifications,
    }),
  });
  apps.push(app);
  await createProfile(app.page, name);
  return app;
}

const statusOfLastSent = (page: Page) => () => lastSentStatus(page);

describe('a direct chat between two people', () => {
  it('connects through an address, delivers both ways, notifies an unfocused window, and keeps the history', async () => {
    const alice = await person('Alice');
    const bob = await person('Bob', { notifications: true });
    const a = alice.page;
    const b = bob.page;

    // Alice creates her address in the "New chat" dialog and copies the link from it.
    await byTestId(a, testIds.newChatButton).click();
    await byTestId(a, `${testIds.newChatTab}-address`).click();
    await byTestId(a, testIds.addressCreate).click(CHAT_WAIT);
    await byTestId(a, testIds.addressQr).waitFor(CHAT_WAIT);
    const link = await byTestId(a, testIds.addressLink).inputValue();
    expect(link).toMatch(/^(simplex:|https:)/);
    await a.keyboard.press('Escape');
    await byTestId(a, testIds.newChatDialog).waitFor({ state: 'detached' });

    // Bob pastes it and connects: a request is sent.
    await byTestId(b, testIds.newChatButton).click();
    await byTestId(b, testIds.connectLinkInput).fill(link);
    await byTestId(b, testIds.connectSubmit).click();
    await expect
      .poll(() => byTestId(b, testIds.connectStatus).textContent(), CHAT_WAIT)
      .toMatch(/^Request sent/);
    await byTestId(b, testIds.connectOpenChat).click();
    await byTestId(b, testIds.composerNotice).waitFor(CHAT_WAIT);

    // Alice sees the request and accepts it; the new chat opens.
    await byTestId(a, testIds.requestsEntry).click(CHAT_WAIT);
    const request = byTestId(a, testIds.requestItem).filter({ hasText: 'Bob' });
    await request.getByTestId(testIds.requestAccept).click(CHAT_WAIT);
    await byTestId(a, testIds.conversation).waitFor(CHAT_WAIT);
    expect(await byTestId(a, testIds.conversationTitle).textContent()).toContain('Bob');

    // Bob writes first (once connected); the ticks go from sending to delivered.
    await send(b, 'Hello Alice!');
    await expect.poll(() => messageTexts(a), CHAT_WAIT).toEqual(['Hello Alice!']);
    await expect.poll(statusOfLastSent(b), CHAT_WAIT).toBe('delivered');

    await send(a, 'Hi Bob.\nGood to see you here.');
    await expect
      .poll(() => messageTexts(b), CHAT_WAIT)
      .toEqual(['Hello Alice!', 'Hi Bob.\nGood to see you here.']);
    await expect.poll(statusOfLastSent(a), CHAT_WAIT).toBe('delivered');
    // Seen in a focused window, so nothing was announced.
    expect(await notificationsShown(b)).toEqual([]);

    // Bob's window loses focus; Alice's next message becomes a notification in it.
    const elsewhere = await unfocus(bob.context, b);
    await send(a, 'Are you still there?');
    await expect.poll(() => notificationsShown(b), CHAT_WAIT).toHaveLength(1);
    const [shown] = await notificationsShown(b);
    expect(shown).toMatchObject({ title: 'Alice', body: 'Are you still there?' });
    // One per chat: a newer message of the same chat replaces it.
    expect(shown?.tag).toMatch(/^@\d+$/);
    await expect.poll(statusOfLastSent(a), CHAT_WAIT).toBe('delivered');
    // Not read while nobody looks: the chat keeps its unread badge.
    await byTestId(b, testIds.chatListUnread).waitFor(CHAT_WAIT);

    // Clicking the notification brings the chat back (from wherever Bob was in the app).
    await elsewhere.close();
    await b.bringToFront();
    await byTestId(b, testIds.navSettings).click();
    await byTestId(b, testIds.settingsView).waitFor();
    await clickLastNotification(b);
    await byTestId(b, testIds.conversation).waitFor(CHAT_WAIT);
    await byTestId(b, testIds.chatListUnread).waitFor({ state: 'detached', ...CHAT_WAIT });

    await a.screenshot({ path: path.join(tmpdir(), 'conclave-chat-a.png') });
    await b.screenshot({ path: path.join(tmpdir(), 'conclave-chat-b.png') });

    // A reload reads everything back from Bob's engine.
    await b.reload();
    await openChat(b, 'Alice');
    await expect
      .poll(() => messageTexts(b), CHAT_WAIT)
      .toEqual(['Hello Alice!', 'Hi Bob.\nGood to see you here.', 'Are you still there?']);
    expect(await lastSentStatus(b)).toBe('delivered');

    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });
});
