// `npm run build` runs this last: bundles the snapshot's entry (dist/cli/snapshotMain.js) into one
// CommonJS file, as a V8 startup snapshot needs, and has node build the snapshot from it for the
// node that runs the build (dist/thaw.blob, with that node's version beside it: `bin/thaw` starts
// from the snapshot only under the same node). A build that cannot make one says so, and
// `bin/thaw` starts the plain program.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(dist, 'thaw-snapshot.cjs');
const BLOB = join(dist, 'thaw.blob');
// Packages the snapshot does not hold (the commands that need them start the plain program).
const OUTSIDE = ['vega', 'vega-lite', '@resvg/resvg-wasm', 'ws', '@statelyai/inspect', 'elkjs', 'esbuild-wasm'];

// What the snapshot is made from: every compiled module, and the node that makes it. A build that
// changes neither (npm test right after npm ci) keeps the snapshot it has: making one takes seconds.
function sourcesHash(): string {
  // The packages bundled into it, by the lock file that pins them.
  const hash = createHash('sha256')
    .update(process.version)
    .update(readFileSync(join(dist, '..', 'package-lock.json')));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.js')) hash.update(file).update(readFileSync(file));
    }
  };
  walk(dist);
  return hash.digest('hex');
}

/** Bundles the entry and builds the snapshot, unless the one there was made from the same modules; returns why it could not, or undefined. */
export async function buildSnapshot(): Promise<string | undefined> {
  const made = sourcesHash();
  // Written last, and only when the snapshot is the one these modules make: until then (a build
  // that stops half way too) bin/thaw starts the plain program.
  const ready = () => writeFileSync(`${BLOB}.node`, `${process.version}\n${resolve(dist, '..')}\n`);
  if (existsSync(BLOB) && existsSync(`${BLOB}.hash`) && readFileSync(`${BLOB}.hash`, 'utf8') === made) {
    ready();
    return undefined;
  }
  rmSync(BLOB, { force: true });
  rmSync(`${BLOB}.hash`, { force: true });
  const esbuild = await import('esbuild-wasm');
  try {
    await esbuild.build({
      entryPoints: [join(dist, 'cli', 'snapshotMain.js')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: BUNDLE,
      external: OUTSIDE,
      logLevel: 'error',
      // A snapshot's require gives Node's own modules only: a package's is required from the
      // package's folder, once the snapshot has started (see snapshotMain.ts).
      banner: {
        js: "var __thawOwnRequire = require; var __thawIsBuiltin = __thawOwnRequire('node:module').isBuiltin; var require = (id) => (__thawIsBuiltin(id) ? __thawOwnRequire(id) : globalThis.__thawRequire(id));",
      },
      plugins: [
        {
          name: 'module-urls',
          // Each module's import.meta.url, as the file it was compiled to: the paths it resolves stay its own.
          setup(build) {
            build.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (args) => ({
              contents: readFileSync(args.path, 'utf8').replace(/import\.meta\.url/g, JSON.stringify(pathToFileURL(args.path).href)),
              loader: 'js',
            }));
          },
        },
      ],
    });
  } catch (error) {
    return `the bundle could not be made: ${(error as Error).message}`;
  } finally {
    await esbuild.stop();
  }
  const built = spawnSync(process.execPath, ['--snapshot-blob', BLOB, '--build-snapshot', BUNDLE], { encoding: 'utf8' });
  if (built.status !== 0) return `node could not build it: ${built.stderr.trim().split('\n').slice(-3).join(' ')}`;
  writeFileSync(`${BLOB}.hash`, made);
  ready();
  return undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const failed = await buildSnapshot();
  if (failed) process.stderr.write(`thaw build: no startup snapshot (${failed}); bin/thaw starts the plain program\n`);
}
