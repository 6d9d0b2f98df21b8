// The agent's one error type. Every failure the chat layer can see has a code; causes from lower
// layers (SMP errors, ratchet and link-data errors) are kept as `cause` and summarised in
// `detail` so that a caller can branch without digging.

export type AgentErrorCode =
  /** No connection with that id. */
  | 'CONN_NOT_FOUND'
  /** The connection is not in a state that allows this call (e.g. sending before connected). */
  | 'CONN_STATE'
  | 'CONFIRMATION_NOT_FOUND'
  | 'INVITATION_NOT_FOUND'
  | 'MESSAGE_NOT_FOUND'
  /** A link that does not parse, or of the wrong kind. */
  | 'LINK'
  /** Short-link data failed verification; `detail` is the LinkDataError code. */
  | 'LINK_DATA'
  /** No common agent, SMP client or e2e version, or a legacy handshake we do not implement. */
  | 'VERSION'
  /** The server refused our key: the queue is gone, or was secured by someone else. */
  | 'AUTH'
  /** A temporary network failure; the step is retried. */
  | 'NETWORK'
  /** Any other server error; `detail` is the SMP error type. */
  | 'SERVER'
  /** The peer's queue is full; delivery waits for its QC (smp-agent.md §2.9). */
  | 'QUOTA'
  /** A message body too large for one agent message. */
  | 'LARGE_MSG'
  /** A message could not be delivered in time (retries or the QUOTA wait ran out). */
  | 'EXPIRED'
  /** A received message or a layer of it does not decrypt (tampered, or not for us). */
  | 'DECRYPT'
  /** A received message or a layer of it does not parse. */
  | 'MESSAGE'
  /**
   * A message whose previous-message hash does not match the message before it: refused and
   * nothing stored (`detail` is 'BAD_HASH'). Gaps and duplicates are reported with the message.
   */
  | 'INTEGRITY'
  /** A message we already processed, delivered again under a new server id (a replay). */
  | 'DUPLICATE'
  /** The double ratchet refused a message; `detail` is the RatchetError code. */
  | 'RATCHET'
  /** A message that is not allowed here (e.g. a second confirmation, or rotation we never start). */
  | 'PROHIBITED'
  /** There is no SMP server to create a queue on (the agent was given none; see setServers). */
  | 'NO_SERVER'
  /** The agent is not running. */
  | 'STOPPED';

export class AgentError extends Error {
  override readonly name = 'AgentError';
  constructor(
    readonly code: AgentErrorCode,
    message: string = code,
    /** A lower layer's code: LinkDataError, RatchetError or SMP error type. */
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isAgentError(e: unknown, code?: AgentErrorCode): e is AgentError {
  return e instanceof AgentError && (code === undefined || e.code === code);
}
