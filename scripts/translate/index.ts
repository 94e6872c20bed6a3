/**
 * `bots translate`: drafts new locales of a bot with Amazon Translate, ready for a native
 * speaker's review.
 *
 * For each target locale it translates the selected intents (sample utterances, slot sample
 * utterances, prompts and responses), the custom slot types they use (values become synonyms next
 * to the canonical value the fulfillment code reads) and the SSML prompt files they reference. It
 * then deduplicates the utterances, adds misspelling and speech-transcription variants, adds the
 * locale with its default voice to the bot file, validates the result in a scratch copy, and writes
 * every file at once. Nothing is written when anything fails before that.
 *
 * Every drafted file carries a review marker (see `validate/rules/review.ts`). A target file that
 * has no marker, is marked reviewed, or was edited since its draft is kept unless `force` is set;
 * a draft whose source did not change is left alone (no Translate call).
 *
 * @see https://docs.aws.amazon.com/translate/latest/APIReference/API_TranslateText.html
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import type { Diagnostic } from '../definitions/diagnostics.js';
import { loadProject } from '../definitions/load.js';
import type { Bot, BotLocale, Intent, Project, ReviewMarker } from '../definitions/model.js';
import { writeFilesAtomically } from '../lex/write-files.js';
import { isVariant, languageOf, normalizeUtterance } from '../nlu/normalize.js';
import { lintSsml } from '../ssml/lint.js';
import { validateProject } from '../validate/index.js';
import { draftHashOf, formatSsmlReview, parseSsmlReview, sha256, stripSsmlReview } from '../validate/rules/review.js';
import { BatchTranslator, createTranslateClient, missingCredentials, type PairSettings, type TranslateStats } from './client.js';
import { FORMALITY_LANGUAGES, knownLocales, localeLanguage, type LocaleLanguage } from './languages.js';
import { formatMemory, memoryPath, readKeptTerms, readMemory, type MemoryFile } from './memory.js';
import { plainSegment, restoreSegment, type Segment } from './protect.js';
import { joinSsml, splitSsml } from './ssml.js';
import { addVariants, dedupeUtterances } from './variants.js';

/** Options of {@link translateBot}. */
export interface TranslateOptions {
  /** Project root (the folder holding `bots/`). */
  root: string;
  /** Bot name; optional when the project has one bot. */
  bot?: string;
  /** Source locale id (default: the bot's first locale). */
  from?: string;
  /** Target locale ids. */
  to: string[];
  /** Only these intents (default: every intent of the source locale). */
  intents?: string[];
  /** Amazon Translate custom terminology name (also read locally from `translate/terminology/<name>.csv`). */
  terminology?: string;
  /** More names to keep untranslated (brand, product). */
  keep?: string[];
  formality?: 'formal' | 'informal';
  /** Overwrite files a person wrote, edited or reviewed. */
  force?: boolean;
  /** Plan only: no Translate call, nothing written. */
  dryRun?: boolean;
  /** AWS region of Amazon Translate (default `AWS_REGION`, the bot's first target, else us-east-1). */
  region?: string;
  profile?: string;
  /** Translate endpoint (default `BOTS_TRANSLATE_ENDPOINT`). */
  endpoint?: string;
  /** Explicit AWS credentials (default: the SDK's chain: environment, profile, SSO, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  env?: NodeJS.ProcessEnv;
  /** Clock for `translatedAt` (tests). */
  now?: () => Date;
  /** Progress lines (stderr in the CLI). */
  onProgress?: (message: string) => void;
}

/** What happens to one file. */
export type FileAction =
  | 'draft' // new file
  | 'redraft' // draft whose source changed (or --force)
  | 'unchanged' // draft whose source did not change
  | 'kept-edited' // draft a person edited since
  | 'kept-reviewed' // marked reviewed
  | 'kept-manual' // no marker: written by a person
  | 'update'; // bot file or translation memory

/** One file of the plan. */
export interface PlannedFile {
  file: string;
  locale: string;
  action: FileAction;
  /** Source file it is translated from. */
  source?: string;
  /** Segments in the file, and how many needed Amazon Translate (the rest came from memory). */
  segments?: number;
  toTranslate?: number;
}

