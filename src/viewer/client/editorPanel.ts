import type { ScenarioEvent } from '../../scenario/schema.js';
import type { ViewerEditor, ViewerModel } from '../viewerModel.js';
import { downloadText } from './download.js';
import { consequencesIn, editsForAddress, type PageEdits, startingEvents, whatIfFile } from './editor.js';

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
};

interface JsonSchema {
  type?: string;
  enum?: string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}

/** What the panel can ask of the page. */
export interface EditorActions {
  /** Replays with these edits (the page reloads at an address that carries them). */
  apply(edits: PageEdits): void;
  /** Downloads the current what-if as a file. */
  save(): void;
}

/** What went wrong with the address's edits, one line each. */
export interface EditorProblems {
  /** Parts of the address's edits that could not be read, and were left out. */
  unread: string[];
  /** Why the edits read do not apply (the page then shows the history without them). */
  unapplied: string[];
}

/** A list of problems under a line saying what they mean, announced as an alert. */
function problemList(intro: string, problems: string[], kind: string): HTMLElement {
  const alert = element('div', { class: 'problems', role: 'alert', 'data-kind': kind });
  alert.append(element('p', {}, intro));
  const list = element('ul');
  for (const problem of problems) list.append(element('li', {}, problem));
  alert.append(list);
  return alert;
}

/**
 * Draws the "your own what-if" panel: every event of the starting scenario with a box to leave
 * it out and its date to move it, a form to insert an event of any type (its fields built from
 * the type's JSON Schema), and buttons to replay and to save. Problems are shown at the top.
 */
export function drawEditorPanel(
  panel: HTMLElement,
  editor: ViewerEditor,
  edits: PageEdits,
  { unread, unapplied: problems }: EditorProblems,
  actions: EditorActions,
): void {
  const start = { events: startingEvents(editor) };
  const causedBy = consequencesIn(start.events);
  const draft: PageEdits = { off: [...edits.off], keep: [...(edits.keep ?? [])], moved: { ...edits.moved }, inserted: [...edits.inserted] };
  panel.replaceChildren();
  const details = element('details', { id: 'editor-details' });
  if (unread.length > 0 || problems.length > 0 || edits.off.length > 0 || edits.inserted.length > 0 || Object.keys(edits.moved).length > 0) details.open = true;
  details.append(element('summary', {}, 'Make your own what-if: leave events out, move them, insert new ones'));
  if (unread.length > 0)
    details.append(problemList("Parts of the edits in this page's address could not be read, so the page left them out:", unread, 'unread'));
  if (problems.length > 0) details.append(problemList('These edits do not apply, so the page shows the history without them:', problems, 'unapplied'));

  const table = element('table', { class: 'events' });
  table.innerHTML =
    '<caption>Events (untick to leave one out, with what it caused unless you say otherwise; change a date to move it)</caption><thead><tr><th scope="col">in</th><th scope="col">date</th><th scope="col">event</th></tr></thead>';
  const body = element('tbody');
  for (const event of start.events) {
    const row = element('tr', { 'data-id': event.id });
    const include = element('input', { type: 'checkbox', 'aria-label': `include ${event.id}` });
    include.checked = !draft.off.includes(event.id);
    // Left out, an event takes what it caused with it, as in a what-if file: said, and a choice.
    const caused = causedBy(event.id);
    const cascade = element('label', { class: 'cascade', 'data-for': event.id });
    const withCaused = element('input', { type: 'checkbox', 'aria-label': `leave out what ${event.id} caused too` });
    withCaused.checked = !(draft.keep ?? []).includes(event.id);
    cascade.append(withCaused, ` and what it caused: ${caused.join(', ')}`);
    cascade.hidden = caused.length === 0 || include.checked;
    withCaused.addEventListener('change', () => {
      const others = (draft.keep ?? []).filter((id) => id !== event.id);
      draft.keep = withCaused.checked ? others : [...others, event.id];
    });
    include.addEventListener('change', () => {
      draft.off = include.checked ? draft.off.filter((id) => id !== event.id) : [...draft.off, event.id];
      cascade.hidden = caused.length === 0 || include.checked;
    });
    const date = element('input', {
      type: 'text',
      value: draft.moved[event.id] ?? event.date,
      size: '10',
      'aria-label': `date of ${event.id}`,
      pattern: '\\d{4}-\\d{2}(-\\d{2})?',
    });
    date.addEventListener('change', () => {
      if (date.value === event.date) delete draft.moved[event.id];
      else draft.moved[event.id] = date.value.trim();
    });
    const cells = [element('td'), element('td'), element('td', {}, `${event.id} (${event.type})`)];
    cells[0]?.append(include);
    cells[2]?.append(cascade);
    cells[1]?.append(date);
    row.append(...cells);
    body.append(row);
  }
  table.append(body);
  details.append(table);

  // Inserted so far, each with a button to take it out again.
  const inserted = element('ul', { class: 'inserted', 'aria-label': 'events you inserted' });
  const listInserted = () => {
    inserted.replaceChildren();
    draft.inserted.forEach((event, index) => {
      const item = element('li', { 'data-id': event.id }, `${event.date} ${event.type} [${event.id}] `);
      const drop = element('button', { type: 'button', 'aria-label': `take out ${event.id}` }, '×');
      drop.addEventListener('click', () => {
        draft.inserted.splice(index, 1);
        listInserted();
      });
      item.append(drop);
      inserted.append(item);
    });
  };
  listInserted();
  details.append(inserted);
  details.append(
    insertForm(editor, (event) => {
      draft.inserted.push(event);
      listInserted();
    }),
  );

  const buttons = element('div', { class: 'editor-actions' });
  const apply = element('button', { type: 'button', id: 'editor-apply' }, 'replay with these edits');
  apply.addEventListener('click', () => actions.apply(draft));
  const clear = element('button', { type: 'button', id: 'editor-clear' }, 'clear my edits');
  clear.addEventListener('click', () => actions.apply({ off: [], moved: {}, inserted: [] }));
  const save = element('button', { type: 'button', id: 'editor-save' }, 'save as what-if (YAML)');
  // What is saved is what the page shows: the edits as replayed, not the ones still being made.
  const nothingShown =
    problems.length > 0 || (editor.edits.length === 0 && edits.off.length === 0 && edits.inserted.length === 0 && Object.keys(edits.moved).length === 0);
  if (nothingShown) {
    save.disabled = true;
    save.title = problems.length > 0 ? 'the edits do not apply' : 'replay an edit first';
  }
  save.addEventListener('click', () => actions.save());
  buttons.append(apply, clear, save);
  details.append(buttons);
  panel.append(details);
}

