// The worker thread of checkLinesInWorker: checks the chunks it is sent, answering each with its batch, packed.
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkChecker, packBatch, type LineCheckSetup } from './checkedLines.js';

const checker = new ChunkChecker(workerData as LineCheckSetup);
parentPort?.on('message', (chunk: Uint8Array | string | null) => parentPort?.postMessage(packBatch(checker.push(chunk))));
