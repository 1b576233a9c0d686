import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parse } from 'yaml';
import { EXIT } from '../../src/cli/exitCodes.js';
import { readScenario } from '../../src/index.js';
import { builtCheckWorker, root, startInspect, thaw } from '../support/thaw.js';

// The CLI runs in-process (runCli, the function the bin calls) on captured output; a few smoke
// tests spawn the compiled bin (npm test builds it first) for what only a process shows: the
// default job, a closed pipe, a full disk.
const bin = join(root, 'dist', 'cli', 'main.js');
const record = join(root, 'test', 'fixtures', 'frozen', 'record.yaml');
// How many events the record has: the live replay counts them.
const recordEvents = readScenario(record, { sourcesDir: null }).events.length;
const work = mkdtempSync(join(tmpdir(), 'thaw-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function scenarioWith(name: string, edit: (text: string) => string): string {
  const file = join(work, name);
  writeFileSync(file, edit(readFileSync(record, 'utf8')));
  return file;
}

describe('the thaw bin', () => {
  it('should replay the record by default, as npm start does, and exit 0', () => {
    const result = spawnSync(process.execPath, [bin], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', THAW_SOURCES: '' } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('8 of 8 checkpoints hold');
  });

  it("should print the package's version, alone and answered before the program loads, as commander does with more arguments", () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['-V'], ['-V', '--no-color']]) {
      const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stdout).toBe(`${version}\n`);
    }
  });

  it('should check thaw run lines on its second thread and write what the in-process run writes', async () => {
    const events = (parse(readFileSync(record, 'utf8')) as { events: unknown[] }).events.map((event) => JSON.stringify(event));
    const input = [...events.slice(0, 10), '{"id": "broken"', ...events.slice(10)].join('\n');
    // A preload that says on stderr when a worker thread starts, so the test sees the bin start one.
    const preload = join(work, 'report-workers.cjs');
    writeFileSync(
      preload,
      "const threads = require('node:worker_threads'); const Base = threads.Worker;" +
        " threads.Worker = class extends Base { constructor(...args) { super(...args); process.stderr.write('[worker started]\\n'); } };" +
        " require('node:module').syncBuiltinESMExports();",
    );
    const result = spawnSync(process.execPath, ['--require', preload, bin, 'run', '--on-error', 'skip'], {
      cwd: root,
      input,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', THAW_SOURCES: '' },
    });
    const inProcess = await thaw(['run', '--on-error', 'skip'], { input });
    expect(inProcess.stdout.trim().split('\n')).toHaveLength(events.length);
    expect(result.stderr.startsWith('[worker started]\n')).toBe(availableParallelism() > 1);
    expect({ ...result, stderr: result.stderr.replace('[worker started]\n', '') }).toMatchObject({
      status: 2,
      stdout: inProcess.stdout,
      stderr: inProcess.stderr,
    });
  });
});

