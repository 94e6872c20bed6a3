/**
 * The analysis of `bots tune`: turns from any source are folded into compact aggregates as they
 * stream in ({@link TuningAccumulator.add}), then {@link TuningAccumulator.finish} clusters the
 * missed utterances, finds each cluster's nearest intent and suggests an action, and computes
 * per-intent rates, confused intent pairs and how missed conversations ended.
 *
 * Memory is proportional to distinct missed texts and sessions, not to turns: a million log lines
 * fit in a few hundred MB (`npm run bench:tune`).
 *
 * Terms follow Lex analytics: an utterance is *missed* when it activates no intent or slot;
 * a *hit* is any other turn.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/analytics-key-definitions.html
 * @module
 */
import { canonicalUtterance, isVariant, normalizeUtterance } from '../nlu/normalize.js';
import type { IntentClassifier, IntentScore } from '../nlu/types.js';
import { clusterUtterances, type ClusterOptions } from './cluster.js';
import { draftIntent, type IntentDraft } from './draft.js';
import { assignMiss, DEFAULT_ASSIGN_OPTIONS, DEFAULT_LABEL_OPTIONS, heaviestTerms, intentRegions, labelCluster, proposeIntentName, regionCloseness, type AssignOptions, type LabelEvidence, type MissAssignment } from './label.js';
import { attachSmallClusters, servedNeighbours, type ServedNeighbours, clusterByMeaning, cosine, meaningVectors, type MeaningClusterOptions } from './meaning.js';
import type { AggregatedUtterance, LogLineProblem, SourceNote, Turn } from './types.js';

/** The definitions side of the analysis: one bot locale's intents and its rule thresholds. */
export interface TuningContext {
  bot: string;
  localeId: string;
  /** ISO 639-1 of the locale. */
  language: string;
  /** Intents with their own sample utterances (no FallbackIntent / QnAIntent), with the project-relative file. */
  intents: { name: string; utterances: string[]; file?: string }[];
  /** Trained on `intents` (the definitions in the checkout, i.e. what a deploy would serve). */
  classifier: IntentClassifier;
  /** The `utterances/count` rule's bounds (bot setting `validation`, default 15-20). */
  minUtterances: number;
  maxUtterances: number;
  /** The `utterances/variants` rule's minimum (bot setting `validation.minVariants`, default 3). */
  minVariants?: number;
}

/**
 * How clusters are made and labelled:
 * - `meaning` (default): misses the classifier and the understood traffic around them agree on
 *   are added to that intent one by one (`assignMiss` in `label.ts`); the rest are clustered by
 *   meaning (`meaning.ts`: concepts, synonyms and stems per language; rare clusters join a similar
 *   larger one) and labelled by intent regions (`label.ts`): add to X only inside X's region, new
 *   intent with a draft, or out of scope;
 * - `nearest-intent`: the first method (`cluster.ts`, issue #8): lexical + classifier-placement
 *   clustering, a cluster suggested for its nearest intent whenever the classifier leads. Kept as
 *   the benchmark's peer.
 */
export type TuneMethod = 'meaning' | 'nearest-intent';

/** Knobs of the analysis. */
export interface AnalyzeOptions {
  /** See {@link TuneMethod} (default `meaning`). */
  method?: TuneMethod;
  /** Knobs of the `meaning` clustering (defaults: `DEFAULT_MEANING_OPTIONS`). */
  meaning?: Partial<MeaningClusterOptions>;
  /** Share of an intent's region radius a cluster's closeness must reach for "add to intent" (default 0.8). */
  regionFactor?: number;
  /**
   * Method `meaning`: thresholds of the per-miss assignment before clustering (`assignMiss` in
   * `label.ts`; defaults `DEFAULT_ASSIGN_OPTIONS`); `false` clusters every miss.
   */
  assign?: Partial<AssignOptions> | false;
  /**
   * Method `meaning`: a cluster too rare for a new intent joins the most similar larger cluster
   * when their centroids' cosine reaches this (default {@link DEFAULT_ATTACH_THRESHOLD}; above 1: never).
   */
  attachThreshold?: number;
  /** Method `meaning`: smallest share of missed texts among a cluster's nearest traffic for "new intent" (default in `label.ts`). */
  newIntentMinMissedShare?: number;
  /** Clustering knobs of the `nearest-intent` method (defaults: {@link DEFAULT_CLUSTER_OPTIONS}). */
  cluster?: Partial<ClusterOptions>;
  /** Smallest mean confidence of the nearest intent for "add to intent" (default 0.2). */
  minAddConfidence?: number;
  /** Nearest intent must beat the runner-up by this factor for "add to intent" (default 3 for `meaning`, 1.25 for `nearest-intent`). */
  minAddLead?: number;
  /** Smallest cluster (missed turns) and distinct sessions for "candidate new intent" (default 2 for `meaning`, 3 for `nearest-intent`; 2 sessions). */
  newIntentMinCount?: number;
  newIntentMinSessions?: number;
  /** How many clusters the report keeps (default 50; the rest are summed up). */
  maxClusters?: number;
  /** How many members a cluster lists (default 25; benchmarks pass Infinity). */
  maxMembers?: number;
}

