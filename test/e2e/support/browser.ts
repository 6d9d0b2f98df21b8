// Debian's Chromium driven by playwright-core (no downloaded browsers). Each test gets a fresh
// context, so nothing carries over between them but what the host stored.
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's path; `CHROMIUM_PATH` points elsewhere on machines that keep it somewhere else. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Collects what should never happen on a page: uncaught errors, console errors and CSP
 * violations. Tests assert the list is empty at the end.
 */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    problems.push(`console error: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  return problems;
}
