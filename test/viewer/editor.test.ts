import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readWhatIf, replay } from '../../src/index.js';
import { editedModel, editsForAddress, editsInAddress, toEdits, whatIfFile, type PageEdits } from '../../src/viewer/client/editor.js';
import { payloadSchemas } from '../../src/viewer/pageModel.js';
import { viewerModel, type ViewerModel } from '../../src/viewer/viewerModel.js';

const root = join(import.meta.dirname, '..', '..');
const NO_LAYOUT = { width: 0, height: 0, states: [], edges: [] };

// The page's model of a what-if file, as pageModel builds it (without the layout).
function whatIfPage(name: string): ViewerModel {
  const whatIf = readWhatIf(join(root, 'scenarios', 'what-if', name), { sourcesDir: null });
  const model = viewerModel({ run: replay(whatIf.scenario), file: name, layout: NO_LAYOUT, base: { label: whatIf.base.id, run: replay(whatIf.base) } });
  return {
    ...model,
    editor: { base: whatIf.base, basePath: join(root, 'scenarios', 'record.yaml'), baseLabel: whatIf.base.id, edits: whatIf.definition.edits, checkpoints: whatIf.definition.checkpoints, payloadSchemas: payloadSchemas() },
  };
}

describe("the page's what-if editor", () => {
  it('should carry any edits through the address and back, long ones too', () => {
    const edits: PageEdits = { off: ['pelosi-visit'], moved: { 'dong-appointed': '2023-10' }, inserted: Array.from({ length: 400 }, (_, index) => ({ id: `e${index}`, date: '2024-05', type: 'incident', payload: { kind: 'intercept', actor: 'CHN', target: 'USA' }, hypothetical: 'ünïcode' }) as never) };
    expect(editsInAddress(`#step=3&${editsForAddress(edits)}`)).toEqual(edits);
  });

  it('should not move an event it leaves out', () => {
    const page = whatIfPage('no-chase-trip.yaml');
    const edits = toEdits(page.editor as NonNullable<ViewerModel['editor']>, { off: ['pelosi-visit'], moved: { 'pelosi-visit': '2022-09' }, inserted: [] });
    expect(edits.filter((edit) => 'move' in edit)).toEqual([]);
    expect(() => editedModel(page, { off: ['pelosi-visit'], moved: { 'pelosi-visit': '2022-09' }, inserted: [] })).not.toThrow();
  });

  it("should save a file whose checkpoints stand: none for an event left out, one end checkpoint however often it is saved, nothing without an edit", () => {
    const page = whatIfPage('no-pelosi-visit.yaml');
    const edits: PageEdits = { off: ['attache-halted'], moved: {}, inserted: [] };
    const edited = editedModel(page, edits);
    const saved = parse(whatIfFile(edited, edits) as string) as { checkpoints: Array<{ id: string; after?: string }>; edits: unknown[] };
    expect(saved.checkpoints.filter((checkpoint) => checkpoint.after === 'attache-halted')).toEqual([]);
    expect(saved.checkpoints.filter((checkpoint) => checkpoint.id === 'where-the-page-ends')).toHaveLength(1);
    // Saved again from a page that opened the saved file: still one end checkpoint.
    const reopened = { ...edited, editor: { ...(edited.editor as NonNullable<ViewerModel['editor']>), checkpoints: saved.checkpoints as never } };
    const again = parse(whatIfFile(reopened, edits) as string) as { checkpoints: Array<{ id: string }> };
    expect(again.checkpoints.filter((checkpoint) => checkpoint.id === 'where-the-page-ends')).toHaveLength(1);
    const plain = { ...page, editor: { ...(page.editor as NonNullable<ViewerModel['editor']>), edits: [], checkpoints: [] } };
    expect(whatIfFile(plain, { off: [], moved: {}, inserted: [] })).toBeUndefined();
  });
});
