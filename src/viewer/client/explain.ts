import type { ViewerCheckpoint, ViewerStep } from '../viewerModel.js';

const element = (tag: string, className: string, text?: string) => {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

const show = (value: unknown) => (value === null || value === undefined ? 'none' : typeof value === 'string' ? value : JSON.stringify(value));

/**
 * Fills the panel under the header with why the step happened: the event and its source, how it
 * is known where it is not reported, what it changed, the machine's notes, and the verdicts of
 * the checkpoints that stand after it.
 */
export function explainStep(panel: HTMLElement, step: ViewerStep | undefined, checkpoints: ViewerCheckpoint[], phases: Record<string, string>): void {
  panel.replaceChildren();
  if (!step) {
    panel.append(element('div', 'what', 'The start: before any event. Step forward (→) to replay.'));
    for (const checkpoint of checkpoints) panel.append(verdict(checkpoint));
    return;
  }
  panel.append(element('div', 'what', `${step.date} — ${step.description} [${step.id}] → ${phases[step.phase] ?? step.phase}`));
  if (step.quote) {
    const quote = element('div', 'quote', `“${step.quote}”`);
    if (step.source) {
      quote.append(' — ');
      const cite = element('cite', 'source');
      const headline = step.source.url
        ? Object.assign(document.createElement('a'), { href: step.source.url, rel: 'noopener', target: '_blank' })
        : document.createElement('span');
      headline.textContent = step.source.headline;
      cite.append(`${step.source.outlet}, `, headline, ` (reported ${step.source.reported})`);
      quote.append(cite);
    }
    panel.append(quote);
  } else if (step.hypothetical) {
    panel.append(element('div', 'basis', `hypothetical: ${step.hypothetical}`));
  }
  for (const line of [...(step.inferred ? [`inferred: ${step.inferred}`] : []), ...step.outside.map((fact) => `outside the articles: ${fact}`)])
    panel.append(element('div', 'basis', line));

  const changes = element('ul', 'changes');
  changes.setAttribute('aria-label', 'what the event changed');
  for (const change of step.changes) changes.append(element('li', 'change', `${change.path}: ${show(change.from)} → ${show(change.to)}`));
  if (step.changes.length === 0) changes.append(element('li', 'change none', 'no change'));
  panel.append(changes);
  if (step.notes.length > 0) {
    const notes = element('ul', 'notes');
    notes.setAttribute('aria-label', "the machine's notes");
    for (const note of step.notes) notes.append(element('li', 'note', note));
    panel.append(notes);
  }
  for (const checkpoint of checkpoints) panel.append(verdict(checkpoint));
}

function verdict(checkpoint: ViewerCheckpoint): HTMLElement {
  if (checkpoint.observation) {
    // An observation asserts nothing: the claim, who makes it, and the model's reading beside it.
    const node = element('div', 'verdict observation', `◇ observation ${checkpoint.id} (${checkpoint.source}): ${checkpoint.claim}`);
    node.dataset.checkpoint = checkpoint.id;
    node.append(element('div', 'reading', `the model reads: ${checkpoint.reading}`));
    return node;
  }
  const node = element(
    'div',
    `verdict ${checkpoint.holds ? 'holds' : 'fails'}`,
    `${checkpoint.holds ? '✔' : '✘'} checkpoint ${checkpoint.id} (${checkpoint.source}): ${checkpoint.claim}`,
  );
  node.dataset.checkpoint = checkpoint.id;
  for (const mismatch of checkpoint.mismatches) node.append(element('div', 'mismatch', mismatch));
  return node;
}
