// Playing and stepping through the timeline: the buttons, the slider, and the keys (the arrows
// step and space plays, except in form fields and on buttons, which keep their own keys).
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Where the page is, and how to move it: `take` is the reader's own move (it stops following a live run), `show` the player's. */
export interface Position {
  /** The index of the last step. */
  last: number;
  current(): number;
  take(index: number): void;
  show(index: number): void;
}

/** Wires the play, step and back buttons, the slider and the keyboard to the page's position. */
export function wirePlayback(scrubber: HTMLInputElement, at: Position): void {
  let timer: number | undefined;
  const stop = () => {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
    byId('play').textContent = '▶ play';
  };
  const togglePlay = () => {
    if (timer !== undefined) return stop();
    if (at.current() >= at.last) at.take(-1);
    else at.take(at.current());
    byId('play').textContent = '❚❚ pause';
    timer = window.setInterval(() => (at.current() >= at.last ? stop() : at.show(at.current() + 1)), 700);
  };
  byId('step').addEventListener('click', () => {
    stop();
    at.take(at.current() + 1);
  });
  byId('back').addEventListener('click', () => {
    stop();
    at.take(at.current() - 1);
  });
  byId('play').addEventListener('click', togglePlay);
  scrubber.addEventListener('input', () => {
    stop();
    at.take(Number(scrubber.value));
  });
  document.addEventListener('keydown', (event) => {
    // Form fields keep their keys (the slider moves itself with the arrows); so do buttons for
    // space and Enter, which press them. Everywhere else the arrows step and space plays.
    const target = event.target as HTMLElement | null;
    const field = target && (['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName) || target.isContentEditable);
    if (field || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowRight' && !event.shiftKey) {
      event.preventDefault();
      stop();
      at.take(at.current() + 1);
    } else if (event.key === 'ArrowLeft' && !event.shiftKey) {
      event.preventDefault();
      stop();
      at.take(at.current() - 1);
    } else if (event.key === ' ' && !['BUTTON', 'SUMMARY', 'A'].includes(target?.tagName ?? '')) {
      event.preventDefault();
      togglePlay();
    }
  });
}
