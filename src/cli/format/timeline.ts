import { createColors } from 'picocolors';
import type { CheckpointVerdict, RelationshipState, Replay, ReportedOnly, Scenario, TimelineStep } from '../../index.js';
import { checkpointSource, formatMismatch, readingOf } from '../../replay/checkpoints.js';
import { describeEvent } from '../../replay/describeEvent.js';
import { elapsedOf } from '../../replay/elapsed.js';
import { toMachineEvent } from '../../replay/replay.js';
import { escapeControls, escapeStrings, holdsControls } from '../../scenario/problems.js';
import { basisOf, type EventBasis } from '../../scenario/schema.js';
import { CHANNEL_LABELS, CHANNELS, OFFICE_TABLE, OFFICES, PHASE_LABELS } from '../../vocabulary/channels.js';
import { type Colors, formatChange, HIDDEN, phaseColor, truncate } from './text.js';

function formatVerdict(c: Colors, verdict: CheckpointVerdict, sources: Scenario['sources']): string[] {
  const { checkpoint } = verdict;
  const source = truncate(checkpointSource(checkpoint, sources), 80);
  if (verdict.observation) {
    return [
      `  ${c.bold('observation')} ${checkpoint.id} (${source}) ${c.blue('◇ not judged')}`,
      c.dim(`    ${truncate(checkpoint.claim, 110)}`),
      c.blue(`    the model reads: ${truncate(readingOf(verdict.state), 140)}`),
    ];
  }
  const mark = verdict.holds ? c.green('✔ holds') : c.red('✘ fails');
  const lines = [`  ${c.bold('checkpoint')} ${checkpoint.id} (${source}) ${mark}`];
  lines.push(c.dim(`    ${truncate(checkpoint.claim, 110)}`));
  for (const mismatch of verdict.mismatches) lines.push(c.red(`    ${truncate(formatMismatch(mismatch), 200)}`));
  return lines;
}

const BASIS_MARKS: Record<EventBasis, string> = {
  reported: 'reported',
  outside: 'outside the articles',
  inferred: 'inferred',
  hypothetical: 'hypothetical',
};

// `first contact in 17 months (since 2022-11)` for a contact that closes a gap of two months or more.
function gapLine(step: TimelineStep): string | undefined {
  const event = toMachineEvent(step.event);
  if (event.type !== 'contact.held' || !step.changes.some((change) => change.path === `${event.channel}.lastContact`)) return undefined;
  const gap = step.elapsed[event.channel].lastGap;
  const previous = step.state.channels[event.channel].previousContact;
  if (gap === null || gap < 2 || previous === null) return undefined;
  return `first ${CHANNEL_LABELS[event.channel]} contact in ${gap} months (the last: ${previous})`;
}

function formatStep(c: Colors, step: TimelineStep, sourceLine: (article: string) => string): string[] {
  const { event, state } = step;
  const phase = phaseColor(c, state.phase)(PHASE_LABELS[state.phase]);
  const basis = basisOf(event);
  const mark = basis === 'reported' ? '' : ` ${c.magenta(`(${BASIS_MARKS[basis]})`)}`;
  const span = event.until ? ` (to ${event.until})` : '';
  const lines = [`${c.bold(event.date.padEnd(10))} ${describeEvent(toMachineEvent(event))}${span} ${c.dim(`[${event.id}]`)}${mark}  ${phase}`];
  const visible = step.changes.filter((change) => !HIDDEN.test(change.path));
  if (visible.length > 0) lines.push(`           ${c.cyan(visible.map(formatChange).join('; '))}`);
  else lines.push(`           ${c.dim('no change')}`);
  const gap = gapLine(step);
  if (gap) lines.push(`           ${c.cyan(gap)}`);
  for (const note of step.notes) lines.push(`           ${c.yellow(escapeControls(note))}`);
  if (event.inferred) lines.push(`           ${c.magenta(`inferred: ${truncate(event.inferred, 100)}`)}`);
  for (const fact of event.outside ?? []) {
    lines.push(`           ${c.magenta(`outside the articles: ${truncate(fact.fact, 70)} — ${fact.outlet}${fact.date ? `, ${fact.date}` : ''}`)}`);
  }
  if (event.source) lines.push(c.dim(`           “${truncate(event.source.quote, 90)}” — ${sourceLine(event.source.article)}`));
  if (event.hypothetical) lines.push(c.magenta(`           hypothetical: ${truncate(event.hypothetical, 100)}`));
  return lines;
}

