// An event over several days: `date` is its first day, `until` its last; checked, shown, exported.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTimeline } from '../../src/cli/format/timeline.js';
import { cameoRows, ploverRecords } from '../../src/data/eventRecords.js';
import { fromPlover } from '../../src/datasets/ploverImport.js';
import { formatProblem, parseScenario, replay } from '../../src/index.js';

const TEXT = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'contacts.yaml'), 'utf8');
// The fixture with the chiefs' call held over three days, or with a span that ends too soon.
const withSpan = (until: string) =>
  TEXT.replace(
    '    payload: { channel: chiefs, mode: call }\n    causedBy: agreement\n',
    `    payload: { channel: chiefs, mode: talks }\n    until: ${until}\n    causedBy: agreement\n`,
  );

describe('an event over several days', () => {
  it('refuses a span that ends before it starts, at its line', () => {
    const result = parseScenario(withSpan('2023-12-20'), { file: 'f.yaml' });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^f\.yaml:\d+:\d+: events\[\d+\]\.until: the span ends \(2023-12-20\) before the event's date \(2023-12-21\)$/),
    ]);
  });

  it('shows the span in the timeline, exports its last day, and reads it back from PLOVER', () => {
    const result = parseScenario(withSpan('2023-12-23'), { file: 'f.yaml' });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    const run = replay(result.scenario);
    expect(formatTimeline(run, { color: false, file: 'f' })).toContain('2023-12-21 chiefs of staff round of talks (to 2023-12-23) [chiefs-call]');
    const plover = ploverRecords(run).records.find((record) => record.id === 'chiefs-call');
    expect(plover).toMatchObject({ date: '2023-12-21', enddate: '2023-12-23' });
    expect(cameoRows(run).records.find((row) => row.id === 'chiefs-call')).toMatchObject({ date: '2023-12-21', enddate: '2023-12-23' });
    const back = fromPlover(JSON.parse(JSON.stringify(plover)) as Record<string, unknown>);
    expect(back).toMatchObject({ ok: true, event: { date: '2023-12-21', until: '2023-12-23' } });
  });
});
