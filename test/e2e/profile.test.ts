// Issue 2, done-when: real Chromium, through the browser host, creates a profile; the page is
// reloaded and the profile is still there; the host is closed (engine stopped, SQLite closed), a
// fresh host starts on the same data directory, and the profile is read back from SQLite.
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { base64Length } from '../../src/renderer/avatar/sizing';
import { optionTestId } from '../../src/renderer/testIds';
import { MAX_AVATAR_CHARS } from '../../src/shared/models/profile';
import {
  appliedTheme,
  bodyBackground,
  byTestId,
  focusedOutline,
  focusedTestId,
  imageSize,
  openApp,
  testIds,
  waitForText,
  type OpenedApp,
} from './support/app';
import { launchChromium } from './support/browser';
import { engineWorkerPid, makeDataDir, startHost, type BrowserHost } from './support/host';
import { samplePicture } from './support/png';

const WAIT = { timeout: 15_000 };
const LIGHT_BACKGROUND = 'rgb(255, 255, 255)';
const DARK_BACKGROUND = 'rgb(21, 23, 28)';

let browser: Browser;
const hosts: BrowserHost[] = [];
const apps: OpenedApp[] = [];
const dataDirs: { remove(): Promise<void> }[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});

afterEach(async () => {
  for (const app of apps.splice(0)) await app.context.close();
  for (const host of hosts.splice(0)) await host.close();
  for (const dir of dataDirs.splice(0)) await dir.remove();
});

afterAll(async () => {
  await browser?.close();
});

async function freshDataDir(): Promise<string> {
  const dir = await makeDataDir();
  dataDirs.push(dir);
  return dir.dir;
}

async function host(dataDir: string): Promise<BrowserHost> {
  const h = await startHost(dataDir);
  hosts.push(h);
  return h;
}

async function open(url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<OpenedApp> {
  const app = await openApp(browser, url, { colorScheme });
  apps.push(app);
  return app;
}

/** Closes one host early (the test goes on with another); afterEach closes the rest. */
async function closeHost(h: BrowserHost): Promise<void> {
  hosts.splice(hosts.indexOf(h), 1);
  await h.close();
}

const sidebarName = (page: Page) => byTestId(page, testIds.sidebarProfileName).textContent();
const imageSource = (page: Page, id: typeof testIds.sidebarAvatar | typeof testIds.avatarPreview) =>
  byTestId(page, id).getAttribute('src');

async function expectProfile(page: Page, avatar: string): Promise<void> {
  await expect.poll(() => sidebarName(page), WAIT).toBe('Ada');
  expect(await imageSource(page, testIds.sidebarAvatar)).toBe(avatar);
  await byTestId(page, testIds.navSettings).click();
  await byTestId(page, testIds.settingsView).waitFor();
  expect(await byTestId(page, testIds.displayNameInput).inputValue()).toBe('Ada');
  expect(await byTestId(page, testIds.fullNameInput).inputValue()).toBe('Ada Lovelace');
  expect(await imageSource(page, testIds.avatarPreview)).toBe(avatar);
}

describe('profile', () => {
  it('is created in the browser and read back from SQLite by a freshly started engine', async () => {
    const dataDir = await freshDataDir();
    const first = await host(dataDir);
    const { page, problems } = await open(first.url);

    // First run, by keyboard: Tab to the display name, type, Tab to the full name, type.
    await byTestId(page, testIds.firstRun).waitFor(WAIT);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ada');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ada Lovelace');
    expect(await byTestId(page, testIds.displayNameInput).inputValue()).toBe('Ada');

    // A wide 640×400 PNG: decoded, cropped and re-encoded by the renderer to fit the limit.
    await byTestId(page, testIds.avatarInput).setInputFiles({
      name: 'ada.png',
      mimeType: 'image/png',
      buffer: samplePicture(),
    });
    await expect
      .poll(() => imageSource(page, testIds.avatarPreview), WAIT)
      .toMatch(/^data:image\/webp;base64,/);
    const avatar = (await imageSource(page, testIds.avatarPreview))!;
    expect(base64Length(avatar)).toBeLessThanOrEqual(MAX_AVATAR_CHARS);
    const [width, height] = await imageSize(page, testIds.avatarPreview);
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(64);
    expect(width).toBeLessThanOrEqual(192);

    await byTestId(page, testIds.profileSubmit).click();
    await expect.poll(() => sidebarName(page), WAIT).toBe('Ada');
    expect(await imageSource(page, testIds.sidebarAvatar)).toBe(avatar);
    expect(await byTestId(page, testIds.chatListEmpty).textContent()).toContain('No chats yet');

    // Reload: the same host and engine answer.
    await page.reload();
    await expectProfile(page, avatar);
    await page.screenshot({ path: path.join(tmpdir(), 'conclave-profile.png') });
    expect(problems).toEqual([]);

    // Stop everything, start again on the same directory: only SQLite remembers.
    await closeHost(first);
    const second = await host(dataDir);
    expect(second.url).not.toBe(first.url);
    const again = await open(second.url, 'dark');
    await expectProfile(again.page, avatar);
    expect(await appliedTheme(again.page)).toBe('dark');
    await again.page.screenshot({ path: path.join(tmpdir(), 'conclave-profile-dark.png') });
    expect(again.problems).toEqual([]);
  });

  it('refuses a display name the contract refuses, next to the field', async () => {
    const { page, problems } = await open((await host(await freshDataDir())).url);
    await byTestId(page, testIds.firstRun).waitFor(WAIT);
    await byTestId(page, testIds.profileSubmit).click();
    const input = byTestId(page, testIds.displayNameInput);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await byTestId(page, testIds.displayNameError).textContent()).toBe(
      'Display name is required.',
    );
    expect(await focusedTestId(page)).toBe(testIds.displayNameInput);
    expect(problems).toEqual([]);
  });
});

