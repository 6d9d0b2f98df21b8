// The simplexmq binary "smp encoding": shortString (1-byte length), Large (Word16 length), Tail,
// big-endian integers, Bool as 'T'/'F', Maybe as '0' / '1' + value, lists with a count byte.
import { concatBytes, fromLatin1, latin1 } from './bytes';
import { DecodeError, EncodeError } from './errors';

const T = 0x54;
const F = 0x46;
const NOTHING = 0x30; // '0'
const JUST = 0x31; // '1'
const SPACE = 0x20;

export class Writer {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  bytes(b: Uint8Array): this {
    this.parts.push(b);
    this.size += b.length;
    return this;
  }

  byte(n: number): this {
    if (!Number.isInteger(n) || n < 0 || n > 0xff) throw new EncodeError(`byte out of range: ${n}`);
    return this.bytes(Uint8Array.of(n));
  }

  /** ASCII text written verbatim (command tags, separators). */
  ascii(s: string): this {
    return this.bytes(latin1(s));
  }

  space(): this {
    return this.byte(SPACE);
  }

  word16(n: number): this {
    if (!Number.isInteger(n) || n < 0 || n > 0xffff) {
      throw new EncodeError(`Word16 out of range: ${n}`);
    }
    return this.bytes(Uint8Array.of(n >>> 8, n & 0xff));
  }

  word32(n: number): this {
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
      throw new EncodeError(`Word32 out of range: ${n}`);
    }
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, n);
    return this.bytes(b);
  }

  int64(n: bigint | number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigInt64(0, BigInt(n));
    return this.bytes(b);
  }

  shortString(b: Uint8Array): this {
    if (b.length > 0xff) throw new EncodeError(`shortString too long: ${b.length}`);
    return this.byte(b.length).bytes(b);
  }

  large(b: Uint8Array): this {
    if (b.length > 0xffff) throw new EncodeError(`Large too long: ${b.length}`);
    return this.word16(b.length).bytes(b);
  }

  bool(v: boolean): this {
    return this.byte(v ? T : F);
  }

  maybe<V>(v: V | undefined | null, write: (w: this, v: V) => unknown): this {
    if (v === undefined || v === null) return this.byte(NOTHING);
    this.byte(JUST);
    write(this, v);
    return this;
  }

  /** Fails encoding when a NonEmpty list would be empty. */
  nonEmptyCheck(count: number, what: string): this {
    if (count === 0) throw new EncodeError(`${what}: empty NonEmpty list`);
    return this;
  }

  /** A list with a count byte (also NonEmpty when the caller checks non-emptiness). */
  list<V>(items: readonly V[], write: (w: this, v: V) => unknown): this {
    if (items.length > 0xff) throw new EncodeError(`list too long: ${items.length}`);
    this.byte(items.length);
    for (const item of items) write(this, item);
    return this;
  }

  finish(): Uint8Array {
    return this.parts.length === 1 ? this.parts[0]! : concatBytes(...this.parts);
  }
}

export class Reader {
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.buf.length;
  }

  /** Throws unless everything was consumed. */
  end(what = 'input'): void {
    if (!this.atEnd())
      throw new DecodeError(`${what}: ${this.remaining} unexpected trailing bytes`);
  }

  take(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.buf.length) {
      throw new DecodeError(`truncated: wanted ${n} bytes, ${this.remaining} left`);
    }
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  peek(): number | undefined {
    return this.buf[this.pos];
  }

  byte(): number {
    return this.take(1)[0]!;
  }

  expectByte(b: number, what: string): void {
    const got = this.byte();
    if (got !== b)
      throw new DecodeError(`${what}: expected 0x${b.toString(16)}, got 0x${got.toString(16)}`);
  }

  /** Consumes exactly this ASCII text. */
  expectAscii(s: string): void {
    const got = this.take(s.length);
    if (fromLatin1(got) !== s) throw new DecodeError(`expected '${s}'`);
  }

  space(): void {
    this.expectByte(SPACE, 'separator');
  }

  /** Reads ASCII up to (not including) a space or the end. */
  asciiWord(): string {
    let end = this.pos;
    while (end < this.buf.length && this.buf[end] !== SPACE) end++;
    return fromLatin1(this.take(end - this.pos));
  }

  word16(): number {
    const b = this.take(2);
    return (b[0]! << 8) | b[1]!;
  }

  word32(): number {
    const b = this.take(4);
    return new DataView(b.buffer, b.byteOffset, 4).getUint32(0);
  }

  int64(): bigint {
    const b = this.take(8);
    return new DataView(b.buffer, b.byteOffset, 8).getBigInt64(0);
  }

  shortString(): Uint8Array {
    return this.take(this.byte());
  }

  large(): Uint8Array {
    return this.take(this.word16());
  }

  bool(): boolean {
    const b = this.byte();
    if (b === T) return true;
    if (b === F) return false;
    throw new DecodeError(`invalid Bool byte 0x${b.toString(16)}`);
  }

  maybe<V>(read: (r: this) => V): V | undefined {
    const b = this.byte();
    if (b === NOTHING) return undefined;
    if (b === JUST) return read(this);
    throw new DecodeError(`invalid Maybe tag 0x${b.toString(16)}`);
  }

  list<V>(read: (r: this) => V): V[] {
    const n = this.byte();
    const out: V[] = [];
    for (let i = 0; i < n; i++) out.push(read(this));
    return out;
  }

  nonEmpty<V>(read: (r: this) => V): V[] {
    const out = this.list(read);
    if (out.length === 0) throw new DecodeError('empty NonEmpty list');
    return out;
  }

  tail(): Uint8Array {
    return this.take(this.remaining);
  }
}

/** Encodes with a fresh Writer. */
export function encode(write: (w: Writer) => unknown): Uint8Array {
  const w = new Writer();
  write(w);
  return w.finish();
}

/** Decodes the whole input, failing on trailing bytes. */
export function decodeAll<V>(buf: Uint8Array, read: (r: Reader) => V, what?: string): V {
  const r = new Reader(buf);
  const v = read(r);
  r.end(what);
  return v;
}