describe('bin/thaw, started from the startup snapshot', () => {
  const snapshotBin = join(root, 'bin', 'thaw');
  const frozen = join(root, 'test', 'fixtures', 'frozen');
  const both = (args: string[], input?: string) =>
    [snapshotBin, bin].map((command) => {
      const result = spawnSync(command === bin ? process.execPath : command, command === bin ? [bin, ...args] : args, {
        cwd: root,
        encoding: 'utf8',
        input: input ?? '',
        // No NODE_OPTIONS, which would send bin/thaw to the plain program: compared with itself.
        env: { ...process.env, NO_COLOR: '1', THAW_SOURCES: '', NODE_OPTIONS: '' },
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    });

  it('should have been built, for this node', () => {
    expect(existsSync(join(root, 'dist', 'thaw.blob')), 'npm run build makes dist/thaw.blob').toBe(true);
    expect(
      readFileSync(join(root, 'dist', 'thaw.blob.node'), 'utf8')
        .split('\n')
        .slice(0, 2),
    ).toEqual([process.version, root]);
  });

  it('should run the plain program from a copy elsewhere, whose folder the snapshot was not made for', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'thaw-moved-'));
    try {
      mkdirSync(join(elsewhere, 'bin'));
      writeFileSync(join(elsewhere, 'bin', 'thaw'), readFileSync(snapshotBin), { mode: 0o755 });
      symlinkSync(join(root, 'dist'), join(elsewhere, 'dist'));
      // Linked from a folder of commands, as npm links a package's bin.
      mkdirSync(join(elsewhere, '.bin'));
      symlinkSync(join('..', 'bin', 'thaw'), join(elsewhere, '.bin', 'thaw'));
      const result = spawnSync(join(elsewhere, '.bin', 'thaw'), ['replay', join(frozen, 'record.yaml')], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', THAW_SOURCES: '', NODE_OPTIONS: '' },
      });
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('8 of 8 checkpoints hold');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('should send to the plain program exactly the commands the snapshot does not serve', async () => {
    const { PLAIN_COMMANDS } = await import('../../src/cli/plainCommands.js');
    const listed = /^\s*(\w+(?: \| \w+)*)\) exec node "\$plain"/m.exec(readFileSync(snapshotBin, 'utf8'))?.[1]?.split(' | ');
    expect(new Set(listed)).toEqual(PLAIN_COMMANDS);
  });

  it('should run the plain program when NODE_OPTIONS could change the V8 the snapshot needs', () => {
    const result = spawnSync(snapshotBin, ['replay', join(frozen, 'record.yaml')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', THAW_SOURCES: '', NODE_OPTIONS: '--max-old-space-size=512' },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('8 of 8 checkpoints hold');
  });

  it('should print what the plain program prints, for the commands it serves and the ones it hands over', () => {
    const line = JSON.stringify({
      id: 'a',
      date: '2022-01-01',
      type: 'incident',
      payload: { kind: 'intercept', actor: 'CHN', target: 'USA' },
      hypothetical: 'a test',
    });
    for (const [args, input] of [
      [['--version']],
      [['--help']],
      [['replay', join(frozen, 'record.yaml'), '--at', '2023-06', '--json']],
      [['whatif', join(frozen, 'what-if', 'no-chase-trip.yaml')]],
      [['run', '--no-state'], `${line}\n`],
      [['replay', join(frozen, 'nowhere.yaml')]],
      [['export', '--format', 'mermaid']],
    ] as Array<[string[], string?]>) {
      const [snapshot, plain] = both(args, input);
      expect(snapshot, args.join(' ')).toEqual(plain);
    }
  });
});

describe('bin/thaw starting a command that draws or serves', () => {
  it('should start thaw inspect as the plain program, which a SIGTERM closes cleanly (exit 0)', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(join(root, 'bin', 'thaw'), ['inspect', '--port', '0', '--pace', '0'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', THAW_SOURCES: '' },
    });
    let out = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('replay done')) resolve();
      });
    });
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
    expect(code, out).toBe(0);
  }, 30_000);
});

