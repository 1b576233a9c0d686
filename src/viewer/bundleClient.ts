// `npm run build` runs this after tsc: bundles the viewer's browser code (src/viewer/client) and
// the library parts it replays with into one script, so the page, a standalone HTML export and
// the what-if editor all run the same machine as the CLI. esbuild-wasm needs no native binary.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the bundle is written, next to this module in dist/. */
export const BUNDLE_FILE = fileURLToPath(new URL('./viewer.bundle.js', import.meta.url));

/** Bundles src/viewer/client/main.ts into BUNDLE_FILE. */
export async function bundleClient(): Promise<void> {
  const esbuild = await import('esbuild-wasm');
  const root = join(dirname(BUNDLE_FILE), '..', '..');
  mkdirSync(dirname(BUNDLE_FILE), { recursive: true });
  await esbuild.build({
    entryPoints: [join(root, 'src', 'viewer', 'client', 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    outfile: BUNDLE_FILE,
    logLevel: 'warning',
  });
  await esbuild.stop();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleClient();
