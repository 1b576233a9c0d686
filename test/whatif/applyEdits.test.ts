import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, type Edit, InvalidEditError, readScenario, replay, ScenarioEdit } from '../../src/index.js';
import { partialDate } from '../../src/vocabulary/dates.js';
import { propertyParameters } from '../arbitraries/relationshipEvent.js';

const record = readScenario(join(import.meta.dirname, '..', 'fixtures', 'frozen', 'record.yaml'), { sourcesDir: null });
const ids = (scenario: { events: Array<{ id: string }> }) => scenario.events.map((event) => event.id);

const extraCall = {
  id: 'extra-call',
  date: '2023-07',
  type: 'contact.held' as const,
  payload: { channel: 'chiefs' as const, mode: 'call' as const },
  source: { article: 'ft-2024-04', quote: 'hypothetical' },
  note: 'A what-if event.',
};

function problemsOf(edits: Edit[]): string[] {
  try {
    applyEdits(record, edits);
  } catch (error) {
    if (error instanceof InvalidEditError) return error.message.split('\n');
    throw error;
  }
  return [];
}

// Days of one year, some read as their month only: a valid order either way; and incidents on them.
const dates = fc.array(fc.tuple(fc.integer({ min: 1, max: 120 }), fc.boolean()), { minLength: 1, maxLength: 25 });
const dateOf = ([day, monthOnly]: [number, boolean]) => {
  const text = new Date(Date.UTC(2023, 0, day)).toISOString().slice(0, 10);
  return monthOnly ? text.slice(0, 7) : text;
};
const event = (id: string, date: string) => ({
  id,
  date,
  type: 'incident' as const,
  payload: { kind: 'encounter' as const, actor: 'CHN' as const, target: 'USA' as const },
  hypothetical: 'a test',
});

