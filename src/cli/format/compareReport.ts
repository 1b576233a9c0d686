import { createColors } from 'picocolors';
import type { ComparedHistory, Comparison } from '../../compare/comparison.js';
import type { Cause, Freeze, Milestone } from '../../compare/freezes.js';
import { escapeStrings } from '../../scenario/problems.js';
import { CHANNEL_LABELS } from '../../vocabulary/channels.js';
import { truncate } from './text.js';

// A milestone's months, or, if the freeze ended its history first, the months it had lasted, marked.
function monthsCell(milestone: Milestone | null, freeze: Freeze, shut = true): string {
  if (!shut) return 'not shut';
  if (milestone !== null) return String(milestone.months);
  return `>${freeze.months}`;
}

const eventLine = (cause: Cause) => `${cause.date} ${cause.id} (${cause.what})`;

// The event and the events it names as causes, one level: the JSON has the whole chain.
function broughtAbout(label: string, milestone: Milestone | null, freeze: Freeze, shut = true): string[] {
  if (!shut) return [`  ${label}: the freeze never shut it`];
  if (milestone === null) return [`  ${label}: not by ${freeze.until}, where the history ends (${freeze.months} months on)`];
  const causes = milestone.event.causes.map((cause) => `      caused by ${eventLine(cause)}`);
  return [`  ${label}, after ${milestone.months} month${milestone.months === 1 ? '' : 's'}: ${eventLine(milestone.event)}`, ...causes];
}

function checksLine(history: ComparedHistory): string {
  if (history.checks === null) return "hypothetical: the what-if's history, no checkpoints of its own";
  const { hold, judged, observations } = history.checks;
  const seen = observations > 0 ? ` (and ${observations} observation${observations === 1 ? '' : 's'})` : '';
  return `${hold} of ${judged} checkpoints hold${seen}`;
}

/** The readable report of `thaw compare`: one table row per freeze, then what began and ended each. Pure. */
export function formatComparison(compared: Comparison, options: { color: boolean }): string {
  const comparison = escapeStrings(compared);
  const c = createColors(options.color);
  const header = ['history', '#', 'began', 'set off by', 'cut by', 'channels shut', 'restored', 'ministerial', 'normal'];
  const rows = comparison.histories.flatMap((history) =>
    history.freezes.map((freeze) => [
      truncate(history.hypothetical ? `${history.label} (what-if)` : history.label, 28),
      String(freeze.number),
      freeze.began.date,
      truncate(freeze.trigger.map((root) => root.id).join(', '), 30),
      freeze.cutBy.join(', ') || '—',
      truncate(freeze.channels.map((shut) => shut.channel).join(' '), 62),
      monthsCell(freeze.firstRestored, freeze),
      monthsCell(freeze.ministerial, freeze, freeze.ministerialShut),
      monthsCell(freeze.normal, freeze),
    ]),
  );
  const count = rows.length;
  const lines = [
    c.bold(
      `${count} freeze${count === 1 ? '' : 's'} in ${comparison.histories.length} histor${comparison.histories.length === 1 ? 'y' : 'ies'}: months from the first cut or refusal to the first channel restored, to ministerial contact, to normal relations`,
    ),
  ];
  if (count > 0) {
    const numeric = new Set([1, 6, 7, 8]);
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
    const line = (cells: string[]) =>
      cells
        .map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd();
    lines.push(
      '',
      c.dim(line(header)),
      ...rows.map(line),
      '',
      c.dim('">N": not by the end of the history, N months on. Months are calendar months; a date known to the month counts from that month.'),
    );
  }
  for (const history of comparison.histories) {
    lines.push(
      '',
      c.bold(`${history.label}${history.hypothetical ? ' (what-if)' : ''}: ${truncate(history.title, 100)}`),
      `  ${history.file}, ${history.span.from} – ${history.span.to}; ${checksLine(history)}`,
    );
    if (history.freezes.length === 0) lines.push('  no freeze: relations stay normal throughout');
    for (const freeze of history.freezes) {
      lines.push(
        '',
        `  freeze ${freeze.number}, from ${eventLine(freeze.began.event)}`,
        ...freeze.trigger.filter((root) => root.id !== freeze.began.event.id).map((root) => `    set off by ${eventLine(root)}`),
        `    channels shut: ${freeze.channels.map((shut) => `${CHANNEL_LABELS[shut.channel]} (${shut.how}${shut.by ? ` by ${shut.by}` : ''}, ${shut.date})`).join('; ')}`,
        ...broughtAbout('  first channel restored', freeze.firstRestored, freeze),
        ...broughtAbout('  ministerial contact', freeze.ministerial, freeze, freeze.ministerialShut),
        ...broughtAbout('  normal relations', freeze.normal, freeze),
      );
    }
  }
  for (const covered of comparison.covered) {
    // The same file reached twice (the base of two what-ifs) needs no word.
    if (covered.same && covered.file === covered.byFile) continue;
    const why = covered.same
      ? `it is the same history as ${covered.by} (${covered.byFile})`
      : `${covered.by} (${covered.byFile}) continues it, and shows its freezes`;
    lines.push('', c.dim(`${covered.label} (${covered.file}) is not listed: ${why}`));
  }
  return lines.join('\n');
}
