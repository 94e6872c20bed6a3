/**
 * `bots tune`: turns a bot's traffic into a short list of concrete changes to its definitions.
 * Sources: the Lex V2 analytics APIs of an alias (local emulator by default, or `region` + `alias`)
 * and/or conversation-log files exported from CloudWatch Logs. See docs/tuning.md.
 * @module
 */
import { redactText } from './redact.js';
import type { Bot, Project } from '../definitions/model.js';
import { loadProject } from '../definitions/load.js';
import { isToolSession } from '../conversation/session-ids.js';
import { TuningAccumulator, AGENT_INTENT_PATTERN, type AnalyzeOptions, type TuningReport } from './analyze.js';
import { parseWindow, type TuneWindow } from './window.js';
import { tuningContextOf } from './context.js';
import { expandLogPaths, readLogFiles } from './logs.js';
import type { AggregatedUtterance, SourceNote, Turn } from './types.js';

export { applySuggestions, type ApplyResult } from './apply.js';
export { renderHtml } from './html.js';
export { renderMarkdown } from './markdown.js';
export type { TuningReport } from './analyze.js';

/** A mistake in the options (unknown bot, bad window, no such log file): the CLI exits 2 or 1 with the message. */
export class TuneUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TuneUsageError';
  }
}

/** Options of {@link runTune}. */
export interface TuneOptions {
  /** Project root (holds `bots/`). */
  root: string;
  /** Bot name; default the project's only bot. */
  bot?: string;
  /** Locale; default the bot's first. */
  localeId?: string;
  /** Conversation-log files, folders or globs. When given, the analytics APIs are read only with `region`. */
  logs?: string[];
  /** Folder the `logs` paths are relative to (default `root`). */
  cwd?: string;
  /** Analytics of a deployed alias in this region (else the local emulator). */
  region?: string;
  alias?: string;
  profile?: string;
  /** `1d`, `3d`, `1w`, `2w`, `12h`...; default `2w` for analytics and every record for logs. */
  window?: string;
  /** Intents that transfer to an agent (default: names matching {@link AGENT_INTENT_PATTERN}). */
  agentIntents?: string[];
  /** Progress lines (stderr in the CLI). */
  progress?: (line: string) => void;
  analyze?: AnalyzeOptions;
  /** Count the sessions of `bots test` and `bots eval` too (default: left out, see {@link isToolSession}). */
  includeToolTraffic?: boolean;

  // Test hooks.
  /** Local target: a running emulator's URL, or the in-process one's data folder (`null`: in memory). */
  local?: { endpoint?: string; dataDir?: string | null };
  /** Lex endpoint for the AWS target. */
  endpoint?: string;
  /** `maxResults` of the analytics pages (default 1000). */
  pageSize?: number;
  /** End of the window, ms since the epoch (default now). */
  now?: number;
  env?: NodeJS.ProcessEnv;
}

/** Why Lex withholds ListAggregatedUtterances statistics for `bot`, from its definition; undefined if it does not. */
export function withheldReason(bot: Bot): string | undefined {
  if (bot.childDirected) return 'the bot is child-directed (childDirected: true)';
  // Slot → the locales where it is obfuscated.
  const hidden = new Map<string, string[]>();
  for (const l of bot.locales) for (const i of l.intents) for (const s of i.slots) if (s.obfuscate) hidden.set(`${i.name}.${s.name}`, [...(hidden.get(`${i.name}.${s.name}`) ?? []), l.localeId]);
  if (!hidden.size) return undefined;
  const list = [...hidden].map(([slot, locales]) => `${slot} (${locales.join(', ')})`);
  return `slot obfuscation is on for ${list.slice(0, 4).join(', ')}${list.length > 4 ? ` and ${list.length - 4} more` : ''}`;
}

/**
 * `rows` minus the hits and misses of `turns` (the tool's own sessions), per utterance text; rows
 * left with no count are dropped. ListAggregatedUtterances cannot filter by session, so the turns
 * ListUtteranceAnalyticsData attributes to those sessions are subtracted.
 */
export function withoutTurns(rows: readonly AggregatedUtterance[], turns: readonly Turn[]): AggregatedUtterance[] {
  if (!turns.length) return [...rows];
  const minus = new Map<string, { hit: number; missed: number }>();
  for (const t of turns) {
    const m = minus.get(t.utterance) ?? { hit: 0, missed: 0 };
    if (t.missed) m.missed++;
    else m.hit++;
    minus.set(t.utterance, m);
  }
  const out: AggregatedUtterance[] = [];
  for (const r of rows) {
    const m = minus.get(r.utterance);
    const row = m ? { ...r, hitCount: Math.max(0, r.hitCount - m.hit), missedCount: Math.max(0, r.missedCount - m.missed) } : r;
    if (row.hitCount || row.missedCount) out.push(row);
  }
  return out;
}

/** Picks the bot: by name, or the project's only one. */
function pickBot(project: Project, name: string | undefined): Bot {
  if (name) {
    const bot = project.bots.find((b) => b.name === name);
    if (!bot) throw new TuneUsageError(`No bot named ${name} in bots/ (bots: ${project.bots.map((b) => b.name).join(', ') || 'none'}).`);
    return bot;
  }
  if (project.bots.length === 1) return project.bots[0]!;
  throw new TuneUsageError(`The project has ${project.bots.length} bots (${project.bots.map((b) => b.name).join(', ')}): pass --bot <name>.`);
}