/** A suggested action for a cluster. */
export type SuggestedAction =
  | { kind: 'add-to-intent'; intent: string }
  | { kind: 'new-intent' }
  | { kind: 'out-of-scope' };

/** One distinct missed utterance inside a cluster. */
export interface ClusterMember {
  text: string;
  count: number;
  /** A misspelling or transcription variant of this sample utterance. */
  variantOf?: { intent: string; utterance: string };
  /** Already a sample utterance (the deployed bot is older than the definitions). */
  inDefinitions?: string;
}

/** A cluster of similar missed utterances. */
export interface MissCluster {
  id: number;
  /** The most frequent member: a readable name for the cluster. */
  label: string;
  /** Missed turns. */
  count: number;
  /** Distinct sessions; undefined when the source has no sessions (aggregated counts only). */
  sessions?: number;
  /** ISO 8601. */
  firstSeen?: string;
  lastSeen?: string;
  /** Up to 5 representative members, most frequent first. */
  examples: string[];
  /** Members, most frequent first (at most 25). */
  members: ClusterMember[];
  /** Distinct members in all. */
  distinct: number;
  /** Members that are variants of sample utterances. */
  variants: number;
  nearest?: IntentScore;
  runnerUp?: IntentScore;
  /** The three nearest intents, best first (nearest and runner-up are the first two). */
  ranking: IntentScore[];
  /** The runner-up is close to the nearest intent (confidence at least 70 % of it). */
  ambiguous: boolean;
  action: SuggestedAction;
  /** Why the action was chosen (method `meaning`). */
  evidence?: LabelEvidence;
  /** What `--apply` would add (action add-to-intent), most frequent first. */
  suggestedUtterances: string[];
  /** The drafted intent (action new-intent, method `meaning`): `--apply` writes it when `ready`. */
  draft?: IntentDraft;
}

/** Hit and miss rates of one intent. */
export interface IntentRate {
  intent: string;
  /** Turns recognised as this intent. */
  hits: number;
  /** Missed turns whose cluster was suggested for this intent. */
  misses: number;
  /** misses / (hits + misses); undefined with no traffic. */
  missRate?: number;
  sampleUtterances: number;
  underMinimum: boolean;
}

/** How conversations with at least one missed turn ended. */
export interface MissOutcomes {
  sessions: number;
  /** A later turn reached an agent-transfer intent. */
  agentTransfer: number;
  /** The conversation ended with no understood turn after the miss. */
  hangUp: number;
  /** A later turn was understood (and no agent transfer). */
  recovered: number;
}

/** The report `bots tune` renders (also its `--format json`). */
export interface TuningReport {
  bot: string;
  localeId: string;
  generatedAt: string;
  window: { label?: string; start?: string; end?: string };
  sources: string[];
  notes: SourceNote[];
  /** `distinctMissed`: distinct normalised missed texts (what was clustered). */
  totals: { turns: number; hits: number; missed: number; missRate?: number; distinctMissed: number; sessions: number; sessionsWithMiss: number; slotAnswersMissed: number; otherLocaleTurns: number };
  clusters: MissCluster[];
  /** Clusters left out of `clusters` (beyond `maxClusters`) and their missed turns. */
  moreClusters: { clusters: number; count: number };
  intents: IntentRate[];
  minUtterances: number;
  maxUtterances: number;
  confusedPairs: { intents: [string, string]; count: number; examples: string[] }[];
  outcomes?: MissOutcomes;
  /** Hit and missed turns per bucket (`bucketHours` long), oldest first. */
  timeline: { bucketHours: number; points: { start: string; hits: number; missed: number }[] };
  /** ListAggregatedUtterances rows with misses, most missed first (at most 20). */
  aggregated?: AggregatedUtterance[];
  problems: { count: number; first: LogLineProblem[] };
}

const HOUR = 3_600_000;
/** Default of {@link AnalyzeOptions.attachThreshold}; chosen on BANKING77 dev splits (BENCHMARKS.md, issue 18). */
export const DEFAULT_ATTACH_THRESHOLD = 0.2;
/**
 * Up to this many distinct missed texts, each is compared with every missed and understood text
 * (O(n²) cosines) for the served-traffic evidence; above it (a million-line log), the evidence is
 * left out and the other tests decide.
 */
export const MAX_NEIGHBOUR_ITEMS = 2000;
/** Session summary columns (see {@link SessionTable}). */
const NONE = Number.NEGATIVE_INFINITY;
/** Close enough top-two interpretations of a hit to call the pair confused. */
const CONFUSION_GAP = 0.1;
/** Cap on distinct hit texts kept for re-ranking (sources without interpretations). */
const MAX_HIT_TEXTS = 20_000;

