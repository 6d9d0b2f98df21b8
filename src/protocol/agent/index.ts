// The SMP agent's wire formats and cryptography: versions, queue addresses, connection links,
// short links and link data, the X3DH + double ratchet, and the agent message layers.
// Pure code: state goes in and out as values so the engine can persist it in one transaction.
export * from './versions';
export * from './keys';
export { QueryParams, renderQuery, urlDecode, urlEncode, type QueryPairs } from './uri/query';

export * from './queue/queue-uri';
export * from './queue/queue-binary';

export * from './links/connection-request';
export * from './links/short-link';
export * from './links/link-data';
export * from './links/link-crypto';
export * from './links/link-verify';

export * from './ratchet/e2e-params';
export * from './ratchet/errors';
export * from './ratchet/kdf';
export * from './ratchet/state';
export * from './ratchet/x3dh';
export * from './ratchet/ratchet';
export {
  PADDED_HEADER_LENGTH,
  decodeMsgHeader,
  encodeMsgHeader,
  type MsgHeader,
} from './ratchet/header';

export * from './messages/sizes';
export * from './messages/client-envelope';
export * from './messages/agent-envelope';
export * from './messages/agent-message';
export * from './messages/integrity';
