import { relative } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { createActor } from 'xstate';
import { relationshipMachine, viewOf } from '../../index.js';
import { describeEvent } from '../../replay/describeEvent.js';
import { escapeControls } from '../../scenario/problems.js';
import { createSocketInspector } from '../../viewer/inspectionSocket.js';
import { pageModel } from '../../viewer/pageModel.js';
import { startViewerServer } from '../../viewer/server.js';
import { PHASE_LABELS } from '../../vocabulary/channels.js';
import { EXIT, UsageError } from '../exitCodes.js';
import type { CliIo } from '../io.js';

/** Options of `thaw inspect`. */
export interface InspectCommandOptions {
  file: string;
  /** As typed: a port number, 0 for any free port. */
  port: string;
  /** As typed: milliseconds between events. */
  pace: string;
  step: boolean;
  stately: boolean;
  /** Folder of article texts to check quotes against, or null for no check. */
  sourcesDir: string | null;
  /** Standard input for --step, the folder names are shown from, and Ctrl-C. */
  io: Pick<CliIo, 'stdin' | 'cwd' | 'untilInterrupted'>;
  write: (text: string) => void;
  /** Says something has gone wrong that does not stop the command. */
  warn: (text: string) => void;
}

// setTimeout takes at most 2^31 - 1 ms; above that Node fires after 1 ms.
const MAX_PACE = 2 ** 31 - 1;

/**
 * `thaw inspect`: serves the viewer on 127.0.0.1, then replays the scenario through a live
 * xstate actor whose inspection events (@statelyai/inspect's inspector, over a WebSocket) reach the
 * viewer, or the Stately inspector with --stately, as they happen. Runs until interrupted, then
 * closes everything it opened and returns the exit code.
 */
export async function inspectCommand(options: InspectCommandOptions): Promise<number> {
  const port = Number(options.port);
  const pace = Number(options.pace);
  if (!/^\d+$/.test(options.port.trim()) || port > 65535) throw new UsageError(`--port: "${options.port}" is not a port number (0 picks a free one)`);
  if (options.pace.trim() === '' || !Number.isFinite(pace) || pace < 0 || pace > MAX_PACE) {
    throw new UsageError(`--pace: "${options.pace}" is not a number of milliseconds from 0 to ${MAX_PACE}`);
  }
  if (options.step && !options.io.stdin.isTTY) throw new UsageError('--step waits for Enter in a terminal; use --pace without a terminal');

  const shown = relative(options.io.cwd, options.file) || options.file;
  const model = await pageModel(options.file, { sourcesDir: options.sourcesDir, shown });

  let server;
  try {
    server = await startViewerServer({ model, port, warn: (text) => options.warn(`thaw inspect: ${text}`) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`--port: ${port} is in use; pick another, or 0 for any free port`);
    if (code === 'EACCES') throw new UsageError(`--port: ${port} needs privileges this user lacks; pick one above 1023, or 0 for any free port`);
    if (code !== undefined && code.startsWith('E')) throw new UsageError(`--port: cannot listen on 127.0.0.1:${port} (${code})`);
    throw error;
  }
  // Listening before the address is printed: until a listener is registered, Node leaves SIGINT
  // to the system, which ends the process at once: a Ctrl-C as soon as the address showed ended
  // it there (exit 130) instead of closing the viewer and returning 0.
  let stopped = false;
  const interrupted = options.io.untilInterrupted().then(() => {
    stopped = true;
  });
  options.write(`viewer: ${server.url}`);
  if (options.stately) options.write(`Stately inspector (needs internet): ${server.url}stately`);
  options.write(`inspection events: ${server.inspectUrl}`);

  const inspector = createSocketInspector(server.inspectUrl, (reason) =>
    options.warn(`thaw inspect: the live events no longer reach the viewer (${reason}); the page still has the whole scenario to scrub through`),
  );
  const actor = createActor(relationshipMachine, { inspect: inspector.inspect }).start();

  const lines = options.step ? createInterface({ input: options.io.stdin })[Symbol.asyncIterator]() : undefined;
  const events = model.steps.map((step) => step.machineEvent);
  // A paced replay is for watching: it starts when the first page opens, not before anyone looks.
  if (!options.step && pace > 0) {
    options.write('waiting for a viewer: open the address above (--pace 0 replays at once)');
    await Promise.race([server.firstViewer, interrupted]);
  }
  options.write(options.step ? `${events.length} events; press Enter for each` : `${events.length} events, one every ${pace} ms; Ctrl-C to stop`);
  for (const [index, event] of events.entries()) {
    // Ctrl-C during the replay ends it as promptly as after it.
    await Promise.race([lines ? lines.next() : delay(pace), interrupted]);
    if (stopped) break;
    actor.send(event);
    const phase = viewOf(actor.getSnapshot()).phase;
    options.write(
      `  ${String(index + 1).padStart(3)}/${events.length}  ${escapeControls(model.steps[index]?.date ?? '').padEnd(10)} ${escapeControls(describeEvent(event))}  → ${PHASE_LABELS[phase]}`,
    );
  }
  if (!stopped) options.write('replay done; the viewer stays up for scrubbing until Ctrl-C');
  await interrupted;
  await lines?.return?.();
  actor.stop();
  inspector.stop();
  await server.close();
  return EXIT.ok;
}
