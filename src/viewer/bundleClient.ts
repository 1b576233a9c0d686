// `npm run build` runs this after tsc: bundles the viewer's browser code (src/viewer/client) and
// the library parts it replays with into one script, so the page, a standalone HTML export and
// the what-if editor all run the same machine as the CLI. esbuild-wasm needs no native binary.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the bundle is written, next to this module in dist/. */
export const BUNDLE_FILE = fileURLToPath(new URL('./viewer.bundle.js', import.meta.url));

// The newest modification time of the files under a folder.
function newest(folder: string): number {
  return readdirSync(folder, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(folder, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
}

/** Bundles src/viewer/client/main.ts into BUNDLE_FILE, unless the bundle is newer than every source and the lock file. */
export async function bundleClient(): Promise<void> {
  const root = join(dirname(BUNDLE_FILE), '..', '..');
  // esbuild-wasm takes seconds to start: a build right after another (npm ci, then npm test) skips it.
  if (existsSync(BUNDLE_FILE) && statSync(BUNDLE_FILE).mtimeMs > Math.max(newest(join(root, 'src')), statSync(join(root, 'package-lock.json')).mtimeMs)) return;
  const esbuild = await import('esbuild-wasm');
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