/** A point a reviewer must check, or a problem found while drafting. */
export interface TranslateNote {
  file: string;
  note: string;
}

/**
 * Something of the project that `bots translate` does not translate and that the target locale
 * lacks: the code hook's message catalogue or the knowledge-base documents.
 */
export interface UntranslatedPart {
  localeId: string;
  /** `code-hook-messages` (fulfillment/messages/<locale>.ts) or `knowledge-base` (fulfillment/knowledge-base/<locale>/). */
  part: 'code-hook-messages' | 'knowledge-base';
  /** Project-relative path the locale needs. */
  path: string;
  /** What the caller gets meanwhile and what to do. */
  note: string;
}

/** Result of {@link translateBot}. */
export interface TranslateResult {
  bot: string;
  from: string;
  locales: { localeId: string; translateCode: string; voice: { id: string; engine: string }; formality?: 'applied' | 'not-supported'; caveat?: string; added: boolean }[];
  files: PlannedFile[];
  /** Files written (project-relative); empty on a dry run. */
  written: string[];
  notes: TranslateNote[];
  /** Parts of the project the target locales lack and this command does not translate (say so to the user). */
  untranslated: UntranslatedPart[];
  /** Validation findings of the target locales' files after drafting. */
  findings: Diagnostic[];
  stats: TranslateStats;
  /** Characters that would be sent (dry run) or were sent. */
  characters: number;
  dryRun: boolean;
}

/** Where the code hook's messages and the knowledge base of a locale live (see docs/fulfillment.md). */
const FULFILLMENT_MESSAGES = 'fulfillment/messages';
const KNOWLEDGE_BASE = 'fulfillment/knowledge-base';

/**
 * The code hook's message catalogue and the knowledge-base documents of `to`, when the project has
 * them for other locales but not for `to`: the Lambda then answers in en_US (its fallback) and the
 * knowledge base has nothing in the caller's language.
 */
function untranslatedParts(root: string, to: string, from: string): UntranslatedPart[] {
  const out: UntranslatedPart[] = [];
  if (existsSync(join(root, FULFILLMENT_MESSAGES)) && !existsSync(join(root, FULFILLMENT_MESSAGES, `${to}.ts`))) {
    out.push({
      localeId: to,
      part: 'code-hook-messages',
      path: `${FULFILLMENT_MESSAGES}/${to}.ts`,
      note: `the code hook's messages (balances, verification, callbacks) stay in English: add ${FULFILLMENT_MESSAGES}/${to}.ts (translate ${FULFILLMENT_MESSAGES}/${from}.ts), list ${to} in LOCALES and CATALOGUE, and rebuild the Lambdas`,
    });
  }
  if (existsSync(join(root, KNOWLEDGE_BASE)) && !existsSync(join(root, KNOWLEDGE_BASE, to))) {
    out.push({
      localeId: to,
      part: 'knowledge-base',
      path: `${KNOWLEDGE_BASE}/${to}/`,
      note: `the knowledge base has no ${to} documents, so questions get no answer in ${to}: translate ${KNOWLEDGE_BASE}/${from}/*.md into ${KNOWLEDGE_BASE}/${to}/ (and the Bedrock knowledge base's data source)`,
    });
  }
  return out;
}

/** A user-fixable problem (unknown bot or locale, no credentials); the CLI prints it without a stack. */
export class TranslateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TranslateError';
  }
}

type Json = Record<string, unknown>;
/** Translates a text; in the collecting pass it records the text and returns it unchanged. */
type Tr = (seg: Segment, where: string) => string;

interface Unit {
  kind: 'intent' | 'slotType' | 'ssml';
  name: string;
  source: string;
  target: string;
  sourceText: string;
  action: FileAction;
  /** Segment keys of the unit (filled in the collecting pass). */
  keys: string[];
}

/**
 * Drafts the target locales.
 * @throws TranslateError for an unknown bot, locale or intent, or missing AWS credentials (before anything is written).
 * @throws the SDK's error when Amazon Translate fails (nothing is written).
 * @example
 * const result = await translateBot({ root: '.', bot: 'SelfService', from: 'en_US', to: ['de_DE'], formality: 'formal' });
 * for (const f of result.files) console.log(f.action, f.file);
 */
