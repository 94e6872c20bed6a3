#!/usr/bin/env node
// The `bots` command. Runs the TypeScript sources with no build step: on first use (and whenever a
// source file changes) esbuild bundles scripts/cli/main.ts into node_modules/.cache/bots/; later runs
// import that bundle directly, which starts several hundred ms faster than transpiling on the fly.
// Falls back to tsx if the bundle cannot be built or written.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The AWS SDK prints a multi-line notice on Node 20 at every start; the README says Node 22 is preferred.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const entry = join(root, 'scripts', 'cli', 'main.ts');
const cacheDir = join(root, 'node_modules', '.cache', 'bots');
const bundle = join(cacheDir, 'cli.mjs');
const stampFile = join(cacheDir, 'cli.stamp');

/** Newest modification time and count of the TypeScript sources the CLI bundles (scripts/, fulfillment/). */
function sourceStamp() {
  let newest = 0;
  let count = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        count++;
        newest = Math.max(newest, statSync(p).mtimeMs);
      }
    }
  };
  walk(join(root, 'scripts'));
  walk(join(root, 'fulfillment'));
  return `${newest}:${count}`;
}

/**
 * Keeps `import.meta.url` / `import.meta.dirname` pointing at each source file, not at the bundle:
 * modules find their data files (FAQ documents, sample customers) relative to themselves.
 */
const sourceLocations = {
  name: 'source-locations',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      let contents = readFileSync(args.path, 'utf8');
      if (contents.includes('import.meta.')) {
        contents = contents
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)));
      }
      return { contents, loader: 'ts' };
    });
  },
};

async function load() {
  if (process.env.BOTS_NO_BUNDLE) return false;
  try {
    const stamp = sourceStamp();
    if (!existsSync(bundle) || !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
      const { build } = await import('esbuild');
      mkdirSync(cacheDir, { recursive: true });
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        keepNames: true,
        logLevel: 'silent',
        plugins: [sourceLocations],
      });
      // Write then rename: several `bots` processes (parallel tests) may rebuild at once.
      const tmp = `${bundle}.${process.pid}.tmp`;
      writeFileSync(tmp, result.outputFiles[0].contents);
      renameSync(tmp, bundle);
      writeFileSync(`${stampFile}.${process.pid}.tmp`, stamp);
      renameSync(`${stampFile}.${process.pid}.tmp`, stampFile);
    }
  } catch {
    return false;
  }
  await import(pathToFileURL(bundle).href);
  return true;
}

if (!(await load())) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}
