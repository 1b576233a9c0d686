// `thaw run` writes the whole state after every line, most of it as it was on the line before:
// consecutive states share their unchanged channels and offices, and an event that changes
// nothing keeps the state itself (see nextView). Each such object is turned into UTF-8 JSON once
// and its bytes copied while the lines keep sharing it, so a line costs what changed plus a copy,
// not a string built, joined and encoded. That relies on views never being changed once built,
// which holds for every view the library makes (it builds a new one instead, and the tests freeze
// them), and on the key order viewOfValue and nextView give (the tests hold the bytes to
// JSON.stringify's text).
import type { RelationshipState } from '../machine/view.js';
import { isScalar, JsonBytes } from './jsonBytes.js';
import type { StreamOutput } from './streamRunner.js';

// The state's fields in the order its views have them. A field added to RelationshipState and
// not here fails to compile (below), rather than going missing from the output.
const STATE_FIELDS = ['phase', 'channels', 'offices', 'agreement', 'sanctioned', 'incidents', 'incidentsStopped', 'provocations'] as const;
type Unwritten = Exclude<keyof RelationshipState, (typeof STATE_FIELDS)[number]>;
const everyFieldWritten: [Unwritten] extends [never] ? true : Unwritten = true;
void everyFieldWritten;

// A record of shared objects (the channels, the offices) after its key in the state, written as
// JSON.stringify writes it, and kept while the lines share it, to be copied into each in one
// piece. When the record changes, the entries it still shares with the one before are copied
// from that one's bytes, in runs, and only the entries that changed are written.
class RecordBytes {
  private record: object | undefined;
  // The bytes of the record last written, and a buffer to write the next one in.
  private current = new JsonBytes();
  private spare = new JsonBytes();
  private whole: Buffer = Buffer.alloc(0);
  // Its entries in order: key, value, and where the entry's bytes (its `{` or `,` first) start and end.
  private readonly keys: string[] = [];
  private readonly values: unknown[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(private readonly prefix: string) {}

  /** The record's bytes, prefix included. */
  bytesOf(record: Readonly<Record<string, object>>): Buffer {
    if (record !== this.record) this.build(record);
    return this.whole;
  }

  private build(record: Readonly<Record<string, object>>): void {
    const { keys, values, starts, ends } = this;
    const previous = this.current.buffer;
    const out = this.spare;
    out.used = 0;
    out.ascii(this.prefix);
    // A run of entries shared with the record before, waiting to be copied: where it is there, and where it goes here.
    let runFrom = -1;
    let runTo = -1;
    let runAt = 0;
    let index = 0;
    for (const key in record) {
      const value = record[key];
      if (index < keys.length && keys[index] === key && values[index] === value) {
        if (runFrom < 0) {
          runFrom = starts[index] as number;
          runAt = out.used;
        }
        // Entries are written back to back, so a shared entry follows the one before it there too.
        starts[index] = runAt + ((starts[index] as number) - runFrom);
        runTo = ends[index] as number;
        ends[index] = runAt + (runTo - runFrom);
      } else {
        if (runFrom >= 0) out.bytes(previous, runFrom, runTo);
        runFrom = -1;
        keys[index] = key;
        values[index] = value;
        starts[index] = out.used;
        out.ascii(index === 0 ? '{' : ',');
        out.string(key);
        out.ascii(':');
        out.object(value as object);
        ends[index] = out.used;
      }
      index += 1;
    }
    if (runFrom >= 0) out.bytes(previous, runFrom, runTo);
    keys.length = index;
    values.length = index;
    starts.length = index;
    ends.length = index;
    out.ascii(index === 0 ? '{}' : '}');
    this.spare = this.current;
    this.current = out;
    this.whole = out.buffer.subarray(0, out.used);
    this.record = record;
  }
}

// How many takes of `flushAt` bytes a slab holds.
const SLAB_TAKES = 16;

/**
 * `thaw run`'s output lines, one per event applied, as UTF-8 bytes: the same text as
 * JSON.stringify(output) and a line end; without the state when `withState` is false (the phase,
 * changes and notes are enough to follow a stream). Lines gather until taken, which is due once
 * `flushAt` bytes have gathered.
 */
export class OutputLines extends JsonBytes {
  // Lines are written into a slab, several takes' worth, each take handed over as a view of it (a
  // slab a line at a time would cost an allocation, and its first-touch page faults, per take).
  // A view handed over is not written again until the consumer releases it (it may hold it while
  // it drains); then the slab is written again from its start, and stays in the processor's cache.
  private start = 0;
  // Whether no view of the slab is held: every take was released, or none was made of it.
  private free = true;
  private readonly channels = new RecordBytes('"channels":');
  private readonly offices = new RecordBytes(',"offices":');

  constructor(
    private readonly withState = true,
    private readonly flushAt = 1 << 16,
  ) {
    super(SLAB_TAKES * flushAt);
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
      this.strings(state.sanctioned);
      this.ascii(',"incidents":');
      this.number(state.incidents);
      this.ascii(',"incidentsStopped":');
      this.number(state.incidentsStopped);
      this.ascii(',"provocations":');
      this.number(state.provocations);
      this.ascii('}');
    }
    this.ascii(',"changes":[');
    for (let index = 0; index < changes.length; index += 1) {
      if (index > 0) this.ascii(',');
      const change = changes[index] as StreamOutput['changes'][number];
      const { path, from, to } = change;
      // A change's values are the state's strings, numbers, flags and nulls; any other (none is
      // made today) is written by JSON.stringify, which would leave out an undefined one.
      if (!isScalar(from) || !isScalar(to)) {
        this.encoded(JSON.stringify(change));
        continue;
      }
      this.ascii('{"path":');
      this.string(path);
      this.ascii(',"from":');
      this.scalar(from);
      this.ascii(',"to":');
      this.scalar(to);
      this.ascii('}');
    }
    this.ascii('],"notes":');
    this.strings(notes);
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
  protected override room(size: number): void {
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
}
