// `thaw run` writes the whole state after every line, most of it as it was on the line before:
// consecutive states share their unchanged channels and offices, and an event that changes
// nothing keeps the state itself (see nextView). Each such object is turned into UTF-8 JSON once
// and its bytes copied while the lines keep sharing it, so a line costs what changed plus a copy,
// not a string built, joined and encoded. That relies on views never being changed once built,
// which holds for every view the library makes (it builds a new one instead, and the tests freeze
// them), and on the key order viewOfValue and nextView give (the tests hold the bytes to
// JSON.stringify's text).
import type { RelationshipState } from '../machine/view.js';
import type { StreamOutput } from './streamRunner.js';

// The state's fields in the order its views have them. A field added to RelationshipState and
// not here fails to compile (below), rather than going missing from the output.
const STATE_FIELDS = ['phase', 'channels', 'offices', 'agreement', 'sanctioned', 'incidents', 'incidentsStopped', 'provocations'] as const;
type Unwritten = Exclude<keyof RelationshipState, (typeof STATE_FIELDS)[number]>;
const everyFieldWritten: [Unwritten] extends [never] ? true : Unwritten = true;
void everyFieldWritten;

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

// A record of shared objects (the channels, the offices), written as JSON.stringify writes it: its
// keys in its own order, each entry's bytes kept by key. The whole record, after `prefix` (its key
// in the state), is kept in a buffer of its own while the lines keep sharing it, to be copied into
// each line in one piece.
class RecordBytes {
  private record: object | undefined;
  // Room for the record's bytes, reused while it is large enough, and the bytes themselves in it.
  private room = Buffer.alloc(0);
  private whole = this.room;
  private readonly entryBytes = new Map<string, { value: object | undefined; bytes: Buffer }>();
  private readonly prefix: Buffer;

  constructor(prefix: string) {
    this.prefix = utf8(prefix);
  }

  /** The record's bytes, prefix included, made again only where an entry changed. */
  bytesOf(record: Readonly<Record<string, object>>): Buffer {
    if (record !== this.record) this.build(record);
    return this.whole;
  }

  // The prefix, then each entry as `,"key":value` (the first entry's comma becoming the opening brace).
  private build(record: Readonly<Record<string, object>>): void {
    const entries: Buffer[] = [];
    let size = this.prefix.length + 2;
    for (const key in record) {
      const value = record[key] as object;
      let entry = this.entryBytes.get(key);
      if (entry === undefined) {
        entry = { value: undefined, bytes: Buffer.alloc(0) };
        this.entryBytes.set(key, entry);
      }
      if (entry.value !== value) {
        entry.value = value;
        entry.bytes = utf8(`,${JSON.stringify(key)}:${JSON.stringify(value)}`);
      }
      entries.push(entry.bytes);
      size += entry.bytes.length;
    }
    if (this.room.length < size) this.room = Buffer.allocUnsafe(2 * size);
    const whole = this.room;
    whole.set(this.prefix, 0);
    let used = this.prefix.length;
    const opening = used;
    if (entries.length === 0) used += 1;
    for (const entry of entries) {
      whole.set(entry, used);
      used += entry.length;
    }
    whole[opening] = OPEN_BRACE;
    whole[used++] = CLOSE_BRACE;
    this.whole = whole.subarray(0, used);
    this.record = record;
  }
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

// What a change's values are: the state's strings, numbers, flags and nulls. Anything else (none
// is made today) is written by JSON.stringify, which also leaves out a value that is undefined.
type Scalar = string | number | boolean | null;
const isScalar = (value: unknown): value is Scalar => value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

// How many takes of `flushAt` bytes a slab holds.
const SLAB_TAKES = 16;

/**
 * `thaw run`'s output lines, one per event applied, as UTF-8 bytes: the same text as
 * JSON.stringify(output) and a line end; without the state when `withState` is false (the phase,
 * changes and notes are enough to follow a stream). Lines gather until taken, which is due once
 * `flushAt` bytes have gathered.
 */
export class OutputLines {
  // Lines are written into a slab, several takes' worth, each take handed over as a view of it (a
  // slab a line at a time would cost an allocation, and its first-touch page faults, per take).
  // A view handed over is not written again until the consumer releases it (it may hold it while
  // it drains); then the slab is written again from its start, and stays in the processor's cache.
  private buffer: Buffer;
  private start = 0;
  private used = 0;
  // Whether no view of the slab is held: every take was released, or none was made of it.
  private free = true;
  private readonly channels = new RecordBytes('"channels":');
  private readonly offices = new RecordBytes(',"offices":');

