// JSON written straight into a byte buffer, as JSON.stringify would write it and then UTF-8 would
// encode it: `thaw run` writes a line of it per event, millions of times, and building text to
// encode afterwards cost twice as much. Printable ASCII, which is nearly all a line holds, is
// copied a code unit at a time; anything else is written from JSON.stringify's own text.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A value JSON writes as itself: a string, a number, a flag or null. */
export type Scalar = string | number | boolean | null;

/** Whether a value is a Scalar. */
export const isScalar = (value: unknown): value is Scalar =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** A growing buffer of UTF-8 JSON; `used` bytes of `buffer` are written. */
export class JsonBytes {
  buffer: Buffer;
  used = 0;

  constructor(size = 256) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** Text known to be printable ASCII with no quote or backslash: keys and punctuation. */
  ascii(text: string): void {
    this.room(text.length);
    const { buffer } = this;
    let at = this.used;
    for (let index = 0; index < text.length; index += 1) buffer[at++] = text.charCodeAt(index);
    this.used = at;
  }

  /** A string, quoted and escaped as JSON.stringify does. */
  string(text: string): void {
    this.room(text.length + 2);
    const { buffer } = this;
    let at = this.used;
    buffer[at++] = QUOTE;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code < 0x20 || code > 0x7e || code === QUOTE || code === BACKSLASH) {
        this.encoded(JSON.stringify(text));
        return;
      }
      buffer[at++] = code;
    }
    buffer[at++] = QUOTE;
    this.used = at;
  }

  /** A number as JSON.stringify writes it (a whole one digit by digit). */
  number(value: number): void {
    if (Number.isSafeInteger(value) && value >= 0) this.ascii(String(value));
    else this.encoded(JSON.stringify(value));
  }

  /** A string, number, flag or null. */
  scalar(value: Scalar): void {
    if (typeof value === 'string') this.string(value);
    else if (typeof value === 'number') this.number(value);
    else this.ascii(String(value));
  }

  /** A list of strings. */
  strings(items: readonly string[]): void {
    this.ascii('[');
    for (let index = 0; index < items.length; index += 1) {
      if (index > 0) this.ascii(',');
      this.string(items[index] as string);
    }
    this.ascii(']');
  }

  /** An object as JSON.stringify writes it: one whose values are all scalars field by field, any other through JSON.stringify. */
  object(value: object): void {
    const record = value as Record<string, unknown>;
    // A plain object with no toJSON (its own, hidden or not, or inherited), whose keys are all its
    // own and whose values are all scalars (none undefined, which JSON.stringify leaves out).
    const prototype = Object.getPrototypeOf(value) as unknown;
    let flat = (prototype === Object.prototype || prototype === null) && !('toJSON' in record);
    for (const key in record) flat &&= Object.hasOwn(record, key) && isScalar(record[key]);
    if (!flat) {
      this.encoded(JSON.stringify(value));
      return;
    }
    this.ascii('{');
    let first = true;
    for (const key in record) {
      if (!first) this.ascii(',');
      first = false;
      this.string(key);
      this.ascii(':');
      this.scalar(record[key] as Scalar);
    }
    this.ascii('}');
  }

  /** Text of any kind, encoded as UTF-8 as it is. */
  encoded(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    this.room(3 * text.length);
    this.used += this.buffer.write(text, this.used);
  }

  /** Bytes copied as they are: `from` to `to` of `source` (all of it by default). */
  bytes(source: Uint8Array, from = 0, to = source.length): void {
    this.room(to - from);
    // Buffer#copy checks its arguments in JavaScript first; TypedArray#set does not, but needs a view when only part is copied.
    this.buffer.set(from === 0 && to === source.length ? source : source.subarray(from, to), this.used);
    this.used += to - from;
  }

  /** Makes room for `size` more bytes after `used`: here, a buffer twice as large. */
  protected room(size: number): void {
    if (this.used + size <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(2 * (this.used + size));
    this.buffer.copy(larger, 0, 0, this.used);
    this.buffer = larger;
  }
}
