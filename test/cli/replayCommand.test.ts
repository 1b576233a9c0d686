import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayCommand } from '../../src/cli/commands/replay.js';
import { UsageError } from '../../src/cli/exitCodes.js';

// The command in-process: the same function the bin calls, with its output captured.
const file = join(import.meta.dirname, '..', 'fixtures', 'frozen', 'record.yaml');
function run(options: { json?: boolean; at?: string; reportedOnly?: boolean; checkOrder?: boolean }) {
  let out = '';
  const code = replayCommand({ file, json: false, color: false, sourcesDir: null, cwd: process.cwd(), write: (text) => (out += text), ...options });
  return { code, out };
}

describe('thaw replay --reported-only', () => {
  it('should replay without the inferences, say what it left out, and name the checkpoints that rest on them', () => {
    const { code, out } = run({ reportedOnly: true });
    expect(code).toBe(1);
    expect(out).toMatch(/^Reported facts only: 2 inferred events left out: ministers-call-expected, mmca-talks-planned/);
    expect(out).toContain('7 of 8 checkpoints hold');
    expect(out).toMatch(/Resting on inferences \(hold with them, fail without\): ministers-expected-soon$/);
    expect(out).not.toContain('[ministers-call-expected]');
  });

  it('should say as much in JSON, and give a state on a date without them', () => {
    const json = JSON.parse(run({ reportedOnly: true, json: true }).out);
    expect(json.reportedOnly).toEqual({
      dropped: ['ministers-call-expected', 'mmca-talks-planned'],
      moved: [],
      restOnInference: ['ministers-expected-soon'],
    });
    const at = JSON.parse(run({ reportedOnly: true, json: true, at: '2024-04-05' }).out);
    expect(at.state.channels.ministerial.request).toBe('lapsed');
    expect(at.elapsed.ministerial.sinceContact).toBe(17);
  });
});

describe('thaw replay --check-order', () => {
  it('should report each checkpoint under every allowed order, and exit 1 when one depends on the order', () => {
    const { code, out } = run({ checkOrder: true });
    expect(code).toBe(1);
    expect(out).toMatch(/jakarta-request-seat-vacant +depends on the order: holds as listed, fails in another \(order open: chase-liu-meeting\)/);
    expect(out).toContain('e.g. with chase-liu-meeting before jakarta-request');
    expect(out).toMatch(/ministerial-contact-resumed +✔ holds in every order/);
    expect(out).toMatch(/1 of 8 checkpoints depend on an assumed order$/);
    const json = JSON.parse(run({ checkOrder: true, json: true }).out);
    expect(json.settled).toBe(false);
    expect(json.checkpoints.map((checkpoint: { verdict: string }) => checkpoint.verdict)).toEqual([
      'holds',
      'holds',
      'holds',
      'holds',
      'depends',
      'holds',
      'holds',
      'holds',
    ]);
  });

  it('should refuse --at with --check-order', () => {
    expect(() => run({ checkOrder: true, at: '2023-05' })).toThrow(UsageError);
  });
});
