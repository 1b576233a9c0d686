// The worker thread of checkLinesInWorker: checks the chunks it is sent, sending each batch,
// packed, on the batches' port, then a message to say it is there.
import { parentPort, workerData } from 'node:worker_threads';
import { type CheckWorkerData, ChunkChecker, packBatch } from './checkedLines.js';

const { setup, batches } = workerData as CheckWorkerData;
const checker = new ChunkChecker(setup);
parentPort?.on('message', (chunk: Uint8Array | string | null) => {
  batches.postMessage(packBatch(checker.push(chunk)));
  parentPort?.postMessage(null);
});
