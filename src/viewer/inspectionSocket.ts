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
 * once stopped, it closes the socket, sends nothing more and never opens another.
 */
export function createSocketInspector(url: string): SocketInspector {
  let socket: WebSocket | undefined;
  let stopped = false;
  const held: string[] = [];
  const inspector = createInspector({
    start() {
      if (socket || stopped) return;
      const opening = new WebSocket(url);
      socket = opening;
      opening.on('open', () => {
        for (const text of held.splice(0)) opening.send(text);
      });
      // A socket closed while connecting fails; the command has ended by then, so there is nothing to report.
      opening.on('error', () => {});
    },
    stop() {
      stopped = true;
      held.length = 0;
      socket?.close();
    },
    send(event: unknown) {
      if (stopped) return;
      const text = JSON.stringify(event);
      if (socket?.readyState === WebSocket.OPEN) socket.send(text);
      else held.push(text);
    },
  });
  inspector.start();
  return inspector;
}
