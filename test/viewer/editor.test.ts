import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readScenario, readWhatIf, replay } from '../../src/index.js';
import {
  consequencesIn,
  editedModel,
  editsForAddress,
  editsInAddress,
  type PageEdits,
  readPageEdits,
  startingEvents,
  toEdits,
  whatIfFile,
} from '../../src/viewer/client/editor.js';
import { payloadSchemas } from '../../src/viewer/pageModel.js';
import { type ViewerModel, viewerModel } from '../../src/viewer/viewerModel.js';
import { propertyParameters } from '../arbitraries/relationshipEvent.js';

const root = join(import.meta.dirname, '..', '..');
const NO_LAYOUT = { width: 0, height: 0, states: [], edges: [] };

// The page's model of a what-if file, as pageModel builds it (without the layout).
function whatIfPage(name: string): ViewerModel {
  const whatIf = readWhatIf(join(root, 'test', 'fixtures', 'frozen', 'what-if', name), { sourcesDir: null });
  const model = viewerModel({ run: replay(whatIf.scenario), file: name, layout: NO_LAYOUT, base: { label: whatIf.base.id, run: replay(whatIf.base) } });
  return {
    ...model,
    editor: {
      base: whatIf.base,
      basePath: join(root, 'test', 'fixtures', 'frozen', 'record.yaml'),
      baseLabel: whatIf.base.id,
      edits: whatIf.definition.edits,
      checkpoints: whatIf.definition.checkpoints,
      payloadSchemas: payloadSchemas(),
    },
  };
}

describe("the page's what-if editor", () => {
  it('should carry any edits through the address and back, long ones too', () => {
    const edits: PageEdits = {
      off: ['pelosi-visit'],
      moved: { 'dong-appointed': '2023-10' },
      inserted: Array.from(
        { length: 400 },
        (_, index) =>
          ({
            id: `e${index}`,
            date: '2024-05',
            type: 'incident',
            payload: { kind: 'intercept', actor: 'CHN', target: 'USA' },
            hypothetical: 'ünïcode',
          }) as never,
      ),
    };
    expect(editsInAddress(`#step=3&${editsForAddress(edits)}`)).toEqual({ edits, problems: [] });
  });

  it('should not move an event it leaves out', () => {
    const page = whatIfPage('no-chase-trip.yaml');
    const edits = toEdits(page.editor as NonNullable<ViewerModel['editor']>, { off: ['pelosi-visit'], moved: { 'pelosi-visit': '2022-09' }, inserted: [] });
    expect(edits.filter((edit) => 'move' in edit)).toEqual([]);
    expect(() => editedModel(page, { off: ['pelosi-visit'], moved: { 'pelosi-visit': '2022-09' }, inserted: [] })).not.toThrow();
  });

  it('should save a file whose checkpoints stand: none for an event left out, one end checkpoint however often it is saved, nothing without an edit', () => {
    const page = whatIfPage('no-pelosi-visit.yaml');
    const edits: PageEdits = { off: ['attache-halted'], moved: {}, inserted: [] };
    const edited = editedModel(page, edits);
    const saved = parse(whatIfFile(edited, edits) as string) as { checkpoints: Array<{ id: string; after?: string }>; edits: unknown[] };
    expect(saved.checkpoints.filter((checkpoint) => checkpoint.after === 'attache-halted')).toEqual([]);
    expect(saved.checkpoints.filter((checkpoint) => checkpoint.id === 'where-the-page-ends')).toHaveLength(1);
    // Saved again from a page that opened the saved file: still one end checkpoint.
    const reopened = { ...edited, editor: { ...(edited.editor as NonNullable<ViewerModel['editor']>), checkpoints: saved.checkpoints as never } };
    const again = parse(whatIfFile(reopened, edits) as string) as { checkpoints: Array<{ id: string }> };
    expect(again.checkpoints.filter((checkpoint) => checkpoint.id === 'where-the-page-ends')).toHaveLength(1);
    const plain = { ...page, editor: { ...(page.editor as NonNullable<ViewerModel['editor']>), edits: [], checkpoints: [] } };
    expect(whatIfFile(plain, { off: [], moved: {}, inserted: [] })).toBeUndefined();
  });
});

/** An address carrying `value` as its edits, as the page writes them. */
const address = (value: unknown) => `#step=2&edits=${Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url')}`;

