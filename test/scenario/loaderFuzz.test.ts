import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Document, isMap, isNode, isScalar, type Node, parseDocument, stringify, type YAMLSeq } from 'yaml';
import { formatProblem, type ParseScenarioResult, type Problem, parseScenario, replay } from '../../src/index.js';
import { Scenario } from '../../src/scenario/schema.js';
import { propertyParameters } from '../arbitraries/relationshipEvent.js';

const record = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'frozen', 'record.yaml'), 'utf8');
const base = parseScenario(record, { file: 'record.yaml' });
if (!base.ok) throw new Error('the record must load for the fuzz tests to mean anything');

// Every key path a document has (list items as one, `[]`), and every event type it uses.
function shapesOf(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) shapesOf(item, `${prefix}[]`, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      out.add(`${prefix}.${key}`);
      if (key === 'type' && typeof child === 'string') out.add(`${prefix}.type=${child}`);
      shapesOf(child, `${prefix}.${key}`, out);
    }
  }
  return out;
}

// The record's own text, its comments, quoting and layout as written, with only a few events and
// checkpoints that together have every key path and event type the record has (and the events
// those name as causes or follow): every kind of node the record has, at about half the
// length, so each fuzzed case costs about half. Whole items are cut, line by line.
const cover = (() => {
  const doc = parseDocument(record);
  const data = doc.toJS() as { events: Array<{ id: string; causedBy?: string | string[] }>; checkpoints: Array<{ after?: string }> };
  const lines = record.split('\n');
  const lineOf = (node: Node | undefined) => (node?.range ? record.slice(0, node.range[0]).split('\n').length - 1 : lines.length);
  // A few items that together have every shape the list has: each time, the one adding most.
  const covering = (items: unknown[]) => {
    const shapes = items.map((item) => [...shapesOf(item)]);
    const uncovered = new Set(shapes.flat());
    const kept = new Set<number>();
    while (uncovered.size > 0) {
      const gains = shapes.map((own) => own.filter((shape) => uncovered.has(shape)).length);
      const best = gains.indexOf(Math.max(...gains));
      kept.add(best);
      for (const shape of shapes[best] as string[]) uncovered.delete(shape);
    }
    return kept;
  };
  const checkpoints = covering(data.checkpoints);
  const events = covering(data.events);
  const ids = data.events.map((event) => event.id);
  const causes = (index: number) => [data.events[index]?.causedBy ?? []].flat();
  // The events the kept checkpoints follow, and the causes of every kept event, all the way back.
  const wanted = [...[...checkpoints].flatMap((index) => data.checkpoints[index]?.after ?? []), ...[...events].flatMap(causes)];
  for (let id = wanted.pop(); id !== undefined; id = wanted.pop()) {
    const index = ids.indexOf(id);
    if (events.has(index)) continue;
    events.add(index);
    wanted.push(...causes(index));
  }
  const checkpointsKey = lines.findIndex((line) => line.startsWith('checkpoints:'));
  const spans = (list: Node[], keep: Set<number>, end: number) =>
    list.flatMap((node, index) => (keep.has(index) ? lines.slice(lineOf(node), index + 1 < list.length ? lineOf(list[index + 1]) : end) : []));
  const eventNodes = (doc.get('events') as YAMLSeq<Node>).items;
  const checkpointNodes = (doc.get('checkpoints') as YAMLSeq<Node>).items;
  return [
    ...lines.slice(0, lineOf(eventNodes[0])),
    ...spans(eventNodes, events, checkpointsKey),
    ...lines.slice(checkpointsKey, lineOf(checkpointNodes[0])),
    ...spans(checkpointNodes, checkpoints, lines.length),
  ].join('\n');
})();
{
  const cut = parseScenario(cover, { file: 'record.yaml' });
  const kept = shapesOf(parseDocument(cover).toJS());
  const missing = [...shapesOf(parseDocument(record).toJS())].filter((shape) => !kept.has(shape));
  if (!cut.ok || missing.length > 0 || cover.length > record.length * 0.6) {
    throw new Error(
      `the cut record must load, have every key path and event type the record has, and be under 60% of its length: ${cut.ok ? '' : formatProblem(cut.problems[0] as Problem)} ${missing.join(', ')} (${cover.length} of ${record.length} characters)`,
    );
  }
}

// Every outcome is either a scenario that validates and replays, or problems that each point
// at a real line and column of the text.
// replay is pure and reads only the events and checkpoints, so those already replayed (most edits
// leave them as they were) are not replayed again.
const replayed = new Set<string>();

function expectLoadedOrLocated(result: ParseScenarioResult, text: string): void {
  if (result.ok) {
    expect(Scenario.safeParse(result.scenario).success).toBe(true);
    const key = JSON.stringify([result.scenario.events, result.scenario.checkpoints]);
    if (!replayed.has(key)) expect(() => replay(result.scenario)).not.toThrow();
    replayed.add(key);
    return;
  }
  const lines = text.split('\n');
  // The yaml library's own reading of the text, for problems that name a place in it (most edits
  // break the syntax, whose problems name none): read once, and only if needed.
  let doc: Document | undefined;
  const document = () => (doc ??= parseDocument(text, { uniqueKeys: true }));
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    expect(problem.file).toBe('fuzz.yaml');
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.line).toBeLessThanOrEqual(lines.length + 1);
    expect(problem.column).toBeGreaterThanOrEqual(1);
    expect(problem.message.length).toBeGreaterThan(0);
    // One problem, one line, nothing a terminal would act on, whatever the file holds.
    expect(formatProblem(problem)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    if (problem.path !== '') expectAtItsNode(problem, document(), text, lines);
  }
}

