import { z } from 'zod';
import { allCodes } from './codes.js';
import { EVENT_PAYLOADS, type EventType } from './events.js';

/** What each event type does to the machine, in words; the statechart is the authority. */
export const EVENT_EFFECTS: Record<EventType, string> = {
  'contact.held':
    'Contact held: the channel has live contact, and a suspended or refused channel is reopened. Counts only with no office at either end vacant, with every holder on record among the `participants` where it names them, and not when `informal`. Fulfils any request on the channel. Records the date (and the one before, so the gap it closes shows).',
  'channel.suspended': 'The channel becomes suspended (cut); records which side cut it and when. Ends live contact.',
  'channel.restored': 'A suspended channel becomes reopened, with no contact held yet (a lifted ban). A refusal is not lifted this way: it ends with the next contact.',
  'meeting.requested': "The channel's request becomes pending; `for` names the meeting's date, after which the request lapses.",
  'meeting.declined':
    'The request becomes declined, and a working channel becomes refused: no live contact until the next contact. `mode: call` is a refused call.',
  'meeting.accepted': 'The request becomes accepted (with or without a request before it); `for` dates the meeting.',
  'official.appointed':
    'The office becomes held by the official. A new holder at either end of a channel ends its live contact: contact must be held anew.',
  'official.removed': 'The office becomes vacant, if the official holds it; its channel then has no counterpart and no live contact.',
  'sanctions.imposed': 'Adds the person to the US sanctions list (context; Beijing\'s refusals over it are events of their own).',
  'sanctions.lifted': 'Removes the person from the list.',
  'leaders.agreedToResume': "Agreement reached: a commitment, shown as such; it moves no channel (the contacts that follow do, and name it in `causedBy`).",
  incident: 'Counted in context, with actor and target; changes no channel (responses are events of their own).',
  'incidents.stopped': 'A pattern of incidents reported to have stopped; counted in context.',
  provocation: "Counted in context; changes no channel (China's responses are events of their own, linked by `causedBy`).",
  'time.passed': 'Nothing but the date: a request whose meeting date is now past lapses. `thaw replay --at` takes one to give the state on a date.',
};

// `channel`, `by: US|PRC`, `venue?` — from the payload's JSON Schema.
function payloadSummary(type: EventType): string {
  const schema = z.toJSONSchema(EVENT_PAYLOADS[type], { io: 'input' }) as {
    properties?: Record<string, { enum?: string[]; type?: string }>;
    required?: string[];
  };
  const fields = Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const optional = schema.required?.includes(name) ? '' : '?';
    const values = name === 'channel' ? '' : property.enum ? `: ${property.enum.join('\\|')}` : '';
    return `\`${name}${optional}\`${values}`;
  });
  return fields.length > 0 ? fields.join(', ') : '(none)';
}

/** The event table for the README: type, payload, effect, CAMEO (Goldstein) and PLOVER. Pure. */
export function eventTableMarkdown(): string {
  const rows = allCodes().map(({ type, variant, code }, index, all) => {
    const name = variant ? `\`${type}\` (${variant})` : `\`${type}\``;
    const cameo = code.cameo ? `${code.cameo} ${code.cameoName} (${code.goldstein?.toFixed(1)})` : '—';
    const plover = code.plover ? `${code.plover}${code.ploverMode ? ` / ${code.ploverMode}` : ''}` : '—';
    const first = all[index - 1]?.type !== type;
    return `| ${name} | ${first ? payloadSummary(type) : '″'} | ${first ? EVENT_EFFECTS[type] : '″'} | ${cameo} | ${plover} |`;
  });
  return [
    '| type | payload | effect on the machine | CAMEO (Goldstein) | PLOVER |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
