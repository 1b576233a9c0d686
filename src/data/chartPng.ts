// A chart's SVG as PNG, with resvg compiled to WebAssembly (an npm package: no browser, no native
// module, nothing downloaded). WebAssembly reads no system fonts, so the fonts are read here.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** No font to draw the chart's text with; the message says where fonts were looked for. */
export class NoFontError extends Error {
  override name = 'NoFontError';
}

// Where common systems keep a sans-serif font with a bold face.
const FONT_CANDIDATES = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf'],
  ['/System/Library/Fonts/Supplemental/Arial.ttf', '/System/Library/Fonts/Supplemental/Arial Bold.ttf'],
  ['C:\\Windows\\Fonts\\arial.ttf', 'C:\\Windows\\Fonts\\arialbd.ttf'],
];

/** The font files to draw with: those given, or the first of the usual places that has them. */
export function chartFonts(given: readonly string[] = []): string[] {
  if (given.length > 0) {
    const missing = given.filter((file) => !existsSync(file));
    if (missing.length > 0) throw new NoFontError(`no font file at ${missing.join(', ')}`);
    return [...given];
  }
  const found = FONT_CANDIDATES.find((files) => existsSync(files[0] as string));
  if (!found)
    throw new NoFontError(
      `no font found for the PNG (looked for ${FONT_CANDIDATES.map((files) => files[0]).join(', ')}); give one with --font FILE.ttf, or write SVG`,
    );
  return found.filter((file) => existsSync(file));
}

let ready: Promise<typeof import('@resvg/resvg-wasm')> | undefined;

/** The SVG drawn as a PNG at twice its size, its text in the given fonts. */
export async function svgToPng(svg: string, fontFiles: readonly string[]): Promise<Uint8Array> {
  ready ??= (async () => {
    const resvg = await import('@resvg/resvg-wasm');
    await resvg.initWasm(readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')));
    return resvg;
  })();
  const { Resvg } = await ready;
  const fontBuffers = fontFiles.map((file) => readFileSync(file));
  const image = new Resvg(svg, { font: { fontBuffers, loadSystemFonts: false }, fitTo: { mode: 'zoom', value: 2 }, background: 'white' });
  return image.render().asPng();
}