describe('applyEdits', () => {
  it('should remove an event with everything it caused, and leave the base untouched', () => {
    const before = structuredClone(record);
    const edited = applyEdits(record, [{ remove: 'pelosi-visit' }]);
    expect(ids(edited)).not.toContain('pelosi-visit');
    // What the visit caused, and what presupposes that: the lifted bans, the talks one allowed, the wish to "restart" the MMCA.
    const gone = [
      'pla-exercises',
      'ministers-calls-unanswered',
      'chiefs-calls-unanswered',
      'freeze-chiefs',
      'freeze-theater',
      'freeze-policy-talks',
      'freeze-maritime-talks',
      'policy-talks-bans-lifted',
      'theater-talks-restored',
      'mmca-restored',
      'policy-talks-held',
      'mmca-sought',
    ];
    for (const id of gone) expect(ids(edited)).not.toContain(id);
    expect(edited.events).toHaveLength(record.events.length - 1 - gone.length);
    expect(record).toEqual(before);
  });

  it('should keep the consequences, unlinked, with cascade: false', () => {
    const edited = applyEdits(record, [{ remove: 'chase-taiwan-trip', cascade: false }]);
    const halted = edited.events.find((event) => event.id === 'attache-halted');
    expect(halted).toBeDefined();
    expect(halted?.causedBy).toBeUndefined();
  });

  it('should insert before, after, or where the date falls', () => {
    const after = applyEdits(record, [{ insert: extraCall, after: 'shangri-la-dinner' }]);
    expect(ids(after)[ids(after).indexOf('shangri-la-dinner') + 1]).toBe('extra-call');
    const before = applyEdits(record, [{ insert: extraCall, before: 'brown-chairman' }]);
    expect(ids(before)[ids(before).indexOf('brown-chairman') - 1]).toBe('extra-call');
    const byDate = applyEdits(record, [{ insert: extraCall }]);
    expect(ids(byDate).indexOf('extra-call')).toBe(ids(record).indexOf('shangri-la-dinner') + 1);
  });

  it('should replace a payload and change the outcome accordingly', () => {
    const edited = applyEdits(record, [{ replace: 'austin-dong-call', payload: { channel: 'ministerial', mode: 'informal' } }]);
    expect(replay(edited).steps.at(-1)?.state.phase).toBe('partiallyRestored');
  });

  it('should move an event to a new date and to where that date falls', () => {
    const edited = applyEdits(record, [{ move: 'dong-appointed', to: '2024-04' }]);
    const moved = edited.events.find((event) => event.id === 'dong-appointed');
    expect(moved?.date).toBe('2024-04');
    expect(ids(edited).at(-1)).toBe('dong-appointed');
  });

  it('should reorder events within the places they held', () => {
    const edited = applyEdits(record, [{ reorder: ['mmca-talks-planned', 'ministers-call-expected'] }]);
    const at = ids(record).indexOf('ministers-call-expected');
    expect(ids(edited).slice(at, at + 2)).toEqual(['mmca-talks-planned', 'ministers-call-expected']);
  });

  it('should name the edit and the missing event, with a suggestion', () => {
    expect(problemsOf([{ remove: 'pelosi-vist' }, { move: 'nothing', to: '2023-01' }])).toEqual([
      'edits[0]: no event "pelosi-vist"; did you mean "pelosi-visit"?',
      'edits[1]: no event "nothing"',
    ]);
  });

  it('should reject an invalid inserted event or payload', () => {
    expect(problemsOf([{ insert: { ...extraCall, type: 'contact.hold' } } as unknown as Edit])[0]).toMatch(
      /^edits\[0\]: insert\.type: unknown event type "contact\.hold"; did you mean "contact\.held"\?/,
    );
    expect(problemsOf([{ replace: 'austin-dong-call', payload: { channel: 'nowhere', mode: 'call' } }])[0]).toMatch(
      /^edits\[0\]: the new payload does not fit a contact.held event: payload.channel:/,
    );
    expect(problemsOf([{ frobnicate: 'x' } as unknown as Edit])).toEqual(['edits[0]: expected one of the forms: remove, insert, replace, move, reorder']);
    expect(problemsOf([{ mvoe: 'x', to: '2023-01' } as unknown as Edit])).toEqual([
      'edits[0]: expected one of the forms: remove, insert, replace, move, reorder; did you mean "move"?',
    ]);
    expect(problemsOf([{ move: 'pelosi-visit', to: '2023' } as unknown as Edit])).toEqual(['edits[0]: to: expected a date as YYYY-MM-DD or YYYY-MM']);
  });

  it('should refuse an inserted event whose id the history has, by date or beside another, at that edit', () => {
    const taken = 'edits[0]: insert: event id "austin-dong-call" is taken by an event of the history; give the inserted event an id of its own';
    expect(problemsOf([{ insert: { ...extraCall, id: 'austin-dong-call' } }])).toEqual([taken]);
    expect(problemsOf([{ insert: { ...extraCall, id: 'austin-dong-call' }, after: 'austin-dong-call' }])).toEqual([taken]);
    expect(problemsOf([{ insert: extraCall }, { insert: extraCall }])).toEqual([
      taken.replace('edits[0]', 'edits[1]').replace(/austin-dong-call/g, 'extra-call'),
    ]);
  });

  it('should validate the edited scenario like a file', () => {
    const last = record.events.length - 1;
    expect(problemsOf([{ insert: extraCall, after: 'austin-dong-call' }])).toEqual([
      `after the edits, events[${last + 1}].date: date 2023-07 is before the previous event's date 2024-04-16 ("austin-dong-call"); list events in date order`,
    ]);
    expect(problemsOf([{ reorder: ['austin-dong-call', 'wei-in-office'] }])).toContainEqual(
      expect.stringMatching(/^after the edits, events\[1\]\.date: date 2018-09-20 is before the previous event.s date 2024-04-16/),
    );
  });

  it('should remove, with any event, exactly the events whose causes lead back to it', () => {
    // Every event of the record, against the closure computed here independently.
    for (const removed of ids(record)) {
      const gone = new Set([removed]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const event of record.events) {
          const causes = event.causedBy === undefined ? [] : [event.causedBy].flat();
          if (!gone.has(event.id) && causes.some((cause) => gone.has(cause))) {
            gone.add(event.id);
            grew = true;
          }
        }
      }
      expect(ids(applyEdits(record, [{ remove: removed }])), removed).toEqual(ids(record).filter((id) => !gone.has(id)));
    }
  });

  it('should remove what an event caused in any causal graph, and keep everything else', () => {
    // Random graphs: each event may name any earlier ones as causes.
    const graph = fc
      .integer({ min: 2, max: 12 })
      .chain((size) => fc.tuple(fc.array(fc.subarray([...Array(size).keys()]), { minLength: size, maxLength: size }), fc.nat(size - 1)));
    fc.assert(
      fc.property(graph, ([causeLists, removedIndex]) => {
        const events = causeLists.map((causes, index) => ({
          id: `e${index}`,
          date: '2023-01',
          type: 'incident' as const,
          payload: { kind: 'encounter' as const, actor: 'CHN' as const, target: 'USA' as const },
          hypothetical: 'a test',
          ...(causes.filter((cause) => cause < index).length > 0 ? { causedBy: causes.filter((cause) => cause < index).map((cause) => `e${cause}`) } : {}),
        }));
        // An event nothing causes keeps the scenario from ever being emptied.
        const anchor = { ...events[0], id: 'anchor' } as (typeof events)[number];
        delete anchor.causedBy;
        const scenario = { ...record, events: [anchor, ...events], checkpoints: [] };
        const edited = applyEdits(scenario, [{ remove: `e${removedIndex}` }]);
        const kept = new Set(ids(edited));
        for (const event of events) {
          const causes = event.causedBy ?? [];
          // Gone exactly when it is the removed event or one of its causes is gone.
          const shouldGo = event.id === `e${removedIndex}` || causes.some((cause) => !kept.has(cause));
          expect(kept.has(event.id), event.id).toBe(!shouldGo);
        }
      }),
      propertyParameters,
    );
  });

  it('should place inserts by date where inserting them one at a time would, whatever the dates and whatever edits come between', () => {
    fc.assert(
      fc.property(
        dates,
        fc.array(fc.tuple(fc.tuple(fc.integer({ min: 1, max: 120 }), fc.boolean()), fc.boolean()), { maxLength: 25 }),
        (baseDates, inserts) => {
          const base = [...baseDates].sort((a, b) => a[0] - b[0]).map((date, index) => event(`e${index}`, dateOf(date)));
          // Some inserts name their place (after the first event, on its date), so the held inserts by date are placed in between.
          const edits: Edit[] = inserts.map(([date, afterFirst], index) =>
            afterFirst ? { insert: event(`x${index}`, (base[0] as (typeof base)[number]).date), after: 'e0' } : { insert: event(`x${index}`, dateOf(date)) },
          );
          const edited = applyEdits({ ...record, events: base, checkpoints: [] }, edits);
          // One at a time, as the edits say: after the last event that ends by the insert's last day.
          const list = [...base];
          for (const edit of edits as Array<{ insert: (typeof base)[number]; after?: string }>) {
            const end = partialDate(edit.insert.date).end;
            const ended = list.map((found) => partialDate(found.date).end <= end).lastIndexOf(true);
            const at = edit.after !== undefined ? list.findIndex((found) => found.id === edit.after) + 1 : ended + 1;
            list.splice(at, 0, edit.insert);
          }
          expect(ids(edited)).toEqual(ids({ events: list }));
        },
      ),
      propertyParameters,
    );
  });

  it('should place inserts and moves by date among the events that remain, whatever is removed between them', () => {
    // Each step inserts by date, or removes or moves a base event (by its index; each base event is touched once at most).
    const step = fc.oneof(
      fc.record({ insert: fc.tuple(fc.integer({ min: 1, max: 120 }), fc.boolean()) }),
      fc.record({ remove: fc.nat() }),
      fc.record({ move: fc.nat(), to: fc.tuple(fc.integer({ min: 1, max: 120 }), fc.boolean()) }),
    );
    fc.assert(
      fc.property(dates, fc.array(step, { maxLength: 30 }), (baseDates, steps) => {
        const base = [...baseDates].sort((a, b) => a[0] - b[0]).map((date, index) => event(`e${index}`, dateOf(date)));
        const touched = new Set<string>();
        const edits: Edit[] = [];
        // The reference: the removed and moved events taken out first, then every insert (a move is one) one at a time, in order.
        const inserts: Array<(typeof base)[number]> = [];
        steps.forEach((each, index) => {
          if ('insert' in each) {
            const inserted = event(`x${index}`, dateOf(each.insert));
            edits.push({ insert: inserted });
            inserts.push(inserted);
            return;
          }
          const target = base[('remove' in each ? each.remove : each.move) % base.length] as (typeof base)[number];
          if (touched.has(target.id)) return;
          touched.add(target.id);
          if ('remove' in each) edits.push({ remove: target.id });
          else {
            edits.push({ move: target.id, to: dateOf(each.to) });
            inserts.push({ ...target, date: dateOf(each.to) });
          }
        });
        // One event no edit touches: a scenario needs one.
        const last = event('last', '2023-12-31');
        const edited = applyEdits({ ...record, events: [...base, last], checkpoints: [] }, edits);
        const list = [...base, last].filter((found) => !touched.has(found.id));
        for (const inserted of inserts) {
          const end = partialDate(inserted.date).end;
          list.splice(list.map((found) => partialDate(found.date).end <= end).lastIndexOf(true) + 1, 0, inserted);
        }
        expect(ids(edited)).toEqual(ids({ events: list }));
      }),
      propertyParameters,
    );
  });

  it('should chain edits', () => {
    const chained = ScenarioEdit.of(record).remove('san-francisco-agreement').move('dong-appointed', '2024-01').apply();
    expect(ids(chained)).not.toContain('san-francisco-agreement');
    expect(ids(chained)).not.toContain('policy-talks-bans-lifted');
  });
});
