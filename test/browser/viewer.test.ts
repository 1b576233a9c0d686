import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readScenario, readWhatIf, replay } from '../../src/index.js';
import { activeStateIds } from '../../src/machine/stateIds.js';
import { type RunningInspect, startInspect, thaw } from '../support/thaw.js';
import { CHROMIUM, hasChromium, launchBrowser } from './browser.js';

const root = join(import.meta.dirname, '..', '..');
const record = readScenario(join(root, 'test', 'fixtures', 'frozen', 'record.yaml'), { sourcesDir: null });
const indexOf = (id: string) => record.events.findIndex((event) => event.id === id);

if (!hasChromium) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set THAW_CHROMIUM)`);

// One Chromium, one browsing context in it, one viewer of the record and one page on it for the
// file: starting them is most of what a browser test costs (a page load alone costs Chromium
// about 1.5 s of processor time here, and a page in a context already open a third of one in a
// new context). The groups that look at the record take the page in turn, each test getting
// where it looks by clicks or by an address of its own; other pages open in the same context
// (the viewer keeps its state in the address, not in storage the pages would share).
let browser: Browser;
let context: BrowserContext;
let recordInspect: RunningInspect;
let recordPage: Page;
beforeAll(async () => {
  if (!hasChromium) return;
  [browser, recordInspect] = await Promise.all([launchBrowser(), startInspect(['--pace', '0'])]);
  context = await browser.newContext({ viewport: { width: 1500, height: 1100 }, acceptDownloads: true });
  recordPage = await openViewer(recordInspect.url);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await recordInspect?.stop();
});

/** A new page on a viewer, 1500 × 1100, once it is ready. */
async function openViewer(url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

function get(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    // A raw path, sent as written: the server must not resolve `..` itself.
    request({ host: hostname, port, path, method: 'GET' }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe.skipIf(!hasChromium)('the viewer in Chromium', () => {
  let page: Page;
  let inspect: RunningInspect;
  const activeIds = () => page.$$eval('#diagram .state.active', (nodes) => nodes.map((node) => node.getAttribute('data-id')));
  const laneValues = (history: string, channel: string) =>
    page.$$eval(`#lanes rect.segment[data-history="${history}"][data-kind="${channel === 'phase' ? 'phase' : 'link'}"][data-channel="${channel}"]`, (nodes) =>
      nodes.map((node) => node.getAttribute('data-value')),
    );

  beforeAll(() => {
    inspect = recordInspect;
    page = recordPage;
  });

  it('should follow the live actor to the end of the record, from the inspection events', async () => {
    await page.waitForFunction((last) => document.body.dataset.liveStep === String(last), record.events.length - 1, { timeout: 20_000 });
    expect(await page.locator('#live').textContent()).toBe(`live: event ${record.events.length} of ${record.events.length}`);
    // The diagram follows on the next frame.
    await page.waitForFunction((last) => (document.querySelector('#scrubber') as HTMLInputElement).value === String(last), record.events.length - 1);
    expect(await activeIds()).toEqual(
      expect.arrayContaining(['thaw.ministerial.link.reopened.contactHeld', 'thaw.phase.ministerialResumed', 'thaw.prcDefenseMinister.held']),
    );
    expect(inspect.output()).toMatch(/replay done/);
    // Outside facts and inferences are marked as such in the timeline.
    expect(await page.locator(`#timeline li[data-index="${indexOf('balloon-call-declined')}"]`).getAttribute('data-basis')).toBe('outside');
    expect(await page.locator(`#timeline li[data-index="${indexOf('ministers-call-expected')}"] .type`).textContent()).toContain('inferred');
  });

  it('should move the diagram, the timeline and the cursor with the scrubber', async () => {
    const freeze = indexOf('freeze-theater');
    await page.locator('#scrubber').fill(String(freeze));
    expect(await page.locator('#position').textContent()).toBe(`${freeze + 1} / ${record.events.length} · 2022-08-05`);
    const frozen = await activeIds();
    expect(frozen).toContain('thaw.theater.link.suspended');
    expect(frozen).toContain('thaw.attache.link.open.quiet');
    expect(frozen).toContain('thaw.phase.channelsSuspended');
    expect(frozen).not.toContain('thaw.theater.link.open');
    expect(await page.locator('#timeline li.current').getAttribute('data-index')).toBe(String(freeze));
    expect(await page.locator('#lanes .cursor').getAttribute('data-date')).toBe('2022-08-05');

    await page.locator('#back').click();
    expect(await activeIds()).toContain('thaw.theater.link.open.quiet');
    await page.locator('#step').click();
    await page.locator('#step').click();
    expect(await page.locator('#position').textContent()).toBe(`${freeze + 2} / ${record.events.length} · 2022-08-05`);
    expect(await activeIds()).toContain('thaw.policyTalks.link.suspended');

    const agreement = indexOf('san-francisco-agreement');
    await page.locator(`#timeline li[data-index="${agreement}"]`).click();
    expect(await activeIds()).toContain('thaw.agreement.reached');
    expect(await page.locator('#phase').getAttribute('data-phase')).toBe('partiallyRestored');
    // test-results/ is ignored by git; docs/viewer.png, in the README, is a copy of this file.
    await page.screenshot({ path: join(root, 'test-results', 'viewer.png') });
  });

  it('should step once per arrow key wherever focus is, buttons too, and play and pause with space', async () => {
    // Focus something, press a key, and see where the scrubber is.
    const pressAfter = async (focus: () => Promise<void>, key: string, expected: string) => {
      await focus();
      await page.keyboard.press(key);
      expect(await page.locator('#scrubber').inputValue(), key).toBe(expected);
    };
    const atTen = () => page.locator('#timeline li[data-index="10"]').click();
    await pressAfter(
      async () => {
        await atTen();
        await page.locator('#scrubber').focus();
      },
      'ArrowRight',
      '11',
    );
    await pressAfter(atTen, 'ArrowRight', '11');
    // After a click on step or back, the arrows still step (they used to stop working).
    await pressAfter(() => page.locator('#step').click(), 'ArrowRight', '13');
    await pressAfter(() => page.locator('#back').click(), 'ArrowLeft', '11');
    // Enter on a focused timeline item goes there.
    await page.locator('#timeline li[data-index="4"] button').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#scrubber').inputValue()).toBe('4');
    await page.locator('h1').click();
    await page.keyboard.press(' ');
    expect(await page.locator('#play').textContent()).toBe('❚❚ pause');
    await page.keyboard.press(' ');
    expect(await page.locator('#play').textContent()).toBe('▶ play');
  });

  it('should stop following the live run once the user scrubs, and say so', async () => {
    expect(await page.locator('#live').textContent()).toBe(`live: event ${record.events.length} of ${record.events.length} · click to follow`);
    await page.locator('#live').click();
    expect(await page.locator('#scrubber').inputValue()).toBe(String(record.events.length - 1));
    expect(await page.locator('#live').textContent()).toBe(`live: event ${record.events.length} of ${record.events.length}`);
  });

  it('should redraw the lanes to the window when it is resized', async () => {
    const width = () => page.locator('#lanes svg').evaluate((node) => node.getBoundingClientRect().width);
    const before = await width();
    await page.setViewportSize({ width: 1100, height: 1100 });
    try {
      await page.waitForFunction((wide) => (document.querySelector('#lanes svg') as SVGSVGElement).getBoundingClientRect().width < wide - 100, before);
      expect(await page.locator('#lanes svg').count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    } finally {
      // The page is shared: the groups after this one expect it at its first size.
      await page.setViewportSize({ width: 1500, height: 1100 });
    }
  });

  it('should draw each channel over time as the record has it', async () => {
    expect(await laneValues('record', 'ministerial')).toEqual(['open.contactHeld', 'refused', 'reopened.contactHeld']);
    expect(await laneValues('record', 'attache')).toEqual(['open.quiet', 'suspended', 'reopened.contactHeld']);
    expect(await laneValues('record', 'theater')).toEqual(['open.quiet', 'suspended', 'reopened.quiet']);
    expect(await laneValues('record', 'phase')).toEqual(['normal', 'channelsSuspended', 'partiallyRestored', 'ministerialResumed']);
  });

  it('should serve only its own files, and only on loopback', async () => {
    expect(new URL(inspect.url).hostname).toBe('127.0.0.1');
    for (const path of [
      '/viewer/../../package.json',
      '/%2e%2e/package.json',
      '/viewer/%2e%2e/server.js',
      '/../scenarios/record.yaml',
      '/etc/passwd',
      '/viewer/main.ts',
      '/api/model/../../README.md',
    ]) {
      expect(await get(inspect.url, path), path).toBe(404);
    }
    expect(await get(inspect.url, '/viewer/main.js')).toBe(200);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (!external) {
      console.warn('loopback-only check skipped: this machine has no non-loopback IPv4 address');
      return;
    }
    const port = new URL(inspect.url).port;
    await expect(get(`http://${external.address}:${port}/`, '/')).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe.skipIf(!hasChromium)('the viewer explains, shares and reads well', () => {
  let page: Page;
  let inspect: RunningInspect;
  beforeAll(() => {
    inspect = recordInspect;
    page = recordPage;
  });
  const goTo = async (id: string) => {
    await page.locator(`#timeline li[data-index="${indexOf(id)}"]`).click();
  };

  it("should say why each step happened: what changed, the machine's notes, the verdicts, the source", async () => {
    await goTo('austin-wei-cambodia');
    const panel = page.locator('#current');
    expect(await panel.locator('.what').textContent()).toContain('→ channels suspended');
    expect(await panel.locator('.change').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^ministerial\.lastContact: /)]));
    expect(await panel.locator('cite').textContent()).toMatch(/, .+ \(reported \d{4}-\d{2}(-\d{2})?\)$/);
    // A checkpoint standing after an event shows its verdict there.
    const checked = record.checkpoints.find((checkpoint) => checkpoint.after !== undefined);
    await goTo(checked?.after as string);
    expect(await panel.locator(`.verdict[data-checkpoint="${checked?.id}"]`).textContent()).toMatch(/^✔ checkpoint /);
    // A refusal while a channel is suspended is a note of the machine's.
    const notes = await page.evaluate(async () =>
      ((await (await fetch('/api/model')).json()) as { steps: Array<{ index: number; notes: string[] }> }).steps.filter((step) => step.notes.length > 0),
    );
    expect(notes.length).toBeGreaterThan(0);
    await page.locator(`#timeline li[data-index="${notes[0]?.index}"]`).click();
    expect(await panel.locator('.note').first().textContent()).toBe(notes[0]?.notes[0]);
  });

  it('should mark the states just entered and the transition just taken, apart from the merely active', async () => {
    await goTo('freeze-theater');
    const entered = await page.$$eval('#diagram .state.entered', (nodes) => nodes.map((node) => node.getAttribute('data-id')));
    expect(entered).toContain('thaw.theater.link.suspended');
    expect(entered).not.toContain('thaw.attache.link.open.quiet');
    expect(await page.locator('#diagram .state.active[data-id="thaw.attache.link.open.quiet"]').count()).toBe(1);
    const taken = await page.$$eval('#diagram .edge.taken', (nodes) =>
      nodes.map((node) => `${node.getAttribute('data-source')} → ${node.getAttribute('data-target')}`),
    );
    expect(taken).toContain('thaw.theater.link.open → thaw.theater.link.suspended');
  });

  it('should zoom, pan and show a region, opening on the phase at a readable size', async () => {
    const viewBox = async () => ((await page.locator('#diagram svg').getAttribute('viewBox')) ?? '').split(' ').map(Number);
    const rendered = async (id: string) =>
      page
        .locator(`#diagram .state[data-id="${id}"] text`)
        .first()
        .evaluate((node) => node.getBoundingClientRect().height);
    expect(await rendered('thaw.phase.ministerialResumed')).toBeGreaterThan(9);
    const before = await viewBox();
    await page.locator('#zoom-out').click();
    expect((await viewBox())[2]).toBeGreaterThan(before[2] as number);
    await page.locator('#diagram svg').hover();
    await page.mouse.wheel(0, -300);
    const zoomed = await viewBox();
    await page.mouse.move(700, 400);
    await page.mouse.down();
    await page.mouse.move(600, 350, { steps: 4 });
    await page.mouse.up();
    expect((await viewBox())[0]).toBeGreaterThan(zoomed[0] as number);
    await page.locator('button[data-focus="thaw.chiefs"]').click();
    expect(await rendered('thaw.chiefs.link.suspended')).toBeGreaterThan(9);
    // Any channel can be shown readable, the request sub-region too.
    const regions = await page.$$eval('#region option', (nodes) => nodes.map((node) => (node as HTMLOptionElement).value).filter(Boolean));
    expect(regions).toEqual(expect.arrayContaining(['thaw.phase', 'thaw.maritimeTalks', 'thaw.attache', 'thaw.prcDefenseMinister']));
    await page.locator('#region').selectOption('thaw.maritimeTalks');
    expect(await rendered('thaw.maritimeTalks.request.pending')).toBeGreaterThan(9);
    await page.locator('#zoom-fit').click();
    const whole = await viewBox();
    expect(whole[2]).toBeGreaterThanOrEqual(before[2] as number);
  });

  it('should keep the step in the address: a reload or a shared link opens at it', async () => {
    await goTo('san-francisco-summit');
    expect(new URL(page.url()).hash).toBe(`#step=${indexOf('san-francisco-summit') + 1}`);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('#scrubber').inputValue()).toBe(String(indexOf('san-francisco-summit')));
    // A link to another step, opened afresh.
    await page.goto('about:blank');
    await page.goto(`${inspect.url}#step=3`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('#scrubber').inputValue()).toBe('2');
  });

  it('should download the statechart and the lanes as SVG and PNG', async () => {
    for (const [button, suffix] of [
      ['#diagram-svg', 'statechart.svg'],
      ['#diagram-png', 'statechart.png'],
      ['#lanes-svg', 'channels.svg'],
      ['#lanes-png', 'channels.png'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
      expect(download.suggestedFilename()).toBe(`record-${suffix}`);
      const path = await download.path();
      const bytes = readFileSync(path as string);
      if (suffix.endsWith('.svg')) {
        expect(bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
        expect(bytes.toString('utf8')).toContain('<style>');
      } else {
        expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      }
    }
  });

  it('should be reachable by keyboard and announce the current event', async () => {
    await goTo('brown-liu-call');
    expect(await page.locator('#announce').textContent()).toContain('Phase:');
    expect(await page.locator('#scrubber').getAttribute('aria-valuetext')).toMatch(/^event \d+ of \d+, \d{4}-\d{2}/);
    expect(await page.locator('#timeline li button').count()).toBe(record.events.length);
    expect(await page.locator('#live').evaluate((node) => node.tagName)).toBe('BUTTON');
    for (const selector of ['#diagram svg', '#lanes svg']) {
      expect(await page.locator(selector).getAttribute('role')).toBe('img');
      expect(await page.locator(selector).getAttribute('aria-label')).toBeTruthy();
    }
  });

  it('should pass an axe-core scan with no serious or critical violations', async () => {
    await page.addScriptTag({ content: readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> };
        }
      ).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) =>
            `${violation.id}: ${violation.nodes
              .slice(0, 3)
              .map((node) => node.target.join(' '))
              .join(', ')}`,
        );
    });
    expect(violations).toEqual([]);
  });

  it('should fit 1500, 1024 and 390 px wide without side scroll, one column on a phone, and save screenshots', async () => {
    const sized = await context.newPage();
    try {
      await sized.goto(`${inspect.url}#step=${indexOf('austin-wei-cambodia') + 1}`);
      await sized.waitForSelector('body[data-ready="true"]');
      for (const [width, height] of [
        [1500, 1100],
        [1024, 768],
        [390, 844],
      ] as const) {
        await sized.setViewportSize({ width, height });
        await sized.waitForFunction((wide) => window.innerWidth === wide, width);
        const { scrollWidth, innerWidth, headerPosition, columns } = await sized.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          headerPosition: getComputedStyle(document.querySelector('header') as Element).position,
          columns: getComputedStyle(document.querySelector('main') as Element).gridTemplateColumns.split(' ').length,
        }));
        expect(scrollWidth, `${width} px`).toBeLessThanOrEqual(innerWidth);
        expect(columns, `${width} px`).toBe(width < 900 ? 1 : 2);
        if (width < 600) expect(headerPosition).toBe('static');
        await sized.screenshot({ path: join(root, 'test-results', `viewer-${width}.png`), fullPage: width < 900 });
      }
    } finally {
      await sized.close();
    }
  });
});