  constructor(
    private readonly withState = true,
    private readonly flushAt = 1 << 16,
  ) {
    this.buffer = Buffer.allocUnsafe(SLAB_TAKES * flushAt);
  }

  /** How many bytes are waiting to be taken. */
  get length(): number {
    return this.used - this.start;
  }

  /** Whether enough has gathered to be taken. */
  get due(): boolean {
    return this.used - this.start >= this.flushAt;
  }

  /** Adds the line for one output. */
  add(output: StreamOutput): void {
    const { line, id, date, type, phase, state, changes, notes } = output;
    // Written byte by byte into the slab: a line built as text, then encoded, cost twice as much.
    this.ascii('{"line":');
    this.number(line);
    this.ascii(',"id":');
    this.string(id);
    this.ascii(',"date":');
    this.string(date);
    this.ascii(',"type":');
    this.string(type);
    this.ascii(',"phase":');
    this.string(phase);
    if (this.withState) {
      this.ascii(',"state":{"phase":');
      this.string(state.phase);
      this.ascii(',');
      this.bytes(this.channels.bytesOf(state.channels));
      this.bytes(this.offices.bytesOf(state.offices));
      this.ascii(',"agreement":');
      this.string(state.agreement);
      this.ascii(',"sanctioned":');
      this.list(state.sanctioned);
      this.ascii(',"incidents":');
      this.number(state.incidents);
      this.ascii(',"incidentsStopped":');
      this.number(state.incidentsStopped);
      this.ascii(',"provocations":');
      this.number(state.provocations);
      this.ascii('}');
    }
    this.ascii(',"changes":[');
    changes.forEach((change, index) => {
      if (index > 0) this.ascii(',');
      const { path, from, to } = change;
      if (!isScalar(from) || !isScalar(to)) {
        this.encoded(JSON.stringify(change));
        return;
      }
      this.ascii('{"path":');
      this.string(path);
      this.ascii(',"from":');
      this.scalar(from);
      this.ascii(',"to":');
      this.scalar(to);
      this.ascii('}');
    });
    this.ascii('],"notes":');
    this.list(notes);
    this.ascii('}\n');
  }

  /** The bytes added since the last take, handed over: they are not written again until released. */
  take(): Buffer {
    const taken = this.buffer.subarray(this.start, this.used);
    this.start = this.used;
    this.free = false;
    return taken;
  }

  /** Says the consumer is done with every view taken so far (written or copied), so their room may be written again. */
  release(): void {
    this.free = true;
  }

  // Room for `size` more bytes after the last: the bytes not yet taken moved to the slab's start if
  // no view of it is held and they fit, or to a new slab.
  private room(size: number): void {
    if (this.used + size <= this.buffer.length) return;
    const waiting = this.used - this.start;
    if (this.free && waiting + size <= this.buffer.length) {
      this.buffer.copyWithin(0, this.start, this.used);
    } else {
      const slab = Buffer.allocUnsafe(Math.max(SLAB_TAKES * this.flushAt, 2 * (waiting + size)));
      this.buffer.copy(slab, 0, this.start, this.used);
      this.buffer = slab;
      this.free = true;
    }
    this.start = 0;
    this.used = waiting;
  }

  // Text known to be printable ASCII without quotes or backslashes: the keys and punctuation above.
  private ascii(text: string): void {
    this.room(text.length);
    const { buffer } = this;
    let at = this.used;
    for (let index = 0; index < text.length; index += 1) buffer[at++] = text.charCodeAt(index);
    this.used = at;
  }

  // A string as JSON.stringify writes it: printable ASCII copied as it is, anything else (quotes,
  // backslashes, control characters, other scripts) written from JSON.stringify's own text.
  private string(text: string): void {
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

  // A whole number as ASCII digits; anything else as JSON.stringify writes it.
  private number(value: number): void {
    if (Number.isSafeInteger(value) && value >= 0) this.ascii(String(value));
    else this.encoded(JSON.stringify(value));
  }

  private list(items: readonly string[]): void {
    this.ascii('[');
    items.forEach((item, index) => {
      if (index > 0) this.ascii(',');
      this.string(item);
    });
    this.ascii(']');
  }

  private scalar(value: Scalar): void {
    if (typeof value === 'string') this.string(value);
    else if (typeof value === 'number') this.number(value);
    else this.ascii(String(value));
  }

  // Text of any kind, encoded as UTF-8.
  private encoded(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    this.room(3 * text.length);
    this.used += this.buffer.write(text, this.used);
  }

  private bytes(bytes: Buffer): void {
    this.room(bytes.length);
    // TypedArray#set: Buffer#copy checks its arguments in JavaScript first, a cost on every line.
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }
}
