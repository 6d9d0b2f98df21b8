// Fixed padded sizes of the encrypted layers (non-PQ). Every message of a kind has the same size,
// so sizes reveal nothing about content.

/** Ratchet-encrypted agent messages. */
export const AGENT_MSG_PADDED_LENGTH = 15840;
/** Ratchet-encrypted connection info in confirmations (room for the handshake parameters). */
export const CONN_INFO_PADDED_LENGTH = 14832;
/** Per-queue e2e layer of normal messages. */
export const CLIENT_MSG_PADDED_LENGTH = 16000;
/** Per-queue e2e layer when the public header carries the sender's key (confirmations, requests). */
export const CLIENT_CONFIRMATION_PADDED_LENGTH = 15904;