describe.skipIf(!hasChromium)('a what-if in the viewer', () => {
  let page: Page;
  let inspect: RunningInspect;
  beforeAll(async () => {
    inspect = await startInspect([join(root, 'test', 'fixtures', 'frozen', 'what-if', 'no-chase-trip.yaml'), '--pace', '0']);
    page = await context.newPage();
    await page.goto(inspect.url);
    await page.waitForSelector('body[data-ready="true"]');
  }, 60_000);
  afterAll(async () => {
    await page?.close();
    await inspect?.stop();
  });
  const rowValues = (history: string, channel: string) =>
    page.$$eval(`#lanes rect.segment[data-history="${history}"][data-kind="link"][data-channel="${channel}"]`, (nodes) =>
      nodes.map((node) => node.getAttribute('data-value')),
    );

  it("should draw each channel's record row directly above the what-if's, and outline where they differ", async () => {
    const histories = await page.$$eval('#lanes svg', (nodes) => nodes.map((node) => node.getAttribute('data-histories')));
    expect(histories).toEqual(['record|what-if: no-chase-trip']);
    expect(await rowValues('record', 'attache')).toContain('suspended');
    expect(await rowValues('what-if: no-chase-trip', 'attache')).toEqual(['open.quiet', 'open.contactHeld']);
    const labels = await page.$$eval('#lanes .lane-label', (nodes) => nodes.map((node) => node.textContent));
    const attache = labels.findIndex((label) => label?.startsWith('attaché') || label?.startsWith('attache'));
    expect(labels[attache]).toMatch(/· record$/);
    expect(labels[attache + 1]).toMatch(/· what-if$/);
    expect(await page.locator('#lanes .differs[data-kind="link"][data-channel="attache"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#lanes .differs[data-kind="link"][data-channel="theater"]').count()).toBe(0);
  });

  it("should list the what-if's question, its edits and its checkpoints in both histories", async () => {
    expect(await page.locator('#whatif').isVisible()).toBe(true);
    expect(await page.locator('#whatif .description').textContent()).toContain("Removes Chase's trip");
    const edits = await page.$$eval('#whatif .edit', (nodes) => nodes.map((node) => `${node.getAttribute('data-kind')} ${node.getAttribute('data-id')}`));
    expect(edits).toEqual(expect.arrayContaining(['removed chase-taiwan-trip', 'removed attache-halted']));
    const row = page.locator('#whatif tr[data-checkpoint="attache-stays-open"]');
    expect(await row.locator('td').allTextContents()).toEqual([expect.stringMatching(/^✘ fails/), expect.stringMatching(/^✔ holds/)]);
    const recordCheck = page.locator('#whatif tr[data-checkpoint="attache-met-summit-agreed"] td');
    expect(await recordCheck.allTextContents()).toEqual([expect.stringMatching(/^✔ holds/), expect.stringMatching(/^✘ fails/)]);
    // A removed event's entry goes to its date in the what-if.
    await page.locator('#whatif .edit[data-id="chase-taiwan-trip"] button').click();
    expect(await page.locator('#position').textContent()).toMatch(/ · 2023-0[12]/);
  });

  it('should switch the diagram between the two histories at the same date', async () => {
    const model = await page.evaluate(async () =>
      ((await (await fetch('/api/model')).json()) as { steps: Array<{ id: string }> }).steps.map((step) => step.id),
    );
    // Li Shangfu's appointment, March 2023: the record's attaché channel is halted by then.
    await page.locator(`#timeline li[data-index="${model.indexOf('li-appointed')}"] button`).click();
    expect(await page.locator('#diagram .state.active[data-id="thaw.attache.link.open.quiet"]').count()).toBe(1);
    await page.locator('#history').selectOption('base');
    expect(await page.locator('#diagram').getAttribute('data-history')).toBe('base');
    expect(await page.locator('#diagram .state.active[data-id="thaw.attache.link.suspended"]').count()).toBe(1);
    await page.locator('#history').selectOption('whatIf');
    expect(await page.locator('#diagram .state.active[data-id="thaw.attache.link.open.quiet"]').count()).toBe(1);
    // docs/viewer-what-if.png, in the README, is a copy of this file.
    await page.screenshot({ path: join(root, 'test-results', 'viewer-what-if.png'), fullPage: true });
  });
});

