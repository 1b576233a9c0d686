// The lines of a `thaw run` stream, checked, in batches: on this thread, or on a worker thread
// that reads ahead while this one steps the relationship and writes (the checks need nothing of
// the relationship's state, and on two cores the two halves take about as long as each other).
// Both give the same batches; test/stream/checkedLines.test.ts holds them to it.
import type { Readable } from 'node:stream';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Problem } from '../scenario/problems.js';
import { articleReader } from '../scenario/readScenario.js';
import { toMachineEvent } from '../scenario/schema.js';
import type { RelationshipEvent } from '../vocabulary/events.js';
import { LineChecker, type StreamStart } from './lineChecker.js';
import { LineSplitter } from './lines.js';

/** What checking a stream's lines needs, in a form a worker thread can be sent. */
export interface LineCheckSetup {
  /** The name problems give for the stream (a path, or "stdin"). */
  file: string;
  /** The scenario the stream goes on from, if any. */
  start?: StreamStart;
  /** Folder of article texts to check quotes against, or null for no check. */
  sourcesDir: string | null;
}

/**
 * A line checked, as stepping needs it: the event as the machine takes it, with its id (what
 * else the line holds, such as its citation, stays with the checker), or what is wrong with it.
 */
export type LineToApply = { line: number; id: string; event: RelationshipEvent } | { line: number; problems: Problem[] };

/** The lines one chunk of input completed, checked (blank lines left out), and how many lines were read so far. */
export interface CheckedBatch {
  checked: LineToApply[];
  read: number;
  /** True on the batch after the input's end. */
  done: boolean;
}

/** The lines of chunks pushed to it, checked: the state both sources keep, and the worker's whole job. */
export class ChunkChecker {
  private readonly splitter = new LineSplitter();
  private readonly lines: LineChecker;
  private read = 0;

  constructor(setup: LineCheckSetup) {
    this.lines = new LineChecker(setup.file, setup.start, setup.sourcesDir ? { articleText: articleReader(setup.sourcesDir) } : {});
  }

  /** The lines a chunk completes, checked; `null` for the input's end. */
  push(chunk: Uint8Array | string | null): CheckedBatch {
    const lines = chunk === null ? this.splitter.end() : this.splitter.push(chunk);
    const checked: LineToApply[] = [];
    for (const line of lines) {
      this.read += 1;
      const result = this.lines.check(line, this.read);
      if (result === undefined) continue;
      checked.push('event' in result ? { line: result.line, id: result.event.id, event: toMachineEvent(result.event) } : result);
    }
    return { checked, read: this.read, done: chunk === null };
  }
}

/** What the worker thread is started with: the setup, and the port to send its batches on. */
export interface CheckWorkerData {
  setup: LineCheckSetup;
  batches: MessagePort;
}

/**
 * A batch as the worker thread sends it: every line's fields in one flat list (see packBatch),
 * which crosses between threads in about half the time the objects take.
 */
export interface PackedBatch {
  packed: unknown[];
  read: number;
  done: boolean;
}

/** A batch flattened: per line, its number and id then the event's field count, names and values; or its number, null and its problems. Pure. */
export function packBatch(batch: CheckedBatch): PackedBatch {
  const packed: unknown[] = [];
  for (const checked of batch.checked) {
    if (!('event' in checked)) {
      packed.push(checked.line, null, checked.problems);
      continue;
    }
    const { event } = checked;
    const at = packed.length + 2;
    packed.push(checked.line, checked.id, 0);
    let fields = 0;
    for (const key in event) {
      packed.push(key, event[key as keyof RelationshipEvent]);
      fields += 1;
    }
    packed[at] = fields;
  }
  return { packed, read: batch.read, done: batch.done };
}

/** The batch packBatch flattened, its events' fields in their order. Pure. */
export function unpackBatch({ packed, read, done }: PackedBatch): CheckedBatch {
  const checked: LineToApply[] = [];
  let at = 0;
  while (at < packed.length) {
    const line = packed[at] as number;
    const id = packed[at + 1] as string | null;
    if (id === null) {
      checked.push({ line, problems: packed[at + 2] as Problem[] });
      at += 3;
      continue;
    }
    const fields = packed[at + 2] as number;
    at += 3;
    const event: Record<string, unknown> = {};
    // The names are the vocabulary's, which the schema holds lines to (`__proto__` is refused).
    for (let field = 0; field < fields; field += 1, at += 2) event[packed[at] as string] = packed[at + 1];
    checked.push({ line, id, event: event as RelationshipEvent });
  }
  return { checked, read, done };
}

