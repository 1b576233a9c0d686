import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editedModel, type PageEdits, whatIfFile } from '../../src/viewer/client/editor.js';
import { publishedPath } from '../../src/viewer/pageModel.js';
import type { ViewerModel } from '../../src/viewer/viewerModel.js';
import { root, thaw } from '../support/thaw.js';

// Inside the project (test-results/ is ignored by git), and outside it.
const inside = join(root, 'test-results', `published-page-${process.pid}`);
const outside = mkdtempSync(join(tmpdir(), 'thaw-published-page-'));
mkdirSync(inside, { recursive: true });
afterAll(() => {
  rmSync(inside, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

/** The model an exported page carries. */
const embeddedModel = (html: string) => JSON.parse(/<script type="application\/json" id="model">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null') as ViewerModel;

/** Exports `file` as a page to `output` (stdout if undefined), and the page's text. */
async function exported(file: string, output?: string): Promise<string> {
  const { code, stdout, stderr } = await thaw(['export', file, '--format', 'html', ...(output ? ['--output', output] : [])]);
  expect(code, stderr).toBe(0);
  return output ? readFileSync(output, 'utf8') : stdout;
}

describe('how a published page names files', () => {
  it("should name a file from the page's folder in the project, from the project otherwise, and by its name alone outside it", () => {
    const cwd = '/home/someone/project';
    expect(publishedPath('/home/someone/project/scenarios/record.yaml', { cwd, folder: '/home/someone/project/out' })).toBe('../scenarios/record.yaml');
    expect(publishedPath('scenarios/record.yaml', { cwd, folder: cwd })).toBe('scenarios/record.yaml');
    expect(publishedPath('/home/someone/project/scenarios/record.yaml', { cwd, folder: '/tmp/pages' })).toBe('scenarios/record.yaml');
    expect(publishedPath('/home/someone/elsewhere/mine.yaml', { cwd, folder: cwd })).toBe('mine.yaml');
    // A sibling folder whose name starts like the project's is outside it.
    expect(publishedPath('/home/someone/project-old/mine.yaml', { cwd, folder: cwd })).toBe('mine.yaml');
  });
});

describe('thaw export --format html, published', () => {
  it("should not carry the exporter's folders, wherever the page is written", async () => {
    const pages = [
      await exported('scenarios/what-if/no-chase-trip.yaml', join(inside, 'no-chase-trip.html')),
      await exported(join(root, 'scenarios', 'what-if', 'no-chase-trip.yaml'), join(outside, 'no-chase-trip.html')),
      await exported(join(root, 'scenarios', 'record.yaml')),
    ];
    for (const page of pages) {
      expect(page).not.toContain(root);
      expect(page).not.toContain(outside);
    }
    expect(embeddedModel(pages[0] as string).file).toBe('scenarios/what-if/no-chase-trip.yaml');
    expect(embeddedModel(pages[0] as string).editor?.basePath).toBe('../../scenarios/record.yaml');
    expect(embeddedModel(pages[1] as string).editor?.basePath).toBe('scenarios/record.yaml');
    expect(embeddedModel(pages[2] as string).editor?.basePath).toBe('scenarios/record.yaml');
  });

  it('should let a what-if saved beside the page find its base', async () => {
    const model = embeddedModel(await exported(join(root, 'scenarios', 'record.yaml'), join(inside, 'record.html')));
    const edits: PageEdits = { off: ['austin-dong-call'], moved: {}, inserted: [] };
    const saved = join(inside, 'your-what-if.yaml');
    writeFileSync(saved, whatIfFile(editedModel(model, edits), edits) as string);
    const { code, stdout, stderr } = await thaw(['whatif', saved]);
    expect(code, `${stdout}${stderr}`).toBe(0);
  });
});
