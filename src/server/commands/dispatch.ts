// One transmission in, one outcome out: session check, command parsing, the credential rules,
// authorization, then the command's handler. Every refusal is an ERR with upstream's code.
import { DecodeError } from '../../protocol/encoding/errors';
import { decodeCommand, type Command } from '../../protocol/smp/commands';
import { commandCredentialError } from '../../protocol/smp/credentials';
import { cmdError } from '../../protocol/smp/errors';
import type { DecodedTransmission } from '../../protocol/smp/transmission';
import {
  errorOutcome,
  type CallOf,
  type ClientSession,
  type CommandCall,
  type Outcome,
  type ServerContext,
} from './context';
import { deleteLinkData, getLinkData, secureAndGetLinkData, setLinkData } from './link-commands';
import {
  acknowledge,
  createQueue,
  deleteQueue,
  getMessage,
  queueInfo,
  secureByRecipient,
  subscribe,
  suspendQueue,
} from './recipient-commands';
import { ping, secureBySender, sendMessage } from './sender-commands';
import { verifyCommand } from './verify';

type Handler = (call: CommandCall) => Outcome | Promise<Outcome>;

// Each handler is registered for its own tag, so the cast only restores what the key says.
const handlers: {
  readonly [T in Command['type']]: (call: CallOf<T>) => Outcome | Promise<Outcome>;
} = {
  NEW: createQueue,
  SUB: subscribe,
  GET: getMessage,
  ACK: acknowledge,
  KEY: secureByRecipient,
  OFF: suspendQueue,
  DEL: deleteQueue,
  QUE: queueInfo,
  SKEY: secureBySender,
  SEND: sendMessage,
  PING: ping,
  LSET: setLinkData,
  LDEL: deleteLinkData,
  LGET: getLinkData,
  LKEY: secureAndGetLinkData,
};

function parse(version: number, bytes: Uint8Array): Command | Outcome {
  try {
    const parsed = decodeCommand(version, bytes);
    // Tags of SMP features this server does not offer (notifications, proxying, services)
    // are answered like unknown ones.
    return parsed.ok ? parsed.value : errorOutcome(cmdError('UNKNOWN'));
  } catch (e) {
    if (e instanceof DecodeError) return errorOutcome(cmdError('SYNTAX'));
    throw e;
  }
}

export function dispatch(
  ctx: ServerContext,
  session: ClientSession,
  t: DecodedTransmission,
): Outcome | Promise<Outcome> {
  if (!t.sameSession) return errorOutcome({ type: 'SESSION' });
  // Service certificates (v16) are not offered, so no transmission may carry a service signature.
  if (t.serviceSignature) return errorOutcome({ type: 'SERVICE' });
  const command = parse(session.version, t.command);
  if ('response' in command) return command;
  const credential = commandCredentialError(
    command.type,
    t.authorization !== undefined,
    t.entityId,
  );
  if (credential) return errorOutcome(cmdError(credential));
  const verification = verifyCommand(ctx, session, t, command);
  if (!verification.ok) return errorOutcome(verification.error);
  const handler = handlers[command.type] as Handler;
  return handler({
    ctx,
    session,
    corrId: t.corrId,
    entityId: t.entityId,
    command,
    queue: verification.queue,
  });
}