describe('thaw replay', () => {
  it('should replay the record by default, with 8 of 8 checkpoints holding, and exit 0', async () => {
    const { code, stdout, stderr } = await thaw([]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('8 of 8 checkpoints hold');
    expect(stdout).toContain('final phase: ministerial contact resumed');
    expect(stdout).not.toMatch(/\u001b\[/);
  });

  it('should print the timeline as JSON with --json', async () => {
    const { code, stdout } = await thaw(['replay', record, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.scenario.id).toBe('record');
    expect(json.steps).toHaveLength((parse(readFileSync(record, 'utf8')) as { events: unknown[] }).events.length);
    expect(json.steps.at(-1).state.phase).toBe('ministerialResumed');
    expect(json.checkpoints.map((checkpoint: { holds: boolean }) => checkpoint.holds)).toEqual(Array(8).fill(true));
  });

  it('should print the state on a date with --at', async () => {
    const text = await thaw(['replay', record, '--at', '2023-06-15']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/phase: channels suspended/);
    expect(text.stdout).toMatch(/PRC Minister of National Defense\s+Li Shangfu \(under US sanctions\)/);
    expect(text.stdout).toMatch(/ministerial\s+refused, request declined, refused since 2023-02-04 \(4 months\), last contact 2022-11-22 \(7 months ago\)/);
    const json = JSON.parse((await thaw(['replay', record, '--at', '2024-01', '--json'])).stdout);
    expect(json.afterEvent).toBe('policy-talks-held');
    expect(json.state.phase).toBe('partiallyRestored');
    expect(json.state.offices.prcDefenseMinister.holder).toBe('Dong Jun');
    expect(json.elapsed.ministerial).toEqual({ sinceContact: 14, sinceSuspended: null, sinceRefused: 11, lastGap: 5 });
  });

  it('should count an event dated to a month only from the end of that month', async () => {
    const early = JSON.parse((await thaw(['replay', record, '--at', '2023-11-01', '--json'])).stdout);
    expect(early.afterEvent).toBe('tense-encounters');
    expect(early.state.agreement).toBe('none');
    const late = JSON.parse((await thaw(['replay', record, '--at', '2023-11', '--json'])).stdout);
    expect(late.afterEvent).toBe('intercepts-stopped');
    expect(late.state.agreement).toBe('reached');
  });

  it('should exit 1 with --at too when a checkpoint fails', async () => {
    const file = scenarioWith('failing-at.yaml', (text) => text.replace('phase: ministerialResumed', 'phase: partiallyRestored'));
    expect((await thaw(['replay', file, '--at', '2023-12'])).code).toBe(1);
  });

  it('should exit 4 when the output cannot be written, to a file or to stdout alike', async (context) => {
    if (!existsSync('/dev/full')) {
      console.log('skipped: no /dev/full on this system to fill a disk with');
      context.skip();
    }
    expect(await thaw(['export', '--output', '/dev/full'])).toMatchObject({
      code: 4,
      stderr: expect.stringMatching(/--output: cannot write "\/dev\/full": ENOSPC/),
    });
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" export >/dev/full; echo "\${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', THAW_SOURCES: '' },
    });
    expect(result.stderr).toMatch(/^thaw: cannot write the output: ENOSPC/);
    expect(result.stdout.trim()).toBe('4');
  });

  it('should end quietly when the reader closes the pipe early', () => {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" replay --json | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', THAW_SOURCES: '' },
    });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('0');
  });

  it('should write all of a long thaw run to a reader that starts late, waiting for it rather than gathering the output', async () => {
    // About 6 MB of output, more than the 4 MiB a reader may leave unread, through a pipe whose reader sleeps first.
    const file = join(work, 'long-run.jsonl');
    const channels = ['chiefs', 'theater', 'attache'];
    writeFileSync(
      file,
      Array.from(
        { length: 2500 },
        (_, index) =>
          `${JSON.stringify({ id: `e${index}`, date: '2022-01', type: 'contact.held', payload: { channel: channels[index % 3], mode: 'visit' }, hypothetical: 'a test' })}\n`,
      ).join(''),
    );
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" run "${file}" | { sleep 1; sha256sum; }; echo "\${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', THAW_SOURCES: '' },
    });
    const expected = createHash('sha256')
      .update((await thaw(['run', file])).stdout)
      .digest('hex');
    expect(result.stderr).toBe('');
    expect(result.stdout.split(/\s+/).filter(Boolean)).toEqual([expected, '-', '0']);
  });

  it('should not take an inherited property name for an article id', async () => {
    const file = scenarioWith('constructor.yaml', (text) => text.replace('reportedBy: ft-2024-04', 'reportedBy: constructor'));
    const { code, stderr } = await thaw(['replay', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/checkpoints\[7\]\.reportedBy: unknown article "constructor"/);
  });

  it('should exit 1 and show the mismatch when a checkpoint fails', async () => {
    const file = scenarioWith('failing.yaml', (text) => text.replace('phase: ministerialResumed', 'phase: partiallyRestored'));
    const { code, stdout } = await thaw(['replay', file]);
    expect(code).toBe(1);
    expect(stdout).toContain('phase: expected partiallyRestored, got ministerialResumed');
    expect(stdout).toContain('7 of 8 checkpoints hold');
  });

  it('should exit 2 with every located problem and no stack trace on invalid input', async () => {
    const file = scenarioWith('broken.yaml', (text) =>
      text
        .replace('type: channel.restored', 'type: channel.restord')
        .replace('channel: chiefs, mode: call', 'channel: cheifs, mode: call')
        .replace('date: 2024-01-08', 'date: 2022-01'),
    );
    const { code, stdout, stderr } = await thaw(['replay', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file}:`);
    expect(stderr).toMatch(/unknown event type "channel.restord"; did you mean "channel.restored"\?/);
    expect(stderr).toMatch(/unknown channel: "cheifs"; did you mean "chiefs"\?/);
    expect(stderr).toMatch(/date 2022-01 is before the previous event's date 2023-12-29/);
    expect(stderr).toMatch(/3 problems found; nothing was replayed\./);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('should check quotes against the articles when given a sources folder', async () => {
    const sources = mkdtempSync(join(work, 'sources-'));
    const file = scenarioWith('quotes.yaml', (text) => text);
    const { code, stderr } = await thaw(['replay', file, '--sources', sources]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/sources\.wsj-2023-05\.file: article file "004_53ef868a971eaf6d.txt" is not in the sources folder/);
  });

  it('should exit 2 on a missing file, a bad date or an unknown option', async () => {
    expect(await thaw(['replay', join(work, 'nope.yaml')])).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read the scenario: no such file/) });
    expect(await thaw(['replay', '--at', '2023-02-30'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--at: "2023-02-30" is not a date/) });
    expect(await thaw(['replay', '--frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown option '--frobnicate'/) });
  });

  it('should replay a what-if file as its history, pointing to thaw whatif, and report a broken scenario as one', async () => {
    const whatIf = join(root, 'test', 'fixtures', 'frozen', 'what-if', 'no-chase-trip.yaml');
    const replayed = await thaw(['replay', whatIf]);
    expect(replayed).toMatchObject({ code: 0, stderr: '' });
    expect(replayed.stdout).toContain(
      `a what-if over record (../record.yaml), 1 edit: its history alone; \`thaw whatif test/fixtures/frozen/what-if/no-chase-trip.yaml\` sets it against its base`,
    );
    expect(replayed.stdout).not.toContain('[chase-taiwan-trip]');
    expect(JSON.parse((await thaw(['replay', whatIf, '--json'])).stdout)).toMatchObject({
      scenario: { id: 'no-chase-trip' },
      whatIf: { base: 'record', edits: 1 },
    });
    const broken = scenarioWith('no-id.yaml', (text) => text.replace(/^id: .*$/m, ''));
    expect(await thaw(['replay', broken])).toMatchObject({ code: 2, stderr: expect.not.stringMatching(/what-if/) });
  });

  it('should say a sources folder is missing once, not once per article', async () => {
    const { code, stderr } = await thaw(['replay', '--sources', join(work, 'no-such-folder')]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([`thaw: --sources: no such folder "${join(work, 'no-such-folder')}"`]);
  });

  it('should suggest the command meant rather than look for a file named like it', async () => {
    expect(await thaw(['scema'])).toMatchObject({
      code: 2,
      stderr: 'thaw: "scema" is neither a command nor a scenario file; did you mean "schema"? (see thaw --help)\n',
    });
  });

  it('should explain itself with --help', async () => {
    const { code, stdout } = await thaw(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/replay \[options\] \[file\]/);
    expect(stdout).toMatch(
      /Exit codes: 0 every checkpoint holds \(verify: clean\), 1 a checkpoint fails \(verify: a rule\s+is broken; --check-order: a checkpoint depends on the order\), 2 invalid input/,
    );
    expect(stdout).toMatch(/verify \[options\]/);
    expect((await thaw(['replay', '--help'])).stdout).toMatch(/--at <date>/);
  });
});

describe('thaw schema and thaw events', () => {
  it('should print the JSON Schema that scenarios/scenario.schema.json holds', async () => {
    const { code, stdout } = await thaw(['schema']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(readFileSync(join(root, 'scenarios', 'scenario.schema.json'), 'utf8')));
  });

  it('should print the what-if JSON Schema that scenarios/what-if.schema.json holds', async () => {
    const { code, stdout } = await thaw(['schema', '--what-if']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(readFileSync(join(root, 'scenarios', 'what-if.schema.json'), 'utf8')));
  });

  it('should print the event table that the README holds', async () => {
    const { code, stdout } = await thaw(['events']);
    expect(code).toBe(0);
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(stdout.trim());
  });
});

describe('thaw whatif', () => {
  const shipped = join(root, 'test', 'fixtures', 'frozen', 'what-if', 'no-chase-trip.yaml');

  it('should compare a what-if with the record and exit 0 when its checkpoints hold', async () => {
    const { code, stdout } = await thaw(['whatif', shipped]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^First divergence {2}2023-02-17 {2}removed chase-taiwan-trip: /m);
    expect(stdout).toMatch(/attaché +attache\.link reopened\.contactHeld → open\.contactHeld/);
    expect(stdout).toMatch(/attache-met-summit-agreed {2}record: ✔ partially restored {3}what-if: ✘ channels suspended/);
    expect(stdout).toMatch(/4 of 4 what-if checkpoints hold\n$/);
  });

  it('should print the comparison as JSON with --json', async () => {
    const { code, stdout } = await thaw(['whatif', shipped, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      whatIf: { id: 'no-chase-trip' },
      base: { id: 'record' },
      holds: true,
      events: { removed: ['chase-taiwan-trip', 'attache-halted'], inserted: [], replaced: [], moved: [] },
    });
    expect(json.firstDivergence).toMatchObject({ kind: 'removed', date: '2023-02-17', base: { id: 'chase-taiwan-trip' } });
    expect(json.phases.whatIf.map((change: { event: string }) => change.event)).toContain('brown-liu-call');
  });

  it('should exit 1 when a what-if checkpoint fails, and say how', async () => {
    const file = join(work, 'what-if', 'failing.yaml');
    mkdirSync(join(work, 'what-if'), { recursive: true });
    writeFileSync(join(work, 'record.yaml'), readFileSync(record, 'utf8'));
    writeFileSync(file, readFileSync(shipped, 'utf8').replace('attache: { link: open.quiet }', 'attache: { link: suspended }'));
    const { code, stdout } = await thaw(['whatif', file]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/what-if: attache\.link: expected suspended, got open\.quiet/);
    expect(stdout).toMatch(/3 of 4 what-if checkpoints hold/);
  });

  it('should exit 2 with located problems for a bad what-if file', async () => {
    const file = join(work, 'what-if', 'bad.yaml');
    mkdirSync(join(work, 'what-if'), { recursive: true });
    writeFileSync(join(work, 'record.yaml'), readFileSync(record, 'utf8'));
    writeFileSync(file, readFileSync(shipped, 'utf8').replace('- remove: chase-taiwan-trip', '- remove: chase-taiwan-trp'));
    const { code, stderr } = await thaw(['whatif', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad\.yaml:\d+:5: edits\[0\]: no event "chase-taiwan-trp"; did you mean "chase-taiwan-trip"\?/);
  });
});

describe('thaw run, where lines are checked', () => {
  // A worker that dies at once shows whether a run started one: only a run that did fails.
  const dying = new URL('data:text/javascript,process.exit(3)');
  const line = `${JSON.stringify({ id: 'one', date: '2022-01', type: 'incident', payload: { kind: 'intercept', actor: 'CHN', target: 'USA' }, hypothetical: 'a test' })}\n`;

  it('should check stdin on the second thread and a small file on its own, given two cores', async (context) => {
    if (availableParallelism() < 2) {
      console.log('skipped: one core here, where thaw run never starts a second thread');
      context.skip();
    }
    expect(await thaw(['run'], { checkWorker: dying, input: line })).toMatchObject({
      code: EXIT.internal,
      stderr: expect.stringMatching(/the thread checking the lines stopped \(exit code 3\)/),
    });
    const file = join(work, 'small.jsonl');
    writeFileSync(file, line);
    expect(await thaw(['run', file], { checkWorker: dying })).toMatchObject({ code: 0, stderr: '' });
  });
});

// The bin checks lines on a second thread; the same tests hold both ways of checking to one behaviour.
describe.each([
  ['on its own thread', false],
  ['with a checking thread', true],
])('thaw run, lines checked %s', (_how, checkWorker) => {
  const event = (id: string, date: string, channel = 'theater') =>
    JSON.stringify({ id, date, type: 'contact.held', payload: { channel, mode: 'visit' }, hypothetical: 'a test' });

  it('should write one JSON line of state per event read from stdin', async () => {
    const { code, stdout } = await thaw(['run'], { checkWorker, input: `${event('one', '2022-01', 'chiefs')}\n\n${event('two', '2022-02')}\n` });
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text));
    expect(lines.map((output) => [output.line, output.id, output.phase])).toEqual([
      [1, 'one', 'normal'],
      [3, 'two', 'normal'],
    ]);
    expect(lines[0].state.channels.chiefs).toMatchObject({ link: 'open.contactHeld', lastContact: '2022-01' });
  });

  it('should answer each line before the next arrives, so a program can drive it line by line', async () => {
    const stdin = new PassThrough();
    const answered: string[] = [];
    let answer = () => {};
    const running = thaw(['run'], {
      checkWorker,
      stdin,
      onStdout: (stdout) => {
        answered.push(stdout);
        answer();
      },
    });
    const next = () => new Promise<void>((resolve) => (answer = resolve));
    let waiting = next();
    stdin.write(`${event('one', '2022-01', 'chiefs')}\n`);
    await waiting;
    expect(JSON.parse(answered.at(-1) as string)).toMatchObject({ line: 1, id: 'one' });
    waiting = next();
    stdin.write(`${event('two', '2022-02')}\n`);
    await waiting;
    expect(
      answered
        .at(-1)
        ?.trim()
        .split('\n')
        .map((text) => JSON.parse(text).id),
    ).toEqual(['one', 'two']);
    stdin.end();
    expect((await running).code).toBe(0);
  });

  it('should leave the state out with --no-state, keeping the phase, changes and notes', async () => {
    const { code, stdout } = await thaw(['run', '--no-state'], { checkWorker, input: `${event('one', '2022-01', 'chiefs')}\n` });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      line: 1,
      id: 'one',
      date: '2022-01',
      type: 'contact.held',
      phase: 'normal',
      changes: [
        { path: 'chiefs.link', from: 'open.quiet', to: 'open.contactHeld' },
        { path: 'chiefs.lastContact', from: null, to: '2022-01' },
      ],
      notes: [],
    });
  });

  it("should start from a scenario's end state with --from, reading a file or stdin", async () => {
    const file = join(work, 'events.jsonl');
    writeFileSync(file, `${event('aquilino-meets', '2024-05')}\n`);
    // A file this small is checked on the main thread either way; stdin goes to the checking thread.
    for (const run of [
      thaw(['run', file, '--from', record], { checkWorker }),
      thaw(['run', '-', '--from', record], { checkWorker, input: readFileSync(file, 'utf8') }),
    ]) {
      const { code, stdout } = await run;
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ id: 'aquilino-meets', phase: 'normal', state: { channels: { theater: { link: 'reopened.contactHeld' } } } });
    }
    // The checking thread knows the scenario's ids too.
    const again = await thaw(['run', '-', '--from', record], { checkWorker, input: `${event('pelosi-visit', '2024-05')}\n` });
    expect(again).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^stdin:1:\d+: id: duplicate event id "pelosi-visit" \(first used in the scenario it starts from\)/),
    });
  });

  it('should stop at a bad line by default, and skip it with --on-error skip, exiting 2 either way', async () => {
    const input = `${event('one', '2022-01')}\n{"id": "broken"\n${event('two', '2022-02')}\n`;
    const stopped = await thaw(['run'], { checkWorker, input: input });
    expect(stopped.code).toBe(2);
    expect(stopped.stdout.trim().split('\n')).toHaveLength(1);
    expect(stopped.stderr).toMatch(/^stdin:2:\d+: not JSON: /);
    expect(stopped.stderr).toMatch(/stopped at line 2/);

    const skipped = await thaw(['run', '--on-error', 'skip'], { checkWorker, input: input });
    expect(skipped.code).toBe(2);
    expect(
      skipped.stdout
        .trim()
        .split('\n')
        .map((text) => JSON.parse(text).id),
    ).toEqual(['one', 'two']);
    expect(skipped.stderr).toMatch(/skipped 1 bad line of 3/);
  });

  it('should wait for a reader slower than the input, never writing over output it still holds', async () => {
    const { runCommand } = await import('../../src/cli/commands/run.js');
    const channels = ['chiefs', 'theater', 'attache'];
    // The defaults scaled down: written every 4 KiB, so the lines are written into 64 KiB, which is
    // written again from its start only once the reader is done with all of it; the reader may
    // leave 128 KiB unread, more than that. About 2.3 KB of output a line, fed a line at a time, 4
    // times the limit in all.
    const writeEvery = 1 << 12;
    const heldAtMost = 1 << 17;
    const lines = Array.from({ length: Math.ceil((4 * heldAtMost) / 2300) }, (_, index) => `${event(`e${index}`, '2022-01', channels[index % 3])}\n`);
    const expected = (await thaw(['run'], { checkWorker, input: lines.join('') })).stdout;
    const decoder = new TextDecoder();
    // Fed a line at a time, and all at once: then the lines come in one batch, and the run must
    // still wait between its lines, not only between batches.
    for (const feed of [lines, [lines.join('')]]) {
      // A reader that keeps every piece until asked to drain, and checks none changed meanwhile.
      const held: Array<[Uint8Array, string]> = [];
      let heldBytes = 0;
      let mostHeld = 0;
      let drains = 0;
      let written = '';
      const drain = () => {
        for (const [bytes, text] of held) {
          expect(decoder.decode(bytes)).toBe(text);
          written += text;
        }
        held.length = 0;
        heldBytes = 0;
      };
      const code = await runCommand({
        input: undefined,
        from: undefined,
        onError: 'stop',
        state: true,
        sourcesDir: null,
        stdin: Readable.from(feed),
        ...(checkWorker ? { checkWorker: builtCheckWorker } : {}),
        write: (bytes) => {
          held.push([bytes, decoder.decode(bytes)]);
          heldBytes += bytes.length;
          mostHeld = Math.max(mostHeld, heldBytes);
          return heldBytes;
        },
        drained: async () => {
          drains += 1;
          await new Promise((resolve) => setImmediate(resolve));
          drain();
        },
        warn: (text) => expect.fail(text),
        heldAtMost,
        writeEvery,
      });
      drain();
      expect(code).toBe(0);
      expect(written, `fed ${feed.length} pieces`).toBe(expected);
      expect(drains).toBeGreaterThan(1);
      // Waited for before the next line was applied: never more than the limit and one write (4 KiB and a line) over it.
      expect(mostHeld, `fed ${feed.length} pieces`).toBeLessThan(heldAtMost + writeEvery + 4096);
    }
  });

  it('should refuse an unknown --on-error mode and a missing file', async () => {
    expect(await thaw(['run', '--on-error', 'ignore'], { checkWorker })).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Allowed choices are stop, skip/),
    });
    expect(await thaw(['run', join(work, 'none.jsonl')], { checkWorker })).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/none\.jsonl:1:1: cannot read the events: no such file/),
    });
    expect(await thaw(['run', work], { checkWorker })).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/:1:1: cannot read the events: it is a folder/),
    });
  });
});

