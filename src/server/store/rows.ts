// Rows read back from the server's SQLite file are checked like any other input: a damaged
// file gives a clear StoreDataError instead of wrong state flowing into the server.
import { z } from 'zod';
import type { Row } from '../../node/sqlite';
import { sha256 } from '../../protocol/crypto/hash';
import { decodeAll, encode } from '../../protocol/encoding/codec';
import { fromHex } from '../../protocol/encoding/bytes';
import { DecodeError } from '../../protocol/encoding/errors';
import type { MessageMeta, Queue } from '../queues/queue';

export class StoreDataError extends Error {
  override readonly name = 'StoreDataError';
}

/** A plain Uint8Array view of a blob (sqlite3 returns Buffers). */
export function bytesOf(b: Uint8Array): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * Ids and keys are read as hex text: every blob sqlite3 returns is a Buffer with a native
 * allocation of its own, which for 24 bytes costs several times the bytes, and the server loads
 * such ids for every queue and message at start. Decoded, they live in the JS heap.
 */
function hexColumn(column: string): string {
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE hex(${column}) END AS ${column}`;
}

const hexBlob = z
  .string()
  .regex(/^(?:[0-9A-F]{2})*$/, 'not hex')
  .transform(fromHex);
const largeBlob = z.instanceof(Uint8Array).transform(bytesOf);
const seconds = z.int().nonnegative();

/** What a queue row is read with (parsed by queueFromRow). */
export const QUEUE_SELECT = [
  ...['recipient_id', 'sender_id', 'recipient_keys', 'rcv_dh_secret', 'sender_key', 'link_id'].map(
    hexColumn,
  ),
  'queue_mode',
  'status',
  'link_fixed_data',
  'created_at',
  'updated_at',
].join(', ');

/** What a message row is read with (parsed by messageFromRow): everything but the body. */
export const MESSAGE_SELECT = [
  'message_id',
  hexColumn('recipient_id'),
  hexColumn('msg_id'),
  'created_at',
  'kind',
  'notification',
].join(', ');

export const queueRowSchema = z.object({
  recipient_id: hexBlob,
  sender_id: hexBlob,
  recipient_keys: hexBlob,
  rcv_dh_secret: hexBlob,
  sender_key: hexBlob.nullable(),
  queue_mode: z.enum(['messaging', 'contact']).nullable(),
  status: z.enum(['active', 'off']),
  link_id: hexBlob.nullable(),
  link_fixed_data: largeBlob.nullable(),
  created_at: seconds,
  updated_at: seconds,
});

export const messageRowSchema = z.object({
  message_id: z.int().positive(),
  recipient_id: hexBlob,
  msg_id: hexBlob,
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