/** Whether edits have the shape the page draws and replays: ids and dates as text, inserted events as objects with an id, a date and a type. */
const wellFormed = (edits: PageEdits) =>
  Array.isArray(edits.off) &&
  edits.off.every((id) => typeof id === 'string') &&
  Object.values(edits.moved).every((date) => typeof date === 'string') &&
  Array.isArray(edits.inserted) &&
  edits.inserted.every(
    (event) =>
      event !== null && typeof event === 'object' && ['id', 'date', 'type'].every((field) => typeof (event as Record<string, unknown>)[field] === 'string'),
  );

// Edits of the right shape, and values of every other shape to mix in with them.
const validEdits = fc.record({
  off: fc.array(fc.string()),
  moved: fc.dictionary(
    fc.string().filter((id) => !id.startsWith('junk:')),
    fc.string(),
  ),
  inserted: fc.array(fc.record({ id: fc.string(), date: fc.string(), type: fc.string(), payload: fc.jsonValue() }) as fc.Arbitrary<never>),
});
const notText = fc.jsonValue().filter((value) => typeof value !== 'string');
const notEvent = fc
  .jsonValue()
  .filter((value) => value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { id?: unknown }).id !== 'string');

// The page's model of the record itself, with nothing edited yet.
function recordPage(): ViewerModel {
  const record = readScenario(join(root, 'test', 'fixtures', 'frozen', 'record.yaml'), { sourcesDir: null });
  return {
    ...viewerModel({ run: replay(record), file: 'record.yaml', layout: NO_LAYOUT }),
    editor: { base: record, basePath: 'record.yaml', baseLabel: record.id, edits: [], checkpoints: [], payloadSchemas: payloadSchemas() },
  };
}

describe('an event left out in the page', () => {
  it('should take what it caused with it, so the page ends where thaw whatif ends (the San Francisco summit)', () => {
    const page = recordPage();
    const cli = readWhatIf(join(root, 'test', 'fixtures', 'frozen', 'what-if', 'no-san-francisco-summit.yaml'), { sourcesDir: null }).scenario;
    const edited = editedModel(page, { off: ['san-francisco-summit'], moved: {}, inserted: [] });
    expect(edited.steps.map((step) => step.id)).toEqual(cli.events.map((event) => event.id));
    expect(edited.steps.at(-1)?.phase).toBe(replay(cli).steps.at(-1)?.state.phase);
    expect(edited.steps.at(-1)?.phase).toBe('partiallyRestored');
  });

  it('should keep what it caused when told to, as cascade: false does, and say so', () => {
    const page = recordPage();
    const editor = page.editor as NonNullable<ViewerModel['editor']>;
    const edits: PageEdits = { off: ['san-francisco-summit'], keep: ['san-francisco-summit'], moved: {}, inserted: [] };
    expect(toEdits(editor, edits)).toEqual([{ remove: 'san-francisco-summit', cascade: false }]);
    const edited = editedModel(page, edits);
    expect(edited.steps.map((step) => step.id)).toContain('san-francisco-agreement');
    expect(edited.whatIf?.description).toContain('san-francisco-summit left out (what it caused kept)');
  });

  it('should not remove or move again an event an earlier one took with it', () => {
    const page = recordPage();
    const editor = page.editor as NonNullable<ViewerModel['editor']>;
    const edits: PageEdits = { off: ['san-francisco-summit', 'san-francisco-agreement'], moved: { 'san-francisco-agreement': '2024-01' }, inserted: [] };
    expect(toEdits(editor, edits)).toEqual([{ remove: 'san-francisco-summit' }]);
    expect(() => editedModel(page, edits)).not.toThrow();
  });

  it("should find what an event caused among the events the reader sees, the what-if's own edits applied", () => {
    // The what-if inserts an event caused by the ministers' call: leaving the call out takes it too.
    const page = recordPage();
    const inserted = {
      id: 'talks-after-call',
      date: '2024-05',
      type: 'incident',
      payload: { kind: 'intercept', actor: 'CHN', target: 'USA' },
      causedBy: 'austin-dong-call',
      hypothetical: 'a test',
    };
    const editor = { ...(page.editor as NonNullable<ViewerModel['editor']>), edits: [{ insert: inserted }] as NonNullable<ViewerModel['editor']>['edits'] };
    expect(consequencesIn(startingEvents(editor))('austin-dong-call')).toContain('talks-after-call');
    const edited = editedModel({ ...page, editor }, { off: ['austin-dong-call'], moved: {}, inserted: [] });
    expect(edited.steps.map((step) => step.id)).not.toContain('talks-after-call');
  });

  it('should carry the kept events through the address', () => {
    const edits: PageEdits = { off: ['san-francisco-summit'], keep: ['san-francisco-summit'], moved: {}, inserted: [] };
    expect(editsInAddress(`#${editsForAddress(edits)}`)).toEqual({ edits, problems: [] });
  });
});

