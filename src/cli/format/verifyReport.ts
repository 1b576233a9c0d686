import { createColors } from 'picocolors';
import type { RelationshipState, VerifyReport, Violation } from '../../index.js';
import { describeEvent } from '../../replay/describeEvent.js';
import { CHANNELS, OFFICES, PHASE_LABELS } from '../../vocabulary/channels.js';

const count = (n: number) => n.toLocaleString('en-US');

/** The regions of a state on one line, leaving out channels still open and quiet. */
function stateLine(state: RelationshipState): string {
  const channels = CHANNELS.filter((channel) => state.channels[channel].link !== 'open.quiet' || state.channels[channel].request !== 'none').map(
    (channel) =>
      `${channel} ${state.channels[channel].link}${state.channels[channel].request === 'none' ? '' : ` (request ${state.channels[channel].request})`}`,
  );
  const offices = OFFICES.filter((office) => state.offices[office].status !== 'unknown').map(
    (office) => `${office} ${state.offices[office].holder ?? 'vacant'}`,
  );
  return [`phase ${PHASE_LABELS[state.phase]}`, ...channels, ...offices, `agreement ${state.agreement}`].join('; ');
}

function formatViolation(violation: Violation, c: ReturnType<typeof createColors>): string[] {
  const kind = { structure: 'structure rule broken', invariant: 'invariant broken', step: 'step rule broken', trap: 'trap' }[violation.kind];
  const head = [c.red(`✗ ${kind}: ${violation.id}`), `  rule: ${violation.rule}`];
  if (violation.kind === 'structure') return [...head, `  found in: ${violation.scope}`, ''];
  const steps = violation.path.length;
  return [
    ...head,
    `  ${violation.kind === 'trap' ? 'a state it fails in, reached' : 'broken'} after ${steps} event${steps === 1 ? '' : 's'} (shortest; search ${violation.scope}):`,
    ...violation.path.map((event, index) => `    ${String(index + 1).padStart(2)}. ${event.type.padEnd(22)} ${describeEvent(event)}`),
    `  state: ${stateLine(violation.state)}`,
    '',
  ];
}

/** The readable report of `thaw verify`. Pure. */
export function formatVerifyReport(report: VerifyReport, context: { seconds: number; color: boolean }): string {
  const c = createColors(context.color);
  const header = ['search', 'events', 'states', 'steps', 'transitions'];
  const rows = report.scopes.map((scope) => [scope.name, count(scope.events), count(scope.states), count(scope.steps), count(scope.transitions)]);
  rows.push(['all searches (distinct states)', '', count(report.totals.states), count(report.totals.steps), count(report.totals.transitions)]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  const { declared } = report;
  const inScope = declared.total - declared.notSearched;
  const reached = inScope - declared.unreached.length;
  const broken = new Set(report.violations.map((violation) => violation.id));
  const ruleLine = (ids: string[]) => {
    const bad = [...broken].filter((id) => ids.some((rule) => id === rule || id.startsWith(`${rule}:`)));
    return bad.length === 0 ? c.green('none broken') : c.red(`${bad.length} broken (${bad.join(', ')})`);
  };
  const lines = [
    c.bold('Verifying the relationship statechart: its reachable states, searched with every event from each'),
    c.dim(
      '  a state is its regions, office holders, the sanctions list and which channels record a cut, a refusal or a meeting date (dates, counters and sides are left out);',
    ),
    c.dim(
      `  each channel's search tries every event type on it and its offices, by either side, in every mode; names ${report.names.join(', ')} (sanctions on the first);`,
    ),
    c.dim('  the search of every channel at once tries a cut and a call on each, which moves every link between the forms the phase tells apart'),
    '',
    c.bold(line(header)),
    ...rows.map(line),
    '',
    `Declared states reached: ${reached} of ${inScope}${declared.notSearched ? ` (${declared.notSearched} more in channels not searched)` : ''}${declared.unreached.length ? c.red(` — never reached: ${declared.unreached.join(', ')}`) : ''}`,
    `Structure (${report.rules.structure.length}): ${ruleLine(report.rules.structure)}`,
    `Invariants over states (${report.rules.invariants.length}): ${ruleLine(report.rules.invariants)}`,
    `Rules over steps (${report.rules.steps.length}): ${ruleLine(report.rules.steps)}`,
    `Traps (every state reached stays reachable, but for ${report.rules.doors.length} one-way doors): ${ruleLine(['stays-reachable'])}`,
    '',
    ...report.violations.flatMap((violation) => formatViolation(violation, c)),
    report.clean
      ? c.green(`✓ clean (${context.seconds.toFixed(1)} s)`)
      : c.red(
          `✗ not clean: ${report.violations.length} rule${report.violations.length === 1 ? '' : 's'} broken, ${report.declared.unreached.length} declared state${report.declared.unreached.length === 1 ? '' : 's'} unreached (${context.seconds.toFixed(1)} s)`,
        ),
  ];
  return lines.join('\n');
}
