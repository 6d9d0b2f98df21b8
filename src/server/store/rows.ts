// Rows read back from the server's SQLite file are checked like any other input: a damaged
// file gives a clear StoreDataError instead of wrong state flowing into the server.
import { z } from 'zod';
import type { Row } from '../../node/sqlite';
import { sha256 } from '../../protocol/crypto/hash';
import { decodeAll, encode } from '../../protocol/encoding/codec';
import { DecodeError } from '../../protocol/encoding/errors';
import type { MessageMeta, Queue } from '../queues/queue';

export class StoreDataError extends Error {
  override readonly name = 'StoreDataError';
}

/** A plain Uint8Array view of a blob (sqlite3 returns Buffers). */
export function bytesOf(b: Uint8Array): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

const blob = z.instanceof(Uint8Array).transform(bytesOf);
const seconds = z.int().nonnegative();

export const queueRowSchema = z.object({
  recipient_id: blob,
  sender_id: blob,
  recipient_keys: blob,
  rcv_dh_secret: blob,
  sender_key: blob.nullable(),
  queue_mode: z.enum(['messaging', 'contact']).nullable(),
  status: z.enum(['active', 'off']),
  link_id: blob.nullable(),
  link_fixed_data: blob.nullable(),
  created_at: seconds,
  updated_at: seconds,
});

export const messageRowSchema = z.object({
  message_id: z.int().positive(),
  recipient_id: blob,
  msg_id: blob,
  created_at: seconds,
  kind: z.enum(['message', 'quota']),
  notification: z.union([z.literal(0), z.literal(1)]),
});

export function parseRow<S extends z.ZodType>(schema: S, row: Row, table: string): z.output<S> {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreDataError(
      `a row of ${table} is malformed (${issue?.path.join('.') ?? ''}: ${issue?.message ?? '?'})`,
    );
  }
  return parsed.data;
}

/** Recipient keys are stored as an SMP list: count byte, then each SPKI as a shortString. */
export function encodeKeys(keys: readonly Uint8Array[]): Uint8Array {
  return encode((w) => w.list(keys, (w2, k) => w2.shortString(k)));
}

function decodeKeys(bytes: Uint8Array): Uint8Array[] {
  try {
    return decodeAll(bytes, (r) => r.nonEmpty((r2) => r2.shortString().slice()), 'keys');
  } catch (e) {
    if (e instanceof DecodeError) throw new StoreDataError(`stored recipient keys: ${e.message}`);
    throw e;
  }
}

export function queueFromRow(row: Row): Queue {
  const r = parseRow(queueRowSchema, row, 'queues');
  return {
    recipientId: r.recipient_id,
    senderId: r.sender_id,
    recipientKeys: decodeKeys(r.recipient_keys),
    rcvDhSecret: r.rcv_dh_secret,
    senderKey: r.sender_key ?? undefined,
    mode: r.queue_mode ?? undefined,
    status: r.status,
    link:
      r.link_id && r.link_fixed_data
        ? { linkId: r.link_id, fixedDigest: sha256(r.link_fixed_data) }
        : undefined,
    messages: [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function messageFromRow(row: Row): { recipientId: Uint8Array; meta: MessageMeta } {
  const r = parseRow(messageRowSchema, row, 'messages');
  return {
    recipientId: r.recipient_id,
    meta: {
      rowId: r.message_id,
      msgId: r.msg_id,
      timestamp: r.created_at,
      quota: r.kind === 'quota',
      notification: r.notification === 1,
    },
  };
}
