import type { createColors } from 'picocolors';
import type { Change, Phase } from '../../index.js';
import { escapeControls } from '../../scenario/problems.js';
import { PHASE_LABELS } from '../../vocabulary/channels.js';

export type Colors = ReturnType<typeof createColors>;

/** Paths too fine-grained for a terminal line; they stay in the JSON output. */
export const HIDDEN = /\.(suspendedBy|suspendedSince|refusedBy|refusedSince|previousContact|requestFor|since|status)$/;

/** A value as a terminal shows it: an em dash for nothing. Pure. */
export const show = (value: unknown) => (value === null || value === '' ? '—' : String(value));

/** The colour a phase is printed in. */
export function phaseColor(c: Colors, phase: Phase): (text: string) => string {
  return { normal: c.blue, channelsSuspended: c.red, partiallyRestored: c.yellow, ministerialResumed: c.green }[phase];
}

/** `ministerial.link suspended → reopened.quiet`, with phases by their labels. Pure. */
export function formatChange(change: Change): string {
  if (change.path === 'phase') {
    return `phase ${PHASE_LABELS[change.from as Phase]} → ${PHASE_LABELS[change.to as Phase]}`;
  }
  return `${change.path} ${show(change.from)} → ${show(change.to)}`;
}

/** The text on one line, control characters escaped, cut to `width` characters with an ellipsis. Pure. */
export function truncate(text: string, width: number): string {
  const flat = escapeControls(text.replace(/\s+/g, ' '));
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}
