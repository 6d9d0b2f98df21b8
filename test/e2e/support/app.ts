// Opening the renderer in a page and reading it the way the tests need.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testIds } from '../../../src/renderer/testIds';
import { watchForProblems } from './browser';

export interface OpenedApp {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught errors, console errors and CSP violations seen so far. */
  readonly problems: string[];
}

export interface OpenAppOptions {
  readonly colorScheme?: 'light' | 'dark';
  /** Browser permissions granted to the page's origin (e.g. 'notifications'). */
  readonly permissions?: readonly string[];
  /** Runs before the page opens (init scripts). */
  readonly prepare?: (context: BrowserContext) => Promise<void>;
}

export async function openApp(
  browser: Browser,
  url: string,
  options: OpenAppOptions = {},
): Promise<OpenedApp> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1100, height: 760 },
  });
  if (options.permissions) {
    await context.grantPermissions([...options.permissions], { origin: new URL(url).origin });
  }
  await options.prepare?.(context);
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(url);
  return { context, page, problems };
}

/** A locator by data-testid; ids come from src/renderer/testIds.ts. */
export const byTestId = (page: Page, id: string) => page.getByTestId(id);

/** The theme the renderer applied (the `data-theme` of <html>). */
export const appliedTheme = (page: Page) => page.locator('html').getAttribute('data-theme');

/** The page background as Chromium paints it, to check the style sheets follow the theme. */
export const bodyBackground = async (page: Page): Promise<string> =>
  String(await page.evaluate('getComputedStyle(document.body).backgroundColor'));

// Page-side code is passed as expression text: this project compiles without the DOM library.

/** The little of the DOM that page-side functions here use (this project has no DOM types). */
declare const document: {
  querySelector(selector: string): { readonly textContent: string | null } | null;
};

/**
 * Waits, checking on every animation frame inside the page, until the text of the element with
 * this data-testid satisfies the test. For states too brief to catch by polling from outside.
 */
export async function waitForText(
  page: Page,
  testId: string,
  test: { readonly includes: string } | { readonly equals: string },
  timeout = 15_000,
): Promise<void> {
  await page.waitForFunction(
    ({ testId, test }) => {
      const text = document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '';
      return 'includes' in test ? text.includes(test.includes) : text === test.equals;
    },
    { testId, test },
    { polling: 'raf', timeout },
  );
}

/** The data-testid of the focused element, if it has one. */
export async function focusedTestId(page: Page): Promise<string | undefined> {
  const id = await page.evaluate('document.activeElement?.dataset.testid');
  return typeof id === 'string' ? id : undefined;
}

/** The outline style of the focused element ('none' when no focus ring is drawn). */
export async function focusedOutline(page: Page): Promise<string> {
  return String(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle'));
}

/** Natural width and height of the <img> with this data-testid. */
export async function imageSize(page: Page, testId: string): Promise<[number, number]> {
  const size = await page.evaluate(
    `(() => { const img = document.querySelector('[data-testid="${testId}"]'); return [img.naturalWidth, img.naturalHeight]; })()`,
  );
  if (!Array.isArray(size)) throw new Error(`${testId} is not an image`);
  return [Number(size[0]), Number(size[1])];
}

export { testIds };