// A form for one new event: its type, its payload's fields as the type's schema lists them, an
// id, a date, and why it is supposed (an inserted event is hypothetical).
function insertForm(editor: ViewerEditor, add: (event: ScenarioEvent) => void): HTMLElement {
  const form = element('form', { class: 'insert', 'aria-label': 'insert an event' });
  const types = Object.keys(editor.payloadSchemas);
  const typeSelect = element('select', { id: 'insert-type', name: 'type' });
  for (const type of types) typeSelect.append(element('option', { value: type }, type));
  const field = (label: string, control: HTMLElement) => {
    const wrapper = element('label', {}, `${label} `);
    wrapper.append(control);
    return wrapper;
  };
  const id = element('input', { id: 'insert-id', name: 'id', required: '', placeholder: 'my-event' });
  const date = element('input', { id: 'insert-date', name: 'date', required: '', placeholder: '2023-06', size: '10' });
  const why = element('input', { id: 'insert-why', name: 'hypothetical', required: '', placeholder: 'what if …', size: '40' });
  const payload = element('fieldset', { class: 'payload' });
  const drawPayload = () => {
    payload.replaceChildren(element('legend', {}, `${typeSelect.value} fields`));
    const schema = editor.payloadSchemas[typeSelect.value] as JsonSchema;
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const required = schema.required?.includes(name) ?? false;
      let control: HTMLInputElement | HTMLSelectElement;
      if (property.enum) {
        control = element('select', { name, 'data-field': name });
        if (!required) control.append(element('option', { value: '' }, '—'));
        for (const value of property.enum) control.append(element('option', { value }, value));
      } else {
        control = element('input', { name, 'data-field': name, ...(property.type === 'array' ? { placeholder: 'comma-separated' } : {}) });
        if (required) control.required = true;
      }
      control.dataset.kind = property.type === 'array' ? 'list' : 'text';
      payload.append(field(`${name}${required ? '' : ' (optional)'}`, control));
    }
  };
  typeSelect.addEventListener('change', drawPayload);
  drawPayload();
  const submit = element('button', { type: 'submit', id: 'insert-add' }, 'add this event');
  form.append(field('type', typeSelect), field('id', id), field('date', date), payload, field('why (hypothetical)', why), submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields: Record<string, unknown> = {};
    for (const control of payload.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-field]')) {
      const value = control.value.trim();
      if (value === '') continue;
      fields[control.dataset.field as string] =
        control.dataset.kind === 'list'
          ? value
              .split(',')
              .map((part) => part.trim())
              .filter(Boolean)
          : value;
    }
    add({ id: id.value.trim(), date: date.value.trim(), type: typeSelect.value, payload: fields, hypothetical: why.value.trim() } as ScenarioEvent);
    form.reset();
    drawPayload();
  });
  return form;
}

/**
 * Draws the panel for the page's model and wires what it asks: replaying reloads the page at an
 * address that carries the edits, at the step `current()` gives; saving downloads the what-if
 * file, and only what the page shows (nothing while the edits do not apply, or with none).
 */
export function drawPageEditor(model: ViewerModel, edits: PageEdits, problems: EditorProblems, current: () => number): void {
  drawEditorPanel(document.getElementById('editor') as HTMLElement, model.editor as ViewerEditor, edits, problems, {
    apply: (next) => {
      const part = editsForAddress(next);
      location.hash = `step=${current() + 1}${part ? `&${part}` : ''}`;
      location.reload();
    },
    save: () => {
      const text = problems.unapplied.length === 0 ? whatIfFile(model, edits) : undefined;
      if (text === undefined) {
        (document.getElementById('announce') as HTMLElement).textContent =
          problems.unapplied.length > 0 ? 'Nothing saved: the edits do not apply.' : 'Nothing saved: make an edit and replay it first.';
        return;
      }
      downloadText(text, 'application/yaml', 'your-what-if.yaml');
    },
  });
}