/** Checks the lines of `input` on this thread, a batch per chunk read. */
export async function* checkLines(input: AsyncIterable<Buffer | string>, setup: LineCheckSetup): AsyncGenerator<CheckedBatch> {
  const checker = new ChunkChecker(setup);
  for await (const chunk of input) yield checker.push(chunk);
  yield checker.push(null);
}

/** How many chunks (64 KiB each from a file) may wait for the worker. */
// Enough that the stepping thread never waits for it while input is there (with 4 it sat idle for
// an eighth of a long run), few enough that the memory a run uses stays flat however fast the input comes.
export const READ_AHEAD = 16;

/** The worker thread stopped without being asked to. */
export class LineCheckThreadError extends Error {
  override readonly name = 'LineCheckThreadError';
}

/**
 * checkLines, on a worker thread running `script` (the compiled checkWorker.js). Input is read
 * and handed over a chunk at a time, never more than a few chunks ahead of the batches taken, and
 * each batch is given as soon as it is checked, so a program that feeds lines one at a time gets
 * each answer at once. Leaving the loop, or an error, stops the thread and closes the input.
 */
export async function* checkLinesInWorker(input: AsyncIterable<Buffer | string>, setup: LineCheckSetup, script: URL): AsyncGenerator<CheckedBatch> {
  // Batches come on a port of their own and are taken from it one at a time, when wanted: a
  // message listener would copy in every batch waiting, whose objects then outlive garbage
  // collections. The worker's own messages only say that a batch is there.
  const { port1: batches, port2: batchPort } = new MessageChannel();
  const worker = new Worker(script, { workerData: { setup, batches: batchPort } satisfies CheckWorkerData, transferList: [batchPort] });
  let waiting = 0;
  let failure: { error: unknown } | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  worker.on('message', () => {
    waiting += 1;
    notify();
  });
  worker.on('error', (error) => {
    failure ??= { error };
    notify();
  });
  worker.on('exit', (code) => {
    if (!finished) failure ??= { error: new LineCheckThreadError(`the thread checking the lines stopped (exit code ${code})`) };
    notify();
  });

  let sent = 0;
  let taken = 0;
  let roomToSend: (() => void) | undefined;
  const chunks = input[Symbol.asyncIterator]();
  const pump = async () => {
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      if (finished) return;
      worker.postMessage(next.value);
      sent += 1;
      while (sent - taken >= READ_AHEAD && !finished) await new Promise<void>((resolve) => (roomToSend = resolve));
    }
    if (!finished) worker.postMessage(null);
  };
  // An input that fails is reported once the chunks read before it are checked: their lines were read.
  let inputFailure: { error: unknown } | undefined;
  pump().catch((error: unknown) => {
    inputFailure = { error };
    notify();
  });
  const failed = () => failure ?? (inputFailure && taken === sent ? inputFailure : undefined);

  try {
    for (;;) {
      while (waiting === 0 && failed() === undefined) await new Promise<void>((resolve) => (wake = resolve));
      if (waiting === 0) throw (failed() as { error: unknown }).error;
      waiting -= 1;
      // Posted before the message that said it was there, so it is there (Node queues a message
      // on the receiving port before postMessage returns); if not, say so rather than fail obscurely.
      const received = receiveMessageOnPort(batches) as { message: PackedBatch } | undefined;
      if (received === undefined) throw new LineCheckThreadError('the thread checking the lines said a batch was ready, but none came');
      const batch = unpackBatch(received.message);
      taken += 1;
      const resume = roomToSend;
      roomToSend = undefined;
      resume?.();
      yield batch;
      if (batch.done) return;
    }
  } finally {
    finished = true;
    roomToSend?.();
    // The input is closed however the loop ends (an error here, a failed write, a thread that
    // died), as a for-await loop would close it: a producer waiting on an open pipe would hang.
    // A stream is destroyed at once; another iterable ends when its pending chunk comes.
    if (typeof (input as Partial<Readable>).destroy === 'function') (input as Readable).destroy();
    else chunks.return?.().catch(() => {});
    batches.close();
    await worker.terminate();
  }
}