/**
 * Reads the sources, analyses the traffic against the definitions and returns the report.
 * @throws TuneUsageError for option mistakes (unknown bot or locale, bad window, missing log file).
 * @throws LexTargetError (from scripts/conversation/target.ts) when the alias cannot be opened.
 * @example
 * const report = await runTune({ root: '.', logs: ['exports/*.gz'] });
 * console.log(renderMarkdown(report));
 */
export async function runTune(opts: TuneOptions): Promise<TuningReport> {
  const progress = opts.progress ?? (() => {});
  const { project } = await loadProject(opts.root);
  const bot = pickBot(project, opts.bot);
  const localeId = opts.localeId ?? bot.locales[0]?.localeId;
  if (!localeId || !bot.locales.some((l) => l.localeId === localeId)) {
    throw new TuneUsageError(`Bot ${bot.name} has no locale ${localeId ?? '(none)'} (locales: ${bot.locales.map((l) => l.localeId).join(', ')}).`);
  }
  let window: TuneWindow | undefined;
  try {
    window = opts.window ? parseWindow(opts.window) : opts.logs?.length ? undefined : parseWindow('2w');
  } catch (err) {
    throw new TuneUsageError((err as Error).message);
  }
  const now = opts.now ?? Date.now();
  const agentIntents = opts.agentIntents?.length ? new Set(opts.agentIntents) : undefined;
  const acc = new TuningAccumulator({
    localeId,
    botName: bot.name,
    ...(window ? { window: { start: now - window.hours * 3_600_000, end: now } } : {}),
    isAgentIntent: agentIntents ? (i) => agentIntents.has(i) : (i) => AGENT_INTENT_PATTERN.test(i),
  });
  const sources: string[] = [];
  const notes: SourceNote[] = [];
  // The tool's own test traffic is not caller traffic: keep it out, and out of the aggregated counts.
  const toolTurns: Turn[] = [];
  const add = (t: Turn) => {
    if (!opts.includeToolTraffic && isToolSession(t.sessionId)) toolTurns.push(t);
    // Reports never show personal data: digit runs, card-like numbers and e-mail addresses are masked.
    else acc.add({ ...t, utterance: redactText(t.utterance) });
  };

  if (opts.logs?.length) {
    let files: string[];
    try {
      files = expandLogPaths(opts.logs, opts.cwd ?? opts.root);
    } catch (err) {
      throw new TuneUsageError((err as Error).message);
    }
    progress(`reading ${files.length} conversation-log file(s)`);
    const started = Date.now();
    const stats = await readLogFiles(files, {
      onTurn: add,
      onProblem: (p) => acc.addProblem(p),
      onFile: (file, s) => progress(`  ${file}: ${s.lines} lines so far (${((Date.now() - started) / 1000).toFixed(1)} s)`),
    });
    sources.push(`conversation logs (${stats.files} file(s), ${stats.turns} records)`);
    if (!stats.turns) notes.push({ source: 'logs', message: 'The files hold no Lex V2 conversation-log record.' });
  }

  if (!opts.logs?.length || opts.region) {
    const { openLexTarget } = await import('../conversation/target.js');
    const target = await openLexTarget({
      root: opts.root,
      bot: bot.name,
      localeId,
      deploy: false,
      ...(opts.region ? { region: opts.region } : {}),
      ...(opts.alias ? { alias: opts.alias } : {}),
      ...(opts.profile ? { profile: opts.profile } : {}),
      ...(opts.local ? { local: opts.local } : {}),
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      ...(opts.env ? { env: opts.env } : {}),
    });
    try {
      const where = target.kind === 'local' ? 'local emulator' : target.region;
      progress(`reading the analytics of ${bot.name} alias ${target.botAliasName} (${where})`);
      const { readAnalytics } = await import('./analytics.js');
      const result = await readAnalytics(
        target.models,
        { botId: target.botId, botAliasId: target.botAliasId, localeId, window: window ?? parseWindow('2w'), now, ...(opts.pageSize ? { pageSize: opts.pageSize } : {}) },
        add,
        withheldReason(bot),
      );
      const aggregationStart = now - (window ?? parseWindow('2w')).aggregation.hours * 3_600_000;
      acc.addAggregated(withoutTurns(result.aggregated, toolTurns.filter((t) => t.timestamp >= aggregationStart)).map((r) => ({ ...r, utterance: redactText(r.utterance) })));
      notes.push(...result.notes);
      const pages = (op: string) => result.pages[op] ?? 0;
      sources.push(
        `Lex analytics of alias ${target.botAliasName} in ${where} (${result.turns} utterances in ${pages('ListUtteranceAnalyticsData')} page(s), ` +
          `${result.aggregated.length} aggregated rows in ${pages('ListAggregatedUtterances')} page(s))`,
      );
    } finally {
      await target.close();
    }
  }

  if (toolTurns.length) {
    const sessions = new Set(toolTurns.map((t) => t.sessionId)).size;
    notes.push({
      source: opts.logs?.length && !opts.region ? 'logs' : 'ListUtteranceAnalyticsData',
      message: `${toolTurns.length} utterance(s) of ${sessions} bots test / bots eval session(s) (session ids bots-test-…, bots-eval-…) left out; --include-test-traffic counts them.`,
    });
  }
  progress('training the classifier on the definitions and clustering');
  const ctx = tuningContextOf(bot, localeId);
  return acc.finish(
    ctx,
    {
      sources,
      notes,
      window: window ? { label: window.label, start: new Date(now - window.hours * 3_600_000).toISOString(), end: new Date(now).toISOString() } : {},
    },
    opts.analyze,
  );
}
