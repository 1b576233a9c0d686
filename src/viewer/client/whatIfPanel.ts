import type { ViewerWhatIf } from '../viewerModel.js';

const element = (tag: string, className: string, text?: string) => {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

const KIND_LABELS = { removed: 'removed', inserted: 'inserted', changed: 'changed', moved: 'moved' } as const;

/**
 * Fills the what-if panel: the question and what the model predicts, every edit (removed,
 * inserted, changed, moved; a click goes to its date), and each checkpoint, the what-if's and the
 * base's, with its verdict in both histories.
 */
export function drawWhatIfPanel(panel: HTMLElement, whatIf: ViewerWhatIf, go: (step: number, date: string) => void): void {
  panel.hidden = false;
  panel.replaceChildren(element('h2', '', 'What if'), element('p', 'description', whatIf.description));
  const edits = element('ul', 'edits');
  edits.setAttribute('aria-label', "the what-if's edits to the record");
  for (const edit of whatIf.edits) {
    const item = element('li', `edit ${edit.kind}`);
    item.dataset.kind = edit.kind;
    item.dataset.id = edit.id;
    const button = element(
      'button',
      'entry',
      `${KIND_LABELS[edit.kind]}: ${edit.date}${edit.baseDate ? ` (was ${edit.baseDate})` : ''} — ${edit.description} [${edit.id}]`,
    ) as HTMLButtonElement;
    button.type = 'button';
    button.addEventListener('click', () => go(edit.step, edit.date));
    item.append(button);
    edits.append(item);
  }
  panel.append(edits);
  const table = element('table', 'checkpoints');
  table.innerHTML =
    '<caption>Checkpoints in both histories</caption><thead><tr><th scope="col">checkpoint</th><th scope="col">record</th><th scope="col">what-if</th></tr></thead>';
  const body = element('tbody', '');
  for (const pair of whatIf.checkpoints) {
    const row = element('tr', '');
    row.dataset.checkpoint = pair.id;
    const name = element('th', '', `${pair.id} (${pair.from === 'whatIf' ? "the what-if's" : "the record's"})`);
    name.setAttribute('scope', 'row');
    name.title = pair.claim;
    const cell = (placement: ViewerWhatIf['checkpoints'][number]['base']) => {
      const td = placement.observation
        ? element('td', 'observation', '◇ observed')
        : element('td', placement.holds ? 'holds' : 'fails', placement.holds ? '✔ holds' : '✘ fails');
      td.title = placement.mismatches.join('\n');
      for (const mismatch of placement.mismatches) td.append(element('div', 'mismatch', mismatch));
      return td;
    };
    row.append(name, cell(pair.base), cell(pair.whatIf));
    body.append(row);
  }
  table.append(body);
  panel.append(table);
}
