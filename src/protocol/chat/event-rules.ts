// Which events hosts and relays forward, and which must be signed in relay groups (upstream's
// isForwardedGroupMsg, requiresSignature and signableContent).
import type { ChatEvent } from './message';

/** The event tag as on the wire (an unknown event's own tag). */
export function eventTag(event: ChatEvent): string {
  return event.event === 'unknown' ? event.tag : event.event;
}

const FORWARDED: ReadonlySet<string> = new Set([
  'x.msg.new',
  'x.msg.file.descr',
  'x.msg.update',
  'x.msg.del',
  'x.msg.react',
  'x.file.cancel',
  'x.info',
  'x.grp.relay.new',
  'x.grp.mem.new',
  'x.grp.mem.role',
  'x.grp.mem.restrict',
  'x.grp.mem.del',
  'x.grp.leave',
  'x.grp.del',
  'x.grp.info',
  'x.grp.prefs',
  'x.grp.roster',
]);

/**
 * Whether a forwarding host or relay passes this event on. Messages with an inline file are not
 * forwarded (the file could not follow); handshake and introduction events never are.
 */
export function isForwardedEvent(event: ChatEvent): boolean {
  if (event.event === 'x.msg.new' && event.params.file?.fileInline) return false;
  return FORWARDED.has(eventTag(event));
}

const SIGNATURE_REQUIRED: ReadonlySet<string> = new Set([
  'x.grp.del',
  'x.grp.info',
  'x.grp.prefs',
  'x.grp.mem.del',
  'x.grp.mem.role',
  'x.grp.mem.restrict',
  'x.grp.leave',
  'x.grp.relay.new',
  'x.grp.roster',
  'x.info',
]);

/** Events that must carry a valid signature in relay groups. */
export function requiresSignature(event: ChatEvent): boolean {
  return SIGNATURE_REQUIRED.has(eventTag(event));
}

const SIGNABLE_CONTENT: ReadonlySet<string> = new Set(['x.msg.new', 'x.msg.update', 'x.msg.del']);

/** Content events a member may sign by choice (posts, their edits and deletions). */
export function isSignableContent(event: ChatEvent): boolean {
  return SIGNABLE_CONTENT.has(eventTag(event));
}
