// `thaw run` writes the whole state after every line, most of it as it was on the line before:
// consecutive states share their unchanged channels and offices, and an event that changes
// nothing keeps the state itself (see nextView). Each such object is turned into JSON once and
// its text reused while the lines keep sharing it, so a line costs what changed, not the whole
// state. That relies on views never being changed once built, which holds for every view the
// library makes (it builds a new one instead, and the tests freeze them), and on the key order
// viewOfValue and nextView give.
import type { RelationshipState } from '../machine/view.js';
import type { StreamOutput } from './streamRunner.js';

// The text last written for each part of a state, by where the part sits: consecutive lines
// share parts with the line just before, so the last one is all there is to remember (a
// WeakMap of every part ever written would make each garbage collection walk it).
const lastText = new Map<string, { value: object; text: string }>();

// The text written for `value` at `place` on the line before, if it is the same object.
function remembered(place: string, value: object): string | undefined {
  const last = lastText.get(place);
  return last !== undefined && last.value === value ? last.text : undefined;
}

function remember(place: string, value: object, text: string): string {
  lastText.set(place, { value, text });
  return text;
}

function jsonOf(place: string, value: object): string {
  return remembered(place, value) ?? remember(place, value, JSON.stringify(value));
}

// A record of shared objects (the channels, the offices), itself shared while none of them
// changes: its keys in its own order, as JSON.stringify writes it.
function recordJson(place: string, record: Record<string, object>): string {
  const known = remembered(place, record);
  if (known !== undefined) return known;
  let text = '';
  for (const key in record) text += `${text === '' ? '{' : ','}${JSON.stringify(key)}:${jsonOf(`${place}.${key}`, record[key] as object)}`;
  return remember(place, record, text === '' ? '{}' : `${text}}`);
}

/** The JSON of a state the library built, the same text as JSON.stringify(state). */
export function stateJson(state: RelationshipState): string {
  const known = remembered('state', state);
  if (known !== undefined) return known;
  const { phase, channels, offices, agreement, sanctioned, incidents, incidentsStopped, provocations, ...rest } = state;
  // A field this writer does not know would be lost: JSON.stringify writes the state then.
  if (Object.keys(rest).length > 0) return JSON.stringify(state);
  return remember(
    'state',
    state,
    `{"phase":${JSON.stringify(phase)},"channels":${recordJson('channels', channels)},"offices":${recordJson('offices', offices)},"agreement":${JSON.stringify(agreement)},` +
      `"sanctioned":${jsonOf('sanctioned', sanctioned)},"incidents":${incidents},"incidentsStopped":${incidentsStopped},"provocations":${provocations}}`,
  );
}

/**
 * One output line of `thaw run`, the same text as JSON.stringify(output); without the state when
 * `withState` is false (the phase, changes and notes are enough to follow a stream).
 */
export function streamOutputJson(output: StreamOutput, withState = true): string {
  const { line, id, date, type, phase, state, changes, notes } = output;
  const head = `{"line":${line},"id":${JSON.stringify(id)},"date":${JSON.stringify(date)},"type":${JSON.stringify(type)},"phase":${JSON.stringify(phase)}`;
  return `${head}${withState ? `,"state":${stateJson(state)}` : ''},"changes":${JSON.stringify(changes)},"notes":${JSON.stringify(notes)}}`;
}