/** Intent names that hand the caller to a person, unless `--agent-intent` names them. */
export const AGENT_INTENT_PATTERN = /agent|transfer|human|representative|operator|escalat|person/i;

interface MissedText {
  spellings: Map<string, number>;
  count: number;
  /** Session numbers ({@link SessionTable}); undefined for aggregated counts. */
  sessions: Set<number> | undefined;
  first: number;
  last: number;
}

/** Options of the accumulator: which turns belong to the report. */
export interface AccumulatorOptions {
  /** Only turns of this locale (turns without a locale are kept). */
  localeId?: string;
  /** Only turns of this bot (turns without a bot name are kept). */
  botName?: string;
  /** Only turns in [start, end] (ms since the epoch). */
  window?: { start: number; end: number };
  /** Which intents transfer to an agent (default {@link AGENT_INTENT_PATTERN}). */
  isAgentIntent?: (intent: string) => boolean;
}

/**
 * Folds turns into aggregates, then builds the {@link TuningReport}.
 * @example
 * const acc = new TuningAccumulator({ localeId: 'en_US' });
 * for (const turn of turns) acc.add(turn);
 * const report = acc.finish(context, { sources: ['logs'] });
 */
export class TuningAccumulator {
  private readonly missed = new Map<string, MissedText>();
  private readonly hitsByIntent = new Map<string, number>();
  private readonly hitTexts = new Map<string, { text: string; count: number }>();
  /** Distinct understood texts with the intent they were recognised as: the served traffic a miss is compared with. */
  private readonly understood = new Map<string, { text: string; intent: string; count: number }>();
  private readonly confusions = new Map<string, { count: number; examples: Map<string, number> }>();
  private readonly sessions = new SessionTable();
  private readonly timeline = new Map<number, [number, number]>();
  private readonly isAgent: (intent: string) => boolean;
  private aggregated: AggregatedUtterance[] | undefined;
  private turns = 0;
  private hits = 0;
  private missedTurns = 0;
  private slotAnswersMissed = 0;
  private otherLocale = 0;
  private outsideWindow = 0;
  private otherBot = 0;
  private finished = false;
  private readonly problems: LogLineProblem[] = [];
  private problemCount = 0;

  constructor(private readonly options: AccumulatorOptions = {}) {
    this.isAgent = options.isAgentIntent ?? ((i) => AGENT_INTENT_PATTERN.test(i));
  }

  /** Adds one turn (skipped when outside the locale or window). */
  add(turn: Turn): void {
    const { localeId, window, botName } = this.options;
    if (botName && turn.botName && turn.botName !== botName) {
      this.otherBot++;
      return;
    }
    if (localeId && turn.localeId && turn.localeId !== localeId) {
      this.otherLocale++;
      return;
    }
    if (window && (turn.timestamp < window.start || turn.timestamp > window.end)) {
      this.outsideWindow++;
      return;
    }
    this.turns++;
    const bucket = Math.floor(turn.timestamp / HOUR) * HOUR;
    let point = this.timeline.get(bucket);
    if (!point) this.timeline.set(bucket, (point = [0, 0]));
    const session = this.sessions.of(turn.sessionId);

    if (turn.missed) {
      this.missedTurns++;
      point[1]++;
      this.sessions.miss(session, turn.timestamp);
      if (turn.slotAnswer) {
        this.slotAnswersMissed++;
        return;
      }
      const key = normalizeUtterance(turn.utterance);
      if (!key) return;
      let m = this.missed.get(key);
      if (!m) this.missed.set(key, (m = { spellings: new Map(), count: 0, sessions: new Set(), first: turn.timestamp, last: turn.timestamp }));
      m.count++;
      m.spellings.set(turn.utterance, (m.spellings.get(turn.utterance) ?? 0) + 1);
      m.sessions?.add(session);
      if (turn.timestamp < m.first) m.first = turn.timestamp;
      if (turn.timestamp > m.last) m.last = turn.timestamp;
      return;
    }
    this.hits++;
    point[0]++;
    // The intent the NLU recognised (the top interpretation) counts the hit; the dialog may have moved
    // on to another intent (identity verification first), which counts for an agent transfer too.
    const top = turn.interpretations?.[0]?.intent;
    const intent = top && top !== 'FallbackIntent' ? top : turn.intent;
    this.sessions.hit(session, turn.timestamp, Boolean((intent && this.isAgent(intent)) || (turn.intent && this.isAgent(turn.intent))));
    if (!intent || turn.slotAnswer) return;
    this.hitsByIntent.set(intent, (this.hitsByIntent.get(intent) ?? 0) + 1);
    const hitKey = normalizeUtterance(turn.utterance);
    const known = this.understood.get(hitKey);
    if (known) known.count++;
    else if (hitKey && this.understood.size < MAX_HIT_TEXTS) this.understood.set(hitKey, { text: turn.utterance, intent, count: 1 });
    const ranked = turn.interpretations?.filter((i) => i.confidence !== undefined && i.intent !== 'FallbackIntent');
    if (ranked && ranked.length >= 2) {
      ranked.sort((a, b) => b.confidence! - a.confidence!);
      if (ranked[0]!.confidence! - ranked[1]!.confidence! < CONFUSION_GAP) this.confusion(ranked[0]!.intent, ranked[1]!.intent, turn.utterance, 1);
    } else if (!ranked?.length) {
      const key = normalizeUtterance(turn.utterance);
      const h = this.hitTexts.get(key);
      if (h) h.count++;
      else if (key && this.hitTexts.size < MAX_HIT_TEXTS) this.hitTexts.set(key, { text: turn.utterance, count: 1 });
    }
  }