describe('edits read from the address', () => {
  it('should keep what is valid and list the rest in plain words, for the crafted links that stopped the page', () => {
    const off = editsInAddress(address({ off: 5 }));
    expect(off).toEqual({
      edits: { off: [], moved: {}, inserted: [] },
      problems: ['the events to leave out should be a list of event ids, not the number 5; none were left out'],
    });
    const inserted = editsInAddress(address({ inserted: 5, off: ['pelosi-visit'] }));
    expect(inserted).toEqual({
      edits: { off: ['pelosi-visit'], moved: {}, inserted: [] },
      problems: ['the events to insert should be a list of events, not the number 5; none were inserted'],
    });
    const nullEvent = editsInAddress(address({ inserted: [null, { id: 'x', date: '2024-05', type: 'incident' }], moved: { 'dong-appointed': '2023-10' } }));
    expect(nullEvent).toEqual({
      edits: { off: [], moved: { 'dong-appointed': '2023-10' }, inserted: [{ id: 'x', date: '2024-05', type: 'incident' }] },
      problems: ['event 1 to insert should be an event, not null; not inserted'],
    });
  });

  it('should say so when the address part is not JSON, or not an object, or names an edit the page does not make', () => {
    expect(editsInAddress('#edits=%%%')?.problems).toEqual([expect.stringMatching(/cannot be read/)]);
    expect(editsInAddress(address([1, 2]))?.problems).toEqual([expect.stringMatching(/^the edits in the address are a list, not /)]);
    expect(readPageEdits({ removed: ['a'], inserted: [{ id: 'a' }] }).problems).toEqual([
      expect.stringMatching(/^"removed" is not an edit/),
      'event 1 to insert needs its date and type as text; not inserted',
    ]);
    expect(editsInAddress('#step=4')).toBeUndefined();
  });

  it('should never throw on any JSON in the address, and give edits the page can draw, taken from it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const read = editsInAddress(address(value));
        expect(read).toBeDefined();
        const { edits } = read as NonNullable<typeof read>;
        expect(wellFormed(edits)).toBe(true);
        const given = (value ?? {}) as Partial<Record<keyof PageEdits, unknown>>;
        // Nothing is made up: every edit kept is one the address gave.
        for (const id of edits.off) expect(given.off).toContain(id);
        for (const [id, date] of Object.entries(edits.moved)) expect((given.moved as Record<string, unknown>)[id]).toBe(date);
        for (const event of edits.inserted) expect(given.inserted).toContainEqual(event);
      }),
      propertyParameters,
    );
  });

  it('should keep every valid edit and leave out, one problem each, whatever else is mixed in', () => {
    fc.assert(
      fc.property(
        validEdits,
        fc.array(fc.tuple(fc.nat(), notText), { maxLength: 4 }),
        fc.dictionary(
          fc.string().map((key) => `junk:${key}`),
          notText,
          { maxKeys: 4 },
        ),
        fc.array(fc.tuple(fc.nat(), notEvent), { maxLength: 4 }),
        (valid, badOff, badMoved, badInserted) => {
          const mixIn = <T>(list: T[], bad: Array<[number, unknown]>) => {
            const mixed: unknown[] = [...list];
            for (const [at, value] of bad) mixed.splice(at % (mixed.length + 1), 0, value);
            return mixed;
          };
          const value = { off: mixIn(valid.off, badOff), moved: { ...valid.moved, ...badMoved }, inserted: mixIn(valid.inserted, badInserted) };
          const read = readPageEdits(JSON.parse(JSON.stringify(value)));
          expect(read.edits).toEqual(JSON.parse(JSON.stringify(valid)));
          expect(read.problems).toHaveLength(badOff.length + Object.keys(badMoved).length + badInserted.length);
        },
      ),
      propertyParameters,
    );
  });
});
