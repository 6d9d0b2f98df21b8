// A connection's double ratchet: the encoded state, the initiator's X3DH private keys until the
// handshake completes, our public X3DH parameters, and the skipped message keys (§3.2).
import { z } from 'zod';
import type { Executor } from '../../../../node/sqlite';
import {
  decodeRatchetState,
  encodeRatchetState,
  type RatchetState,
  type SkippedKeyRef,
  type SkippedMessageKey,
  type X3dhPrivateKeys,
} from '../../../../protocol/agent';
import { DecodeError } from '../../../../protocol/encoding';
import type { ConnId } from '../api';
import { StoreDataError } from '../../store/errors';
import { parseRow } from '../../store/rows';
import { blob, int, optionalBlob } from './columns';

const RatchetRow = z.object({
  state: optionalBlob,
  x3dh_key1: optionalBlob,
  x3dh_key2: optionalBlob,
  e2e_params: optionalBlob,
});

export interface RatchetRecord {
  readonly state?: RatchetState | undefined;
  readonly x3dhKeys?: X3dhPrivateKeys | undefined;
  /** Our public X3DH parameters (binary E2eRatchetParams or E2eRatchetParamsUri). */
  readonly e2eParams?: Uint8Array | undefined;
}

function decodeState(bytes: Uint8Array): RatchetState {
  try {
    return decodeRatchetState(bytes);
  } catch (e) {
    if (e instanceof DecodeError) throw new StoreDataError(`stored ratchet state: ${e.message}`);
    throw e;
  }
}

/** The X3DH material or first ratchet state of a connection (its row exists with it). */
export async function insertRatchet(q: Executor, connId: ConnId, r: RatchetRecord): Promise<void> {
  await q.run(
    'UPDATE agent_ratchets SET state = ?, x3dh_key1 = ?, x3dh_key2 = ?, e2e_params = ? WHERE conn_id = ?',
    [
      r.state ? encodeRatchetState(r.state) : null,
      r.x3dhKeys?.key1 ?? null,
      r.x3dhKeys?.key2 ?? null,
      r.e2eParams ?? null,
      connId,
    ],
  );
}

export async function getRatchet(q: Executor, connId: ConnId): Promise<RatchetRecord | undefined> {
  const row = await q.get(
    'SELECT state, x3dh_key1, x3dh_key2, e2e_params FROM agent_ratchets WHERE conn_id = ?',
    [connId],
  );
  if (!row) return undefined;
  const r = parseRow(RatchetRow, row, 'agent_ratchets');
  if (!r.state && !r.x3dh_key1 && !r.e2e_params) return undefined;
  return {
    state: r.state ? decodeState(r.state) : undefined,
    x3dhKeys: r.x3dh_key1 && r.x3dh_key2 ? { key1: r.x3dh_key1, key2: r.x3dh_key2 } : undefined,
    e2eParams: r.e2e_params ?? undefined,
  };
}

export async function setRatchetState(q: Executor, connId: ConnId, state: RatchetState) {
  await q.run('UPDATE agent_ratchets SET state = ? WHERE conn_id = ?', [
    encodeRatchetState(state),
    connId,
  ]);
}

/** The handshake is done: the X3DH private keys are deleted (the caller wipes its copies). */
export async function wipeX3dhKeys(q: Executor, connId: ConnId): Promise<void> {
  await q.run('UPDATE agent_ratchets SET x3dh_key1 = NULL, x3dh_key2 = NULL WHERE conn_id = ?', [
    connId,
  ]);
}

// ---- skipped message keys ----

const SkippedRow = z.object({ header_key: blob, msg_number: int, message_key: blob, iv: blob });

export async function skippedKeysOf(q: Executor, connId: ConnId): Promise<SkippedMessageKey[]> {
  const rows = await q.all(
    'SELECT header_key, msg_number, message_key, iv FROM agent_skipped_keys WHERE conn_id = ?',
    [connId],
  );
  return rows.map((row) => {
    const r = parseRow(SkippedRow, row, 'agent_skipped_keys');
    return {
      headerKey: r.header_key,
      msgNumber: r.msg_number,
      messageKey: r.message_key,
      iv: r.iv,
    };
  });
}

/** Stores new skipped keys, then drops the oldest beyond `max` for the connection. */
export async function addSkippedKeys(
  q: Executor,
  connId: ConnId,
  keys: readonly SkippedMessageKey[],
  nowMs: number,
  max: number,
): Promise<void> {
  if (keys.length === 0) return;
  for (const k of keys) {
    await q.run(
      `INSERT OR REPLACE INTO agent_skipped_keys
         (conn_id, header_key, msg_number, message_key, iv, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      [connId, k.headerKey, k.msgNumber, k.messageKey, k.iv, nowMs],
    );
  }
  await q.run(
    `DELETE FROM agent_skipped_keys WHERE conn_id = ?1 AND (header_key, msg_number) NOT IN (
       SELECT header_key, msg_number FROM agent_skipped_keys WHERE conn_id = ?1
       ORDER BY created_at DESC, msg_number DESC LIMIT ?2)`,
    [connId, max],
  );
}

export async function deleteSkippedKey(q: Executor, connId: ConnId, ref: SkippedKeyRef) {
  await q.run(
    'DELETE FROM agent_skipped_keys WHERE conn_id = ? AND header_key = ? AND msg_number = ?',
    [connId, ref.headerKey, ref.msgNumber],
  );
}

/** The TTL sweep: skipped keys older than `beforeMs` are deleted. */
export async function deleteSkippedKeysBefore(q: Executor, beforeMs: number): Promise<number> {
  const { changes } = await q.run('DELETE FROM agent_skipped_keys WHERE created_at < ?', [
    beforeMs,
  ]);
  return changes;
}