describe('theme', () => {
  it('follows the system until overridden, and the override is stored', async () => {
    const dataDir = await freshDataDir();
    const h = await host(dataDir);
    const { page, problems } = await open(h.url, 'dark');
    await byTestId(page, testIds.firstRun).waitFor(WAIT);
    expect(await appliedTheme(page)).toBe('dark');
    expect(await bodyBackground(page)).toBe(DARK_BACKGROUND);

    await byTestId(page, testIds.displayNameInput).fill('Ada');
    await byTestId(page, testIds.profileSubmit).click();
    await byTestId(page, testIds.appFrame).waitFor(WAIT);

    // By keyboard from the top of the page: the skip link, then Settings, each with a ring.
    await page.reload();
    await byTestId(page, testIds.appFrame).waitFor(WAIT);
    await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe(testIds.skipLink);
    expect(await focusedOutline(page)).toBe('solid');
    await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe(testIds.navSettings);
    expect(await focusedOutline(page)).toBe('solid');
    await page.keyboard.press('Enter');
    await byTestId(page, testIds.settingsView).waitFor();
    await byTestId(page, optionTestId(testIds.themeOption, 'light')).check();
    await expect.poll(() => appliedTheme(page), WAIT).toBe('light');
    expect(await bodyBackground(page)).toBe(LIGHT_BACKGROUND);
    await expect
      .poll(() => byTestId(page, testIds.settingsStatus).textContent(), WAIT)
      .toBe('Settings saved.');

    // Escape closes the settings and puts focus back on the button, ringed.
    await page.keyboard.press('Escape');
    await byTestId(page, testIds.settingsView).waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe(testIds.navSettings);
    expect(await focusedOutline(page)).toBe('solid');

    // The override outlives a reload, whatever the system says.
    await page.reload();
    await byTestId(page, testIds.appFrame).waitFor(WAIT);
    await expect.poll(() => appliedTheme(page), WAIT).toBe('light');

    // Back to "system": the page follows the system's changes live.
    await byTestId(page, testIds.navSettings).click();
    await byTestId(page, optionTestId(testIds.themeOption, 'system')).check();
    await expect.poll(() => appliedTheme(page), WAIT).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => appliedTheme(page), WAIT).toBe('light');
    expect(await bodyBackground(page)).toBe(LIGHT_BACKGROUND);
    expect(problems).toEqual([]);
  });
});

describe('engine restart', () => {
  it('shows a banner while the engine worker restarts, then carries on with the same data', async () => {
    const { page, problems } = await open((await host(await freshDataDir())).url);
    await byTestId(page, testIds.displayNameInput).fill('Ada', WAIT);
    await byTestId(page, testIds.profileSubmit).click();
    await expect.poll(() => sidebarName(page), WAIT).toBe('Ada');
    expect(await byTestId(page, testIds.engineBanner).textContent()).toBe('');

    // A crash, as a fault in native code would cause one. The restart window is short, so the
    // page itself watches for the banner (every animation frame) instead of the test polling.
    const restarting = waitForText(page, testIds.engineBanner, {
      includes: 'Conclave is restarting',
    });
    process.kill(engineWorkerPid(), 'SIGKILL');
    await restarting;
    await waitForText(page, testIds.engineBanner, { equals: '' });

    // The new worker serves the same database.
    expect(await sidebarName(page)).toBe('Ada');
    await byTestId(page, testIds.navSettings).click();
    await byTestId(page, optionTestId(testIds.themeOption, 'dark')).check();
    await expect
      .poll(() => byTestId(page, testIds.settingsStatus).textContent(), WAIT)
      .toBe('Settings saved.');
    expect(problems).toEqual([]);
  });
});
