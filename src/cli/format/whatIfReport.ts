import { createColors } from 'picocolors';
import type { Channel, ScenarioEvent, WhatIfComparison } from '../../index.js';
import { formatMismatch } from '../../replay/checkpoints.js';
import { describeEvent } from '../../replay/describeEvent.js';
import { toMachineEvent } from '../../replay/replay.js';
import { escapeStrings, holdsControls } from '../../scenario/problems.js';
import { CHANNEL_LABELS, PHASE_LABELS } from '../../vocabulary/channels.js';
import { type CheckpointComparison, type CheckpointPlacement, mergeNotes, type PhaseChange } from '../../whatif/compareRuns.js';
import { type Colors, formatChange, phaseColor, truncate } from './text.js';

/** What the report needs besides the comparison: names for the two histories. */
export interface WhatIfReportContext {
  title: string;
  file: string;
  /** The base scenario's id, which labels its column (e.g. "record"). */
  baseId: string;
  baseTitle: string;
  baseFile: string;
  edits: number;
  color: boolean;
}

const eventText = (event: ScenarioEvent) => `${event.id}: ${describeEvent(toMachineEvent(event))}`;

function divergenceText(comparison: WhatIfComparison): string {
  const divergence = comparison.firstDivergence;
  if (!divergence) return 'none: the edits leave the events as they were';
  const { base, whatIf } = divergence;
  switch (divergence.kind) {
    case 'removed':
      return `${divergence.date}  removed ${eventText(base as ScenarioEvent)}`;
    case 'inserted':
      return `${divergence.date}  inserted ${eventText(whatIf as ScenarioEvent)}${whatIf?.hypothetical ? ' (hypothetical)' : ''}`;
    case 'changed':
      return `${divergence.date}  changed ${eventText(whatIf as ScenarioEvent)} (was ${base?.date}: ${describeEvent(toMachineEvent(base as ScenarioEvent))})`;
    case 'reordered':
      return `${divergence.date}  reordered: ${whatIf?.id} now comes where ${base?.id} was`;
  }
}

function phaseLine(c: Colors, changes: PhaseChange[]): string {
  return changes
    .map(
      (change) =>
        `${change.event ? `${change.date} ` : ''}${phaseColor(c, change.phase)(PHASE_LABELS[change.phase])}${change.event ? c.dim(` (${change.event})`) : ''}`,
    )
    .join(' → ');
}

function placementText(c: Colors, placement: CheckpointPlacement): string {
  if (placement.observation) return `${c.blue('◇')} ${PHASE_LABELS[placement.phase]}`;
  const mark = placement.holds ? c.green('✔') : c.red('✘');
  return `${mark} ${PHASE_LABELS[placement.phase]}`;
}

function checkpointLines(c: Colors, comparison: CheckpointComparison, baseName: string): string[] {
  const lines = [
    `  ${c.bold(comparison.id)}  ${baseName}: ${placementText(c, comparison.base)}   what-if: ${placementText(c, comparison.whatIf)}`,
    c.dim(`    ${truncate(comparison.claim, 110)}`),
  ];
  // How the what-if departs from the expectation; for the base's checkpoints, that is what the edits changed.
  const mismatches = comparison.whatIf.mismatches.map(formatMismatch);
  if (mismatches.length > 0) {
    const paint = comparison.from === 'whatIf' ? c.red : c.yellow;
    lines.push(paint(`    what-if: ${truncate(mismatches.join('; '), 120)}`));
  }
  return lines;
}

const count = (n: number, what: string) => `${n} ${what}`;

// What the edits did to the events, for the summary line: "3 events removed, 1 inserted, 1 replaced".
function editsText(events: WhatIfComparison['events']): string {
  const parts = [count(events.removed.length, `event${events.removed.length === 1 ? '' : 's'} removed`), count(events.inserted.length, 'inserted')];
  if (events.replaced.length > 0) parts.push(count(events.replaced.length, 'replaced'));
  if (events.moved.length > 0) parts.push(count(events.moved.length, 'moved'));
  return parts.join(', ');
}

