// `thaw run` writes the whole state after every line. Consecutive states share their unchanged
// channels and offices (see nextView), so each of those is turned into JSON once and its
// text reused: the line is the same as JSON.stringify gives, for a fraction of the work.
import type { RelationshipState } from '../machine/view.js';
import { CHANNELS, OFFICES } from '../vocabulary/channels.js';
import type { StreamOutput } from './streamRunner.js';

const texts = new WeakMap<object, string>();

function jsonOf(value: object): string {
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}

/** The JSON of a state, with the same keys in the same order as JSON.stringify. Pure. */
export function stateJson(state: RelationshipState): string {
  let channels = '';
  for (const channel of CHANNELS) channels += `${channels === '' ? '' : ','}"${channel}":${jsonOf(state.channels[channel])}`;
  let offices = '';
  for (const office of OFFICES) offices += `${offices === '' ? '' : ','}"${office}":${jsonOf(state.offices[office])}`;
  return (
    `{"phase":${JSON.stringify(state.phase)},"channels":{${channels}},"offices":{${offices}},"agreement":${JSON.stringify(state.agreement)},` +
    `"sanctioned":${jsonOf(state.sanctioned)},"incidents":${state.incidents},"incidentsStopped":${state.incidentsStopped},"provocations":${state.provocations}}`
  );
}

/**
 * One output line of `thaw run`, exactly as JSON.stringify(output) would write it; without the
 * state when `withState` is false (the phase, changes and notes are enough to follow a stream). Pure.
 */
export function streamOutputJson(output: StreamOutput, withState = true): string {
  const head = JSON.stringify({ line: output.line, id: output.id, date: output.date, type: output.type, phase: output.phase });
  const state = withState ? `,"state":${stateJson(output.state)}` : '';
  return `${head.slice(0, -1)}${state},"changes":${JSON.stringify(output.changes)},"notes":${JSON.stringify(output.notes)}}`;
}
