import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readScenario } from '../../src/index.js';
import { startInspect, type RunningInspect } from '../support/thaw.js';
import { CHROMIUM, hasChromium, launchBrowser } from './browser.js';

const root = join(import.meta.dirname, '..', '..');
const record = readScenario(join(root, 'scenarios', 'record.yaml'), { sourcesDir: null });
const indexOf = (id: string) => record.events.findIndex((event) => event.id === id);

if (!hasChromium) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set THAW_CHROMIUM)`);

// One Chromium for the file: starting it is most of what a browser test costs.
let browser: Browser;
beforeAll(async () => {
  if (hasChromium) browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

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
    page.$$eval(`#lanes rect.segment[data-history="${history}"][data-kind="${channel === 'phase' ? 'phase' : 'link'}"][data-channel="${channel}"]`, (nodes) => nodes.map((node) => node.getAttribute('data-value')));

  beforeAll(async () => {
    inspect = await startInspect(['--pace', '0']);
    page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
    await page.goto(inspect.url);
    await page.waitForSelector('body[data-ready="true"]');
  }, 60_000);

  afterAll(async () => {
    await page?.close();
    await inspect?.stop();
  });

  it('should follow the live actor to the end of the record, from the inspection events', async () => {
    await page.waitForFunction((last) => document.body.dataset.liveStep === String(last), record.events.length - 1, { timeout: 20_000 });
    expect(await page.locator('#live').textContent()).toBe(`live: event ${record.events.length} of ${record.events.length}`);
    expect(await activeIds()).toEqual(expect.arrayContaining(['thaw.ministerial.link.reopened.contactHeld', 'thaw.phase.ministerialResumed', 'thaw.prcDefenseMinister.held']));
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
    expect(frozen).toContain('thaw.ministerial.link.open.quiet');
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
    await page.locator('#timeline li[data-index="10"]').click();
    await page.locator('#scrubber').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#scrubber').inputValue()).toBe('11');
    await page.locator('#timeline li[data-index="10"]').click();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#scrubber').inputValue()).toBe('11');
    // After a click on step or back, the arrows still step (they used to stop working).
    await page.locator('#step').click();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#scrubber').inputValue()).toBe('13');
    await page.locator('#back').click();
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('#scrubber').inputValue()).toBe('11');
    // Enter on a focused timeline item goes there.
    await page.locator('#timeline li[data-index="4"]').focus();
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

  it('should draw each channel over time as the record has it', async () => {
    expect(await laneValues('record', 'ministerial')).toEqual(['open.quiet', 'open.contactHeld', 'refused', 'reopened.contactHeld']);
    expect(await laneValues('record', 'attache')).toEqual(['open.quiet', 'suspended', 'reopened.contactHeld']);
    expect(await laneValues('record', 'theater')).toEqual(['open.quiet', 'suspended']);
    expect(await laneValues('record', 'phase')).toEqual(['beforeFreeze', 'channelsSuspended', 'partiallyRestored', 'ministerialResumed']);
  });

  it('should serve only its own files, and only on loopback', async () => {
    expect(new URL(inspect.url).hostname).toBe('127.0.0.1');
    for (const path of ['/viewer/../../package.json', '/%2e%2e/package.json', '/viewer/%2e%2e/server.js', '/../scenarios/record.yaml', '/etc/passwd', '/viewer/main.ts', '/api/model/../../README.md']) {
      expect(await get(inspect.url, path), path).toBe(404);
    }
    expect(await get(inspect.url, '/viewer/main.js')).toBe(200);
    const external = Object.values(networkInterfaces()).flat().find((address) => address && address.family === 'IPv4' && !address.internal);
    if (!external) {
      console.warn('loopback-only check skipped: this machine has no non-loopback IPv4 address');
      return;
    }
    const port = new URL(inspect.url).port;
    await expect(get(`http://${external.address}:${port}/`, '/')).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe.skipIf(!hasChromium)('a what-if in the viewer', () => {
  it("should draw the what-if's swimlanes beside the record's", async () => {
    const inspect = await startInspect([join(root, 'scenarios', 'what-if', 'no-chase-trip.yaml'), '--pace', '0']);
    const page = await browser.newPage();
    try {
      await page.goto(inspect.url);
      await page.waitForSelector('body[data-ready="true"]');
      const histories = await page.$$eval('#lanes svg', (nodes) => nodes.map((node) => node.getAttribute('data-histories')));
      expect(histories).toEqual(['record|what-if: no-chase-trip']);
      const attache = (history: string) =>
        page.$$eval(`#lanes rect.segment[data-history="${history}"][data-kind="link"][data-channel="attache"]`, (nodes) => nodes.map((node) => node.getAttribute('data-value')));
      expect(await attache('record')).toContain('suspended');
      expect(await attache('what-if: no-chase-trip')).toEqual(['open.quiet', 'open.contactHeld']);
    } finally {
      await page.close();
      await inspect.stop();
    }
  }, 60_000);
});

describe.skipIf(!hasChromium)('the Mermaid export in a browser', () => {
  it('should render with mermaid itself', async () => {
    const { toMermaid } = await import('../../src/export/formats.js');
    const { machineGraph } = await import('../../src/export/machineGraph.js');
    const page = await browser.newPage();
    try {
      await page.setContent('<!doctype html><html><body></body></html>');
      await page.addScriptTag({ content: readFileSync(join(root, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js'), 'utf8') });
      const svg = await page.evaluate(async (text) => {
        const mermaid = (window as unknown as { mermaid: { initialize(options: object): void; render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
        mermaid.initialize({ startOnLoad: false });
        return (await mermaid.render('thaw', text)).svg;
      }, toMermaid(machineGraph()));
      expect(svg).toMatch(/^<svg/);
      for (const label of ['ministerial', 'suspended', 'refused', 'reopened', 'contactHeld', 'lapsed', 'ministerialResumed', 'prcDefenseMinister']) expect(svg).toContain(label);
    } finally {
      await page.close();
    }
  }, 60_000);
});
