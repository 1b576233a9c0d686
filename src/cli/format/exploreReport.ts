import { createColors } from 'picocolors';
import type { ExploreResult, RelationshipState } from '../../index.js';
import { escapeStrings } from '../../scenario/problems.js';
import { PHASE_LABELS, PHASES } from '../../vocabulary/channels.js';
import { phaseColor } from './text.js';

const count = (n: number | bigint) => n.toLocaleString('en-US');
// Exact counts can pass 2^53 (20! orderings), so the share is worked out in integers, to a tenth.
const share = (n: bigint, of: bigint) => (of === 0n ? '0.0%' : `${(Number((n * 1000n) / of) / 10).toFixed(1)}%`);

/** The readable report of an exploration. Pure. */
export function formatExploreReport(
  explored: ExploreResult,
  given: { file: string; start: { afterEvent: string | null; state: RelationshipState }; seconds: number; color: boolean },
): string {
  const result = escapeStrings(explored);
  const context = escapeStrings(given);
  const c = createColors(context.color);
  const where = context.start.afterEvent ? `after "${context.start.afterEvent}"` : 'from the initial state';
  const what = result.mode === 'subsets' ? 'sequences (every ordering of every subset, the empty one included)' : 'orderings';
  const lines = [
    c.bold(`Exploring ${result.candidates.length} candidate events from ${context.file}, ${where} (${PHASE_LABELS[context.start.state.phase]})`),
    c.dim(`  candidates: ${result.candidates.join(', ')}`),
    `${count(result.sequences)} ${what}: ${count(result.mergedStates)} merged states, ${count(result.transitions)} transitions, ${context.seconds.toFixed(1)} s`,
    '',
    c.bold('Phase at the end'),
  ];
  const width = Math.max(...PHASES.map((phase) => PHASE_LABELS[phase].length));
  for (const phase of PHASES) {
    const n = result.endPhases[phase];
    lines.push(`  ${phaseColor(c, phase)(PHASE_LABELS[phase].padEnd(width))}  ${count(n).padStart(12)}  ${share(n, result.sequences).padStart(6)}`);
  }
  lines.push(
    '',
    `Reach "ministerial contact resumed" at some point: ${count(result.reachGoal)} (${share(result.reachGoal, result.sequences)})`,
    result.shortest
      ? `Shortest sequence to it (${result.shortest.length} event${result.shortest.length === 1 ? '' : 's'}): ${result.shortest.join(' → ') || '(none needed: the start is already there)'}`
      : 'No sequence of these candidates reaches it.',
  );
  if (result.shortest) {
    lines.push(`Needed by every sequence that gets there: ${result.needed.length > 0 ? result.needed.join(', ') : 'none of them on its own'}`);
  }
  return lines.join('\n');
}
