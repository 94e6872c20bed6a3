/**
 * `npm run bench`: validates a generated large suite (3 locales × 300 intents × 20 utterances plus
 * 2,000 SSML prompts) in-process and through the CLI, and prints wall times and peak memory.
 * Budget (issue #2): under 2 s wall time on the 2-core CI machine. Results go in BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadProject } from '../scripts/definitions/load.js';
import { validateProject } from '../scripts/validate/index.js';
import { generateSuite, LARGE } from './generate-suite.js';

const RUNS = 5;
const root = await mkdtemp(join(tmpdir(), 'bots-bench-'));
try {
  await generateSuite(root, LARGE);
  console.log(`suite: ${LARGE.locales.length} locales × ${LARGE.intents} intents × ${LARGE.utterances} utterances, ${LARGE.ssmlPrompts} SSML prompts`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);

  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const { project, diagnostics } = await loadProject(root);
    findings = validateProject(project, diagnostics).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`in-process load+validate: median ${times[RUNS >> 1]!.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times[RUNS - 1]!.toFixed(0)} ms (${findings} findings)`);

  // Peer/floor: what any YAML-based tool pays just to read and parse the same files.
  const { readdir, readFile } = await import('node:fs/promises');
  const { parse } = await import('yaml');
  const floor: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.yaml'));
    const texts = await Promise.all(files.map((f) => readFile(join(root, f), 'utf8')));
    for (const t of texts) parse(t);
    floor.push(performance.now() - t0);
  }
  floor.sort((a, b) => a - b);
  console.log(`floor (read + yaml.parse only, no positions, no rules): median ${floor[RUNS >> 1]!.toFixed(0)} ms`);

  const cli: number[] = [];
  let rss = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(import.meta.dirname, '..', 'scripts', 'bin', 'bots.mjs'), 'validate', '--format', 'json', '-o', join(root, 'report.json')], { cwd: root, encoding: 'utf8' });
    cli.push(performance.now() - t0);
    rss = Math.max(rss, Number(r.stderr.trim().split('\n').pop()) || 0);
  }
  cli.sort((a, b) => a - b);
  console.log(`CLI \`bots validate\` wall time: median ${cli[RUNS >> 1]!.toFixed(0)} ms, min ${cli[0]!.toFixed(0)} ms, max ${cli[RUNS - 1]!.toFixed(0)} ms${rss ? `, peak RSS ${(rss / 1024).toFixed(0)} MiB` : ''}`);
  const budget = 2000;
  const verdict = cli[RUNS >> 1]! < budget ? 'within' : 'OVER';
  console.log(`budget: ${budget} ms → ${verdict} budget`);
} finally {
  await rm(root, { recursive: true, force: true });
}
