// The ids of a scenario or a stream and where each was first seen, kept in flat typed arrays
// rather than a Map of strings: `thaw run` may read millions of events, and a Map would add a
// string per id that every garbage collection has to walk (a tenth of a long run's time).

const EMPTY = -1;

// Seeded per process, so that ids chosen to collide (a stream is anybody's input) cannot be
// chosen in advance to make every lookup walk the table. A startup snapshot would hold one seed
// for every run made from it: the snapshot's start draws a new one (reseedIds).
let SEED = (Math.random() * 2 ** 32) >>> 0;

/** Draws the hash seed anew; only for a process started from a snapshot, before any index is made. */
export function reseedIds(): void {
  SEED = (Math.random() * 2 ** 32) >>> 0;
}

/** An id's hash: FNV-1a over its UTF-16 code units from a random start, then mixed (murmur3's finalizer) so the low bits the table uses depend on every unit. */
function hashOf(id: string): number {
  let hash = 0x811c9dc5 ^ SEED;
  for (let index = 0; index < id.length; index += 1) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash | 0;
}

/** A set of ids, each with the place (a line, an index) it was first seen at. */
export class IdIndex {
  private chars = new Uint16Array(1 << 12);
  private used = 0;
  private starts = new Int32Array(256);
  private lengths = new Int32Array(256);
  private hashes = new Int32Array(256);
  private places = new Float64Array(256);
  private count = 0;
  // Open addressing: each slot holds an entry's number, or EMPTY; never more than half full.
  private slots = new Int32Array(512).fill(EMPTY);

  /** How many ids it holds. */
  get size(): number {
    return this.count;
  }

  // The last id looked up and not found, with its hash: a stream looks each id up, then adds it.
  private missed: string | undefined;
  private missedHash = 0;

  /** The place `id` was first seen at, or undefined. */
  get(id: string): number | undefined {
    const hash = hashOf(id);
    const entry = this.find(id, hash);
    if (entry !== EMPTY) return this.places[entry];
    this.missed = id;
    this.missedHash = hash;
    return undefined;
  }

  /** Records `id` at `place`, unless it is already known (the first place stays). */
  add(id: string, place: number): void {
    // Nothing is added between a lookup that missed and this add but by it, which clears `missed`.
    const known = id === this.missed;
    const hash = known ? this.missedHash : hashOf(id);
    this.missed = undefined;
    if (!known && this.find(id, hash) !== EMPTY) return;
    if ((this.count + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    if (this.count === this.starts.length) this.growEntries();
    while (this.used + id.length > this.chars.length) this.chars = grown(this.chars, Math.max(this.chars.length * 2, this.used + id.length));
    for (let index = 0; index < id.length; index += 1) this.chars[this.used + index] = id.charCodeAt(index);
    const entry = this.count;
    this.starts[entry] = this.used;
    this.lengths[entry] = id.length;
    this.hashes[entry] = hash;
    this.places[entry] = place;
    this.used += id.length;
    this.count += 1;
    this.place(entry, hash);
  }

  /** Every id, in the order first seen. */
  keys(): string[] {
    const ids: string[] = [];
    for (let entry = 0; entry < this.count; entry += 1) ids.push(this.idOf(entry));
    return ids;
  }

  private idOf(entry: number): string {
    const start = this.starts[entry] as number;
    let id = '';
    // In pieces: fromCharCode takes its code units as arguments, and an id may be long.
    for (let at = start; at < start + (this.lengths[entry] as number); at += 4096) {
      id += String.fromCharCode(...this.chars.subarray(at, Math.min(at + 4096, start + (this.lengths[entry] as number))));
    }
    return id;
  }

  private find(id: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === EMPTY) return EMPTY;
      if (this.hashes[entry] === hash && this.lengths[entry] === id.length && this.same(entry, id)) return entry;
    }
  }

  private same(entry: number, id: string): boolean {
    const start = this.starts[entry] as number;
    for (let index = 0; index < id.length; index += 1) if (this.chars[start + index] !== id.charCodeAt(index)) return false;
    return true;
  }

  private place(entry: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.slots[slot] = entry;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size).fill(EMPTY);
    for (let entry = 0; entry < this.count; entry += 1) this.place(entry, this.hashes[entry] as number);
  }

  private growEntries(): void {
    const size = this.starts.length * 2;
    this.starts = grown(this.starts, size);
    this.lengths = grown(this.lengths, size);
    this.hashes = grown(this.hashes, size);
    this.places = grown(this.places, size);
  }
}

function grown<T extends Uint16Array | Int32Array | Float64Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(size);
  bigger.set(array);
  return bigger;
}
