// The timeline: one entry a step, a button, with its date, event, how it is known, its quote or
// fact, the edit that made it (in a what-if) and the verdicts of the checkpoints after it.
import type { ViewerModel } from '../viewerModel.js';

const BASIS_LABELS: Record<string, string> = { outside: 'outside the articles', inferred: 'inferred', hypothetical: 'hypothetical', reported: 'reported' };

/** Draws the model's steps into the list; `pick` is called with a step's index when its entry is pressed. Returns the items. */
export function drawTimeline(list: HTMLElement, model: ViewerModel, pick: (index: number) => void): HTMLLIElement[] {
  return model.steps.map((step) => {
    const item = document.createElement('li');
    item.dataset.index = String(step.index);
    item.dataset.basis = step.basis;
    // A button inside the list item: reachable by Tab, pressed by Enter or space, and still a list.
    const entry = document.createElement('button');
    entry.type = 'button';
    entry.className = 'entry';
    entry.innerHTML = `<span class="date"></span><span class="what"></span> <span class="type"></span><span class="quote"></span>`;
    (entry.querySelector('.date') as HTMLElement).textContent = step.date;
    (entry.querySelector('.what') as HTMLElement).textContent = step.description;
    const basis = step.basis === 'reported' ? '' : ` · ${BASIS_LABELS[step.basis]}`;
    (entry.querySelector('.type') as HTMLElement).textContent = `${step.type}${basis}${step.source ? ` · ${step.source.outlet}` : ''}`;
    (entry.querySelector('.quote') as HTMLElement).textContent = step.quote ? `“${step.quote}”` : (step.hypothetical ?? step.inferred ?? step.outside[0] ?? '');
    const edit = model.whatIf?.edits.find((candidate) => candidate.step === step.index);
    if (edit) {
      const mark = document.createElement('span');
      mark.className = 'edited';
      mark.textContent = edit.kind;
      entry.prepend(mark);
      item.dataset.edit = edit.kind;
    }
    const checks = model.checkpoints.filter((checkpoint) => checkpoint.afterIndex === step.index);
    if (checks.length > 0) {
      const verdicts = document.createElement('span');
      verdicts.className = 'verdicts';
      verdicts.textContent = checks.map((checkpoint) => `${checkpoint.observation ? '◇' : checkpoint.holds ? '✔' : '✘'} ${checkpoint.id}`).join(' ');
      entry.append(verdicts);
    }
    entry.addEventListener('click', () => pick(step.index));
    item.append(entry);
    list.appendChild(item);
    return item;
  });
}
