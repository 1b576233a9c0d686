import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseScenario } from '../../src/index.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';
import { certainlyAfter, parsePartialDate } from '../../src/vocabulary/dates.js';

const ARTICLE = 'China froze high-level military contacts. Later, the two sides spoke by phone.';

const VALID = `id: small
title: A small scenario
description: Two events and a checkpoint.
sources:
  scmp:
    file: scmp.txt
    outlet: SCMP
    headline: A headline
    date: 2024-04
events:
  - id: freeze
    date: 2022-08
    type: channel.suspended
    payload: { channel: chiefs, by: PRC }
    source: { article: scmp, quote: "China froze high-level military contacts" }
  - id: call
    date: 2023-12
    type: contact.held
    payload: { channel: chiefs, mode: call }
    source: { article: scmp, quote: "the two sides spoke by phone" }
checkpoints:
  - id: frozen
    after: freeze
    reportedBy: scmp
    quote: "China froze high-level military contacts"
    claim: The chiefs' channel is suspended.
    expect:
      phase: channelsSuspended
      channels:
        chiefs: { link: suspended }
`;

function problems(text: string, articleText: (name: string) => string | null | undefined = () => ARTICLE): string[] {
  const result = parseScenario(text, { file: 'x.yaml', articleText });
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('parseScenario', () => {
  it('should load a valid scenario', () => {
    const result = parseScenario(VALID, { file: 'x.yaml', articleText: () => ARTICLE });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.scenario.events.map((event) => event.type)).toEqual(['channel.suspended', 'contact.held']);
  });

  it('should locate YAML syntax errors', () => {
    expect(problems(VALID.replace('title: A small scenario', 'title: [unclosed'))).toMatchInlineSnapshot(`
      [
        "x.yaml:3:1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]",
      ]
    `);
  });

  it('should suggest the event type that was meant', () => {
    expect(problems(VALID.replace('type: contact.held', 'type: contact.hold'))).toMatchInlineSnapshot(`
      [
        "x.yaml:18:11: events[1].type: unknown event type "contact.hold"; did you mean "contact.held"? (the event types are: contact.held, channel.suspended, channel.restored, meeting.requested, meeting.declined, meeting.accepted, official.appointed, official.inOffice, official.removed, official.absent, sanctions.imposed, sanctions.lifted, leaders.agreedToResume, agreement.reached, exchange, incident, incidents.stopped, provocation, time.passed)",
      ]
    `);
  });

  it("should take each message from its schema: a date's, causedBy's, an expectation's channels", () => {
    expect(problems(VALID.replace('        chiefs: { link: suspended }', '        cheifs: { link: suspended }'))).toEqual([
      'x.yaml:30:9: checkpoints[0].expect.channels.cheifs: unknown channel "cheifs"; did you mean "chiefs"? (expected one of: leaders, ministerial, chiefs, theater, policyTalks, maritimeTalks, attache)',
    ]);
    expect(problems(VALID.replace('    expect:\n', '    at: 2023\n    expect:\n').replace('    after: freeze\n', ''))).toEqual([
      'x.yaml:26:9: checkpoints[0].at: expected a date as YYYY-MM-DD or YYYY-MM, got 2023',
    ]);
    const withCause = VALID.replace('    type: contact.held\n', '    type: contact.held\n    causedBy: { id: freeze }\n');
    expect(problems(withCause)).toEqual(['x.yaml:19:15: events[1].causedBy: expected an event id or a list of event ids, got {"id":"freeze"}']);
  });

  it('should name an unknown channel and suggest one', () => {
    expect(problems(VALID.replace('{ channel: chiefs, mode: call }', '{ channel: cheifs, mode: call }'))).toMatchInlineSnapshot(`
      [
        "x.yaml:19:25: events[1].payload.channel: unknown channel: "cheifs"; did you mean "chiefs"? (expected one of: leaders, ministerial, chiefs, theater, policyTalks, maritimeTalks, attache)",
      ]
    `);
  });

  it('should report every problem in a file at once, in line order', () => {
    const broken = VALID.replace('date: 2023-12', 'date: 2021-13')
      .replace('{ channel: chiefs, by: PRC }', '{ channel: chiefs, by: PRC, reason: no }')
      .replace('id: call', 'id: Call')
      .replace('    expect:\n      phase: channelsSuspended', '    expect:\n      phase: frozen');
    expect(problems(broken)).toMatchInlineSnapshot(`
      [
        "x.yaml:14:42: events[0].payload.reason: unknown field "reason" (allowed here: channel, by)",
        "x.yaml:16:9: events[1].id: use lower-case letters, digits and hyphens, e.g. "pelosi-visit"",
        "x.yaml:17:11: events[1].date: expected a date as YYYY-MM-DD or YYYY-MM",
        "x.yaml:28:14: checkpoints[0].expect.phase: not allowed: "frozen" (expected one of: normal, channelsSuspended, partiallyRestored, ministerialResumed)",
      ]
    `);
  });

  it('should report dates out of order, duplicate ids and dangling references', () => {
    const broken = VALID.replace('date: 2023-12', 'date: 2021-12')
      .replace('id: call', 'id: freeze')
      .replace('after: freeze', 'after: freez')
      .replace('reportedBy: scmp', 'reportedBy: smcp');
    expect(problems(broken)).toMatchInlineSnapshot(`
      [
        "x.yaml:16:9: events[1].id: duplicate event id "freeze" (first used at line 11)",
        "x.yaml:17:11: events[1].date: date 2021-12 is before the previous event's date 2022-08 ("freeze"); list events in date order",
        "x.yaml:23:12: checkpoints[0].after: checkpoint names unknown event "freez"; did you mean "freeze"?",
        "x.yaml:24:17: checkpoints[0].reportedBy: unknown article "smcp"; did you mean "scmp"? (sources: scmp)",
      ]
    `);
  });

  it('should find a quote that is not in its article', () => {
    const broken = VALID.replace('"the two sides spoke by phone"', '"the two sides spoke by video"');
    expect(problems(broken)).toMatchInlineSnapshot(`
      [
        "x.yaml:20:37: events[1].source.quote: quote not found verbatim in article "scmp" (scmp.txt)",
      ]
    `);
  });

  it('should skip the quote check without article texts, and report a missing article file', () => {
    const broken = VALID.replace('"the two sides spoke by phone"', '"the two sides spoke by video"');
    expect(problems(broken, () => undefined)).toEqual([]);
    expect(problems(VALID, () => null)).toMatchInlineSnapshot(`
      [
        "x.yaml:6:11: sources.scmp.file: article file "scmp.txt" is not in the sources folder",
      ]
    `);
  });

  it('should report missing fields where their mapping starts', () => {
    expect(problems(VALID.replace('    date: 2022-08\n', ''))).toMatchInlineSnapshot(`
      [
        "x.yaml:11:5: events[0]: missing required field "date" (string)",
      ]
    `);
  });

  it('should locate an alias without an anchor, and refuse alias bombs', () => {
    expect(problems('id: x\ntitle: *nowhere\n')).toMatchInlineSnapshot(`
      [
        "x.yaml:2:8: YAML: Unresolved alias (the anchor must be set before the alias): nowhere",
      ]
    `);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const name of ['b', 'c', 'd', 'e']) {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    expect(problems(bomb.join('\n'))).toMatchInlineSnapshot(`
      [
        "x.yaml:1:1: YAML: Excessive alias count indicates a resource exhaustion attack",
      ]
    `);
  });

  it('should reject a document that is not a mapping', () => {
    expect(problems('- just\n- a list\n')).toMatchInlineSnapshot(`
      [
        "x.yaml:1:1: a scenario is a YAML mapping with id, title, description, sources, events and checkpoints",
      ]
    `);
  });

  it('should require a causedBy to name an earlier event', () => {
    const broken = VALID.replace('    type: channel.suspended\n', '    type: channel.suspended\n    causedBy: call\n');
    expect(problems(broken)).toMatchInlineSnapshot(`
      [
        "x.yaml:14:15: events[0].causedBy: causedBy names "call", which is not an earlier event",
      ]
    `);
  });

  it('should still check the common fields of an event whose type is unknown', () => {
    const broken = VALID.replace('type: contact.held', 'type: contact.hold').replace('date: 2023-12', 'date: 2023-13');
    const found = problems(broken);
    expect(found).toHaveLength(2);
    expect(found[0]).toBe('x.yaml:17:11: events[1].date: expected a date as YYYY-MM-DD or YYYY-MM');
    expect(found[1]).toMatch(/^x\.yaml:18:11: events\[1\]\.type: unknown event type "contact\.hold"/);
  });

  it('should require exactly one of after or at on a checkpoint, whatever else is wrong with it', () => {
    const both = VALID.replace('    after: freeze\n', '    after: freeze\n    at: 2023-01\n').replace('phase: channelsSuspended', 'phase: frozen');
    expect(problems(both)).toMatchInlineSnapshot(`
      [
        "x.yaml:22:5: checkpoints[0]: give exactly one of "after" (an event id) or "at" (a date)",
        "x.yaml:29:14: checkpoints[0].expect.phase: not allowed: "frozen" (expected one of: normal, channelsSuspended, partiallyRestored, ministerialResumed)",
      ]
    `);
    const neither = VALID.replace('    after: freeze\n', '');
    expect(problems(neither)).toMatchInlineSnapshot(`
      [
        "x.yaml:22:5: checkpoints[0]: give exactly one of "after" (an event id) or "at" (a date)",
      ]
    `);
  });

  it('should name a missing field that takes one of a set of values', () => {
    expect(problems(VALID.replace('{ channel: chiefs, by: PRC }', '{ channel: chiefs }'))).toMatchInlineSnapshot(`
      [
        "x.yaml:14:14: events[0].payload: missing required field "by" (one of: US, PRC)",
      ]
    `);
  });

  it('should point at a malformed article id as a key', () => {
    expect(problems(VALID.replaceAll('scmp', 'SCMP'))).toContain(
      'x.yaml:5:3: sources.SCMP: bad id "SCMP": use lower-case letters, digits and hyphens, e.g. "pelosi-visit"',
    );
  });

  it('should refuse a year alone, an infinite number and a day that does not exist as dates', () => {
    expect(problems(VALID.replace('date: 2022-08', 'date: 2022'))).toEqual([
      'x.yaml:12:11: events[0].date: expected a date as YYYY-MM-DD or YYYY-MM, got 2022',
    ]);
    expect(problems(VALID.replace('date: 2022-08', 'date: 1e400'))).toEqual([
      'x.yaml:12:11: events[0].date: expected a date as YYYY-MM-DD or YYYY-MM, got Infinity',
    ]);
    expect(problems(VALID.replace('date: 2022-08', 'date: 2023-02-29'))).toEqual(['x.yaml:12:11: events[0].date: no such day in that month']);
  });

  it('should know the calendar of the first century too (Date.UTC reads year 0 as 1900)', () => {
    expect(parsePartialDate('0000-02-29')?.end).toBe('0000-02-29');
    expect(parsePartialDate('0004-02-29')?.precision).toBe('day');
    expect(parsePartialDate('0100-02-29')).toBeUndefined();
    expect(parsePartialDate('0000-02')?.end).toBe('0000-02-29');
    expect(problems(VALID.replace('date: 2022-08', 'date: 0000-02-29'))).toEqual([]);
  });

  it("should end every month of every year 0000-9999 on the day JavaScript's calendar does", () => {
    const wrong: string[] = [];
    for (let year = 0; year <= 9999; year += 1) {
      for (let month = 1; month <= 12; month += 1) {
        const date = new Date(0);
        date.setUTCFullYear(year, month, 0);
        const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
        if (parsePartialDate(text)?.end !== `${text}-${String(date.getUTCDate()).padStart(2, '0')}`) wrong.push(text);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("should take a day exactly when it is written YYYY-MM-DD and is a day of JavaScript's calendar", () => {
    // Days, and days that are not (month 0 or 13, day 0 or 32), of years with and without a leap
    // day; and such texts with one character changed for another that is nearly a digit.
    const days = fc
      .tuple(fc.constantFrom(0, 1, 1900, 2000, 2023, 2024, 9999), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([year, month, day]) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    const nearly = fc
      .tuple(days, fc.nat(9), fc.constantFrom(...'0123456789-/: a'.split('')))
      .map(([text, at, character]) => `${text.slice(0, at)}${character}${text.slice(at + 1)}`);
    fc.assert(
      fc.property(fc.oneof(days, nearly), (text) => {
        const [year, month, day] = text.split('-').map(Number) as [number, number, number];
        const date = new Date(0);
        date.setUTCFullYear(year, month - 1, day);
        const real = /^\d{4}-\d{2}-\d{2}$/.test(text) && month >= 1 && month <= 12 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
        expect(parsePartialDate(text), text).toEqual(real ? { text, precision: 'day', start: text, end: text } : undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('should refuse a "__proto__" key rather than drop it with what is under it', () => {
    const underChannels = VALID.replace('        chiefs: { link: suspended }\n', '        chiefs: { link: suspended }\n        __proto__: { link: open }\n');
    expect(problems(underChannels)).toEqual(['x.yaml:31:9: checkpoints[0].expect.channels.__proto__: unknown field "__proto__" (no field has this name)']);
    const underSources = VALID.replace('sources:\n', 'sources:\n  "__proto__": { file: a.txt, outlet: A, headline: H, date: 2024-04 }\n');
    expect(problems(underSources)).toEqual(['x.yaml:5:3: sources.__proto__: unknown field "__proto__" (no field has this name)']);
  });

  it('should give editors the date pattern in the JSON Schema', () => {
    const schema = scenarioJsonSchema() as { properties: { sources: { additionalProperties: { properties: { date: { pattern?: string } } } } } };
    const pattern = schema.properties.sources.additionalProperties.properties.date.pattern;
    const datePattern = pattern === undefined ? undefined : new RegExp(pattern);
    expect(datePattern?.test('2023-11-15')).toBe(true);
    expect(datePattern?.test('2023-13')).toBe(false);
    expect(datePattern?.test('2023')).toBe(false);
  });
});

describe('parseScenario: how an event is known, causes and checkpoint quotes', () => {
  it('should say what an event lacks when it gives no source, outside fact, inference or hypothesis', () => {
    const bare = VALID.replace('    source: { article: scmp, quote: "the two sides spoke by phone" }\n', '');
    expect(problems(bare)).toEqual([
      'x.yaml:16:5: events[1]: missing "source" (article and verbatim quote); a fact from outside the articles has "outside" (outlet, date, address), an inference "inferred" (from what), an event that did not happen "hypothetical"',
    ]);
    const outside = bare.replace(
      '    payload: { channel: chiefs, mode: call }\n',
      '    payload: { channel: chiefs, mode: call }\n    outside: [{ fact: They spoke., outlet: A paper, url: "ftp://x" }]\n',
    );
    expect(problems(outside)).toEqual(['x.yaml:20:58: events[1].outside[0].url: expected an http(s) address']);
    expect(problems(outside.replace('ftp://x', 'https://example.org/a'))).toEqual([]);
    const both = bare.replace(
      '    payload: { channel: chiefs, mode: call }\n',
      '    payload: { channel: chiefs, mode: call }\n    hypothetical: a test\n    inferred: a guess\n',
    );
    // A what-if's event may rest on an inference: it is hypothetical, and --reported-only leaves it out.
    expect(problems(both)).toEqual([]);
  });

  it('should check every cause in a list, at its place', () => {
    const listed = VALID.replace(
      '    source: { article: scmp, quote: "the two sides spoke by phone" }\n',
      '    source: { article: scmp, quote: "the two sides spoke by phone" }\n    causedBy: [freeze, frieze]\n',
    );
    expect(problems(listed)).toEqual(['x.yaml:21:24: events[1].causedBy[1]: causedBy names unknown event "frieze"; did you mean "freeze"?']);
  });

  it('should require a reported checkpoint to quote its article, verbatim', () => {
    expect(problems(VALID.replace('    quote: "China froze high-level military contacts"\n', ''))).toEqual([
      'x.yaml:22:5: checkpoints[0]: missing "quote": the sentence of "scmp" the claim rests on, verbatim',
    ]);
    expect(problems(VALID.replace('quote: "China froze high-level military contacts"\n    claim', 'quote: "China froze everything"\n    claim'))).toEqual([
      'x.yaml:25:12: checkpoints[0].quote: quote not found verbatim in article "scmp" (scmp.txt)',
    ]);
  });
});

describe('problem messages from hostile values', () => {
  it('should escape control characters, so a value can neither drive the terminal nor forge a line', () => {
    const hostile = VALID.replace('type: contact.held', 'type: "\\e[2J\\e]0;pwned\\a\\nx.yaml:1:1: id: everything is fine"');
    const found = problems(hostile);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^x\.yaml:18:11: events\[1\]\.type: unknown event type "\\e\[2J\\e\]0;pwned\\u0007\\nx\.yaml:1:1: id: everything is fine"/);
    expect(found[0]).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('dates', () => {
  it('should say an event is certainly after a date exactly when its first possible day is after the last day the date can mean', () => {
    const dates = ['2023-01', '2023-01-01', '2023-01-31', '2023-02', '2023-02-01', '2023-02-28', '2023-11-16', '2023-11', '2023-12', '2024-02-29'];
    for (const date of dates) {
      for (const limit of dates) {
        const expected = (parsePartialDate(date)?.start ?? '') > (parsePartialDate(limit)?.end ?? '');
        expect(certainlyAfter(date, limit), `${date} after ${limit}`).toBe(expected);
      }
    }
  });
});
