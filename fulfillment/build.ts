/**
 * `npm run build:lambdas`: bundles each Lambda entry point with esbuild and zips it with fflate.
 *
 * - Entry points: `lex` (fulfillment/lex/handler.ts) and `connect` (fulfillment/connect/handler.ts);
 *   Lambda handler setting `index.handler`, runtime `nodejs22.x`.
 * - ESM (`index.mjs`), target node22, minified, tree-shaken. `@aws-sdk/*` stays external: the Lambda
 *   Node.js runtime ships AWS SDK for JavaScript v3, which keeps each zip small and the cold start
 *   short (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html). The SDK version is then
 *   the runtime's; to pin it, drop `external` and accept larger zips.
 * - Everything else (zod, libphonenumber-js, Powertools Logger) is bundled. The local backends
 *   (dynalite, MiniSearch, the FAQ files) are not reachable from the entry points and stay out.
 * - Output: `dist/lambdas/<name>/index.mjs` (+ `index.mjs.map`, not zipped) and
 *   `dist/lambdas/<name>.zip` with `index.mjs` only; entries get a fixed timestamp so builds are
 *   reproducible.
 * @module
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { zipSync } from 'fflate';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');

export const ENTRY_POINTS = {
  lex: join(HERE, 'lex', 'handler.ts'),
  connect: join(HERE, 'connect', 'handler.ts'),
} as const;

export type LambdaName = keyof typeof ENTRY_POINTS;

export interface LambdaBuild {
  name: LambdaName;
  /** The bundle, absolute path. */
  bundle: string;
  zip: string;
  bundleBytes: number;
  zipBytes: number;
  /** Project files in the bundle (relative paths), for boundary checks. */
  inputs: string[];
  /** Modules left to the runtime (`@aws-sdk/*`, `node:*`). */
  externals: string[];
}

/** Builds both Lambdas into `outDir` (default `dist/lambdas`). Throws on a bundling error. */
export async function buildLambdas(outDir = join(ROOT, 'dist', 'lambdas')): Promise<LambdaBuild[]> {
  const results: LambdaBuild[] = [];
  for (const [name, entry] of Object.entries(ENTRY_POINTS) as [LambdaName, string][]) {
    const dir = join(outDir, name);
    await mkdir(dir, { recursive: true });
    const bundle = join(dir, 'index.mjs');
    const r = await build({
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      minify: true,
      treeShaking: true,
      sourcemap: 'external',
      legalComments: 'none',
      external: ['@aws-sdk/*'],
      metafile: true,
      logLevel: 'silent',
      // CommonJS code inside an ESM bundle may call require() for Node built-ins.
      banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    });
    const code = await readFile(bundle);
    const zip = join(outDir, `${name}.zip`);
    const zipped = zipSync({ 'index.mjs': [code, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }] });
    await writeFile(zip, zipped);
    const output = Object.values(r.metafile.outputs).find((o) => o.entryPoint);
    results.push({
      name,
      bundle,
      zip,
      bundleBytes: code.length,
      zipBytes: zipped.length,
      inputs: Object.keys(r.metafile.inputs).sort(),
      externals: [...new Set((output?.imports ?? []).filter((i) => i.external).map((i) => i.path))].sort(),
    });
  }
  return results;
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const results = await buildLambdas(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log('lambda    bundle       zip          file');
  for (const b of results) console.log(`${b.name.padEnd(9)} ${kib(b.bundleBytes).padEnd(12)} ${kib(b.zipBytes).padEnd(12)} ${relative(process.cwd(), b.zip)}`);
  const over = results.filter((b) => b.zipBytes >= 1024 * 1024);
  if (over.length) {
    console.error(`over the 1 MB budget: ${over.map((b) => b.name).join(', ')}`);
    process.exitCode = 1;
  }
}