  /**
   * Adds ListAggregatedUtterances rows. They are listed in the report; when no turn came from
   * another source they also stand in for the missed turns (without sessions).
   */
  addAggregated(rows: readonly AggregatedUtterance[]): void {
    this.aggregated = [...(this.aggregated ?? []), ...rows];
  }

  /** Records a malformed log line (the report shows the count and the first ten). */
  addProblem(problem: LogLineProblem): void {
    this.problemCount++;
    if (this.problems.length < 10) this.problems.push(problem);
  }

  private confusion(a: string, b: string, text: string, count: number): void {
    const [x, y] = a < b ? [a, b] : [b, a];
    const key = `${x}\u0000${y}`;
    let c = this.confusions.get(key);
    if (!c) this.confusions.set(key, (c = { count: 0, examples: new Map() }));
    c.count += count;
    if (c.examples.size < 20 || c.examples.has(text)) c.examples.set(text, (c.examples.get(text) ?? 0) + count);
  }

  /**
   * Builds the report: trains nothing (the classifier is in `ctx`), ranks each distinct missed text,
   * clusters and suggests. Call once: it folds aggregated rows into the totals.
   * @throws Error on a second call.
   */
  finish(ctx: TuningContext, meta: { sources: string[]; notes?: SourceNote[]; window?: TuningReport['window'] }, options: AnalyzeOptions = {}): TuningReport {
    if (this.finished) throw new Error('TuningAccumulator.finish: already called; build a new accumulator.');
    this.finished = true;
    const notes = [...(meta.notes ?? [])];
    if (this.otherBot) notes.push({ source: 'logs', message: `${this.otherBot} turn(s) of other bots were left out.` });
    if (this.outsideWindow) {
      notes.push({ source: 'logs', message: `${this.outsideWindow} turn(s) fell outside the window and were left out${this.turns ? '' : ': pass a longer --window, or none to read every record'}.` });
    }
    // Aggregated counts stand in for turns when nothing else was read.
    if (this.turns === 0 && this.aggregated?.some((a) => a.missedCount > 0 || a.hitCount > 0)) {
      for (const a of this.aggregated) {
        this.hits += a.hitCount;
        this.missedTurns += a.missedCount;
        this.turns += a.hitCount + a.missedCount;
        if (a.missedCount <= 0) continue;
        const key = normalizeUtterance(a.utterance);
        if (!key) continue;
        const m = this.missed.get(key) ?? { spellings: new Map(), count: 0, sessions: undefined, first: a.firstSeen ?? 0, last: a.lastSeen ?? 0 };
        m.count += a.missedCount;
        m.spellings.set(a.utterance, (m.spellings.get(a.utterance) ?? 0) + a.missedCount);
        this.missed.set(key, m);
      }
      notes.push({ source: 'ListAggregatedUtterances', message: 'Only aggregated counts were available: sessions, intents of hits, conversation outcomes and the timeline are not in this report.' });
    }

    const clusters = this.buildClusters(ctx, options, [...this.understood.values()]);
    const maxClusters = options.maxClusters ?? 50;
    const kept = clusters.slice(0, maxClusters);
    const rest = clusters.slice(maxClusters);

    // Per-intent rates: hits as served, misses by the cluster suggestion.
    const missesByIntent = new Map<string, number>();
    for (const c of clusters) if (c.action.kind === 'add-to-intent') missesByIntent.set(c.action.intent, (missesByIntent.get(c.action.intent) ?? 0) + c.count);
    const intents: IntentRate[] = ctx.intents.map((i) => {
      const hits = this.hitsByIntent.get(i.name) ?? 0;
      const misses = missesByIntent.get(i.name) ?? 0;
      return {
        intent: i.name,
        hits,
        misses,
        ...(hits + misses > 0 ? { missRate: misses / (hits + misses) } : {}),
        sampleUtterances: i.utterances.length,
        underMinimum: i.utterances.length < ctx.minUtterances,
      };
    });

    // Confused pairs: close top-two interpretations of hits (re-ranked when the source had none) and ambiguous clusters.
    const known = new Set(ctx.intents.map((i) => i.name));
    const hitTexts = [...this.hitTexts.values()].sort((a, b) => b.count - a.count).slice(0, 5000);
    for (const h of hitTexts) {
      const [a, b] = ctx.classifier.rank(h.text, 2);
      if (a && b && b.confidence > 0.05 && a.confidence - b.confidence < CONFUSION_GAP) this.confusion(a.intent, b.intent, h.text, h.count);
    }
    for (const c of clusters) if (c.ambiguous && c.nearest && c.runnerUp) this.confusion(c.nearest.intent, c.runnerUp.intent, c.label, c.count);
    const confusedPairs = [...this.confusions.entries()]
      .map(([key, v]) => ({ intents: key.split('\u0000') as [string, string], count: v.count, examples: [...v.examples.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([t]) => t) }))
      .filter((p) => p.intents.every((i) => known.has(i) || !known.size))
      .sort((a, b) => b.count - a.count || a.intents.join().localeCompare(b.intents.join()))
      .slice(0, 10);

    const points = [...this.timeline.entries()].sort((a, b) => a[0] - b[0]);
    const span = points.length ? points[points.length - 1]![0] - points[0]![0] : 0;
    const bucketHours = span > 14 * 24 * HOUR ? 24 * 7 : span > 3 * 24 * HOUR ? 24 : 1;
    const buckets = new Map<number, [number, number]>();
    for (const [t, [h, m]] of points) {
      const b = Math.floor(t / (bucketHours * HOUR)) * bucketHours * HOUR;
      const p = buckets.get(b) ?? [0, 0];
      p[0] += h;
      p[1] += m;
      buckets.set(b, p);
    }

    return {
      bot: ctx.bot,
      localeId: ctx.localeId,
      generatedAt: new Date().toISOString(),
      window: meta.window ?? {},
      sources: meta.sources,
      notes,
      totals: {
        turns: this.turns,
        hits: this.hits,
        missed: this.missedTurns,
        ...(this.turns ? { missRate: this.missedTurns / this.turns } : {}),
        distinctMissed: this.missed.size,
        sessions: this.sessions.size,
        sessionsWithMiss: this.sessions.outcomes().sessions,
        slotAnswersMissed: this.slotAnswersMissed,
        otherLocaleTurns: this.otherLocale,
      },
      clusters: kept,
      moreClusters: { clusters: rest.length, count: rest.reduce((s, c) => s + c.count, 0) },
      intents,
      minUtterances: ctx.minUtterances,
      maxUtterances: ctx.maxUtterances,
      confusedPairs,
      ...(this.sessions.size ? { outcomes: this.sessions.outcomes() } : {}),
      timeline: { bucketHours, points: [...buckets.entries()].map(([t, [hits, missed]]) => ({ start: new Date(t).toISOString(), hits, missed })) },
      ...(this.aggregated ? { aggregated: this.aggregated.filter((a) => a.missedCount > 0).sort((a, b) => b.missedCount - a.missedCount).slice(0, 20) } : {}),
      problems: { count: this.problemCount, first: this.problems },
    };
  }

