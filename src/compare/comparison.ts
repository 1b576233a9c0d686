// A comparison across histories: each history's freezes with the checkpoints that vouch for it,
// and a history that another continues (the record, continued to the present) shown once.
import type { History } from '../whatif/histories.js';
import { type Freeze, freezesOf } from './freezes.js';

/** How far a history's checkpoints bear out its freezes; null for a what-if's own history, which has none of its own. */
export interface Checks {
  hold: number;
  judged: number;
  observations: number;
}

/** One history in a comparison: where it came from, its freezes, its checks. */
export interface ComparedHistory {
  label: string;
  title: string;
  /** The scenario file the history is read from (for a what-if's history, the what-if file). */
  file: string;
  /** The first and last event's dates. */
  span: { from: string; to: string };
  hypothetical: boolean;
  checks: Checks | null;
  freezes: Freeze[];
}

/** A history left out because another in the comparison shows all of it. */
export interface Covered {
  label: string;
  file: string;
  /** The history shown instead, and its file. */
  by: string;
  byFile: string;
  /** Whether the two are the same history (the same events), not a continuation. */
  same: boolean;
  checks: Checks;
}

/** The comparison: histories in order of their first event, and those left out as covered. */
export interface Comparison {
  histories: ComparedHistory[];
  covered: Covered[];
}

/** One history to compare, with the file it comes from. */
export interface ComparedEntry {
  file: string;
  title: string;
  history: History;
  hypothetical: boolean;
}

/** Thrown when two different histories carry one label: rows, the CSV and the chart could not tell them apart. */
export class SameLabelError extends Error {
  constructor(
    readonly label: string,
    readonly files: [string, string],
  ) {
    super(`two different histories are named "${label}" (${files[0]} and ${files[1]}); give the scenarios distinct ids`);
  }
}

const sameEvent = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// Whether every event of `a` is, in order and in every field, the first events of `b`: then b
// shows all that a does. Checkpoints are not compared: each history's are judged on its own.
function continues(b: History, a: History): boolean {
  const own = a.run.scenario.events;
  const longer = b.run.scenario.events;
  return own.length <= longer.length && own.every((event, index) => sameEvent(event, longer[index]));
}

function checksOf(history: History): Checks {
  const verdicts = history.run.verdicts;
  return {
    hold: verdicts.filter((verdict) => verdict.holds && !verdict.observation).length,
    judged: verdicts.filter((verdict) => !verdict.observation).length,
    observations: verdicts.filter((verdict) => verdict.observation).length,
  };
}

/**
 * Compares the freezes of every history given; one that another shows all of (the same events,
 * or a continuation) is listed as covered, its checks kept. A what-if's own history is never
 * covered and covers nothing: it is another history. Throws SameLabelError. Pure.
 */
export function compareHistories(entries: readonly ComparedEntry[]): Comparison {
  const covered: Covered[] = [];
  const kept = entries.filter((entry, index) => {
    if (entry.hypothetical) return true;
    // Of two files holding the same history, the first given is shown.
    const by = entries.find(
      (other, otherIndex) =>
        otherIndex !== index &&
        !other.hypothetical &&
        continues(other.history, entry.history) &&
        (!continues(entry.history, other.history) || otherIndex < index),
    );
    if (by === undefined) return true;
    covered.push({
      label: entry.history.label,
      file: entry.file,
      by: by.history.label,
      byFile: by.file,
      same: continues(entry.history, by.history),
      checks: checksOf(entry.history),
    });
    return false;
  });
  for (const [index, entry] of kept.entries()) {
    const clash = kept.slice(0, index).find((other) => other.history.label === entry.history.label);
    if (clash !== undefined) throw new SameLabelError(entry.history.label, [clash.file, entry.file]);
  }
  const histories = kept.map(({ file, title, history, hypothetical }): ComparedHistory => {
    const { events } = history.run.scenario;
    return {
      label: history.label,
      title,
      file,
      span: { from: events[0]?.date ?? '', to: events.at(-1)?.date ?? '' },
      hypothetical,
      checks: hypothetical ? null : checksOf(history),
      freezes: freezesOf(history.run, history.label),
    };
  });
  histories.sort((a, b) => (a.span.from < b.span.from ? -1 : a.span.from > b.span.from ? 1 : 0));
  return { histories, covered };
}

/** The histories compared, shown or covered, with a checkpoint that does not hold. Pure. */
export function uncheckedHistories(comparison: Comparison): Array<{ label: string; file: string; checks: Checks }> {
  return [...comparison.histories, ...comparison.covered].flatMap(({ label, file, checks }) =>
    checks !== null && checks.hold < checks.judged ? [{ label, file, checks }] : [],
  );
}
