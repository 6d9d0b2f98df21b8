// Query strings as simplexmq renders and parses them (Haskell http-types): only A-Z a-z 0-9 and
// "-_.~" stay literal, every other byte of the UTF-8 value becomes %XX (upper case, space = %20);
// parsing splits on '&' and ';', turns '+' into a space and decodes %XX. Link formats nest query
// strings, so the same value may be escaped twice (%3D becomes %253D).
import { fromUtf8, utf8 } from '../../encoding/bytes';
import { DecodeError } from '../../encoding/errors';

export type QueryPairs = readonly (readonly [name: string, value: string])[];

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

export function urlEncode(value: string): string {
  let out = '';
  for (const byte of utf8(value)) {
    const c = String.fromCharCode(byte);
    out += UNRESERVED.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const HEX2 = /^[0-9A-Fa-f]{2}$/;

export function urlDecode(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const hex = s.slice(i + 1, i + 3);
    if (c === 0x25 /* % */ && HEX2.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c === 0x2b /* + */) {
      bytes.push(0x20);
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      throw new DecodeError('non-ASCII character in a query string');
    }
  }
  try {
    return fromUtf8(Uint8Array.from(bytes));
  } catch {
    throw new DecodeError('query value is not valid UTF-8');
  }
}

/** `a=1&b=2`, each name and value escaped (`escape`) or written verbatim. */
export function renderQuery(pairs: QueryPairs, escape = true): string {
  const enc = escape ? urlEncode : (s: string) => s;
  return pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
}

export class QueryParams {
  private constructor(private readonly pairs: QueryPairs) {}

  static parse(query: string): QueryParams {
    const body = query.startsWith('?') ? query.slice(1) : query;
    const pairs = body
      .split(/[&;]/)
      .filter((piece) => piece !== '')
      .map((piece): [string, string] => {
        const eq = piece.indexOf('=');
        return eq < 0
          ? [urlDecode(piece), '']
          : [urlDecode(piece.slice(0, eq)), urlDecode(piece.slice(eq + 1))];
      });
    return new QueryParams(pairs);
  }

  /** The first value of `name`, as upstream looks parameters up. */
  get(name: string): string | undefined {
    return this.pairs.find(([k]) => k === name)?.[1];
  }

  require(name: string): string {
    const v = this.get(name);
    if (v === undefined) throw new DecodeError(`missing query parameter '${name}'`);
    return v;
  }
}