  private buildClusters(ctx: TuningContext, options: AnalyzeOptions, understood: readonly { text: string; intent: string; count: number }[]): MissCluster[] {
    const lang = ctx.language;
    const samples = ctx.intents.flatMap((i) => i.utterances.map((u) => {
      const n = normalizeUtterance(u);
      return { intent: i.name, text: u, norm: n, canon: canonicalUtterance(n, lang) };
    }));
    const sampleByNorm = new Map(samples.map((s) => [s.norm, s]));
    // Samples by canonical length: a variant is within a few characters (isVariant allows 3 edits; spacing differs by a few).
    const byLength = new Map<number, typeof samples>();
    for (const s of samples) byLength.set(s.canon.length, [...(byLength.get(s.canon.length) ?? []), s]);
    const findVariant = (key: string, canon: string) => {
      for (let d = 0; d <= 4; d++) {
        for (const len of d === 0 ? [canon.length] : [canon.length - d, canon.length + d]) {
          const hit = byLength.get(len)?.find((s) => isVariant(key, s.norm, lang, canon, s.canon));
          if (hit) return hit;
        }
      }
      return undefined;
    };
    const entries = [...this.missed.entries()];
    const items = entries.map(([key, m]) => {
      const text = mostFrequent(m.spellings);
      const inDefinitions = sampleByNorm.get(key)?.intent;
      const canon = canonicalUtterance(key, lang);
      let variantOf: ClusterMember['variantOf'];
      if (!inDefinitions) {
        const hit = findVariant(key, canon);
        if (hit) variantOf = { intent: hit.intent, utterance: hit.text };
      }
      let ranking = ctx.classifier.rank(text, 5);
      // A variant of a sample utterance (or the utterance itself) is direct evidence of its intent.
      const evident = inDefinitions ?? variantOf?.intent;
      if (evident) ranking = [{ intent: evident, confidence: Math.max(0.9, ranking[0]?.confidence ?? 0) }, ...ranking.filter((r) => r.intent !== evident).map((r) => ({ ...r, confidence: r.confidence * 0.5 }))];
      return { key, m, text, ranking, weight: m.count, variantOf, inDefinitions };
    });
    const indexed = items.map((x, index) => ({ ...x, index }));
    const method = options.method ?? 'meaning';
    let groups: number[][];
    let meaning: ReturnType<typeof meaningVectors> | undefined;
    /** Method `meaning`: misses assigned to an intent one by one, before clustering (by item index). */
    const assigned = new Map<number, MissAssignment>();
    let neighbourEvidence: ServedNeighbours[] | undefined;
    const newMinCount = options.newIntentMinCount ?? (method === 'meaning' ? DEFAULT_LABEL_OPTIONS.newIntentMinCount : 3);
    if (method === 'meaning') {
      const m = meaningVectors(items.map((i) => i.text), samples.map((s) => s.text), lang, options.meaning?.charWeight);
      meaning = m;
      const weights = items.map((i) => i.weight);
      const neighbours = items.length <= MAX_NEIGHBOUR_ITEMS && understood.length ? servedNeighbours(items.map((i) => i.text), understood, samples.map((s) => s.text), lang) : undefined;
      neighbourEvidence = neighbours;
      if (options.assign !== false) {
        const assign = options.assign ?? {};
        const sampleView = Number.isFinite(assign.minSimilarity ?? DEFAULT_ASSIGN_OPTIONS.minSimilarity);
        items.forEach((item, index) => {
          // Cheap test first: the classifier's lead; the meaning-space search runs only for the leaders.
          const [top, second] = item.ranking;
          if (!top || top.confidence < (assign.minLead ?? DEFAULT_ASSIGN_OPTIONS.minLead) * (second?.confidence ?? 0)) return;
          // The nearest-sample search (misses × samples cosines) only where a view can still pass: the sample view is on, or the traffic agrees.
          if (!sampleView && neighbours?.[index]?.intent !== top.intent) return;
          const best = new Map<string, { intent: string; similarity: number; sample: string }>();
          samples.forEach((s, k) => {
            const c = cosine(m.vectors[index]!, m.backgroundVectors[k]!);
            const b = best.get(s.intent);
            if (!b || c > b.similarity) best.set(s.intent, { intent: s.intent, similarity: c, sample: s.text });
          });
          const a = assignMiss(item.ranking, [...best.values()], assign, neighbours?.[index]);
          if (a) assigned.set(index, a);
        });
      }
      // The assigned misses are grouped by intent and phrasing; the rest by meaning alone.
      const cluster = (subset: number[]) => clusterByMeaning(subset.map((i) => m.vectors[i]!), subset.map((i) => weights[i]!), options.meaning).map((g) => g.map((k) => subset[k]!));
      const rest = items.map((_, i) => i).filter((i) => !assigned.has(i));
      const byIntent = new Map<string, number[]>();
      for (const [i, a] of assigned) byIntent.set(a.intent, [...(byIntent.get(a.intent) ?? []), i]);
      const total = (g: number[]) => g.reduce((s, i) => s + weights[i]!, 0);
      groups = [
        ...[...byIntent.keys()].sort().flatMap((intent) => cluster(byIntent.get(intent)!.sort((a, b) => a - b))),
        ...attachSmallClusters(cluster(rest), m.vectors, weights, newMinCount, options.attachThreshold ?? DEFAULT_ATTACH_THRESHOLD),
      ].sort((x, y) => total(y) - total(x) || x[0]! - y[0]!);
    } else groups = clusterUtterances(items, samples.map((s) => s.text), lang, options.cluster);
    const regions = meaning
      ? intentRegions(ctx.intents.map((intent) => ({ name: intent.name, samples: samples.flatMap((s, k) => (s.intent === intent.name ? [{ text: s.text, vector: meaning!.backgroundVectors[k]! }] : [])) })))
      : [];
    const takenNames = new Set(ctx.intents.map((i) => i.name));
    const date = new Date().toISOString().slice(0, 10);

    const minConf = options.minAddConfidence ?? DEFAULT_LABEL_OPTIONS.minAddConfidence;
    // The peer (`nearest-intent`) keeps the thresholds of issue #8.
    const minLead = options.minAddLead ?? (meaning ? DEFAULT_LABEL_OPTIONS.minAddLead : 1.25);
    const newMinSessions = options.newIntentMinSessions ?? 2;
    return groups.map((members, id): MissCluster => {
      const ms = members.map((i) => indexed[i]!).sort((a, b) => b.weight - a.weight || (a.text < b.text ? -1 : 1));
      const count = ms.reduce((s, x) => s + x.weight, 0);
      const hasSessions = ms.every((x) => x.m.sessions);
      const sessions = hasSessions ? new Set(ms.flatMap((x) => [...x.m.sessions!])).size : undefined;
      const first = Math.min(...ms.map((x) => x.m.first));
      const last = Math.max(...ms.map((x) => x.m.last));
      // Mean confidence per intent over the members' top 5, weighted by count.
      const mean = new Map<string, number>();
      for (const x of ms) for (const r of x.ranking) mean.set(r.intent, (mean.get(r.intent) ?? 0) + (r.confidence * x.weight) / count);
      const ranked = [...mean.entries()].map(([intent, confidence]) => ({ intent, confidence })).sort((a, b) => b.confidence - a.confidence || (a.intent < b.intent ? -1 : 1));
      const nearest = ranked[0];
      const runnerUp = ranked[1];
      const variants = ms.filter((x) => x.variantOf).length;
      const variantWeight = ms.filter((x) => x.variantOf || x.inDefinitions).reduce((s, x) => s + x.weight, 0);
      let action: SuggestedAction;
      let evidence: LabelEvidence | undefined;
      let draft: IntentDraft | undefined;
      if (meaning) {
        // Variant evidence per intent: the intent most of the variant weight points at.
        const variantBy = new Map<string, number>();
        for (const x of ms) {
          const intent = x.inDefinitions ?? x.variantOf?.intent;
          if (intent) variantBy.set(intent, (variantBy.get(intent) ?? 0) + x.weight);
        }
        const [variantIntent, variantCount] = [...variantBy].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
        const vectors = ms.map((x) => ({ vector: meaning!.vectors[x.index]!, weight: x.weight }));
        const terms = heaviestTerms(vectors, meaning.space);
        const assignedTo = assigned.get(ms[0]!.index);
        const missedShare = neighbourEvidence ? ms.reduce((sum, x) => sum + neighbourEvidence![x.index]!.missedShare * x.weight, 0) / count : undefined;
        const label = assignedTo ? labelAssigned(assignedTo.intent, ms.map((x) => assigned.get(x.index)!), regionCloseness(vectors, regions), variantCount / count) : labelCluster({
          count,
          ...(sessions !== undefined ? { sessions } : {}),
          classifierRanking: ranked,
          closeness: regionCloseness(vectors, regions),
          ...(variantIntent ? { variantIntent } : {}),
          variantShare: variantCount / count,
          terms,
          ...(missedShare !== undefined ? { missedShare } : {}),
          options: {
            minAddConfidence: minConf,
            minAddLead: minLead,
            newIntentMinCount: newMinCount,
            newIntentMinSessions: newMinSessions,
            ...(options.regionFactor !== undefined ? { regionFactor: options.regionFactor } : {}),
            ...(options.newIntentMinMissedShare !== undefined ? { newIntentMinMissedShare: options.newIntentMinMissedShare } : {}),
          },
        });
        action = label.action;
        evidence = label.evidence;
        if (action.kind === 'new-intent') {
          const name = proposeIntentName(terms, ms.map((x) => x.text), lang, takenNames);
          takenNames.add(name);
          draft = draftIntent(
            name,
            ctx.localeId,
            lang,
            ms.map((x) => x.text),
            new Set(sampleByNorm.keys()),
            { minUtterances: ctx.minUtterances, maxUtterances: ctx.maxUtterances, minVariants: ctx.minVariants ?? 3 },
            { count, ...(sessions !== undefined ? { sessions } : {}), label: ms[0]!.text, date },
          );
        }
      } else if (nearest && (variantWeight * 2 >= count || (nearest.confidence >= minConf && nearest.confidence >= minLead * (runnerUp?.confidence ?? 0)))) {
        action = { kind: 'add-to-intent', intent: nearest.intent };
      } else if (count >= newMinCount && (sessions === undefined || sessions >= newMinSessions)) action = { kind: 'new-intent' };
      else action = { kind: 'out-of-scope' };
      const suggestedUtterances =
        action.kind === 'add-to-intent' ? ms.filter((x) => !x.inDefinitions && !sampleByNorm.has(x.key)).map((x) => x.text) : [];
      return {
        id: id + 1,
        label: ms[0]!.text,
        count,
        ...(sessions !== undefined ? { sessions } : {}),
        ...(first > 0 ? { firstSeen: new Date(first).toISOString(), lastSeen: new Date(last).toISOString() } : {}),
        examples: ms.slice(0, 5).map((x) => x.text),
        members: ms.slice(0, options.maxMembers ?? 25).map((x) => ({
          text: x.text,
          count: x.weight,
          ...(x.variantOf ? { variantOf: x.variantOf } : {}),
          ...(x.inDefinitions ? { inDefinitions: x.inDefinitions } : {}),
        })),
        distinct: ms.length,
        variants,
        ...(nearest ? { nearest: round(nearest) } : {}),
        ...(runnerUp ? { runnerUp: round(runnerUp) } : {}),
        ranking: ranked.slice(0, 3).map(round),
        ambiguous: Boolean(nearest && runnerUp && runnerUp.confidence >= 0.7 * nearest.confidence && nearest.confidence > 0.05),
        action,
        ...(evidence ? { evidence } : {}),
        suggestedUtterances,
        ...(draft ? { draft } : {}),
      };
    });
  }
}

