// Recognises the shape of SimpleX links handed to the app (by the OS for `simplex:` URLs, or on
// the command line). This only classifies a link; the agent's parser in src/protocol/agent does
// the full decoding and verification later. Forms (see protocol/smp-agent.md, 2.2 and 4.1):
//   simplex:/invitation#/?v=…   simplex:/contact#/?v=…            full links
//   simplex:/a#<key>?h=…  /c#  /g#  /r#   simplex:/i#<id>/<key>   short links
//   https://<host>/<same path>#<same fragment>                     the web form of each
import { z } from 'zod';

/** The URL scheme the OS hands to the app (declared in electron-builder.yml). */
export const SIMPLEX_SCHEME = 'simplex';

export const SimplexLinkKind = z.enum([
  'invitation', // one-time invitation (full or short)
  'contact', // a reusable contact address or group link (full form)
  'address', // short contact address (a)
  'group', // short group link (g)
  'channel', // short channel link (c)
  'relay', // short chat relay link (r)
]);
export type SimplexLinkKind = z.infer<typeof SimplexLinkKind>;

/** Links carry their data in the fragment; anything longer than this is not a link of ours. */
export const MAX_LINK_LENGTH = 16 * 1024;

export interface SimplexLinkShape {
  readonly kind: SimplexLinkKind;
  readonly form: 'simplex' | 'https';
  /** The link exactly as received, for the agent to parse. */
  readonly link: string;
}

const PATH_KINDS: Readonly<Record<string, SimplexLinkKind>> = {
  '/invitation': 'invitation',
  '/contact': 'contact',
  '/i': 'invitation',
  '/a': 'address',
  '/g': 'group',
  '/c': 'channel',
  '/r': 'relay',
};

// The fragment holds base64url keys, ids, `/`, and an escaped query string.
const FRAGMENT = /^#[A-Za-z0-9\-_=/?&.~%,:;+]+$/;

/** The kind of SimpleX link `raw` is shaped like, or null when it is not one. */
export function recognizeSimplexLink(raw: string): SimplexLinkShape | null {
  const text = raw.trim();
  if (text.length === 0 || text.length > MAX_LINK_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  // The raw fragment, before the URL parser percent-encodes whatever it holds.
  const hash = text.indexOf('#');
  if (url.username || url.password || hash < 0 || !FRAGMENT.test(text.slice(hash))) return null;
  let form: SimplexLinkShape['form'];
  let path: string;
  if (url.protocol === `${SIMPLEX_SCHEME}:`) {
    // `simplex:/contact#…` has no host; `simplex://contact` is not a form we know.
    if (url.host !== '' || url.search !== '') return null;
    form = 'simplex';
    path = url.pathname;
  } else if (url.protocol === 'https:') {
    if (!url.hostname || url.search !== '') return null;
    form = 'https';
    path = url.pathname;
  } else {
    return null;
  }
  const kind = Object.prototype.hasOwnProperty.call(PATH_KINDS, path)
    ? PATH_KINDS[path]
    : undefined;
  return kind ? { kind, form, link: text } : null;
}

/** From command-line arguments (a second instance's argv), the first SimpleX link, if any. */
export function findSimplexLink(args: readonly string[]): SimplexLinkShape | null {
  for (const arg of args) {
    const shape = recognizeSimplexLink(arg);
    if (shape) return shape;
  }
  return null;
}
