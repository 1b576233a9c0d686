import { type Channel, verifyMachine } from '../../index.js';
import { didYouMean } from '../../scenario/suggest.js';
import { defaultScopes, type SearchScope } from '../../verify/scopes.js';
import type { ScopeReport } from '../../verify/verifyMachine.js';
import { CHANNELS } from '../../vocabulary/channels.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { formatVerifyReport } from '../format/verifyReport.js';

/** Options of `thaw verify`. */
export interface VerifyCommandOptions {
  /** Comma-separated channels to search, each on its own (default: every channel). */
  channels: string | undefined;
  json: boolean;
  color: boolean;
  /** Where to say how far the search is, or undefined for nowhere. */
  progress: ((line: string | null) => void) | undefined;
  write: (text: string) => void;
}

/** `thaw verify`: searches the machine's reachable states; exit 0 when clean, 1 when a rule is broken. */
export function verifyCommand(options: VerifyCommandOptions): number {
  const scopes = options.channels === undefined ? defaultScopes() : scopesFor(options.channels);
  const began = performance.now();
  let done = 0;
  const report = verifyMachine({
    scopes,
    onScope: (scope: ScopeReport) => {
      done += 1;
      options.progress?.(`verify: searched ${scope.name} (${done} of ${scopes.length})`);
    },
  });
  options.progress?.(null);
  const seconds = (performance.now() - began) / 1000;
  options.write(options.json ? JSON.stringify({ ...report, seconds }, null, 2) : formatVerifyReport(report, { seconds, color: options.color }));
  return report.clean ? EXIT.ok : EXIT.checkpointFailed;
}

function scopesFor(list: string): SearchScope[] {
  const named = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (named.length === 0) throw new UsageError('--channels: name at least one channel (comma-separated)');
  for (const name of named) {
    if (!(CHANNELS as readonly string[]).includes(name))
      throw new UsageError(`--channels: "${name}" is not one of ${CHANNELS.join(', ')}${didYouMean(name, CHANNELS)}`);
  }
  return defaultScopes([...new Set(named)] as Channel[]);
}
