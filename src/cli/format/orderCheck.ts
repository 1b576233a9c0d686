import { createColors } from 'picocolors';
import type { OrderCheck } from '../../index.js';
import { formatMismatch, isObservation } from '../../replay/checkpoints.js';
import { escapeStrings } from '../../scenario/problems.js';
import { truncate } from './text.js';

/** The readable report of `thaw replay --check-order`. Pure. */
export function formatOrderCheck(checked: OrderCheck, given: { color: boolean; title: string; file: string; reportedOnly?: boolean }): string {
  const check = escapeStrings(checked);
  const options = escapeStrings(given);
  const c = createColors(options.color);
  const width = Math.max(...check.verdicts.map((verdict) => verdict.checkpoint.id.length), 10);
  const lines = [
    c.bold(`${options.title}: checkpoints under every order the sources allow${options.reportedOnly ? ', reported facts only' : ''}`),
    c.dim(
      `${options.file} · events of one month in any order, but each after its causes, days in their order, and what a checkpoint's article reports before it`,
    ),
    '',
  ];
  for (const { checkpoint, verdict, uncertain, counterexample, orders } of check.verdicts) {
    const name = checkpoint.id.padEnd(width);
    const open = uncertain.length > 0 ? c.dim(` (order open: ${uncertain.join(', ')})`) : '';
    if (isObservation(checkpoint)) lines.push(`  ${name}  ${c.blue('◇ an observation: nothing to judge')}`);
    else if (orders === 0) lines.push(`  ${name}  ${c.yellow('no order the constraints allow: its article reports events that must come after it')}`);
    else if (verdict === 'holds') lines.push(`  ${name}  ${c.green('✔ holds in every order')}${open}`);
    else if (verdict === 'fails') lines.push(`  ${name}  ${c.red('✘ fails in every order')}${open}`);
    else {
      lines.push(
        `  ${name}  ${c.yellow(`depends on the order: ${counterexample?.holds ? 'fails as listed, holds' : 'holds as listed, fails'} in another`)}${open}`,
      );
      const before = counterexample?.before ?? [];
      if (checkpoint.after !== undefined)
        lines.push(c.dim(`    e.g. with ${before.length ? before.join(', ') : 'none of its month'} before ${checkpoint.after}`));
      else lines.push(c.dim(`    e.g. in the order ${before.join(' → ')}, by ${checkpoint.at}`));
      for (const mismatch of counterexample?.mismatches ?? []) lines.push(c.yellow(`    ${truncate(formatMismatch(mismatch), 200)}`));
    }
  }
  const depending = check.verdicts.filter((verdict) => verdict.verdict === 'depends').length;
  const judged = check.verdicts.filter((verdict) => !isObservation(verdict.checkpoint)).length;
  lines.push(
    '',
    depending === 0 ? c.green('No checkpoint depends on an assumed order') : c.yellow(`${depending} of ${judged} checkpoints depend on an assumed order`),
  );
  return lines.join('\n');
}
