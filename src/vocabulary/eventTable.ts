import { z } from 'zod';
import { allCodes } from './codes.js';
import { EVENT_PAYLOADS, type EventType } from './events.js';

/** What each event type does to the machine, in words; the statechart is the authority. */
export const EVENT_EFFECTS: Record<EventType, string> = {
  'contact.held':
    'Contact held: the channel has live contact (until it goes stale), and a suspended or refused channel is reopened. Counts only with no office at either end vacant, with every holder on record among the `participants` where it names them, and not when `informal`. Fulfils any request on the channel. Records the date (and the one before, so the gap it closes shows).',
  'channel.suspended':
    'The channel becomes suspended (cut); records which side cut it and when. Ends live contact, and cancels a meeting asked for or agreed on it (the request becomes declined). From normal relations, starts a new freeze.',
  'channel.restored':
    'A suspended channel becomes reopened, with no contact held yet (a lifted ban). A refusal is not lifted this way: it ends with the next contact.',
  'meeting.requested': "The channel's request becomes pending; `for` names the meeting's date, after which the request lapses.",
  'meeting.declined':
    'The request becomes declined, and a working channel becomes refused: no live contact until the next contact. `mode: call` is a refused call.',
  'meeting.accepted': 'The request becomes accepted (with or without a request before it); `for` dates the meeting.',
  'official.appointed': 'The office becomes held by the official. A new holder at either end of a channel ends its live contact: contact must be held anew.',
  'official.inOffice':
    'The office is held by the official on this date (appointed earlier: a scenario that starts mid-term names the holders of the day). As an appointment, for the machine.',
  'official.removed': 'The office becomes vacant, if the official holds it; its channel then has no counterpart and no live contact.',
  'official.absent':
    'The holder was absent from a forum where a meeting with the counterpart could have been held (a no-show): shown and exported; it changes no state, as no meeting was refused (a refused request is an event of its own).',
  'sanctions.imposed':
    "By the US (the default): adds the person to the US sanctions list (context; Beijing's refusals over it are events of their own). By the PRC (on US firms, say): recorded and exported only.",
  'sanctions.lifted': 'Removes the person from the US list (`by: PRC`: recorded only).',
  'leaders.agreedToResume': 'Agreement reached: a commitment, shown as such; it moves no channel (the contacts that follow do, and name it in `causedBy`).',
  'agreement.reached':
    'An agreement to resume or set up military contact, by the leaders or the ministers: the agreement is reached, as with `leaders.agreedToResume`.',
  exchange:
    "An exchange that is no channel the model tracks (a port call, arms-control talks, an academic visit, a forum, a CMC vice chairman's visit): recorded, shown and exported, coded by what happened to it; it changes no state.",
  incident: 'Counted in context, with actor and target; changes no channel (responses are events of their own).',
  'incidents.stopped': 'A pattern of incidents reported to have stopped; counted in context.',
  provocation:
    "Counted in context; changes no channel (the other side's responses are events of their own, linked by `causedBy`). A crackdown is China's, at home; the other kinds are the US's (`taiwanLeaderVisit`: the US lets Taiwan's leader in).",
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
  return ['| type | payload | effect on the machine | CAMEO (Goldstein) | PLOVER |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