/** The label of a cluster of misses assigned one by one to `intent` (all members were). */
function labelAssigned(intent: string, members: readonly MissAssignment[], closeness: ReturnType<typeof regionCloseness>, variantShare: number): ReturnType<typeof labelCluster> {
  const region = closeness.find((c) => c.intent === intent);
  const minLead = Math.min(...members.map((a) => a.confidence / Math.max(1e-9, a.runnerUp)));
  const bySamples = members.filter((a) => a.by === 'samples');
  const byTraffic = members.filter((a) => a.by === 'traffic');
  const views: string[] = [];
  if (bySamples.length) {
    const best = [...bySamples].sort((a, b) => b.similarity - a.similarity)[0]!;
    views.push(`${bySamples.length} nearest by meaning to ${intent}'s samples (best "${best.nearestSample}", similarity ${best.similarity.toFixed(2)})`);
  }
  if (byTraffic.length) {
    const served = Math.min(...byTraffic.map((a) => 1 - (a.served?.missedShare ?? 0)));
    const vote = Math.min(...byTraffic.map((a) => a.served?.voteShare ?? 0));
    views.push(`${byTraffic.length} among understood turns (at least ${Math.round(served * 100)} % of their nearest texts were understood, at least ${Math.round(vote * 100)} % of those as ${intent})`);
  }
  return {
    action: { kind: 'add-to-intent', intent },
    evidence: {
      ...(region ? { region } : {}),
      variantShare,
      reason: `Inside ${intent}'s region, each missed turn on its own: the classifier ranks ${intent} first (at least ${minLead >= 100 ? '100' : minLead.toFixed(1)}× the runner-up) and the turns sit ${views.join('; ')}.`,
    },
  };
}

