/**
 * `bots test` as a library: find and parse the conversation test files, open one target per bot
 * (the local emulator, deployed from the definitions, or an alias in a region), run every
 * conversation and summarise.
 * @module
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../definitions/diagnostics.js';
import { loadProject } from '../definitions/load.js';
import { runConversations, summarize, type ConversationOutcome, type RunSummary } from './runner.js';
import { openLexTarget, type LexTarget, type LexTargetOptions } from './target.js';
import { loadTestFile, type ConversationTest } from './test-file.js';

/** Where the shipped conversation tests live, relative to the project root. */
export const DEFAULT_TEST_DIR = join('tests', 'conversations');

/** Options of {@link runTests}. */
export interface TestRunOptions {
  root: string;
  /** Files or folders (their `*.yaml` / `*.yml`); default `tests/conversations`. Relative to `cwd`. */
  paths?: string[];
  cwd?: string;
  /** Only conversations whose name or file contains this text. */
  filter?: string;
  /** The target: unset region → local. */
  target?: Pick<LexTargetOptions, 'region' | 'alias' | 'profile' | 'local' | 'deploy' | 'progress' | 'endpoint' | 'credentials' | 'env' | 'fulfillmentLogLevel'>;
  onResult?: (o: ConversationOutcome) => void;
}

/** Result of {@link runTests}. */
export interface TestRunResult {
  /** Test file errors (then nothing ran). */
  diagnostics: Diagnostic[];
  tests: ConversationTest[];
  summary?: RunSummary;
}

/** The test files named by `paths` (folders expanded to their YAML files, sorted). @throws Error for a path that does not exist */
export function findTestFiles(paths: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new Error(`No such file or folder: ${p}`);
    }
    if (st.isDirectory()) {
      out.push(
        ...readdirSync(abs)
          .filter((f) => /\.ya?ml$/i.test(f))
          .sort()
          .map((f) => join(abs, f)),
      );
    } else out.push(abs);
  }
  return [...new Set(out)];
}

/** Parses every file; with `root` the positions are project-relative. */
export async function loadTests(files: readonly string[], root: string): Promise<{ tests: ConversationTest[]; diagnostics: Diagnostic[] }> {
  const parsed = await Promise.all(files.map((f) => loadTestFile(f, relative(root, f).split(sep).join('/'))));
  return { tests: parsed.flatMap((p) => p.conversations), diagnostics: parsed.flatMap((p) => p.diagnostics) };
}

/**
 * Local target: every conversation's bot and locale must exist in the definitions (the local bot
 * is deployed from them), reported at the conversation's position before anything runs.
 */
async function checkBotsAndLocales(tests: readonly ConversationTest[], root: string): Promise<Diagnostic[]> {
  const { project } = await loadProject(root);
  const out: Diagnostic[] = [];
  for (const t of tests) {
    const bot = project.bots.find((b) => b.name === t.bot);
    if (!bot) {
      out.push({ ruleId: 'conversation/unknown-bot', severity: 'error', message: `Conversation "${t.name}" names bot ${t.bot}, which is not in bots/.`, hint: `Use one of: ${project.bots.map((b) => b.name).join(', ') || 'none'}.`, ...t.at });
    } else if (!bot.locales.some((l) => l.localeId === t.locale)) {
      out.push({ ruleId: 'conversation/unknown-locale', severity: 'error', message: `Bot ${t.bot} has no locale ${t.locale}.`, hint: `Its locales: ${bot.locales.map((l) => l.localeId).join(', ')}.`, ...t.at });
    }
  }
  return out;
}

/**
 * Runs conversation tests.
 * @throws LexTargetError when a target cannot be opened (bot not deployed, no credentials), Error for a missing path
 * @example
 * const { summary } = await runTests({ root: '.', target: { local: { dataDir: null } } });
 * console.log(summary?.failed);
 */
export async function runTests(opts: TestRunOptions): Promise<TestRunResult> {
  const started = Date.now();
  const cwd = opts.cwd ?? process.cwd();
  const files = findTestFiles(opts.paths?.length ? opts.paths : [join(opts.root, DEFAULT_TEST_DIR)], cwd);
  const loaded = await loadTests(files, opts.root);
  if (!loaded.diagnostics.length && !opts.target?.region) loaded.diagnostics.push(...(await checkBotsAndLocales(loaded.tests, opts.root)));
  if (loaded.diagnostics.length) return { diagnostics: loaded.diagnostics, tests: loaded.tests };
  const f = opts.filter?.toLowerCase();
  const tests = f ? loaded.tests.filter((t) => t.id.toLowerCase().includes(f)) : loaded.tests;

  const targets = new Map<string, Promise<LexTarget>>();
  const targetFor = (t: ConversationTest) => {
    let p = targets.get(t.bot);
    if (!p) targets.set(t.bot, (p = openLexTarget({ root: opts.root, bot: t.bot, localeId: t.locale, ...opts.target })));
    return p;
  };
  try {
    const outcomes = await runConversations(tests, targetFor, { ...(opts.onResult ? { onResult: opts.onResult } : {}) });
    const first = tests.length ? await targetFor(tests[0]!) : undefined;
    const target = first
      ? { kind: first.kind, region: first.region, alias: first.botAliasName }
      : { kind: opts.target?.region ? ('aws' as const) : ('local' as const), region: opts.target?.region ?? 'us-east-1', alias: opts.target?.alias ?? '' };
    return { diagnostics: [], tests, summary: summarize(outcomes, target, Date.now() - started) };
  } finally {
    for (const p of targets.values()) await p.then((t) => t.close()).catch(() => undefined);
  }
}
