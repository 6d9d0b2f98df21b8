// Our public X3DH parameters as stored: the initiator's range form (published in the link) or
// the joiner's agreed form (sent in the confirmation), in their binary encodings.
import {
  readE2eParams,
  readE2eParamsUri,
  writeE2eParams,
  writeE2eParamsUri,
  type E2eRatchetParams,
  type E2eRatchetParamsUri,
} from '../../../protocol/agent';
import { decodeAll, encode } from '../../../protocol/encoding';

export function encodeInitiatorParams(p: E2eRatchetParamsUri): Uint8Array {
  return encode((w) => writeE2eParamsUri(w, p));
}

export function decodeInitiatorParams(bytes: Uint8Array): E2eRatchetParamsUri {
  return decodeAll(bytes, readE2eParamsUri, 'stored e2e parameters');
}

export function encodeJoinerParams(p: E2eRatchetParams): Uint8Array {
  return encode((w) => writeE2eParams(w, p));
}

export function decodeJoinerParams(bytes: Uint8Array): E2eRatchetParams {
  return decodeAll(bytes, readE2eParams, 'stored e2e parameters');
}
