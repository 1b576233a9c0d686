// Whatever a scenario's text holds, nothing a command prints for a terminal carries a raw control
// character: a value cannot move the cursor, recolour the terminal, ring the bell, set the window
// title or start a line that reads as a problem of another file (issue 25, item 1).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { startInspect, thaw } from '../support/thaw.js';

const work = mkdtempSync(join(tmpdir(), 'thaw-escapes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Every free-text field a scenario has, once each: title, description, outlet, headline, a name,
// participants, a venue, a reason, a provocation's actor, an outside fact (fact, outlet, quote),
// a quote, a note, an inference, a hypothesis, a claim and an expected office holder.
const TEMPLATE = `id: hostile
title: @0@
description: @1@
sources:
  gazette: { outlet: @2@, headline: @3@, date: 2024-04 }
events:
  - id: minister
    date: 2021-01
    type: official.appointed
    payload: { office: prcDefenseMinister, name: @4@ }
    source: { article: gazette, quote: @5@ }
    note: @6@
  - id: visit
    date: 2022-08-02
    type: provocation
    payload: { kind: taiwanVisit, actor: @7@ }
    outside: [{ fact: @8@, outlet: @9@, quote: @10@, date: 2022-08 }]
  - id: freeze
    date: 2022-08-05
    type: channel.suspended
    payload: { channel: chiefs, by: PRC }
    causedBy: visit
    inferred: @11@
  - id: declined
    date: 2023-05
    type: meeting.declined
    payload: { channel: ministerial, by: PRC, mode: sidelines, reason: @12@ }
    hypothetical: @13@
  - id: absent
    date: 2023-06
    type: official.absent
    payload: { office: prcDefenseMinister, name: @4@, venue: @14@ }
    hypothetical: a test
  - id: call
    date: 2023-12-21
    type: contact.held
    payload: { channel: chiefs, mode: visit, participants: [@15@, @4@] }
    hypothetical: a test
  - id: asked
    date: 2024-01
    type: meeting.requested
    payload: { channel: ministerial, by: US, venue: @16@ }
    hypothetical: a test
checkpoints:
  - id: held
    after: call
    claim: @17@
    expect: { offices: { prcDefenseMinister: { holder: @4@ } } }
  - id: looked
    after: freeze
    claim: @18@
`;
const FIELDS = 19;

// Written as an escape in a double-quoted YAML string, so the file reads as written whatever it holds.
const quoted = (text: string) =>
  JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

// Text with the characters a terminal acts on: escape sequences, OSC, bell, line ends, the 8-bit CSI, bidi overrides.
const hostileText = fc
  .array(
    fc.constantFrom(
      '\u001b[31m',
      '\u001b]0;owned\u0007',
      '\u0007',
      '\n',
      '\r',
      '\nf.yaml:1:1: ',
      '\u009b2J',
      '\u202e',
      '\u0000',
      '\t',
      '\u007f',
      '\u2028',
      'Li',
      ' ',
      'x',
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => `A${parts.join('')}`);

// A raw control character, but the line end each line of output ends with.
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function hostileScenario(texts: string[], name: string): string {
  const file = join(work, name);
  writeFileSync(
    file,
    TEMPLATE.replace(/@(\d+)@/g, (_, index: string) => quoted(texts[Number(index)] as string)),
  );
  return file;
}

const whatIfOver = (base: string, text: string) => {
  const file = join(work, 'hostile-what-if.yaml');
  writeFileSync(
    file,
    `id: hostile-what-if\ntitle: ${quoted(text)}\ndescription: ${quoted(text)}\nbase: ${base}\nedits:\n  - remove: declined\n  - insert: { id: extra, date: 2023-07, type: sanctions.imposed, payload: { name: ${quoted(text)} }, hypothetical: ${quoted(text)} }\ncheckpoints:\n  - id: guess\n    after: extra\n    claim: ${quoted(text)}\n    expect: { offices: { prcDefenseMinister: { holder: ${quoted(text)} } } }\n`,
  );
  return file;
};

describe('values with control characters, printed', () => {
  it('should escape every one in every command that prints values, on stdout and stderr', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileText, { minLength: FIELDS, maxLength: FIELDS }), async (texts) => {
        const file = hostileScenario(texts, 'hostile.yaml');
        const whatIf = whatIfOver(file, texts[0] as string);
        const runs = [
          ['replay', file],
          ['replay', file, '--reported-only'],
          ['replay', file, '--at', '2023-07'],
          ['replay', file, '--check-order'],
          ['whatif', whatIf],
          ['replay', whatIf],
          ['compare', file],
          ['explore', file, '--events', 'declined,call'],
        ];
        for (const args of runs) {
          const { code, stdout, stderr } = await thaw(args);
          // The file is valid: the values are printed, not refused.
          expect(code, `${args.join(' ')}\n${stderr}`).toBeLessThan(2);
          for (const line of `${stdout}\n${stderr}`.split('\n')) expect(line, args.join(' ')).not.toMatch(RAW);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('should escape them in the lines thaw inspect prints as it replays', async () => {
    const texts = Array.from({ length: FIELDS }, (_, index) => `A\u001b]0;owned\u0007\nf.yaml:${index}:1: x`);
    const inspect = await startInspect([hostileScenario(texts, 'hostile-inspect.yaml'), '--pace', '0']);
    await expect.poll(() => inspect.output()).toContain('replay done');
    const { stdout, stderr } = await inspect.stop();
    expect(stdout).toContain('\\e]0;owned\\u0007\\nf.yaml');
    for (const line of `${stdout}\n${stderr}`.split('\n')) expect(line).not.toMatch(RAW);
  });
});