function round(s: IntentScore): IntentScore {
  return { intent: s.intent, confidence: Math.round(s.confidence * 1000) / 1000 };
}

function mostFrequent(counts: Map<string, number>): string {
  let best = '';
  let n = -1;
  for (const [k, v] of counts) if (v > n || (v === n && k < best)) [best, n] = [k, v];
  return best;
}

/**
 * Per conversation, three numbers instead of its turns: the time of its first missed turn, of its
 * last understood turn and of its last agent-transfer turn (ms; -Infinity for none), in growable
 * typed arrays indexed by a session number. Order-independent, so files need not be sorted.
 */
class SessionTable {
  private readonly index = new Map<string, number>();
  private firstMiss = new Float64Array(1024);
  private lastHit = new Float64Array(1024);
  private lastAgent = new Float64Array(1024);

  get size(): number {
    return this.index.size;
  }

  /** The number of `sessionId`, allocated on first sight. */
  of(sessionId: string): number {
    let n = this.index.get(sessionId);
    if (n !== undefined) return n;
    n = this.index.size;
    this.index.set(sessionId, n);
    if (n >= this.firstMiss.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.firstMiss = grow(this.firstMiss);
      this.lastHit = grow(this.lastHit);
      this.lastAgent = grow(this.lastAgent);
    }
    this.firstMiss[n] = Number.POSITIVE_INFINITY;
    this.lastHit[n] = NONE;
    this.lastAgent[n] = NONE;
    return n;
  }

  miss(n: number, t: number): void {
    if (t < this.firstMiss[n]!) this.firstMiss[n] = t;
  }

  hit(n: number, t: number, agent: boolean): void {
    if (agent) {
      if (t > this.lastAgent[n]!) this.lastAgent[n] = t;
    } else if (t > this.lastHit[n]!) this.lastHit[n] = t;
  }

  /** Each conversation with a missed turn, by what followed its first miss. */
  outcomes(): MissOutcomes {
    const out: MissOutcomes = { sessions: 0, agentTransfer: 0, hangUp: 0, recovered: 0 };
    for (let n = 0; n < this.index.size; n++) {
      const miss = this.firstMiss[n]!;
      if (miss === Number.POSITIVE_INFINITY) continue;
      out.sessions++;
      if (this.lastAgent[n]! > miss) out.agentTransfer++;
      else if (this.lastHit[n]! > miss) out.recovered++;
      else out.hangUp++;
    }
    return out;
  }
}
