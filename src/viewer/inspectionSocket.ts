// `thaw inspect`'s actor reports to the viewer server through @statelyai/inspect's inspector, over
// a socket of this module's own. The package's WebSocket inspector reconnects five seconds after
// any failure, for ever, and closing a socket that is still connecting is such a failure: a
// `thaw inspect` stopped at once kept trying to reach its closed server and never exited. The
// server here is this process's own, so there is nothing to reconnect to.
import { createInspector } from '@statelyai/inspect';
import { WebSocket } from 'ws';
import type { InspectionEvent, Observer } from 'xstate';

/** The part of @statelyai/inspect's inspector that thaw uses (the package does not export its type). */
export interface SocketInspector {
  /** For an actor's `inspect` option. */
  inspect: Observer<InspectionEvent>;
  /** Reports an event sent to an actor, by hand. */
  event(actor: string, event: { type: string }): void;
  /** Opens the socket; `createSocketInspector` already has. */
  start(): void;
  /** Closes the socket for good. */
  stop(): void;
}

/**
 * A started @statelyai/inspect inspector that sends an actor's inspection events, as JSON, over
 * one WebSocket to `url`: those sent before it opens are held and sent in order once it does;
 * once stopped, it closes the socket, sends nothing more and never opens another. Should the
 * socket fail or be closed before then (the server refuses it, or drops a message too large),
 * `onLost` is told why, once, and later events are dropped.
 */
export function createSocketInspector(url: string, onLost: (reason: string) => void = () => {}): SocketInspector {
  let socket: WebSocket | undefined;
  let stopped = false;
  let lost = false;
  const held: string[] = [];
  const lose = (reason: string) => {
    if (stopped || lost) return;
    lost = true;
    held.length = 0;
    onLost(reason);
  };
  const inspector = createInspector({
    start() {
      if (socket || stopped) return;
      const opening = new WebSocket(url);
      socket = opening;
      opening.on('open', () => {
        for (const text of held.splice(0)) opening.send(text);
      });
      // Every failure ends in 'close'; its message says more than the close code. Closing a socket
      // still connecting, on stop, fails too: by then nothing is reported.
      let failure: string | undefined;
      opening.on('error', (error) => {
        failure ??= error.message;
      });
      opening.on('close', (code, reason) => lose(failure ?? `the server closed it (${code}${reason.length > 0 ? `: ${reason.toString()}` : ''})`));
    },
    stop() {
      stopped = true;
      held.length = 0;
      socket?.close();
    },
    send(event: unknown) {
      if (stopped || lost) return;
      const text = JSON.stringify(event);
      if (socket?.readyState === WebSocket.OPEN) socket.send(text);
      else held.push(text);
    },
  });
  inspector.start();
  return inspector;
}