/** The readable, coloured timeline of a replay, with each checkpoint's verdict in place. Pure. */
export function formatTimeline(replayed: Replay, given: { color: boolean; file: string; subtitle?: string }): string {
  const c = createColors(given.color);
  // Every value from the files escaped once, here, whichever of them the lines below show (and
  // nothing walked when the scenario, which every value of its replay comes from, needs nothing).
  const shown = { scenario: replayed.scenario, initial: replayed.initial, steps: replayed.steps, verdicts: replayed.verdicts };
  const result = holdsControls(replayed.scenario) ? escapeStrings(shown) : shown;
  const options = escapeStrings(given);
  const { scenario } = result;
  const sourceLine = (article: string) => {
    const source = scenario.sources[article];
    return source ? `${source.outlet}, reported ${source.date}` : article;
  };
  const lines = [c.bold(scenario.title), c.dim(`${options.file} · ${scenario.events.length} events · start: ${PHASE_LABELS[result.initial.phase]}`)];
  if (options.subtitle) lines.push(c.dim(options.subtitle));
  lines.push('');

  const byIndex = new Map<number, CheckpointVerdict[]>();
  for (const verdict of result.verdicts) {
    const here = byIndex.get(verdict.afterIndex);
    if (here) here.push(verdict);
    else byIndex.set(verdict.afterIndex, [verdict]);
  }

  for (const verdict of byIndex.get(-1) ?? []) lines.push(...formatVerdict(c, verdict, scenario.sources));
  for (const step of result.steps) {
    lines.push(...formatStep(c, step, sourceLine));
    for (const verdict of byIndex.get(step.index) ?? []) lines.push(...formatVerdict(c, verdict, scenario.sources));
  }

  const judged = result.verdicts.filter((verdict) => !verdict.observation);
  const held = judged.filter((verdict) => verdict.holds).length;
  const observations = result.verdicts.length - judged.length;
  const final = result.steps.at(-1)?.state ?? result.initial;
  lines.push('', `final phase: ${phaseColor(c, final.phase)(PHASE_LABELS[final.phase])}`);
  const summary = `${held} of ${judged.length} checkpoints hold${observations > 0 ? ` (and ${observations} observation${observations === 1 ? '' : 's'}, not judged)` : ''}`;
  lines.push(held === judged.length ? c.green(summary) : c.red(summary));
  return lines.join('\n');
}

/** The state on one date, channel by channel, with the months elapsed as of that date. Pure. */
export function formatState(given: RelationshipState, context: { color: boolean; heading: string; asOf: string }): string {
  const c = createColors(context.color);
  const state = escapeStrings(given);
  const options = escapeStrings(context);
  const elapsed = elapsedOf(state, options.asOf);
  const lines = [c.bold(options.heading), `phase: ${phaseColor(c, state.phase)(PHASE_LABELS[state.phase])}`];
  for (const channel of CHANNELS) {
    const channelState = state.channels[channel];
    const months = elapsed[channel];
    const request =
      channelState.request === 'none' ? '' : `, request ${channelState.request}${channelState.requestFor ? ` (for ${channelState.requestFor})` : ''}`;
    const cut = channelState.suspendedSince ? `, suspended since ${channelState.suspendedSince} (${months.sinceSuspended} months)` : '';
    const refused = channelState.refusedSince ? `, refused since ${channelState.refusedSince} (${months.sinceRefused} months)` : '';
    const last = channelState.lastContact ? `, last contact ${channelState.lastContact} (${months.sinceContact} months ago)` : '';
    lines.push(`  ${CHANNEL_LABELS[channel].padEnd(22)} ${channelState.link}${request}${cut}${refused}${last}`);
  }
  for (const office of OFFICES) {
    const { status, holder, sanctioned } = state.offices[office];
    const shown = status === 'held' ? `${holder}${sanctioned ? ' (under US sanctions)' : ''}` : status === 'vacant' ? 'vacant' : 'no holder on record';
    lines.push(`  ${OFFICE_TABLE[office].label.padEnd(40)} ${shown}`);
  }
  lines.push(`  ${"leaders' agreement".padEnd(40)} ${state.agreement === 'reached' ? 'reached' : 'none'}`);
  return lines.join('\n');
}

/** A reported-only timeline: what was left out before it, and what rests on judgement after it. Pure. */
export function formatReportedOnly(
  timeline: string,
  given: Pick<ReportedOnly, 'dropped' | 'moved'>,
  resting: readonly string[],
  options: { color: boolean },
): string {
  const c = createColors(options.color);
  const reduced = escapeStrings({ dropped: given.dropped, moved: given.moved });
  const left = reduced.dropped.map((event) => event.id);
  const head = [
    c.magenta(`Reported facts only: ${left.length} inferred event${left.length === 1 ? '' : 's'} left out${left.length ? `: ${left.join(', ')}` : ''}`),
    ...reduced.moved.map((move) =>
      c.dim(
        move.to === null
          ? `  checkpoint ${move.checkpoint} left out: no reported event before ${move.from}`
          : `  checkpoint ${move.checkpoint} follows ${move.to} instead of ${move.from}`,
      ),
    ),
    '',
  ];
  const tail = [
    '',
    resting.length === 0
      ? c.green('No checkpoint rests on an inference: every one that holds with them holds without them.')
      : c.yellow(`Resting on inferences (hold with them, fail without): ${escapeStrings(resting).join(', ')}`),
  ];
  return [...head, timeline, ...tail].join('\n');
}
