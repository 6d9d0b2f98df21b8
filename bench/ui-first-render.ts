// UI: time to first render of a chat holding 100,000 messages, in Chromium through the browser
// host, with the real engine and its SQLite store. The chat is written with the engine's own
// store functions (profile, contact with its chat, items), then a browser host serves it and the
// page opens it: the figure is from the renderer's `chat-open` mark (the click) to its
// `chat-first-render` mark (the frame after the first rows were painted), read back from the
// page. Each run reloads the page, so nothing is cached in the renderer. Target: under 300 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/support/browser';
import { createContact } from '../src/main/engine/chat/contacts';
import { newSharedMsgId } from '../src/main/engine/chat/ids';
import { insertItem } from '../src/main/engine/chat/store/items';
import { startBrowserHost } from '../src/main/host/server';
import { createLogger } from '../src/main/engine/log';
import { openStore } from '../src/main/engine/store';
import { createProfile } from '../src/main/engine/store/profiles';
import { CHAT_FIRST_RENDER_MARK, CHAT_OPEN_MARK } from '../src/renderer/perf/names';
import { testIds } from '../src/renderer/testIds';
import { median, type Suite } from './harness';

const MESSAGES = 100_000;
const PER_TRANSACTION = 5_000;
const RUNS = 9;
const TEXT = 'A typical chat message of a sentence or two, about as long as most people write.';

/** One user and one active contact whose chat holds `MESSAGES` items, alternating direction. */
export async function seedChat(dataDir: string): Promise<void> {
  const db = await openStore(dataDir);
  try {
    const now = new Date().toISOString();
    const chatId = await db.transaction(async (tx) => {
      const user = await createProfile(tx, { displayName: 'Me', fullName: '', image: null }, now);
      const profile = { displayName: 'Alice', fullName: 'Alice Liddell', image: null };
      const { contactId, chatRowId } = await createContact(
        tx,
        {
          userProfileId: user.id,
          profile: { ...profile, json: JSON.stringify(profile) },
          connId: 'bench-ui-first-render',
          via: 'invitation',
          sendProbes: false,
        },
        now,
      );
      await tx.run("UPDATE contacts SET status = 'active' WHERE contact_id = ?", [contactId]);
      return chatRowId;
    });
    const first = Date.now() - MESSAGES * 30_000;
    for (let start = 0; start < MESSAGES; start += PER_TRANSACTION) {
      await db.transaction(async (tx) => {
        for (let i = start; i < Math.min(start + PER_TRANSACTION, MESSAGES); i++) {
          const text = `${TEXT} #${i + 1}`;
          await insertItem(
            tx,
            {
              chatId,
              direction: i % 2 ? 'rcv' : 'snd',
              sharedMsgId: newSharedMsgId(),
              contentType: 'text',
              contentJson: JSON.stringify({ type: 'text', text }),
              text,
              sentAt: new Date(first + i * 30_000).toISOString(),
              // Read and delivered: opening the chat has nothing to mark read.
              status: i % 2 ? 'read' : 'delivered',
            },
            now,
          );
        }
      });
    }
  } finally {
    await db.close();
  }
}

/** Milliseconds from the click to the painted rows, as the page measured them. */
async function openChatOnce(page: Page): Promise<{ ms: number; rows: number }> {
  await page.reload();
  await page.getByTestId(testIds.chatListItem).first().click({ timeout: 30_000 });
  await page.waitForFunction(
    (name) => performance.getEntriesByName(name).length > 0,
    CHAT_FIRST_RENDER_MARK,
    { timeout: 30_000 },
  );
  const [open, rendered, rows] = await page.evaluate(
    ([openName, renderedName, rowId]) => [
      performance.getEntriesByName(openName)[0]?.startTime ?? NaN,
      performance.getEntriesByName(renderedName)[0]?.startTime ?? NaN,
      // Page-side: the DOM. Typed loosely, since this project compiles without the DOM library.
      (
        globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
      ).document.querySelectorAll(`[data-testid="${rowId}"]`).length,
    ],
    [CHAT_OPEN_MARK, CHAT_FIRST_RENDER_MARK, testIds.messageRow] as const,
  );
  return { ms: rendered - open, rows };
}

export const uiFirstRenderSuite: Suite = {
  name: 'ui-first-render',
  description: `first render of a chat of ${MESSAGES.toLocaleString('en-US')} messages in Chromium (needs npm run build)`,
  async run(report) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'conclave-bench-ui-'));
    try {
      let started = performance.now();
      await seedChat(dataDir);
      report('seed the chat (engine store functions)', performance.now() - started, 'ms');

      const host = await startBrowserHost({
        dataDir,
        engine: 'worker',
        smpServer: 'none',
        log: createLogger({ scope: 'bench', level: 'error' }),
      });
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
        started = performance.now();
        await page.goto(host.url);
        await page.getByTestId(testIds.chatListItem).first().waitFor({ timeout: 30_000 });
        report('page load to chat list shown (first load)', performance.now() - started, 'ms');

        await openChatOnce(page); // warm-up: the engine's first read of the chat
        const runs: number[] = [];
        let rows = 0;
        for (let i = 0; i < RUNS; i++) {
          const run = await openChatOnce(page);
          runs.push(run.ms);
          rows = run.rows;
        }
        report(
          'open chat → first rows painted (median)',
          median(runs),
          'ms',
          `target < 300; ${RUNS} runs`,
        );
        report('open chat → first rows painted (worst)', Math.max(...runs), 'ms');
        report('message rows in the DOM', rows, 'rows', `of ${MESSAGES.toLocaleString('en-US')}`);
      } finally {
        await browser.close();
        await host.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