export async function translateBot(opts: TranslateOptions): Promise<TranslateResult> {
  const env = opts.env ?? process.env;
  const progress = opts.onProgress ?? (() => undefined);
  const { project } = await loadProject(opts.root);
  const bot = pickBot(project, opts.bot);
  const sourceLocale = opts.from ? bot.locales.find((l) => l.localeId === opts.from) : bot.locales[0];
  if (!sourceLocale) throw new TranslateError(`Bot ${bot.name} has no locale ${opts.from}: use one of ${bot.locales.map((l) => l.localeId).join(', ')} with --from.`);
  const from = sourceLocale.localeId;
  const fromLang = localeLanguage(from);
  if (!fromLang) throw new TranslateError(`No Amazon Translate language is known for ${from}. Known locales: ${knownLocales().join(', ')}.`);
  if (!opts.to.length) throw new TranslateError('Name at least one target locale with --to, e.g. --to de_DE.');
  const targets: LocaleLanguage[] = opts.to.map((t) => {
    const lang = localeLanguage(t);
    if (!lang) throw new TranslateError(`"${t}" is not a Lex V2 locale bots translate knows. Use one of: ${knownLocales().join(', ')}.`);
    if (t === from) throw new TranslateError(`--to ${t} is the source locale; name a different locale.`);
    return lang;
  });
  const intents = selectIntents(sourceLocale, opts.intents);
  const botData = project.sources.get(bot.file)!.toJS() as { locales: Record<string, { intents: string[]; nluConfidenceThreshold?: number; missingIntents?: Record<string, string> }> };

  const result: TranslateResult = {
    bot: bot.name,
    from,
    locales: [],
    files: [],
    written: [],
    notes: [],
    untranslated: [],
    findings: [],
    stats: { calls: 0, segments: 0, characters: 0 },
    characters: 0,
    dryRun: Boolean(opts.dryRun),
  };
  const outFiles = new Map<string, string>();
  const now = (opts.now ?? (() => new Date()))().toISOString().replace(/\.\d{3}Z$/, 'Z');
  let translator: BatchTranslator | undefined;
  let botText: string | undefined;

  for (const target of targets) {
    const to = target.localeId;
    const formality = opts.formality ? (FORMALITY_LANGUAGES.has(target.translate) ? (opts.formality === 'formal' ? 'FORMAL' : 'INFORMAL') : undefined) : undefined;
    const pair: PairSettings = { source: fromLang.translate, target: target.translate, ...(opts.terminology ? { terminology: opts.terminology } : {}), ...(formality ? { formality } : {}) };
    const terms = [...(opts.keep ?? []), ...(opts.terminology ? readKeptTerms(opts.root, opts.terminology, fromLang.translate, target.translate) : [])];
    const existingLocale = bot.locales.find((l) => l.localeId === to);
    result.locales.push({
      localeId: to,
      translateCode: target.translate,
      voice: existingLocale?.voice ?? target.voice,
      ...(opts.formality ? { formality: formality ? 'applied' : 'not-supported' } : {}),
      ...(target.caveat ? { caveat: target.caveat } : {}),
      added: !existingLocale,
    });
    result.untranslated.push(...untranslatedParts(opts.root, to, from));

    // 1. Plan: which files to draft.
    const units = planUnits(project, opts, sourceLocale, intents, to);
    for (const u of units) result.files.push({ file: u.target, locale: to, action: u.action, source: u.source });

    // 2. Collect segments of the files to draft.
    const memory = readMemory(opts.root, from, to);
    const settingsKey = [pair.formality ? `formality=${pair.formality}` : '', pair.terminology ? `terminology=${pair.terminology}` : ''].filter(Boolean).join(';') || 'default';
    const mem = (memory.entries[settingsKey] ??= {});
    const used = new Set<string>();
    const pending = new Map<string, Segment>();
    const drafting = units.filter((u) => u.action === 'draft' || u.action === 'redraft');
    for (const u of drafting) {
      const collect: Tr = (seg) => {
        u.keys.push(seg.html);
        if (!(seg.html in mem) && !isUntranslatable(seg)) pending.set(seg.html, seg);
        return '';
      };
      buildUnit(project, u, sourceLocale, collect, terms, [], new Set(), bot, to);
    }
    for (const u of drafting) {
      const planned = result.files.find((f) => f.file === u.target)!;
      planned.segments = new Set(u.keys).size;
      planned.toTranslate = new Set(u.keys.filter((k) => pending.has(k))).size;
    }
    const pendingList = [...pending.keys()];
    result.characters += pendingList.reduce((n, h) => n + [...h].length, 0);

    // 3. Translate what the memory does not have.
    if (pendingList.length && !opts.dryRun) {
      if (!translator) {
        const region = opts.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? bot.targets[0]?.region ?? 'us-east-1';
        const client = createTranslateClient({ region, ...(opts.profile ? { profile: opts.profile } : {}), ...(opts.endpoint ? { endpoint: opts.endpoint } : {}), ...(opts.credentials ? { credentials: opts.credentials } : {}) }, env);
        const why = await missingCredentials(client);
        if (why) {
          throw new TranslateError(
            `No AWS credentials for Amazon Translate (${why}). Nothing was written.\n` +
              'Fix: sign in (aws sso login, or set AWS_PROFILE / --profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) with a role allowed translate:TranslateText, ' +
              'then run the command again; --dry-run shows what would be translated without credentials.',
          );
        }
        translator = new BatchTranslator(client, { onProgress: (done, total) => progress(`translating ${to}: ${done}/${total} segments`) });
      }
      progress(`translating ${pendingList.length} segments ${from} -> ${to} (${target.translate})`);
      const translated = await translator.translate(pendingList, pair);
      pendingList.forEach((h, i) => (mem[h] = translated[i]!));
    }
    if (opts.dryRun) continue;

    // 4. Build the drafts.
    const taken = new Set<string>();
    for (const intent of project.intents.get(to)?.values() ?? []) {
      if (drafting.some((u) => u.kind === 'intent' && u.name === intent.name)) continue;
      for (const utt of intent.sampleUtterances) taken.add(normalizeUtterance(utt.text));
    }
    for (const u of drafting) {
      const notes: string[] = [];
      const real: Tr = (seg, where) => {
        used.add(seg.html);
        if (isUntranslatable(seg)) return restoreSegment(seg.html, seg).text.trim();
        const r = restoreSegment(mem[seg.html] ?? seg.html, seg);
        if (r.missing.length) notes.push(`${where}: ${r.missing.join(', ')} did not come back from translation; put ${r.missing.length > 1 ? 'them' : 'it'} back by hand.`);
        return r.text.trim();
      };
      const text = buildUnit(project, u, sourceLocale, real, terms, notes, taken, bot, to);
      const marker: ReviewMarker = { status: 'machine-translated', from, sourceHash: sha256(u.sourceText), translatedAt: now, ...(notes.length ? { notes } : {}) };
      outFiles.set(u.target, withMarker(u.target, text, marker));
      for (const n of notes) result.notes.push({ file: u.target, note: n });
    }

    // 5. The bot locale.
    const localeIntents = intents.map((i) => i.name);
    const wanted = botData.locales[from]!.intents.filter((n) => localeIntents.includes(n) || n === 'FallbackIntent');
    const rawTarget = botData.locales[to];
    botText ??= project.sources.get(bot.file)!.text;
    if (!rawTarget) {
      const source = botData.locales[from]!;
      const missing = source.intents.filter((n) => !wanted.includes(n));
      const missingIntents = Object.fromEntries(missing.map((n) => [n, `not translated yet (bots translate --from ${from} --to ${to} --intents ${n})`]));
      botText = addLocale(botText, to, target.voice, wanted, source.nluConfidenceThreshold, missingIntents);
      result.files.push({ file: bot.file, locale: to, action: 'update' });
    } else {
      const add = wanted.filter((n) => !rawTarget.intents.includes(n) && (outFiles.has(`intents/${to}/${n}.yaml`) || project.intents.get(to)?.has(n)));
      if (add.length) {
        const list = [...rawTarget.intents];
        const fb = list.indexOf('FallbackIntent');
        list.splice(fb >= 0 ? fb : list.length, 0, ...add);
        const doc = parseDocument(botText);
        const seq = doc.createNode(list) as unknown as { flow?: boolean };
        seq.flow = true;
        doc.setIn(['locales', to, 'intents'], seq);
        for (const n of add) if (rawTarget.missingIntents?.[n] !== undefined) doc.deleteIn(['locales', to, 'missingIntents', n]);
        botText = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
        result.files.push({ file: bot.file, locale: to, action: 'update' });
      }
    }

    // 6. The memory (never pruned here: files left unchanged still rely on their entries).
    if (pendingList.length) {
      outFiles.set(memoryPath(from, to), formatMemory(memory));
      result.files.push({ file: memoryPath(from, to), locale: to, action: 'update' });
    }
  }
  if (translator) result.stats = { ...translator.stats };
  if (opts.dryRun) return result;
  if (botText !== undefined && result.files.some((f) => f.file === bot.file)) outFiles.set(bot.file, botText);

  // 7. Validate the result in a scratch copy, then write everything at once.
  if (outFiles.size) {
    result.findings = await validateDrafts(opts.root, outFiles, targets, bot.name);
    progress(`writing ${outFiles.size} files`);
    const written = await writeFilesAtomically(opts.root, outFiles, { force: true });
    result.written = written.written;
  }
  return result;
}

