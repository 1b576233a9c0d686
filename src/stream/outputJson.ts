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

// The bytes last written for one object at one place, while the lines keep sharing it: consecutive
// lines share parts with the line just before, so the last one is all there is to remember.
interface Remembered {
  value: object | undefined;
  bytes: Buffer;
}

// A record of shared objects (the channels, the offices), written as JSON.stringify writes it: its
// keys in its own order, each entry's bytes remembered by key. The whole record, after `prefix`
// (its key in the state), is remembered as the place in the output where it was last written, so
// that a line that shares it copies it in one piece.
class RecordBytes {
  whole: Remembered = { value: undefined, bytes: Buffer.alloc(0) };
  private readonly entryBytes = new Map<string, Remembered>();
  readonly prefix: Buffer;

  constructor(prefix: string) {
    this.prefix = utf8(prefix);
  }

  /** Each entry as `,"key":value`, in the record's key order, made again only where a value changed. */
  entries(record: Readonly<Record<string, object>>): Buffer[] {
    const entries: Buffer[] = [];
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
    }
    return entries;
  }
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

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
  // A view handed over is never written again: a consumer may hold it while it drains.
  private buffer: Buffer;
  private start = 0;
  private used = 0;
  private readonly channels = new RecordBytes('"channels":');
  private readonly offices = new RecordBytes(',"offices":');
  private sanctioned: { value: readonly string[] | undefined; json: string } = { value: undefined, json: '' };
  // The JSON of the few words a line repeats (types, phases, agreements), by word.
  private readonly quoted = new Map<string, string>();

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
    // Each piece of text is written at one go, the shared parts copied between them: a line is four calls.
    const head = `{"line":${line},"id":${JSON.stringify(id)},"date":${JSON.stringify(date)},"type":${this.quote(type)},"phase":${this.quote(phase)}`;
    const tail = `,"changes":${changes.length === 0 ? '[]' : JSON.stringify(changes)},"notes":${notes.length === 0 ? '[]' : JSON.stringify(notes)}}\n`;
    if (!this.withState) {
      this.text(head + tail);
      return;
    }
    const { channels, offices, agreement, sanctioned, incidents, incidentsStopped, provocations } = state;
    if (this.sanctioned.value !== sanctioned) this.sanctioned = { value: sanctioned, json: JSON.stringify(sanctioned) };
    this.text(`${head},"state":{"phase":${this.quote(state.phase)},`);
    this.record(this.channels, channels);
    this.record(this.offices, offices);
    this.text(
      `,"agreement":${this.quote(agreement)},"sanctioned":${this.sanctioned.json},"incidents":${incidents},"incidentsStopped":${incidentsStopped},"provocations":${provocations}}${tail}`,
    );
  }

  /** The bytes added since the last take, handed over: they are not written again. */
  take(): Buffer {
    const taken = this.buffer.subarray(this.start, this.used);
    this.start = this.used;
    return taken;
  }

  // A record as the last line wrote it, copied from there, or written afresh from its entries
  // (the first entry's comma becoming the opening brace) and remembered where it was written:
  // bytes once written are never written over.
  private record(bytes: RecordBytes, record: Readonly<Record<string, object>>): void {
    if (bytes.whole.value === record) {
      this.bytes(bytes.whole.bytes);
      return;
    }
    const entries = bytes.entries(record);
    let size = bytes.prefix.length + 2;
    for (const entry of entries) size += entry.length;
    this.room(size);
    // Room made for all of it at once: the slab cannot change under the places noted here.
    const { buffer } = this;
    const start = this.used;
    buffer.set(bytes.prefix, this.used);
    this.used += bytes.prefix.length;
    const opening = this.used;
    if (entries.length === 0) this.used += 1;
    for (const entry of entries) {
      buffer.set(entry, this.used);
      this.used += entry.length;
    }
    buffer[opening] = OPEN_BRACE;
    buffer[this.used++] = CLOSE_BRACE;
    bytes.whole = { value: record, bytes: buffer.subarray(start, this.used) };
  }

  private quote(word: string): string {
    let json = this.quoted.get(word);
    if (json === undefined) {
      json = JSON.stringify(word);
      this.quoted.set(word, json);
    }
    return json;
  }

  // Room for `size` more bytes after the last: a new slab if need be, the bytes not yet taken copied over.
  private room(size: number): void {
    if (this.used + size <= this.buffer.length) return;
    const waiting = this.used - this.start;
    const slab = Buffer.allocUnsafe(Math.max(SLAB_TAKES * this.flushAt, 2 * (waiting + size)));
    this.buffer.copy(slab, 0, this.start, this.used);
    this.buffer = slab;
    this.start = 0;
    this.used = waiting;
  }

  private text(text: string): void {
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
