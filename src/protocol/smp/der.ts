/**
 * The little DER the SMP handshake needs: reading tag-length-value elements (single-byte tags,
 * definite lengths) while keeping each element's exact bytes, since signatures cover them, and
 * writing sequences, bit strings and object identifiers.
 */
import { concatBytes } from '../encoding/bytes';
import { DecodeError, EncodeError } from '../encoding/errors';

export const DER_TAG = {
  integer: 0x02,
  bitString: 0x03,
  oid: 0x06,
  sequence: 0x30,
  /** [0] EXPLICIT, constructed (the X.509 version field). */
  context0: 0xa0,
} as const;

export interface DerElement {
  readonly tag: number;
  /** The value bytes. */
  readonly content: Uint8Array;
  /** The whole element (tag, length and value) as it appeared. */
  readonly raw: Uint8Array;
}

export class DerReader {
  private pos = 0;

  constructor(
    private readonly buf: Uint8Array,
    private readonly what: string,
  ) {}

  atEnd(): boolean {
    return this.pos >= this.buf.length;
  }

  peekTag(): number | undefined {
    return this.buf[this.pos];
  }

  read(): DerElement {
    const start = this.pos;
    const tag = this.byte();
    if ((tag & 0x1f) === 0x1f) throw this.error('multi-byte tags are not supported');
    const length = this.length();
    if (length > this.buf.length - this.pos) throw this.error('element runs past the end');
    const content = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return { tag, content, raw: this.buf.subarray(start, this.pos) };
  }

  /** Reads the next element and checks its tag. */
  expect(tag: number, name: string): DerElement {
    const el = this.read();
    if (el.tag !== tag) throw this.error(`${name}: expected tag 0x${tag.toString(16)}`);
    return el;
  }

  end(): void {
    if (!this.atEnd()) throw this.error('unexpected trailing bytes');
  }

  private byte(): number {
    const b = this.buf[this.pos];
    if (b === undefined) throw this.error('truncated');
    this.pos++;
    return b;
  }

  private length(): number {
    const first = this.byte();
    if (first < 0x80) return first;
    const n = first & 0x7f;
    if (n === 0 || n > 4) throw this.error('unsupported length form');
    let length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + this.byte();
    return length;
  }

  private error(msg: string): DecodeError {
    return new DecodeError(`${this.what}: ${msg}`);
  }
}

function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function derTlv(tag: number, content: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(tag), encodeLength(content.length), content);
}

export function derSequence(...elements: Uint8Array[]): Uint8Array {
  return derTlv(DER_TAG.sequence, concatBytes(...elements));
}

/** A BIT STRING of whole bytes (no unused bits). */
export function derBitString(bytes: Uint8Array): Uint8Array {
  return derTlv(DER_TAG.bitString, concatBytes(Uint8Array.of(0), bytes));
}

/** The bytes of a BIT STRING with no unused bits (keys and signatures are whole bytes). */
export function readBitStringBytes(el: DerElement, what: string): Uint8Array {
  if (el.tag !== DER_TAG.bitString || el.content.length === 0 || el.content[0] !== 0) {
    throw new DecodeError(`${what}: expected a BIT STRING of whole bytes`);
  }
  return el.content.subarray(1);
}

/** Dotted form of an OBJECT IDENTIFIER's content. */
export function oidToString(content: Uint8Array): string {
  if (content.length === 0) throw new DecodeError('empty OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let value = 0;
  for (const [i, b] of content.entries()) {
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new DecodeError('OID arc too large');
    if ((b & 0x80) !== 0) {
      if (i === content.length - 1) throw new DecodeError('truncated OID');
      continue;
    }
    if (arcs.length === 0) {
      const first = value < 80 ? Math.floor(value / 40) : 2;
      arcs.push(first, value - first * 40);
    } else {
      arcs.push(value);
    }
    value = 0;
  }
  return arcs.join('.');
}

/** OBJECT IDENTIFIER element from dotted form. */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  if (arcs.length < 2 || arcs.some((a) => !Number.isSafeInteger(a) || a < 0)) {
    throw new EncodeError(`bad OID ${dotted}`);
  }
  const out: number[] = [];
  const push = (v: number) => {
    const group: number[] = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128))
      group.unshift(0x80 | (x & 0x7f));
    out.push(...group);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return derTlv(DER_TAG.oid, Uint8Array.from(out));
}