// The machine's notes in both histories, one line each, by date: a note both give on the same event once.
function noteLines(c: Colors, comparison: WhatIfComparison, baseName: string): string[] {
  const who = { both: 'both', base: baseName, whatIf: 'what-if' };
  return mergeNotes(comparison.notes).map(
    (note) => `  ${note.date.padEnd(10)} ${truncate(note.id, 40).padEnd(28)} ${c.dim(who[note.in].padEnd(8))} ${truncate(note.note, 200)}`,
  );
}

/** The readable report of a what-if against its base. Pure. */
export function formatWhatIfReport(compared: WhatIfComparison, given: WhatIfReportContext): string {
  // Every value from the files escaped once, here, whichever of them the lines below show.
  const comparison = holdsControls(compared) ? escapeStrings(compared) : compared;
  const context = escapeStrings(given);
  const c = createColors(context.color);
  const base = context.baseId;
  const lines = [
    c.bold(context.title),
    c.dim(
      `${context.file} · base: ${context.baseTitle} (${context.baseFile}) · ${context.edits} edit${context.edits === 1 ? '' : 's'}: ${editsText(comparison.events)}`,
    ),
    '',
    `${c.bold('First divergence')}  ${divergenceText(comparison)}`,
  ];
  const state = comparison.firstStateDivergence;
  const noDivergence = comparison.sameStates
    ? 'none: both histories pass through the same states'
    : 'none by the end of any date: the histories differ only in the order of events within a date (see the phase over time)';
  lines.push(
    `${c.bold('First different state')}  ${state ? `by ${state.date}: ${c.cyan(state.changes.map(formatChange).join('; '))}` : noDivergence}`,
    '',
    c.bold('Phase over time'),
    `  ${base.padEnd(8)} ${phaseLine(c, comparison.phases.base)}`,
    `  ${'what-if'.padEnd(8)} ${phaseLine(c, comparison.phases.whatIf)}`,
    '',
    c.bold("The what-if's checkpoints (predictions)"),
  );
  for (const checkpoint of comparison.checkpoints.filter((each) => each.from === 'whatIf')) lines.push(...checkpointLines(c, checkpoint, base));
  const baseCheckpoints = comparison.checkpoints.filter((each) => each.from === 'base');
  if (baseCheckpoints.length > 0) {
    lines.push('', c.bold(`The ${base}'s checkpoints, in both histories`));
    for (const checkpoint of baseCheckpoints) lines.push(...checkpointLines(c, checkpoint, base));
  }

  if (comparison.reasonsGone.length > 0) {
    lines.push('', c.bold('Kept, but its stated reason is gone'));
    for (const event of comparison.reasonsGone)
      lines.push(c.yellow(`  ${event.date.padEnd(10)} ${event.id.padEnd(28)} ${truncate(event.gone.join('; '), 200)}`));
  }
  const notes = noteLines(c, comparison, base);
  if (notes.length > 0) lines.push('', c.bold(`The machine's notes (${base}, what-if, or both)`), ...notes);

  lines.push('', c.bold(`At the end (${base} → what-if)`));
  const channels = Object.entries(comparison.channels) as Array<[Channel, NonNullable<WhatIfComparison['channels'][Channel]>]>;
  // Nothing is hidden here: in a comparison, even who suspended a channel can be the difference.
  for (const [channel, changes] of channels) lines.push(`  ${CHANNEL_LABELS[channel].padEnd(22)} ${changes.map(formatChange).join('; ')}`);
  if (comparison.overall.length > 0) lines.push(`  ${'overall'.padEnd(22)} ${comparison.overall.map(formatChange).join('; ')}`);
  if (channels.length === 0 && comparison.overall.length === 0) lines.push('  the same state');

  const own = comparison.checkpoints.filter((each) => each.from === 'whatIf' && !each.whatIf.observation);
  const observations = comparison.checkpoints.filter((each) => each.from === 'whatIf').length - own.length;
  const held = own.filter((each) => each.whatIf.holds).length;
  const summary = `${held} of ${own.length} what-if checkpoints hold${observations > 0 ? ` (and ${observations} observation${observations === 1 ? '' : 's'}, not judged)` : ''}`;
  lines.push('', held === own.length ? c.green(summary) : c.red(summary));
  return lines.join('\n');
}