/**
 * Adds a locale to a bot file's text. With a block-style `locales:` map the new entry is appended
 * as text after the last locale, so that every other line (comments, flow lists) stays as written;
 * otherwise the yaml Document API re-writes the file (comments kept).
 */
function addLocale(text: string, to: string, voice: { id: string; engine: string }, intents: string[], threshold: number | undefined, missing: Record<string, string>): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^locales:\s*(#.*)?$/.test(l));
  if (at >= 0) {
    let last = at;
    for (let i = at + 1; i < lines.length && (lines[i]!.trim() === '' || /^\s/.test(lines[i]!)); i++) if (lines[i]!.trim()) last = i;
    const ind = /^(\s+)/.exec(lines[at + 1] ?? '')?.[1] ?? '  ';
    const block = [`${ind}${to}:`, `${ind}${ind}voice: { id: ${voice.id}, engine: ${voice.engine} }`, `${ind}${ind}intents: [${intents.join(', ')}]`];
    if (threshold !== undefined) block.push(`${ind}${ind}nluConfidenceThreshold: ${threshold}`);
    if (Object.keys(missing).length) {
      block.push(`${ind}${ind}missingIntents:`);
      for (const [k, v] of Object.entries(missing)) block.push(`${ind}${ind}${ind}${k}: ${JSON.stringify(v)}`);
    }
    lines.splice(last + 1, 0, ...block);
    return lines.join('\n');
  }
  const doc = parseDocument(text);
  const locale: Json = { voice, intents, ...(threshold !== undefined ? { nluConfidenceThreshold: threshold } : {}), ...(Object.keys(missing).length ? { missingIntents: missing } : {}) };
  doc.setIn(['locales', to], doc.createNode(locale));
  return doc.toString({ lineWidth: 0 });
}

