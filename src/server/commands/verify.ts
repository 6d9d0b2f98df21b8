// Authorization of commands (§1.3, §1.4), shaped like upstream's verifyTransmission: a failure
// costs the same as a success, because a missing queue, a missing key or a key of another kind
// still runs one verification (against a dummy key) before ERR AUTH.
import { spkiAlgorithm } from '../../protocol/crypto/keys';
import { verifyAuthorization, verifyWithDummyKey } from '../../protocol/smp/authorization';
import type { Command } from '../../protocol/smp/commands';
import type { SmpError } from '../../protocol/smp/errors';
import type { DecodedTransmission, TransmissionAuth } from '../../protocol/smp/transmission';
import { isContactQueue, maySecureWith, type Queue } from '../queues/queue';
import type { ClientSession, ServerContext } from './context';

export type Verification =
  | { readonly ok: true; readonly queue: Queue | undefined }
  | { readonly ok: false; readonly error: SmpError };

const AUTH: Verification = { ok: false, error: { type: 'AUTH' } };
const verified = (queue: Queue | undefined): Verification => ({ ok: true, queue });

const KEY_KIND: Record<TransmissionAuth['type'], string> = {
  ed25519: 'ed25519',
  ed448: 'ed448',
  authenticator: 'x25519',
};

export function verifyCommand(
  ctx: ServerContext,
  session: ClientSession,
  t: DecodedTransmission,
  command: Command,
): Verification {
  const auth = t.authorization;
  const dummy = (): Verification => {
    if (auth) verifyWithDummyKey(auth, t.authorized, t.corrId, session.sessionPrivateKey);
    return AUTH;
  };
  /** Verifies with `key`; a key of another kind than the authorization costs a dummy check. */
  const signedBy = (key: Uint8Array): boolean => {
    if (!auth) return false;
    if (KEY_KIND[auth.type] !== spkiAlgorithm(key)) {
      return verifyWithDummyKey(auth, t.authorized, t.corrId, session.sessionPrivateKey);
    }
    return verifyAuthorization(auth, key, t.authorized, t.corrId, session.sessionPrivateKey);
  };
  const securing = (q: Queue | undefined, key: Uint8Array): Verification => {
    if (!q || !maySecureWith(q, key)) return dummy();
    return signedBy(key) ? verified(q) : AUTH;
  };

  switch (command.type) {
    case 'NEW':
      // Authorized by the key it registers: proves the client holds it.
      return signedBy(command.rcvAuthKey) ? verified(undefined) : AUTH;
    case 'PING':
      return verified(undefined);
    case 'SEND': {
      const q = ctx.queues.bySenderId(t.entityId);
      if (!q) return dummy();
      if (q.senderKey) return signedBy(q.senderKey) ? verified(q) : AUTH;
      // Unsecured (and contact) queues take only unauthorized SENDs.
      return auth ? dummy() : verified(q);
    }
    case 'SKEY':
      return securing(ctx.queues.bySenderId(t.entityId), command.senderKey);
    case 'LKEY':
      return securing(ctx.queues.byLinkId(t.entityId), command.senderKey);
    case 'LGET': {
      // No authorization to check: only contact links can be read without one.
      const q = ctx.queues.byLinkId(t.entityId);
      return q && isContactQueue(q) ? verified(q) : AUTH;
    }
    default: {
      const q = ctx.queues.byRecipientId(t.entityId);
      if (!q) return dummy();
      return q.recipientKeys.some(signedBy) ? verified(q) : AUTH;
    }
  }
}
