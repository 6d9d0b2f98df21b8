// Chat store throughput: messages per second through the chat engine's receive path (decode and
// the one transaction that finds the contact, stores the item and updates the chat, exactly as
// the receive handler runs it, without the network) beside raw sqlite3 inserts of the same rows
// (one insert per transaction, WAL, synchronous=NORMAL, the sqlite3 package directly, into the
// same table without the trigger that updates the chat), measured in the same run.
// The two alternate in short rounds, so that load from elsewhere on a shared machine falls on
// both alike; the ratio is the median of the rounds' ratios. Target: at least 0.5.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { createContact } from '../src/main/engine/chat/contacts';
import { newSharedMsgId } from '../src/main/engine/chat/ids';
import { applyReceived } from '../src/main/engine/chat/receive';
import { silentLogger } from '../src/main/engine/log';
import { databasePath, openStore } from '../src/main/engine/store';
import { createProfile } from '../src/main/engine/store/profiles';
import type { Database } from '../src/node/sqlite';
import { SUPPORTED_CHAT_VRANGE, encodeChatMessage } from '../src/protocol/chat';
import { median, type Suite } from './harness';

const ROUNDS = 40;
const PER_ROUND = 150;
const WARMUP = 300;
const CONN_ID = 'bench-connection';
const TEXT = 'A typical chat message of a sentence or two, about as long as most people write.';
const NOW = '2026-01-01T00:00:00.000Z';

/** A store with one user and one active contact whose chat receives the messages. */
async function chatStore(dir: string): Promise<{ db: Database; chatRowId: number }> {
  const db = await openStore(dir);
  const chatRowId = await db.transaction(async (tx) => {
    const user = await createProfile(tx, { displayName: 'me', fullName: '', image: null }, NOW);
    const { contactId, chatRowId } = await createContact(
      tx,
      {
        userProfileId: user.id,
        profile: null,
        connId: CONN_ID,
        via: 'invitation',
        sendProbes: false,
      },
      NOW,
    );
    await tx.run("UPDATE contacts SET status = 'active' WHERE contact_id = ?", [contactId]);
    return chatRowId;
  });
  return { db, chatRowId };
}

function encodedMessages(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) =>
    encodeChatMessage({
      version: SUPPORTED_CHAT_VRANGE,
      msgId: newSharedMsgId(),
      event: 'x.msg.new',
      params: { content: { type: 'text', text: `${TEXT} #${i}` } },
    }),
  );
}

async function receivePath(db: Database, bodies: readonly Uint8Array[]): Promise<number> {
  const brokerTs = new Date(NOW);
  const started = performance.now();
  for (const body of bodies) {
    await applyReceived(db, silentLogger, NOW, { connId: CONN_ID, body, brokerTs });
  }
  return (bodies.length * 1000) / (performance.now() - started);
}

/** The sqlite3 package directly, on a database with the same schema. */
class RawStore {
  private constructor(
    private readonly db: sqlite3.Database,
    private readonly insert: sqlite3.Statement,
  ) {}

  static async open(file: string): Promise<RawStore> {
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const d = new sqlite3.Database(file, (e) => (e ? reject(e) : resolve(d)));
    });
    const raw = (sql: string) =>
      new Promise<void>((resolve, reject) => db.run(sql, (e) => (e ? reject(e) : resolve())));
    await raw('PRAGMA journal_mode = WAL');
    await raw('PRAGMA synchronous = NORMAL');
    await raw('PRAGMA foreign_keys = ON');
    // A bare insert: the chat update (a trigger in the engine's schema) is the engine's work.
    await raw('DROP TRIGGER chat_items_counters');
    const insert = db.prepare(
      `INSERT INTO chat_items (chat_id, direction, shared_msg_id, content_type, content_json, text,
         sent_at, created_at, status) VALUES (?, 'rcv', ?, 'text', ?, ?, ?, ?, 'received')`,
    );
    return new RawStore(db, insert);
  }

  private exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.run(sql, (e) => (e ? reject(e) : resolve())));
  }

  async insertOne(chatId: number, msgId: Uint8Array, text: string): Promise<void> {
    await this.exec('BEGIN');
    await new Promise<void>((resolve, reject) =>
      this.insert.run(
        [chatId, msgId, JSON.stringify({ type: 'text', text }), text, NOW, NOW],
        (e) => (e ? reject(e) : resolve()),
      ),
    );
    await this.exec('COMMIT');
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.insert.finalize(() => this.db.close(() => resolve())));
  }
}

async function rawInserts(raw: RawStore, chatId: number, n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) await raw.insertOne(chatId, newSharedMsgId(), `${TEXT} #${i}`);
  return (n * 1000) / (performance.now() - started);
}

export const chatStoreSuite: Suite = {
  name: 'chat-store',
  description: 'chat receive path (decode + one transaction) against raw sqlite3 inserts',
  async run(report) {
    const dir = mkdtempSync(path.join(tmpdir(), 'conclave-bench-chat-'));
    try {
      const chat = await chatStore(path.join(dir, 'chat'));
      // The raw side gets the same schema and rows to point at, then only sqlite3 touches it.
      const rawSetup = await chatStore(path.join(dir, 'raw'));
      await rawSetup.db.close();
      const raw = await RawStore.open(databasePath(path.join(dir, 'raw')));

      await receivePath(chat.db, encodedMessages(WARMUP));
      await rawInserts(raw, rawSetup.chatRowId, WARMUP);
      const chatRates: number[] = [];
      const rawRates: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const bodies = encodedMessages(PER_ROUND);
        rawRates.push(await rawInserts(raw, rawSetup.chatRowId, PER_ROUND));
        chatRates.push(await receivePath(chat.db, bodies));
      }
      const items = await chat.db.get('SELECT count(*) AS n FROM chat_items');
      const unread = await chat.db.get('SELECT unread_count FROM chats WHERE chat_id = ?', [
        chat.chatRowId,
      ]);
      await chat.db.close();
      await raw.close();
      const expected = WARMUP + ROUNDS * PER_ROUND;
      if (items?.n !== expected || unread?.unread_count !== expected) {
        throw new Error(`the receive path stored ${String(items?.n)} of ${expected} messages`);
      }

      const note = `median of ${ROUNDS} alternating rounds of ${PER_ROUND}`;
      report('chat receive path: decode + item + chat update', median(chatRates), 'msg/s', note);
      report('raw sqlite3: one insert per transaction', median(rawRates), 'rows/s', note);
      const ratios = chatRates.map((c, i) => c / rawRates[i]!);
      report('ratio chat / raw (target >= 0.5)', median(ratios), 'x', 'median of the rounds');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