function pickBot(project: Project, name?: string): Bot {
  if (name) {
    const bot = project.bots.find((b) => b.name === name);
    if (!bot) throw new TranslateError(`No bot ${name} in bots/ (bots: ${project.bots.map((b) => b.name).join(', ') || 'none'}).`);
    return bot;
  }
  if (project.bots.length === 1) return project.bots[0]!;
  throw new TranslateError(`Name the bot with --bot (bots: ${project.bots.map((b) => b.name).join(', ') || 'none'}).`);
}

function selectIntents(locale: BotLocale, names?: string[]): Intent[] {
  const own = locale.intents.filter((i) => !i.implicit);
  if (!names?.length) return own;
  return names.map((n) => {
    const i = own.find((x) => x.name === n);
    if (!i) throw new TranslateError(`Locale ${locale.localeId} has no intent ${n} (intents: ${own.map((x) => x.name).join(', ')}).`);
    return i;
  });
}

/** The files to translate for one target locale, with what to do with each. */
function planUnits(project: Project, opts: TranslateOptions, source: BotLocale, intents: Intent[], to: string): Unit[] {
  const units: Unit[] = [];
  const add = (kind: Unit['kind'], name: string, sourceFile: string, targetFile: string, sourceText: string) => {
    if (units.some((u) => u.target === targetFile)) return;
    units.push({ kind, name, source: sourceFile, target: targetFile, sourceText, action: decide(project, opts, kind, name, targetFile, to, sourceText), keys: [] });
  };
  const used = new Set<string>();
  for (const intent of intents) {
    add('intent', intent.name, intent.file, `intents/${to}/${intent.name}.yaml`, project.sources.get(intent.file)!.text);
    for (const slot of intent.slots) used.add(slot.type);
  }
  for (const st of source.slotTypes) {
    if (used.has(st.name)) add('slotType', st.name, st.file, `slot-types/${to}/${st.name}.yaml`, project.sources.get(st.file)!.text);
  }
  const prompts = project.ssml.get(source.localeId);
  for (const intent of intents) {
    for (const id of ssmlIds(project.sources.get(intent.file)!.toJS())) {
      const p = prompts?.get(id);
      if (p) add('ssml', id, p.file, `ssml/${to}/${id}.ssml`, p.text);
    }
  }
  return units;
}