const segmentsOf = (path: string) =>
  [...path.matchAll(/\[(\d+)\]|\.?([^.[\]]+)/g)].map((match) => (match[1] !== undefined ? Number(match[1]) : (match[2] as string)));
const joined = (segments: Array<string | number>) =>
  segments.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${segment}`)).join('');

// A problem whose path names a node that exists must point at that node: at its key, or at the
// start of its value. Checked with the yaml library's own lookup, not the loader's.
function expectAtItsNode(problem: Problem, doc: Document, text: string, lines: string[]): void {
  const segments = segmentsOf(problem.path);
  // Keys with dots or brackets, or empty keys, do not survive the round trip through the path text.
  if (doc.errors.length > 0 || segments.length === 0 || joined(segments) !== problem.path || !doc.hasIn(segments)) return;
  const offset = lines.slice(0, problem.line - 1).reduce((sum, line) => sum + line.length + 1, 0) + problem.column - 1;
  const value = doc.getIn(segments, true);
  const parent = doc.getIn(segments.slice(0, -1), true);
  const key = isMap(parent) ? parent.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(segments.at(-1)))?.key : undefined;
  const starts = [value, key].map((node) => (isNode(node) ? node.range?.[0] : undefined));
  expect(starts, `${formatProblem(problem)} should point at ${problem.path}, not at ${JSON.stringify(text.slice(offset, offset + 30))}`).toContain(offset);
}

const load = (text: string) => parseScenario(text, { file: 'fuzz.yaml' });

/** Text edits: cut a span, insert junk, or duplicate a line, anywhere in the record. */
const textEdit = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.string({ unit: fc.constantFrom(':', '-', ' ', '\n', '"', '{', '[', 'a', '#', '\t', '2', '\u001b', '\u0007', '\u0085') }),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
);

type TextEdit = { kind: 'cut' | 'insert' | 'duplicate'; at: number; length?: number; text?: string };

function applyEdit(text: string, edit: TextEdit): string {
  const at = edit.at % (text.length + 1);
  if (edit.kind === 'cut') return text.slice(0, at) + text.slice(at + (edit.length ?? 1));
  if (edit.kind === 'insert') return text.slice(0, at) + (edit.text ?? '') + text.slice(at);
  const lines = text.split('\n');
  const line = at % lines.length;
  lines.splice(line, 0, lines[line] ?? '');
  return lines.join('\n');
}

describe('parseScenario on malformed documents', () => {
  it('should locate every problem or load, whatever text edits do to the record', () => {
    fc.assert(
      fc.property(fc.array(textEdit, { minLength: 1, maxLength: 4 }), (edits) => {
        const text = edits.reduce(applyEdit, cover);
        expectLoadedOrLocated(load(text), text);
      }),
      propertyParameters,
    );
  });

  it('should locate every problem or load when any value in the record is replaced', () => {
    // The record up to the third checkpoint's event: every path below exists in it, and each
    // case reads a third of the text (every kind of node the record has is fuzzed as text above).
    const scenario = base.scenario;
    const last = scenario.events.findIndex((candidate) => candidate.id === scenario.checkpoints[2]?.after);
    const trimmed = { ...scenario, events: scenario.events.slice(0, last + 1), checkpoints: scenario.checkpoints.slice(0, 3) };
    expect(load(stringify(trimmed) ?? '').ok).toBe(true);
    const paths = fc.constantFrom(
      ['id'],
      ['sources'],
      ['events'],
      ['checkpoints'],
      ['events', 3],
      ['events', 3, 'type'],
      ['events', 3, 'payload'],
      ['events', 3, 'payload', 'channel'],
      ['events', 5, 'date'],
      ['events', 5, 'source'],
      ['events', 5, 'source', 'article'],
      ['events', 7, 'causedBy'],
      ['checkpoints', 0, 'after'],
      ['checkpoints', 1, 'expect'],
      ['checkpoints', 2, 'expect', 'channels'],
      ['sources', 'ft-2024-04'],
      ['sources', 'ft-2024-04', 'date'],
    );
    fc.assert(
      fc.property(paths, fc.anything({ maxDepth: 2 }), (path, value) => {
        const data = structuredClone(trimmed) as Record<string, unknown>;
        const parent = path.slice(0, -1).reduce<any>((node, key) => node?.[key], data);
        if (parent && typeof parent === 'object') parent[path[path.length - 1] as string] = value;
        let text: string;
        try {
          text = stringify(data) ?? '';
        } catch {
          return; // not every value has a YAML form; nothing to load
        }
        expectLoadedOrLocated(load(text), text);
      }),
      propertyParameters,
    );
  });

  it('should locate every problem or load for arbitrary YAML documents', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.anything().map((value) => {
            try {
              return stringify(value) ?? '';
            } catch {
              return '';
            }
          }),
        ),
        (text) => {
          expectLoadedOrLocated(load(text), text);
        },
      ),
      propertyParameters,
    );
  });
});
