import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { z } from 'zod';
import { chartFonts } from '../../src/data/chartPng.js';
import { csvField, toCsv } from '../../src/data/csv.js';
import { CAMEO_COLUMNS, cameoRows, ploverRecords } from '../../src/data/eventRecords.js';
import { channelCuts, monthlySeries, monthsOf } from '../../src/data/series.js';
import { fromPlover } from '../../src/datasets/ploverImport.js';
import { readCandidates } from '../../src/explore/candidatesFile.js';
import { formatProblem, readScenario, readWhatIf, replay, type Scenario, type ScenarioEvent, StreamRunner } from '../../src/index.js';
import { toMachineEvent } from '../../src/replay/replay.js';
import { CHANNEL_LABELS, CHANNELS } from '../../src/vocabulary/channels.js';
import { allCodes, codeOf } from '../../src/vocabulary/codes.js';
import { EVENT_TYPES } from '../../src/vocabulary/events.js';
import { thaw } from '../support/thaw.js';

const root = join(import.meta.dirname, '..', '..');
const record = readScenario(join(root, 'test', 'fixtures', 'frozen', 'record.yaml'), { sourcesDir: null });
const recordRun = replay(record);
const whatIfFile = join(root, 'test', 'fixtures', 'frozen', 'what-if', 'li-sanctions-lifted.yaml');

// PLOVER's record layout (openeventdata/PLOVER), with this project's basis fields beside it.
const PLOVER_TYPES = [
  'AGREE',
  'CONSULT',
  'SUPPORT',
  'CONCEDE',
  'COOPERATE',
  'AID',
  'RETREAT',
  'REQUEST',
  'ACCUSE',
  'REJECT',
  'THREATEN',
  'PROTEST',
  'SANCTION',
  'MOBILIZE',
  'COERCE',
  'ASSAULT',
] as const;
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const party = z.strictObject({ country: z.string().regex(/^[A-Z]{3}$/), office: z.string().min(1).optional(), name: z.string().min(1).optional() });
const PloverLayout = z
  .strictObject({
    id: z.string().min(1),
    date: isoDay,
    enddate: isoDay.optional(),
    actor: z.array(party).min(1),
    recipient: z.array(party),
    event: z.enum(PLOVER_TYPES).nullable(),
    mode: z.string().min(1).nullable(),
    context: z.array(z.string()).min(1),
    text: z.string().min(1),
    link: z.url().nullable(),
    cite_info: z.string().min(1).nullable(),
    basis: z.enum(['reported', 'outside', 'inferred', 'hypothetical']),
    basis_note: z.string().nullable(),
    thaw_type: z.enum(EVENT_TYPES),
    thaw_payload: z.record(z.string(), z.unknown()),
  })
  .refine((record) => record.enddate === undefined || record.enddate >= record.date, 'enddate before date');

const event = (id: string, date: string, type: string, payload: Record<string, unknown>): ScenarioEvent =>
  ({ id, date, type, payload, hypothetical: 'a test' }) as ScenarioEvent;
const scenarioOf = (events: ScenarioEvent[]): Scenario =>
  ({ id: 'small', title: 'Small', description: 'A hand-checked history.', sources: {}, events, checkpoints: [] }) as Scenario;

