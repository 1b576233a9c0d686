import { createColors } from 'picocolors';
import { CHANNELS, CHANNEL_LABELS, PHASE_LABELS } from '../../vocabulary/channels.js';
import type { RelationshipState } from '../../machine/view.js';
import { describeEvent } from '../../replay/describeEvent.js';
import type { CheckpointVerdict } from '../../replay/checkpoints.js';
import { toMachineEvent, type Replay, type TimelineStep } from '../../replay/replay.js';
import { formatChange, HIDDEN, phaseColor, show, truncate, type Colors } from './text.js';

function formatVerdict(c: Colors, verdict: CheckpointVerdict): string[] {
  const { checkpoint } = verdict;
  const mark = verdict.holds ? c.green('✔ holds') : c.red('✘ fails');
  const lines = [`  ${c.bold('checkpoint')} ${checkpoint.id} (${checkpoint.reportedBy ?? 'predicted'}) ${mark}`];
  lines.push(c.dim(`    ${truncate(checkpoint.claim, 110)}`));
  for (const mismatch of verdict.mismatches) {
    lines.push(c.red(`    ${mismatch.path}: expected ${show(mismatch.expected)}, got ${show(mismatch.actual)}`));
  }
  return lines;
}

function formatStep(c: Colors, step: TimelineStep, sourceFile: (article: string) => string): string[] {
  const { event, state } = step;
  const phase = phaseColor(c, state.phase)(PHASE_LABELS[state.phase]);
  const lines = [
    `${c.bold(event.date.padEnd(10))} ${describeEvent(toMachineEvent(event))} ${c.dim(`[${event.id}]`)}  ${phase}`,
  ];
  const visible = step.changes.filter((change) => !HIDDEN.test(change.path));
  if (visible.length > 0) lines.push(`           ${c.cyan(visible.map(formatChange).join('; '))}`);
  else lines.push(`           ${c.dim('no change')}`);
  for (const note of step.notes) lines.push(`           ${c.yellow(note)}`);
  if (event.outside) lines.push(`           ${c.magenta(`outside the articles: ${truncate(event.outside, 90)}`)}`);
  if (event.source) lines.push(c.dim(`           “${truncate(event.source.quote, 90)}” — ${sourceFile(event.source.article)}`));
  if (event.hypothetical) lines.push(c.magenta(`           hypothetical: ${truncate(event.hypothetical, 100)}`));
  return lines;
}

/** The readable, coloured timeline of a replay, with each checkpoint's verdict in place. Pure. */
export function formatTimeline(result: Replay, options: { color: boolean; file: string }): string {
  const c = createColors(options.color);
  const { scenario } = result;
  const sourceFile = (article: string) => {
    const source = scenario.sources[article];
    return source ? `${source.outlet}, ${source.date}` : article;
  };
  const lines = [c.bold(scenario.title), c.dim(`${options.file} · ${scenario.events.length} events · start: ${PHASE_LABELS[result.initial.phase]}`), ''];

  const byIndex = new Map<number, CheckpointVerdict[]>();
  for (const verdict of result.verdicts) byIndex.set(verdict.afterIndex, [...(byIndex.get(verdict.afterIndex) ?? []), verdict]);

  for (const verdict of byIndex.get(-1) ?? []) lines.push(...formatVerdict(c, verdict));
  for (const step of result.steps) {
    lines.push(...formatStep(c, step, sourceFile));
    for (const verdict of byIndex.get(step.index) ?? []) lines.push(...formatVerdict(c, verdict));
  }

  const held = result.verdicts.filter((verdict) => verdict.holds).length;
  const total = result.verdicts.length;
  const final = result.steps.at(-1)?.state ?? result.initial;
  lines.push('', `final phase: ${phaseColor(c, final.phase)(PHASE_LABELS[final.phase])}`);
  const summary = `${held} of ${total} checkpoints hold`;
  lines.push(held === total ? c.green(summary) : c.red(summary));
  return lines.join('\n');
}

/** The state on one date, channel by channel. Pure. */
export function formatState(state: RelationshipState, options: { color: boolean; heading: string }): string {
  const c = createColors(options.color);
  const lines = [c.bold(options.heading), `phase: ${phaseColor(c, state.phase)(PHASE_LABELS[state.phase])}`];
  for (const channel of CHANNELS) {
    const channelState = state.channels[channel];
    const request = channelState.request === 'none' ? '' : `, request ${channelState.request}`;
    const last = channelState.lastContact ? `, last contact ${channelState.lastContact}` : '';
    lines.push(`  ${CHANNEL_LABELS[channel].padEnd(22)} ${channelState.link}${request}${last}`);
  }
  const seat = state.seat.holder ? `${state.seat.holder}${state.seat.sanctioned ? ' (under US sanctions)' : ''}` : 'vacant';
  lines.push(`  ${'PRC defence seat'.padEnd(22)} ${seat}`);
  lines.push(`  ${"leaders' agreement".padEnd(22)} ${state.agreement === 'reached' ? 'reached' : 'none'}`);
  return lines.join('\n');
}
