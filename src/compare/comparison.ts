// A comparison across histories: each history's freezes with the checkpoints that vouch for it,
// and a history that another continues (the record, continued to the present) shown once.
import type { History } from '../whatif/histories.js';
import { freezesOf, type Freeze } from './freezes.js';

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
  file: string;
  /** The first and last event's dates. */
  span: { from: string; to: string };
  hypothetical: boolean;
  checks: Checks | null;
  freezes: Freeze[];
}

/** A history left out because another in the comparison continues it. */
export interface Covered {
  label: string;
  file: string;
  by: string;
}

/** The comparison: histories in order of their first event, and those left out as covered. */
export interface Comparison {
  histories: ComparedHistory[];
  covered: Covered[];
}

/** One file's histories, as read for a comparison. */
export interface ComparedFile {
  file: string;
  title: string;
  histories: History[];
  whatIf: boolean;
}

// Whether `a`'s events are the first events of `b`: then b shows everything a does, and more.
const continues = (b: History, a: History) => {
  const own = a.run.scenario.events;
  const longer = b.run.scenario.events;
  return own.length <= longer.length && own.every((event, index) => longer[index]?.id === event.id && longer[index]?.date === event.date);
};

/** Compares the freezes of every history the files hold; a history that another one continues is listed as covered. Pure. */
export function compareHistories(files: readonly ComparedFile[]): Comparison {
  const all = files.flatMap(({ file, title, histories, whatIf }) =>
    histories.map((history, index) => ({ file, title: whatIf && index === 0 ? history.run.scenario.title : title, history, hypothetical: whatIf && index > 0 })),
  );
  const covered: Covered[] = [];
  const kept = all.filter((entry, index) => {
    // A what-if's history neither covers the record nor is covered by it: it is another history.
    const by = all.find((other, otherIndex) => otherIndex !== index && !entry.hypothetical && !other.hypothetical && continues(other.history, entry.history) && (!continues(entry.history, other.history) || otherIndex < index));
    if (by !== undefined) covered.push({ label: entry.history.label, file: entry.file, by: by.history.label });
    return by === undefined;
  });
  const histories = kept.map(({ file, title, history, hypothetical }): ComparedHistory => {
    const { events } = history.run.scenario;
    const verdicts = history.run.verdicts;
    return {
      label: history.label,
      title,
      file,
      span: { from: events[0]?.date ?? '', to: events.at(-1)?.date ?? '' },
      hypothetical,
      checks: hypothetical ? null : { hold: verdicts.filter((verdict) => verdict.holds && !verdict.observation).length, judged: verdicts.filter((verdict) => !verdict.observation).length, observations: verdicts.filter((verdict) => verdict.observation).length },
      freezes: freezesOf(history.run, history.label),
    };
  });
  histories.sort((a, b) => (a.span.from < b.span.from ? -1 : a.span.from > b.span.from ? 1 : 0));
  return { histories, covered };
}