describe('thaw data events', () => {
  it('should give every event of the record as a PLOVER record in the layout, or say why it cannot', () => {
    const { records, uncoded } = ploverRecords(recordRun);
    expect(records.map((plover) => plover.id)).toEqual(record.events.map((candidate) => candidate.id));
    for (const plover of records) expect(PloverLayout.safeParse(plover).error?.issues ?? [], plover.id).toEqual([]);
    // Office changes have no PLOVER type: written with event null, and said so.
    const noType = record.events
      .filter((candidate) => codeOf(toMachineEvent(candidate) as Parameters<typeof codeOf>[0]).plover === null)
      .map((candidate) => candidate.id);
    expect(uncoded.map((left) => left.id)).toEqual(noType);
    expect(records.filter((plover) => plover.event === null).map((plover) => plover.id)).toEqual(noType);
    // The ministers' call names the offices at either end, held by the ministers of the day.
    const call = records.find((plover) => plover.id === 'austin-dong-call');
    expect(call?.actor[0]).toMatchObject({ country: 'USA', office: 'US Secretary of Defense', name: 'Lloyd Austin' });
    expect(call?.recipient[0]).toMatchObject({ country: 'CHN', office: 'PRC Minister of National Defense', name: 'Dong Jun' });
    // Its article's text has no headline of its own: the description is bracketed, not quoted.
    expect(call?.cite_info).toMatch(/^Financial Times \(reworded copy\), \[.+\], reported \d{4}-\d{2}$/);
    expect(records.find((plover) => plover.id === 'jakarta-request')?.cite_info).toMatch(/^Bloomberg, ".+", reported 2023-11-06$/);
    // An event known to the month runs from its first day to its last.
    const monthOnly = records.find((plover) => /^\d{4}-\d{2}$/.test(record.events.find((candidate) => candidate.id === plover.id)?.date ?? ''));
    expect(monthOnly?.enddate).toMatch(/^\d{4}-\d{2}-(28|29|30|31)$/);
    // Inferred events are marked, never passed off as reported.
    const inferred = record.events.filter((candidate) => candidate.inferred !== undefined).map((candidate) => candidate.id);
    expect(inferred.length).toBeGreaterThan(0);
    for (const plover of records.filter((candidate) => inferred.includes(candidate.id))) expect(plover.basis).toBe('inferred');
  });

  it("should give CAMEO codes and Goldstein values from the one code table, and mark a what-if's inserted events hypothetical", () => {
    const { records } = cameoRows(recordRun);
    for (const row of records) {
      const code = codeOf(toMachineEvent(record.events.find((candidate) => candidate.id === row.id) as ScenarioEvent) as Parameters<typeof codeOf>[0]);
      expect([row.cameo, row.goldstein, row.cameo_name]).toEqual([code.cameo, code.goldstein, code.cameoName]);
      expect(row.cameo === null || /^\d{3,4}$/.test(row.cameo as string)).toBe(true);
    }
    const whatIf = readWhatIf(whatIfFile, { sourcesDir: null });
    const inserted = whatIf.scenario.events.filter((candidate) => !whatIf.base.events.some((base) => base.id === candidate.id));
    expect(inserted.length).toBeGreaterThan(0);
    const rows = cameoRows(replay(whatIf.scenario)).records;
    for (const id of inserted.map((candidate) => candidate.id)) {
      const row = rows.find((candidate) => candidate.id === id);
      if (row) expect(row.basis, id).toBe('hypothetical');
    }
  });

  it('should map every event type, mode and kind of the vocabulary', () => {
    const coded = new Set(allCodes().map((row) => row.type));
    expect([...coded].sort()).toEqual([...EVENT_TYPES].sort());
    for (const row of allCodes()) {
      // A code and its Goldstein value come together; a type CAMEO lacks says so by name.
      expect(row.code.goldstein === null).toBe(row.code.cameo === null);
      expect(row.code.cameoName.length).toBeGreaterThan(0);
    }
  });

  it("should code a strike as force used, not shown, and a crackdown as China's act at home", () => {
    const run = replay(
      scenarioOf([
        event('crackdown', '1989-06-03', 'provocation', { kind: 'crackdown', actor: "the People's Liberation Army" }),
        event('strike', '1999-05-07', 'incident', { kind: 'strike', actor: 'USA', target: 'CHN' }),
        event('intercept', '1999-06', 'incident', { kind: 'intercept', actor: 'CHN', target: 'USA' }),
      ]),
    );
    const rows = cameoRows(run).records;
    expect(rows.map((row) => [row.id, row.cameo, row.goldstein, row.source_country, row.target_country])).toEqual([
      ['crackdown', '175', -9, 'CHN', 'CHN'],
      ['strike', '195', -10, 'USA', 'CHN'],
      ['intercept', '150', -7.2, 'CHN', 'USA'],
    ]);
    expect(ploverRecords(run).records.map((record) => [record.event, record.mode])).toEqual([
      ['ASSAULT', null],
      ['ASSAULT', 'heavy-weapons'],
      ['MOBILIZE', 'weapons'],
    ]);
  });

  it('should write CSV that quotes what needs quoting, and the CLI writes both formats', async () => {
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField(null)).toBe('');
    expect(toCsv(['a', 'b'], [{ a: 1, b: 'x\ny' }])).toBe('a,b\n1,"x\ny"\n');
    const cameo = await thaw(['data', 'events', '--format', 'cameo']);
    expect(cameo.code).toBe(0);
    expect(cameo.stdout.split('\n')[0]).toBe(CAMEO_COLUMNS.join(','));
    expect(cameo.stderr).toMatch(/thaw data: dong-appointed has no code: CAMEO has no code for official\.appointed; written with an empty code/);
    const plover = await thaw(['data', 'events', whatIfFile]);
    expect(plover.code).toBe(0);
    const lines = plover.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.some((line) => line.basis === 'hypothetical')).toBe(true);
  });
});