describe.skipIf(!hasChromium)('your own what-if in the page', () => {
  let page: Page;
  let inspect: RunningInspect;
  const work = mkdtempSync(join(tmpdir(), 'thaw-page-what-if-'));
  beforeAll(() => {
    inspect = recordInspect;
    page = recordPage;
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('should build a what-if in the page, replay it, keep it in the address, and save a file thaw whatif replays to the same end', async () => {
    await page.locator('#editor summary').click();
    await page.locator('#editor tr[data-id="austin-dong-call"] input[aria-label="include austin-dong-call"]').uncheck();
    await page.locator('#insert-type').selectOption('contact.held');
    await page.locator('#insert-id').fill('theater-talks');
    await page.locator('#insert-date').fill('2024-05');
    await page.locator('#editor .payload select[name="channel"]').selectOption('theater');
    await page.locator('#editor .payload select[name="mode"]').selectOption('talks');
    await page.locator('#insert-why').fill('the theater commanders finally meet');
    await page.locator('#insert-add').click();
    expect(await page.locator('#editor .inserted li').count()).toBe(1);
    await Promise.all([page.waitForEvent('load'), page.locator('#editor-apply').click()]);
    await page.waitForSelector('body[data-ready="true"]');

    expect(await page.locator('#title').textContent()).toContain('Your what-if');
    const edits = await page.$$eval('#whatif .edit', (nodes) => nodes.map((node) => `${node.getAttribute('data-kind')} ${node.getAttribute('data-id')}`));
    expect(edits).toEqual(['removed austin-dong-call', 'inserted theater-talks']);
    expect(await page.locator('#lanes .differs[data-kind="link"][data-channel="theater"]').count()).toBeGreaterThan(0);
    const shown = async () => {
      await page.locator('#scrubber').fill(String(record.events.length - 1));
      return page.$$eval('#diagram .state.active', (nodes) => nodes.map((node) => node.getAttribute('data-id')).sort());
    };
    const end = await shown();
    expect(end).toContain('thaw.theater.link.reopened.contactHeld');
    expect(end).not.toContain('thaw.phase.ministerialResumed');

    // The address carries the edits: a reload shows the same history.
    expect(new URL(page.url()).hash).toMatch(/&edits=/);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await shown()).toEqual(end);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#editor-save').click()]);
    const file = join(work, 'your-what-if.yaml');
    await download.saveAs(file);
    const { code, stdout } = await thaw(['whatif', file, '--check-order']);
    expect(code, stdout).toBe(0);
    const saved = readWhatIf(file, { sourcesDir: null });
    const finalValue = replay(saved.scenario).steps.at(-1)?.stateValue;
    expect(activeStateIds(finalValue as Parameters<typeof activeStateIds>[0]).sort()).toEqual(end);
  });

  it("should leave out the San Francisco summit with what it caused, said in the row, and end where thaw whatif's no-san-francisco-summit ends", async () => {
    await page.goto(inspect.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#editor summary').click();
    const row = page.locator('#editor tr[data-id="san-francisco-summit"]');
    expect(await row.locator('.cascade').isHidden()).toBe(true);
    await row.locator('input[aria-label="include san-francisco-summit"]').uncheck();
    expect(await row.locator('.cascade').textContent()).toContain('san-francisco-agreement');
    await Promise.all([page.waitForEvent('load'), page.locator('#editor-apply').click()]);
    await page.waitForSelector('body[data-ready="true"]');
    const cli = readWhatIf(join(root, 'test', 'fixtures', 'frozen', 'what-if', 'no-san-francisco-summit.yaml'), { sourcesDir: null }).scenario;
    await page.locator('#scrubber').fill(String(cli.events.length - 1));
    expect(await page.locator('#phase').getAttribute('data-phase')).toBe(replay(cli).steps.at(-1)?.state.phase);
  });

  it('should say which edits do not apply, and show the history without them', async () => {
    const bad = Buffer.from(JSON.stringify({ off: [], moved: { 'pelosi-visit': '1999-13' }, inserted: [] })).toString('base64url');
    await page.goto(`${inspect.url}#step=1&edits=${bad}`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('#editor .problems').textContent()).toMatch(/edit 1: .*to: /);
    expect(await page.locator('#title').textContent()).toBe(record.title);
  });

  it('should start from a crafted link, list what it could not read, and replay what it could', async () => {
    // Edits of the wrong shape once stopped the page ("The viewer could not start").
    const crafted = Buffer.from(JSON.stringify({ off: ['austin-dong-call'], moved: 5, inserted: [null] })).toString('base64url');
    const own = await openViewer(`${inspect.url}#step=1&edits=${crafted}`);
    try {
      expect(await own.evaluate(() => document.body.dataset.error)).toBeUndefined();
      const unread = await own.locator('#editor .problems[data-kind="unread"]').textContent();
      expect(unread).toMatch(/could not be read/);
      expect(unread).toMatch(/events to move .* not the number 5/);
      expect(unread).toMatch(/event 1 to insert .* not null/);
      expect(await own.locator('#title').textContent()).toContain('Your what-if');
      expect(await own.$$eval('#whatif .edit', (nodes) => nodes.map((node) => `${node.getAttribute('data-kind')} ${node.getAttribute('data-id')}`))).toEqual([
        'removed austin-dong-call',
      ]);
    } finally {
      await own.close();
    }
  });
});

describe.skipIf(!hasChromium)('thaw export --format html', () => {
  it('should write one page that shows the scenario with no server and no network', async () => {
    const work = mkdtempSync(join(tmpdir(), 'thaw-export-html-'));
    const page = await context.newPage();
    try {
      const file = join(work, 'no-chase-trip.html');
      const { code, stderr } = await thaw([
        'export',
        join(root, 'test', 'fixtures', 'frozen', 'what-if', 'no-chase-trip.yaml'),
        '--format',
        'html',
        '--output',
        file,
      ]);
      expect(code, stderr).toBe(0);
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`file://${file}#step=5`);
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.locator('#scrubber').inputValue()).toBe('4');
      expect(await page.locator('#live').textContent()).toBe('saved page');
      expect(await page.locator('#whatif .edit').count()).toBeGreaterThan(0);
      expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
    } finally {
      await page.close();
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(!hasChromium)('the Mermaid export in a browser', () => {
  it('should render with mermaid itself', async () => {
    const { toMermaid } = await import('../../src/export/formats.js');
    const { machineGraph } = await import('../../src/export/machineGraph.js');
    const page = await context.newPage();
    try {
      // Mermaid's ES module build, served from node_modules under a made-up origin, loads only the
      // parts a state diagram needs: the single-file build parses every diagram type first.
      const dist = join(root, 'node_modules', 'mermaid', 'dist');
      await page.route('http://mermaid.invalid/**', (route) => {
        const path = new URL(route.request().url()).pathname;
        return path === '/'
          ? route.fulfill({ body: '<!doctype html><html><body></body></html>', contentType: 'text/html' })
          : route.fulfill({ path: join(dist, path), contentType: 'text/javascript' });
      });
      await page.goto('http://mermaid.invalid/');
      await page.addScriptTag({ type: 'module', content: "import mermaid from '/mermaid.esm.min.mjs'; window.mermaid = mermaid;" });
      await page.waitForFunction(() => 'mermaid' in window);
      const svg = await page.evaluate(async (text) => {
        const mermaid = (window as unknown as { mermaid: { initialize(options: object): void; render(id: string, text: string): Promise<{ svg: string }> } })
          .mermaid;
        mermaid.initialize({ startOnLoad: false });
        return (await mermaid.render('thaw', text)).svg;
      }, toMermaid(machineGraph()));
      expect(svg).toMatch(/^<svg/);
      for (const label of ['ministerial', 'suspended', 'refused', 'reopened', 'contactHeld', 'lapsed', 'ministerialResumed', 'prcDefenseMinister'])
        expect(svg).toContain(label);
    } finally {
      await page.close();
    }
  }, 60_000);
});
