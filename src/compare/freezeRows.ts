// The comparison as one flat row per freeze, for spreadsheets (CSV) and the README's table.
import type { Comparison } from './comparison.js';
import type { Milestone } from './freezes.js';

/** The columns of `thaw compare --csv`, in order. */
export const FREEZE_COLUMNS = [
  'history',
  'freeze',
  'began',
  'began_event',
  'trigger',
  'cut_by',
  'channels_shut',
  'months_to_first_restored',
  'first_restored_event',
  'first_restored_causes',
  'ministerial_shut',
  'months_to_ministerial',
  'ministerial_event',
  'ministerial_causes',
  'months_to_normal',
  'normal_event',
  'normal_causes',
  'ongoing',
  'until',
  'months',
  'hypothetical',
  'checkpoints_hold',
  'checkpoints_judged',
  'file',
] as const;

/** One freeze as a CSV row. */
export type FreezeRow = Record<(typeof FREEZE_COLUMNS)[number], string | number | boolean | null>;

// A milestone's own event, and the events it names as its causes, ids separated by semicolons.
const milestoneCells = (milestone: Milestone | null) => ({
  months: milestone?.months ?? null,
  event: milestone?.event.id ?? null,
  causes: milestone ? milestone.event.causes.map((cause) => cause.id).join(';') || null : null,
});

// A history with no freeze: one row that says so (freeze empty, months 0), so that no history given vanishes.
function noFreezeRow(history: Comparison['histories'][number]): FreezeRow {
  const row = Object.fromEntries(FREEZE_COLUMNS.map((column) => [column, null])) as FreezeRow;
  return {
    ...row,
    history: history.label,
    months: 0,
    ongoing: false,
    until: history.span.to,
    hypothetical: history.hypothetical,
    checkpoints_hold: history.checks?.hold ?? null,
    checkpoints_judged: history.checks?.judged ?? null,
    file: history.file,
  };
}

/** Every freeze of a comparison as a flat row, in the comparison's order; a history with none has one row with no freeze. Pure. */
export function freezeRows(comparison: Comparison): FreezeRow[] {
  return comparison.histories.flatMap((history) =>
    history.freezes.length === 0
      ? [noFreezeRow(history)]
      : history.freezes.map((freeze): FreezeRow => {
          const restored = milestoneCells(freeze.firstRestored);
          const ministerial = milestoneCells(freeze.ministerial);
          const normal = milestoneCells(freeze.normal);
          return {
            history: history.label,
            freeze: freeze.number,
            began: freeze.began.date,
            began_event: freeze.began.event.id,
            trigger: freeze.trigger.map((root) => root.id).join(';'),
            cut_by: freeze.cutBy.join(';'),
            channels_shut: freeze.channels.map((shut) => shut.channel).join(';'),
            months_to_first_restored: restored.months,
            first_restored_event: restored.event,
            first_restored_causes: restored.causes,
            ministerial_shut: freeze.ministerialShut,
            months_to_ministerial: ministerial.months,
            ministerial_event: ministerial.event,
            ministerial_causes: ministerial.causes,
            months_to_normal: normal.months,
            normal_event: normal.event,
            normal_causes: normal.causes,
            ongoing: freeze.ongoing,
            until: freeze.until,
            months: freeze.months,
            hypothetical: history.hypothetical,
            checkpoints_hold: history.checks?.hold ?? null,
            checkpoints_judged: history.checks?.judged ?? null,
            file: history.file,
          };
        }),
  );
}