describe('thaw data series and durations', () => {
  // Checked by hand: the ministers' channel is cut in January 2023, an incident in March, a
  // call reopens the channel in April; the chiefs' channel is never touched.
  const small = replay(
    scenarioOf([
      event('austin', '2021-01', 'official.appointed', { office: 'usDefenseSecretary', name: 'Lloyd Austin' }),
      event('wei', '2021-01', 'official.appointed', { office: 'prcDefenseMinister', name: 'Wei Fenghe' }),
      event('cut', '2023-01-10', 'channel.suspended', { channel: 'ministerial', by: 'PRC' }),
      event('intercept', '2023-03', 'incident', { kind: 'intercept', actor: 'CHN', target: 'USA' }),
      event('call', '2023-04-20', 'contact.held', { channel: 'ministerial', mode: 'call' }),
    ]),
  );

  it('should give the state at each month end, from the month before the first change of phase', () => {
    expect(monthsOf(small)).toEqual(['2022-12', '2023-01', '2023-02', '2023-03', '2023-04']);
    const rows = monthlySeries(small, 'small');
    expect(rows.map((row) => [row.month, row.phase, row.links.ministerial, row.links.chiefs, row.incidents, row.incidentsInMonth])).toEqual([
      ['2022-12', 'normal', 'open.quiet', 'open.quiet', 0, 0],
      ['2023-01', 'channelsSuspended', 'suspended', 'open.quiet', 0, 0],
      ['2023-02', 'channelsSuspended', 'suspended', 'open.quiet', 0, 0],
      ['2023-03', 'channelsSuspended', 'suspended', 'open.quiet', 1, 1],
      // The only channel cut has contact again: relations are normal.
      ['2023-04', 'normal', 'reopened.contactHeld', 'open.quiet', 1, 0],
    ]);
    expect(rows.at(-1)?.monthsSinceContact.ministerial).toBe(0);
    expect(rows.at(-1)?.monthsSinceContact.chiefs).toBeNull();
  });

  it('should give each cut: how, by whom, from when, when it reopened and for how long', () => {
    expect(channelCuts(small, 'small')).toEqual([
      {
        history: 'small',
        channel: 'ministerial',
        from: '2023-01-10',
        fromEvent: 'cut',
        how: 'suspended',
        by: 'PRC',
        reopened: '2023-04-20',
        reopenedBy: 'call',
        months: 3,
        ongoing: false,
      },
    ]);
    // A lifted ban ends a suspension: the record's theater talks, cancelled in August 2022, are
    // restored at San Francisco, with no contact held on them since.
    const theater = channelCuts(recordRun, 'record').find((cut) => cut.channel === 'theater');
    expect(theater).toMatchObject({ how: 'suspended', reopened: '2023-11-15', reopenedBy: 'theater-talks-restored', ongoing: false });
  });

  it("should give a what-if's two histories side by side, over the same months", async () => {
    const { code, stdout } = await thaw(['data', 'series', whatIfFile, '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Array<{ history: string; month: string }>;
    const months = (history: string) => rows.filter((row) => row.history === history).map((row) => row.month);
    expect(new Set(rows.map((row) => row.history)).size).toBe(2);
    expect(months('record')).toEqual(months(rows.at(-1)?.history as string));
    const durations = await thaw(['data', 'durations', whatIfFile]);
    expect(durations.stdout.split('\n')[0]).toBe('history,channel,how,by,from,from_event,reopened,reopened_by,months,ongoing');
    expect(durations.stdout).toMatch(/^record,ministerial,refused,PRC,/m);
  });
});

describe('thaw chart', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  // Every <text> in the SVG, wherever it sits.
  const texts = (node: unknown): string[] => {
    if (node === null || typeof node !== 'object') return [];
    return Object.entries(node).flatMap(([key, value]) => {
      if (key === 'text')
        return (Array.isArray(value) ? value : [value]).map((text) =>
          typeof text === 'object' && text !== null ? String((text as Record<string, unknown>)['#text'] ?? '') : String(text),
        );
      return Array.isArray(value) ? value.flatMap(texts) : texts(value);
    });
  };

  it('should draw one lane per channel under the phase, with a title, a legend and the sources, as SVG that parses', async () => {
    const work = mkdtempSync(join(tmpdir(), 'thaw-chart-'));
    try {
      const out = join(work, 'chart.svg');
      const { code, stderr } = await thaw(['chart', '--out', out]);
      expect(code, stderr).toBe(0);
      const svg = readFileSync(out, 'utf8');
      expect(XMLValidator.validate(svg)).toBe(true);
      const words = texts(parser.parse(svg));
      for (const channel of CHANNELS)
        expect(
          words.filter((word) => word === CHANNEL_LABELS[channel]),
          channel,
        ).toHaveLength(1);
      expect(words).toContain('phase');
      expect(words).toContain(record.title);
      expect(words).toEqual(expect.arrayContaining(['suspended', 'reopened, contact held', 'ministerial contact resumed']));
      for (const article of Object.values(record.sources)) expect(words.some((word) => word.includes(article.headline))).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("should put a what-if's lane under the record's, channel by channel", async () => {
    const { code, stdout } = await thaw(['chart', whatIfFile]);
    expect(code).toBe(0);
    const words = texts(parser.parse(stdout));
    for (const channel of CHANNELS) {
      const record = words.indexOf(`${CHANNEL_LABELS[channel]} · record`);
      expect(record, channel).toBeGreaterThanOrEqual(0);
      expect(words[record + 1]).toBe(`${CHANNEL_LABELS[channel]} · what-if`);
    }
  });
});

describe('PLOVER records read back', () => {
  it("should replay the record exported as PLOVER and read back to the same checkpoints, through thaw run's reader too", () => {
    const lines = ploverRecords(recordRun).records.map((plover) => JSON.stringify(plover));
    const events = lines.map((line) => {
      const placed = fromPlover(JSON.parse(line) as Record<string, unknown>);
      if (!placed.ok) throw new Error(placed.reason);
      return placed.event as unknown as ScenarioEvent;
    });
    expect(events.map((candidate) => [candidate.id, candidate.date, candidate.type])).toEqual(
      record.events.map((candidate) => [candidate.id, candidate.date, candidate.type]),
    );
    const back = replay({ ...record, events });
    expect(back.verdicts.map((verdict) => [verdict.checkpoint.id, verdict.holds])).toEqual(
      recordRun.verdicts.map((verdict) => [verdict.checkpoint.id, verdict.holds]),
    );
    expect(back.steps.at(-1)?.state).toEqual(recordRun.steps.at(-1)?.state);
    // What was reported comes back as an outside fact citing the article; inferences stay inferences.
    expect(events.find((candidate) => candidate.id === 'austin-dong-call')?.outside?.[0]?.outlet).toMatch(/reported \d{4}-\d{2}/);
    expect(events.filter((candidate) => candidate.inferred !== undefined).map((candidate) => candidate.id)).toEqual(
      record.events.filter((candidate) => candidate.inferred !== undefined).map((candidate) => candidate.id),
    );

    const runner = new StreamRunner('record.plover.jsonl');
    const results = lines.map((line, index) => runner.accept(line, index + 1));
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(runner.current).toEqual(recordRun.steps.at(-1)?.state);
  });

  it('should place records from elsewhere where the mapping allows, and say why not where it does not', () => {
    const foreign = (fields: Record<string, unknown>) => ({
      id: 'x',
      date: '2023-05-01',
      actor: [{ country: 'USA' }],
      recipient: [{ country: 'CHN' }],
      context: ['military'],
      text: 'a report',
      cite_info: 'POLECAT',
      ...fields,
    });
    expect(fromPlover(foreign({ event: 'MOBILIZE', mode: 'weapons', actor: [{ country: 'CHN' }], recipient: [{ country: 'TWN' }] }))).toMatchObject({
      ok: true,
      event: { type: 'incident', payload: { kind: 'exercise', actor: 'CHN', target: 'TWN' }, outside: [{ fact: 'a report', outlet: 'POLECAT' }] },
    });
    const consult = fromPlover(foreign({ event: 'CONSULT', mode: 'phone' }));
    expect(consult).toEqual({
      ok: false,
      reason: 'PLOVER CONSULT/phone (USA → CHN) does not say which military channel it is on; add "thaw_type" and "thaw_payload" to place it',
    });
    const runner = new StreamRunner('polecat.jsonl');
    const refused = runner.accept(JSON.stringify(foreign({ event: 'CONSULT', mode: 'phone' })), 3);
    expect(refused.ok ? [] : refused.problems.map(formatProblem)).toEqual([
      `polecat.jsonl:3:1: cannot place this PLOVER record: ${consult.ok ? '' : consult.reason}`,
    ]);
    const month = fromPlover(
      foreign({ event: 'MOBILIZE', mode: 'weapons', date: '2023-02-01', enddate: '2023-02-28', recipient: [{ country: 'TWN' }], actor: [{ country: 'CHN' }] }),
    );
    expect(month.ok && month.event.date).toBe('2023-02');
  });
});

describe('every data command on the record and every what-if file', () => {
  const whatIfs = readdirSync(join(root, 'test', 'fixtures', 'frozen', 'what-if')).filter((name) => name.endsWith('.yaml'));
  it.each(
    [join(root, 'test', 'fixtures', 'frozen', 'record.yaml'), ...whatIfs.map((name) => join(root, 'test', 'fixtures', 'frozen', 'what-if', name))].map(
      (file) => [file.slice(root.length + 1), file],
    ),
  )('should work on %s', async (_name, file) => {
    for (const args of [
      ['data', 'events', file],
      ['data', 'events', file, '--format', 'cameo'],
      ['data', 'series', file],
      ['data', 'durations', file, '--json'],
      ['chart', file],
    ]) {
      const { code, stdout, stderr } = await thaw(args);
      expect(code, `${args.join(' ')}: ${stderr}`).toBe(0);
      expect(stdout.length, args.join(' ')).toBeGreaterThan(100);
    }
  });
});

describe('PLOVER records as candidates and what-if insertions', () => {
  const work = mkdtempSync(join(tmpdir(), 'thaw-plover-in-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const exported = (id: string) => ploverRecords(recordRun).records.find((plover) => plover.id === id) as unknown as Record<string, unknown>;
  const polecat = {
    id: 'polecat-1',
    date: '2023-05-01',
    actor: [{ country: 'USA' }],
    recipient: [{ country: 'CHN' }],
    event: 'CONSULT',
    mode: 'phone',
    context: ['military'],
    text: 'a call',
    cite_info: 'POLECAT',
  };

  it('should read a PLOVER record in a candidates file as the event it codes, and refuse one it cannot place, at its line', () => {
    const file = join(work, 'candidates.yaml');
    writeFileSync(file, stringify([{ ...exported('austin-dong-call'), id: 'another-call', basis: 'hypothetical', basis_note: 'a second call' }]));
    const [candidate] = readCandidates(file);
    expect(candidate).toMatchObject({
      id: 'another-call',
      type: 'contact.held',
      payload: { channel: 'ministerial', mode: 'call' },
      hypothetical: 'a second call',
    });
    writeFileSync(file, stringify([{ ...exported('brown-liu-call'), id: 'ok' }, polecat]));
    expect(() => readCandidates(file)).toThrow(
      /candidates\.yaml:\d+:\d+: \[1\]: cannot place this PLOVER record: PLOVER CONSULT\/phone \(USA → CHN\) does not say which military channel/,
    );
  });

  it("should take a PLOVER record as a what-if's insertion, and refuse one it cannot place, at that edit", async () => {
    const file = join(work, 'what-if.yaml');
    const whatIf = (insert: unknown) =>
      stringify({
        id: 'plover-in',
        title: 'A PLOVER insertion',
        description: 'An event from a dataset.',
        base: join(root, 'test', 'fixtures', 'frozen', 'record.yaml'),
        edits: [{ insert }],
        checkpoints: [{ id: 'end', at: '2024-05', claim: 'Resumed.', expect: { phase: 'ministerialResumed' } }],
      });
    writeFileSync(
      file,
      whatIf({
        ...exported('mmca-talks-held'),
        id: 'mmca-again',
        date: '2024-05-02',
        enddate: undefined,
        basis: 'hypothetical',
        basis_note: 'the MMCA meets again',
      }),
    );
    const loaded = readWhatIf(file, { sourcesDir: null });
    expect(loaded.scenario.events.find((candidate) => candidate.id === 'mmca-again')).toMatchObject({
      type: 'contact.held',
      date: '2024-05-02',
      hypothetical: 'the MMCA meets again',
    });
    writeFileSync(file, whatIf(polecat));
    const { code, stderr } = await thaw(['whatif', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/what-if\.yaml:\d+:\d+: edits\[0\]\.insert: cannot place this PLOVER record: PLOVER CONSULT\/phone/);
  });
});

const fontProblem = (() => {
  try {
    chartFonts();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
})();
if (fontProblem) console.warn(`PNG chart test skipped: ${fontProblem}`);

describe.skipIf(fontProblem !== undefined)('thaw chart as PNG', () => {
  it('should draw the same chart as a PNG with resvg (WebAssembly), and refuse a font file that is not there', async () => {
    const work = mkdtempSync(join(tmpdir(), 'thaw-chart-png-'));
    try {
      const out = join(work, 'record.png');
      expect((await thaw(['chart', '--out', out])).code).toBe(0);
      const png = readFileSync(out);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // Width and height, from the header: twice the SVG's size.
      const svg = (await thaw(['chart'])).stdout;
      const width = Number(/width="(\d+)"/.exec(svg)?.[1]);
      expect(png.readUInt32BE(16)).toBe(width * 2);
      expect(await thaw(['chart', '--out', join(work, 'x.png'), '--font', join(work, 'none.ttf')])).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/--out: no font file at .*none\.ttf/),
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('what the review found', () => {
  it('should not count incidents before the first month listed as that month', () => {
    const run = replay(
      scenarioOf([
        event('early', '2022-03', 'incident', { kind: 'intercept', actor: 'CHN', target: 'USA' }),
        event('cut', '2022-08', 'channel.suspended', { channel: 'theater', by: 'PRC' }),
      ]),
    );
    const [first] = monthlySeries(run, 'small');
    expect(first).toMatchObject({ month: '2022-07', incidents: 1, incidentsInMonth: 0 });
  });

  it('should not read a suspended channel exported as PLOVER, without its thaw type, as sanctions on the office holder', () => {
    const suspended = {
      ...(ploverRecords(recordRun).records.find((plover) => plover.thaw_type === 'channel.suspended' && plover.recipient[0]?.office) as unknown as Record<
        string,
        unknown
      >),
    };
    delete suspended.thaw_type;
    delete suspended.thaw_payload;
    expect(fromPlover(suspended)).toMatchObject({ ok: false });
  });

  it('should point at column 1 of a PLOVER line whose event is bad, and say it is the event read from it', () => {
    const line = JSON.stringify({
      ...ploverRecords(recordRun).records.find((plover) => plover.id === 'austin-dong-call'),
      id: 'bad',
      thaw_payload: { channel: 'ministeral', mode: 'call' },
    });
    const result = new StreamRunner('in.jsonl').accept(line, 7);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^in\.jsonl:7:1: payload\.channel: unknown channel: "ministeral".*\(in the event this PLOVER record stands for\)$/),
    ]);
  });
});