function ssmlIds(data: unknown, out: string[] = []): string[] {
  if (Array.isArray(data)) for (const x of data) ssmlIds(x, out);
  else if (data && typeof data === 'object') {
    const o = data as Json;
    if (typeof o.ssml === 'string') out.push(o.ssml);
    for (const [k, v] of Object.entries(o)) if (k !== 'lex') ssmlIds(v, out);
  }
  return out;
}

function decide(project: Project, opts: TranslateOptions, kind: Unit['kind'], name: string, file: string, to: string, sourceText: string): FileAction {
  const path = join(opts.root, file);
  if (!existsSync(path)) return 'draft';
  if (opts.force) return 'redraft';
  const text = readFileSync(path, 'utf8');
  const marker = kind === 'ssml' ? parseSsmlReview(text) : kind === 'intent' ? project.intents.get(to)?.get(name)?.review : project.slotTypes.get(to)?.get(name)?.review;
  if (!marker) return 'kept-manual';
  if (marker.status === 'reviewed') return 'kept-reviewed';
  if (marker.draftHash && draftHashOf(file, text) !== marker.draftHash) return 'kept-edited';
  return marker.sourceHash === sha256(sourceText) ? 'unchanged' : 'redraft';
}

/** A segment with nothing to translate (only slot references, names or markup). */
function isUntranslatable(seg: Segment): boolean {
  return !/\p{L}/u.test(seg.html.replace(/<span translate="no">[\s\S]*?<\/span>/g, '').replace(/&[a-z]+;|&#\w+;/gi, ''));
}

// ---------------------------------------------------------------------------------------------
// Building one file: the same walk collects segments (first pass) and writes translations (second).

function buildUnit(project: Project, u: Unit, source: BotLocale, tr: Tr, terms: readonly string[], notes: string[], taken: Set<string>, bot: Bot, to: string): string {
  if (u.kind === 'ssml') {
    const text = stripSsmlReview(u.sourceText);
    const split = splitSsml(text, terms);
    const translations = split.segments.map((s, i) => tr(s, `SSML text ${i + 1}`));
    notes.push(...split.notes);
    return joinSsml(split, translations);
  }
  const data = structuredClone(project.sources.get(u.source)!.toJS()) as Json;
  delete data.review;
  const header = headerComment(project.sources.get(u.source)!.text);
  if (u.kind === 'slotType') {
    data.values = ((data.values as unknown[]) ?? []).map((v, i) => {
      const value = typeof v === 'string' ? v : (v as { value: string }).value;
      const synonyms = typeof v === 'string' ? [] : ((v as { synonyms?: string[] }).synonyms ?? []);
      const translated = [value, ...synonyms].map((s) => tr(plainSegment(s, terms), `value ${i + 1}`));
      const seen = new Set([normalizeUtterance(value)]);
      const out = translated.filter((s) => {
        const n = normalizeUtterance(s);
        return n && !seen.has(n) && seen.add(n);
      });
      return out.length ? { value, synonyms: out } : value;
    });
    return header + stringify(data, { lineWidth: 0 });
  }

  // Intent: utterances (one per source variant group), slot utterances, messages.
  const lang = languageOf(source.localeId);
  const utterances = (data.sampleUtterances as string[] | undefined) ?? [];
  const originals: string[] = [];
  for (const utt of utterances) {
    const n = normalizeUtterance(utt);
    if (!originals.some((o) => isVariant(normalizeUtterance(o), n, lang))) originals.push(utt);
  }
  const translatedUtts: string[] = [];
  originals.forEach((utt, i) => {
    const seg = plainSegment(utt, terms);
    const before = notes.length;
    const t = tr(seg, `sample utterance "${utt}"`);
    // An utterance that lost a slot reference would train the wrong thing: drop it.
    if (notes.length > before) notes.splice(before, notes.length - before, `sample utterance "${utt}" was dropped: its translation lost ${seg.placeholders.map((p) => p.original).join(', ')}.`);
    else translatedUtts.push(t);
    void i;
  });
  if (utterances.length) {
    const { kept } = dedupeUtterances(translatedUtts, taken);
    const intent = project.intents.get(source.localeId)?.get(u.name);
    const own = intent && intent.builtIn !== 'AMAZON.FallbackIntent' && intent.builtIn !== 'AMAZON.QnAIntent';
    data.sampleUtterances = own ? addVariants(kept, to, bot.validation, taken).utterances : kept;
  }
  for (const [i, slot] of ((data.slots as Json[] | undefined) ?? []).entries()) {
    if (Array.isArray(slot.sampleUtterances)) slot.sampleUtterances = (slot.sampleUtterances as string[]).map((s) => tr(plainSegment(s, terms), `slot ${String(slot.name)} utterance ${i + 1}`));
    if (slot.prompt !== undefined) slot.prompt = mapResponse(slot.prompt, tr, terms, notes, `prompt of slot ${String(slot.name)}`);
  }
  const conf = data.confirmation as Json | undefined;
  if (conf) {
    conf.prompt = mapResponse(conf.prompt, tr, terms, notes, 'confirmation prompt');
    if (conf.declination !== undefined) conf.declination = mapResponse(conf.declination, tr, terms, notes, 'declination');
  }
  if (data.closing !== undefined) data.closing = mapResponse(data.closing, tr, terms, notes, 'closing response');
  const f = data.fulfillment as Json | undefined;
  if (f) {
    for (const k of ['success', 'failure', 'timeout']) if (f[k] !== undefined) f[k] = mapResponse(f[k], tr, terms, notes, `fulfillment ${k}`);
    const up = f.updates as Record<string, Json | undefined> | undefined;
    for (const k of ['start', 'update']) if (up?.[k]?.messages !== undefined) up[k]!.messages = mapResponse(up[k]!.messages, tr, terms, notes, `fulfillment ${k} update`);
  }
  return header + stringify(data, { lineWidth: 0 });
}

/** Maps every message of a response or prompt (any of its file shapes). */
function mapResponse(r: unknown, tr: Tr, terms: readonly string[], notes: string[], where: string): unknown {
  if (Array.isArray(r)) return r.map((g) => mapGroup(g, tr, terms, notes, where));
  if (r && typeof r === 'object' && 'messages' in r) {
    const o = r as Json;
    return { ...o, messages: (o.messages as unknown[]).map((g) => mapGroup(g, tr, terms, notes, where)) };
  }
  return mapMessage(r, tr, terms, notes, where);
}

function mapGroup(g: unknown, tr: Tr, terms: readonly string[], notes: string[], where: string): unknown {
  if (g && typeof g === 'object' && 'message' in g) {
    const o = g as Json;
    return { ...o, message: mapMessage(o.message, tr, terms, notes, where), ...(o.variations ? { variations: (o.variations as unknown[]).map((v) => mapMessage(v, tr, terms, notes, where)) } : {}) };
  }
  return mapMessage(g, tr, terms, notes, where);
}

function mapMessage(m: unknown, tr: Tr, terms: readonly string[], notes: string[], where: string): unknown {
  if (typeof m === 'string') return tr(plainSegment(m, terms), where);
  if (!m || typeof m !== 'object') return m;
  const o = m as Json;
  if (typeof o.text === 'string') return { text: tr(plainSegment(o.text, terms), where) };
  if (typeof o.ssmlInline === 'string') {
    const split = splitSsml(o.ssmlInline, terms);
    const out = joinSsml(split, split.segments.map((s) => tr(s, `${where} (inline SSML)`)));
    notes.push(...split.notes.map((n) => `${where}: ${n}`));
    return { ssmlInline: out };
  }
  if (o.card && typeof o.card === 'object') {
    const c = o.card as { title: string; subtitle?: string; imageUrl?: string; buttons?: { text: string; value: string }[] };
    return {
      card: {
        ...c,
        title: tr(plainSegment(c.title, terms), `${where} (card title)`),
        ...(c.subtitle ? { subtitle: tr(plainSegment(c.subtitle, terms), `${where} (card subtitle)`) } : {}),
        ...(c.buttons ? { buttons: c.buttons.map((b) => ({ text: tr(plainSegment(b.text, terms), `${where} (button)`), value: b.value })) } : {}),
      },
    };
  }
  if (typeof o.customPayload === 'string' && !notes.some((n) => n.startsWith(`${where}: custom payload`))) {
    notes.push(`${where}: custom payload kept as written; translate any text in it by hand.`);
  }
  return m;
}

function headerComment(text: string): string {
  const line = text.split('\n').find((l) => l.startsWith('# yaml-language-server:'));
  return line ? `${line}\n` : '';
}

/** Adds the review marker to a drafted file, with the hash of the file as drafted. */
function withMarker(file: string, text: string, marker: ReviewMarker): string {
  const draftHash = sha256(text);
  const m: ReviewMarker = { status: marker.status, from: marker.from, sourceHash: marker.sourceHash, draftHash, ...(marker.translatedAt ? { translatedAt: marker.translatedAt } : {}), ...(marker.notes ? { notes: marker.notes } : {}) };
  let out: string;
  if (file.endsWith('.ssml')) out = formatSsmlReview(m) + text;
  else {
    // After the `name:` line, where a reviewer sees it first.
    const block = stringify({ review: m }, { lineWidth: 0 });
    out = text.replace(/^name:.*\n/m, (line) => line + block);
  }
  if (draftHashOf(file, out) !== draftHash) throw new Error(`Internal error: the review marker of ${file} does not strip back to the draft.`);
  return out;
}

/** Loads and validates the project with `files` applied, in a scratch copy; returns the target locales' findings. */
async function validateDrafts(root: string, files: ReadonlyMap<string, string>, targets: LocaleLanguage[], botName: string): Promise<Diagnostic[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'bots-translate-'));
  try {
    for (const dir of ['bots', 'intents', 'slot-types', 'ssml']) {
      if (existsSync(join(root, dir))) await cp(join(root, dir), join(scratch, dir), { recursive: true });
    }
    for (const [rel, text] of files) {
      if (rel.startsWith('translate/')) continue;
      await mkdir(dirname(join(scratch, rel)), { recursive: true });
      await writeFile(join(scratch, rel), text);
    }
    const { project, diagnostics } = await loadProject(scratch);
    const ids = new Set(targets.map((t) => t.localeId));
    const mine = (file: string) => files.has(file) || [...ids].some((id) => file.includes(`/${id}/`));
    const out = validateProject(project, diagnostics).filter((d) => mine(d.file) && !(d.file === `bots/${botName}.yaml` && !files.has(d.file)));
    // Translated SSML must pass the Polly lint with the new locale's voice.
    const bot = project.bots.find((b) => b.name === botName);
    for (const t of targets) {
      const voice = bot?.locales.find((l) => l.localeId === t.localeId)?.voice ?? t.voice;
      for (const [rel, text] of files) {
        if (!rel.startsWith(`ssml/${t.localeId}/`)) continue;
        for (const f of lintSsml(text, { voice: voice.id, engine: voice.engine as 'neural', languageCode: t.polly, playedBy: 'connect' })) {
          out.push({ ruleId: f.ruleId, severity: f.severity, message: f.message, ...(f.hint ? { hint: f.hint } : {}), file: rel, line: f.line, column: f.column });
        }
      }
    }
    const seen = new Set<string>();
    return out.filter((d) => {
      const k = `${d.file}:${d.line}:${d.column}:${d.ruleId}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
