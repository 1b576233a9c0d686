// The live run `thaw inspect` replays: the inspection events its server relays (as the Stately
// inspector would get them), each snapshot matched to the step of the timeline it follows.
import { activeStateIds } from '../../machine/stateIds.js';

// Keys in a fixed order, so events compare equal however they were serialised.
const canonical = (value: unknown): string =>
  value !== null && typeof value === 'object'
    ? `{${Object.keys(value)
        .sort()
        .map((key) => `${key}:${canonical((value as Record<string, unknown>)[key])}`)
        .join(',')}}`
    : JSON.stringify(value);

/** What the page is told of the live run. */
export interface LiveListener {
  /** The socket opened (true) or closed (false). */
  connection(open: boolean): void;
  /** The run is at this step of the timeline (-1: started again, before any), with these states active (undefined: the step's own). */
  step(index: number, active: string[] | undefined): void;
}

/** Listens at `url` for the live run of the events `events` (the timeline's, in order). */
export function listenLive(url: string, events: readonly unknown[], on: LiveListener): void {
  const keys = events.map(canonical);
  let at = -1;
  const socket = new WebSocket(url);
  socket.addEventListener('open', () => on.connection(true));
  socket.addEventListener('close', () => on.connection(false));
  socket.addEventListener('message', (message) => {
    let event: { type?: string; name?: string; event?: unknown; snapshot?: { value?: unknown } };
    try {
      event = JSON.parse(String(message.data)) as typeof event;
    } catch {
      return; // not an inspection event
    }
    if (event?.type === '@xstate.actor') {
      at = -1;
      on.step(-1, undefined);
    } else if (event?.type === '@xstate.snapshot' && event.snapshot?.value !== undefined && event.snapshot.value !== null) {
      const key = canonical(event.event);
      // The next step with this event, else its first: the same event can come twice in a run.
      const next = keys.findIndex((candidate, index) => index > at && candidate === key);
      const index = next >= 0 ? next : keys.indexOf(key);
      if (index < 0) return;
      at = index;
      on.step(index, activeStateIds(event.snapshot.value as Parameters<typeof activeStateIds>[0]));
    }
  });
}
