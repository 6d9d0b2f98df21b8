// Encrypting what we send. Every agent message is numbered and chained to the previous one
// (§2.6), encrypted with the double ratchet, wrapped in an agent envelope and the per-queue e2e
// layer, and stored ready to send, together with the advanced ratchet state and counters, in the
// caller's transaction. A retry sends exactly the stored bytes again.
import type { Transaction } from '../../../node/sqlite';
import {
  AGENT_MSG_PADDED_LENGTH,
  CONN_INFO_PADDED_LENGTH,
  agentMessageHash,
  encodeAgentMessage,
  ratchetEncrypt,
  type AMessage,
  type AgentMessage,
  type E2eRatchetParams,
  type RatchetState,
} from '../../../protocol/agent';
import { CryptoError } from '../../../protocol/crypto';
import type { AgentMsgId } from './api';
import { AgentError } from './errors';
import { sealForQueue } from './keys';
import {
  updateConnection,
  type ConnectionRecord,
  type ConnectionUpdate,
} from './store/connections';
import { insertSndMessage, type SndMessageKind } from './store/snd-messages';
import type { SndQueue } from './store/queues';
import { getRatchet } from './store/ratchets';

export interface Outgoing {
  readonly agentMsgId: AgentMsgId;
  /** The connection and ratchet as updated by this message. */
  readonly conn: ConnectionRecord;
  readonly ratchet: RatchetState;
  /** The SEND body, as stored. */
  readonly body: Uint8Array;
}

async function ratchetOf(tx: Transaction, conn: ConnectionRecord): Promise<RatchetState> {
  const state = (await getRatchet(tx, conn.connId))?.state;
  if (!state) throw new AgentError('CONN_STATE', 'the connection has no ratchet yet');
  return state;
}

function encrypt(state: RatchetState, plaintext: Uint8Array, paddedLength: number) {
  try {
    return ratchetEncrypt(state, plaintext, paddedLength);
  } catch (e) {
    if (e instanceof CryptoError && e.code === 'LARGE_MSG') {
      throw new AgentError('LARGE_MSG', 'the message does not fit one agent message');
    }
    throw e;
  }
}

/**
 * Stores one numbered agent message (A_MSG, receipts, QC…) for `sq`, ready to send, encrypted
 * with `state` (the connection's current ratchet).
 */
export async function storeOutgoing(
  tx: Transaction,
  conn: ConnectionRecord,
  sq: SndQueue,
  state: RatchetState,
  message: AMessage,
  kind: SndMessageKind,
  notify: boolean,
  now: string,
): Promise<Outgoing> {
  const sndMsgId = conn.lastSndMsgId + 1;
  const encoded = encodeAgentMessage({
    kind: 'message',
    sndMsgId: BigInt(sndMsgId),
    prevMsgHash: conn.lastSndHash,
    message,
  });
  const { state: next, ciphertext } = encrypt(state, encoded, AGENT_MSG_PADDED_LENGTH);
  const body = sealForQueue(
    sq,
    { kind: 'message', agentVersion: conn.agentVersion, encAgentMessage: ciphertext },
    false,
  );
  return store(tx, conn, sq, next, { sndMsgId, encoded, body, kind, notify }, now);
}

/**
 * Stores a confirmation (the joiner's with its X3DH keys and reply queue, or the creator's
 * reply): sender message 1 of the connection, whose hash the next message chains to.
 */
export async function storeConfirmation(
  tx: Transaction,
  conn: ConnectionRecord,
  sq: SndQueue,
  message: Extract<AgentMessage, { kind: 'connInfo' | 'connInfoReply' }>,
  e2eParams: E2eRatchetParams | undefined,
  now: string,
  update: ConnectionUpdate = {},
): Promise<Outgoing> {
  const state = await ratchetOf(tx, conn);
  const encoded = encodeAgentMessage(message);
  const { state: next, ciphertext } = encrypt(state, encoded, CONN_INFO_PADDED_LENGTH);
  const body = sealForQueue(
    sq,
    { kind: 'confirmation', agentVersion: conn.agentVersion, e2eParams, encConnInfo: ciphertext },
    true,
  );
  const item = { sndMsgId: 1, encoded, body, kind: 'confirmation' as const, notify: true };
  return store(tx, conn, sq, next, item, now, update);
}

async function store(
  tx: Transaction,
  conn: ConnectionRecord,
  sq: SndQueue,
  state: RatchetState,
  m: {
    readonly sndMsgId: number;
    readonly encoded: Uint8Array;
    readonly body: Uint8Array;
    readonly kind: SndMessageKind;
    readonly notify: boolean;
  },
  now: string,
  update: ConnectionUpdate = {},
): Promise<Outgoing> {
  const agentMsgId = conn.lastInternalId + 1;
  const msgHash = agentMessageHash(m.encoded);
  await insertSndMessage(
    tx,
    {
      connId: conn.connId,
      agentMsgId,
      sndMsgId: m.sndMsgId,
      kind: m.kind,
      sndQueueId: sq.id,
      msgHash,
      body: m.body,
      notify: m.notify,
    },
    now,
  );
  const counters = { lastInternalId: agentMsgId, lastSndMsgId: m.sndMsgId, lastSndHash: msgHash };
  await updateConnection(tx, conn.connId, { ...update, ...counters, ratchetState: state }, now);
  return { agentMsgId, conn: { ...conn, ...update, ...counters }, ratchet: state, body: m.body };
}
