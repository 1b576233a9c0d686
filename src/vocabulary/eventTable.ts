import { z } from 'zod';
import { allCodes } from './codes.js';
import { EVENT_PAYLOADS, type EventType } from './events.js';

/** What each event type does to the machine, in words; the statechart is the authority. */
export const EVENT_EFFECTS: Record<EventType, string> = {
  'contact.held':
    'Open or reopened channel: contact held, date recorded. Suspended channel: reopened with contact held if the leaders have agreed to resume, else the date is recorded and the channel stays suspended. Fulfils any request on the channel. Ministerial contact needs a seated PRC minister not under US sanctions. `informal` changes nothing.',
  'channel.suspended': 'Open or reopened channel becomes suspended; records which side suspended it.',
  'channel.restored': 'Suspended channel becomes reopened, with no contact held yet.',
  'meeting.requested': "The channel's request becomes pending.",
  'meeting.declined': 'A pending or accepted request becomes declined.',
  'meeting.accepted': 'A pending request becomes accepted.',
  'official.appointed':
    'Seats the official, replacing any holder; the seat is held, clear or sanctioned. Ministerial contact must then be held anew.',
  'official.removed': 'Vacates the seat, if the official holds it.',
  'sanctions.imposed': 'Adds the person to the US sanctions list; if they hold the seat, it becomes sanctioned.',
  'sanctions.lifted': 'Removes the person from the list; if they hold the seat, it becomes clear.',
  'leaders.agreedToResume': 'Agreement reached: from now on a first contact on a suspended channel reopens it.',
  incident: 'Counted in context; changes no channel (responses are events of their own).',
  provocation: "Counted in context; changes no channel (China's responses are events of their own, linked by `causedBy`).",
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
  const rows = allCodes().map(({ type, mode, code }) => {
    const name = mode ? `\`${type}\` (${mode})` : `\`${type}\``;
    const cameo = code.cameo ? `${code.cameo} ${code.cameoName} (${code.goldstein?.toFixed(1)})` : '—';
    const plover = code.plover ? `${code.plover}${code.ploverMode ? ` / ${code.ploverMode}` : ''}` : '—';
    const first = !mode || mode === 'call';
    return `| ${name} | ${first ? payloadSummary(type) : '″'} | ${first ? EVENT_EFFECTS[type] : '″'} | ${cameo} | ${plover} |`;
  });
  return [
    '| type | payload | effect on the machine | CAMEO (Goldstein) | PLOVER |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
