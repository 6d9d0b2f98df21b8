// The agent envelope inside the per-queue e2e layer: agent version (Word16), then
//   'C' Maybe(ratchet params) || ratchet-encrypted conn info (Tail)      confirmation
//   'M' ratchet-encrypted agent message (Tail)                           message
//   'I' Large(invitation link text) || conn info (Tail)                  contact request
//   'R' ratchet params || info (Tail)                                    ratchet re-negotiation
// 'I' and 'R' are protected only by the per-queue layer.
import { fromUtf8, utf8 } from '../../encoding/bytes';
import { Reader, encode } from '../../encoding/codec';
import { DecodeError } from '../../encoding/errors';
import {
  formatConnectionRequest,
  parseConnectionRequest,
  type InvitationRequest,
} from '../links/connection-request';
import { readE2eParams, writeE2eParams, type E2eRatchetParams } from '../ratchet/e2e-params';

export type AgentMsgEnvelope =
  | {
      readonly kind: 'confirmation';
      readonly agentVersion: number;
      /** The joiner's X3DH keys; absent in the initiator's reply confirmation. */
      readonly e2eParams?: E2eRatchetParams | undefined;
      readonly encConnInfo: Uint8Array;
    }
  | {
      readonly kind: 'message';
      readonly agentVersion: number;
      readonly encAgentMessage: Uint8Array;
    }
  | {
      readonly kind: 'invitation';
      readonly agentVersion: number;
      readonly connReq: InvitationRequest;
      readonly connInfo: Uint8Array;
    }
  | {
      readonly kind: 'ratchetKey';
      readonly agentVersion: number;
      readonly e2eParams: E2eRatchetParams;
      readonly info: Uint8Array;
    };

export function encodeAgentEnvelope(e: AgentMsgEnvelope): Uint8Array {
  return encode((w) => {
    w.word16(e.agentVersion);
    switch (e.kind) {
      case 'confirmation':
        w.ascii('C').maybe(e.e2eParams, writeE2eParams).bytes(e.encConnInfo);
        break;
      case 'message':
        w.ascii('M').bytes(e.encAgentMessage);
        break;
      case 'invitation':
        w.ascii('I')
          .large(utf8(formatConnectionRequest(e.connReq)))
          .bytes(e.connInfo);
        break;
      case 'ratchetKey':
        w.ascii('R');
        writeE2eParams(w, e.e2eParams);
        w.bytes(e.info);
        break;
    }
  });
}

function readInvitation(r: Reader): InvitationRequest {
  let text: string;
  try {
    text = fromUtf8(r.large());
  } catch {
    throw new DecodeError('invitation link is not valid UTF-8');
  }
  const connReq = parseConnectionRequest(text);
  if (connReq.mode !== 'invitation')
    throw new DecodeError('contact request must carry an invitation');
  return connReq;
}

export function decodeAgentEnvelope(bytes: Uint8Array): AgentMsgEnvelope {
  const r = new Reader(bytes);
  const agentVersion = r.word16();
  const tag = r.byte();
  switch (tag) {
    case 0x43 /* C */: {
      const e2eParams = r.maybe(readE2eParams);
      return { kind: 'confirmation', agentVersion, e2eParams, encConnInfo: r.tail().slice() };
    }
    case 0x4d /* M */:
      return { kind: 'message', agentVersion, encAgentMessage: r.tail().slice() };
    case 0x49 /* I */: {
      const connReq = readInvitation(r);
      return { kind: 'invitation', agentVersion, connReq, connInfo: r.tail().slice() };
    }
    case 0x52 /* R */: {
      const e2eParams = readE2eParams(r);
      return { kind: 'ratchetKey', agentVersion, e2eParams, info: r.tail().slice() };
    }
    default:
      throw new DecodeError(`invalid agent envelope tag 0x${tag.toString(16)}`);
  }
}