describe('thaw explore', () => {
  const late = 'san-francisco-agreement,brown-liu-call,dong-appointed,mmca-talks-held,austin-dong-call';

  it('should count the end phases of every ordering and name the shortest way to resumed contact', async () => {
    const { code, stdout } = await thaw(['explore', record, '--events', late]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Exploring 5 candidate events from test\/fixtures\/frozen\/record\.yaml, after "san-francisco-summit" \(partially restored\)/);
    expect(stdout).toMatch(/^120 orderings: /m);
    // The agreement is a commitment: the call needs a minister in office, not the agreement.
    expect(stdout).toMatch(/ministerial contact resumed +60 +50\.0%/);
    expect(stdout).toMatch(/Shortest sequence to it \(2 events\): dong-appointed → austin-dong-call/);
    expect(stdout).toMatch(/Needed by every sequence that gets there: dong-appointed, austin-dong-call/);
  });

  it('should print JSON, count subsets, and take candidates from a file', async () => {
    const file = join(work, 'candidates.yaml');
    writeFileSync(file, `- id: lift-sanctions\n  date: 2023-04\n  type: sanctions.lifted\n  payload: { name: Li Shangfu }\n  hypothetical: a test\n`);
    const { code, stdout } = await thaw([
      'explore',
      record,
      '--events',
      'san-francisco-agreement,austin-dong-call',
      '--candidates',
      file,
      '--subsets',
      '--json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ mode: 'subsets', candidates: ['san-francisco-agreement', 'austin-dong-call', 'lift-sanctions'], sequences: 16 });
    expect(json.start.afterEvent).toBe('san-francisco-summit');
  });

  it('should explain what is wrong with the candidates or the start', async () => {
    expect(await thaw(['explore'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/name the candidate events: --events/) });
    expect(await thaw(['explore', record, '--events', 'austin-dong-cal'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--events: no event "austin-dong-cal"; did you mean "austin-dong-call"\?/),
    });
    expect(await thaw(['explore', record, '--events', late, '--start', 'nowhere'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--start: no event "nowhere"/),
    });
    const file = join(work, 'bad-candidates.yaml');
    writeFileSync(file, '- id: x\n  date: 2023-04\n  type: sanctions.lift\n  payload: {}\n');
    expect(await thaw(['explore', record, '--candidates', file])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/bad-candidates\.yaml:3:9: \[0\]\.type: unknown event type "sanctions\.lift"; did you mean "sanctions\.lifted"\?/),
    });
    expect(await thaw(['explore', record, '--events', late, '--max-memory', 'lots'])).toMatchObject({
      code: 2,
      stderr: 'thaw: --max-memory: "lots" is not a whole number of MiB\n',
    });
    // Checked as a scenario's events are, but for order and causes: the ids, and how each is known.
    const event = (id: string, basis: string) => `- id: ${id}\n  date: 2023-04\n  type: sanctions.lifted\n  payload: { name: Li Shangfu }\n${basis}`;
    writeFileSync(file, [event('lift', '  hypothetical: a test\n'), event('lift', '  hypothetical: again\n'), event('unsourced', '')].join(''));
    const { code, stderr } = await thaw(['explore', record, '--candidates', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:6:7: [1].id: duplicate event id "lift" (first used at line 1)`);
    expect(stderr).toMatch(/bad-candidates\.yaml:11:3: \[2\]: missing "source"/);
  });
});

describe('thaw inspect and thaw export input checks', () => {
  it('should serve the viewer, replay, and on Ctrl-C close everything and exit 0', async () => {
    const { code, stdout, stderr } = await thaw(['inspect', record, '--port', '0', '--pace', '0'], { interruptWhen: (text) => text.includes('replay done') });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const url = /viewer: (\S+)/.exec(stdout)?.[1] as string;
    expect(stdout).toMatch(new RegExp(` ${recordEvents}/${recordEvents} {2}2024-04-16 .* → ministerial contact resumed`));
    await expect(fetch(url)).rejects.toThrow();
  });

  it('should hold a paced replay until the first viewer connects, then play it', async () => {
    const inspect = await startInspect(['--pace', '1']);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(inspect.output()).toMatch(/waiting for a viewer/);
      expect(inspect.output()).not.toMatch(new RegExp(` 1/${recordEvents} `));
      const socket = new WebSocket(`${inspect.url.replace('http', 'ws')}ws`);
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      for (let waited = 0; !inspect.output().includes('replay done') && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(inspect.output()).toMatch(new RegExp(` ${recordEvents}/${recordEvents} {2}2024-04-16 .* → ministerial contact resumed`));
      socket.close();
    } finally {
      expect((await inspect.stop()).code).toBe(0);
    }
  });

  it('should refuse a bad port or pace, and --step without a terminal, with exit 2', async () => {
    expect(await thaw(['inspect', '--port', 'abc'])).toMatchObject({ code: 2, stderr: 'thaw: --port: "abc" is not a port number (0 picks a free one)\n' });
    expect(await thaw(['inspect', '--port', '70000'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--port: "70000" is not a port number/) });
    expect(await thaw(['inspect', '--pace', '-5'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--pace: "-5" is not a number of milliseconds/) });
    expect(await thaw(['inspect', '--step'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--step waits for Enter in a terminal/) });
    expect(await thaw(['inspect', '--port', '0x10'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--port: "0x10" is not a port number/) });
    expect(await thaw(['inspect', '--pace', '3000000000'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--pace: "3000000000" is not a number of milliseconds from 0 to 2147483647/),
    });
  });

  it('should write an export to a file, and say so when it cannot', async () => {
    const file = join(work, 'thaw.scxml');
    expect((await thaw(['export', '--format', 'scxml', '--output', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^<\?xml version="1\.0"/);
    expect((await thaw(['export', '--format', 'json', '--output', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^\{/);
    expect(readdirSync(work).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(await thaw(['export', '--output', join(work, 'no-folder', 'x.mmd')])).toMatchObject({
      code: 4,
      stderr: `thaw: --output: cannot write "${join(work, 'no-folder', 'x.mmd')}": ENOENT: no such file or directory, open '${join(work, 'no-folder', 'x.mmd')}'\n`,
    });
    expect(await thaw(['export', '--format', 'xml'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Allowed choices are mermaid, dot, scxml, json/),
    });
  });
});

describe('thaw verify', () => {
  it('should search the channels named, each on its own, and every channel at once, print the counts, and exit 0 when clean', async () => {
    const { code, stdout, stderr } = await thaw(['verify', '--channels', 'leaders']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^leaders\s+30\s+[\d,]+\s+[\d,]+\s+[\d,]+/m);
    expect(stdout).toMatch(/every channel, links only\s+14\s+[\d,]+/);
    expect(stdout).toMatch(/Declared states reached: \d+ of \d+ \(\d+ more in channels not searched\)/);
    expect(stdout).toContain('Invariants over states (5): none broken');
    expect(stdout).toMatch(/✓ clean/);
    const json = await thaw(['verify', '--channels', 'leaders,theater', '--json']);
    const report = JSON.parse(json.stdout);
    expect(report.clean).toBe(true);
    expect(report.scopes.map((scope: { name: string }) => scope.name)).toEqual(['leaders', 'theater', 'every channel, links only']);
    expect(report.declared.notSearched).toBeGreaterThan(0);
  }, 60_000);

  it('should refuse an unknown channel with a suggestion, and exit 2', async () => {
    const { code, stdout, stderr } = await thaw(['verify', '--channels', 'leadrs']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'thaw: --channels: "leadrs" is not one of leaders, ministerial, chiefs, theater, policyTalks, maritimeTalks, attache; did you mean "leaders"?\n',
    );
    expect((await thaw(['verify', '--channels', ','])).stderr).toMatch(/name at least one channel/);
  });
});
