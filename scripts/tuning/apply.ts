/**
 * `bots tune --apply`: writes the report into the definitions as an ordinary change for review —
 * the suggested utterances into `intents/<locale>/<Intent>.yaml`, and each ready new-intent draft
 * as a new intent file listed in the bot locale. Edits go through the `yaml` Document API so
 * comments, key order and formatting of the files are kept: new items are inserted as lines after
 * the last item of the block sequence (found through the parsed document's node ranges), indented
 * and quoted the way most of their sibling items are (plain, 'single' or "double"), so the diff is
 * only the added lines; the bot file is edited the same way (`bot-edit.ts`).
 *
 * Rules: never deletes; never goes above the bot's `validation.maxUtterances` (the
 * `utterances/count` rule, default 20); skips an utterance that is already a sample utterance of
 * any intent of the locale after normalisation (`utterances/duplicate`), longer than Lex's 500
 * characters (`lex/utterance-length`), holding `{`/`}` (slot syntax) or personal data (digit runs,
 * e-mail addresses). The whole change is validated on a scratch copy before anything is written;
 * when it introduces a validation error nothing is written. Files are written all at once.
 * Idempotent: a second run with the same suggestions adds nothing.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html
 * @see https://eemeli.org/yaml/#documents
 * @module
 */
import { personalDataReason, redactText } from './redact.js';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { Document, isScalar, isSeq, parseDocument, Scalar, YAMLSeq } from 'yaml';
import { loadProject } from '../definitions/load.js';
import { loadProjectWith } from '../definitions/overlay.js';
import { writeFilesAtomically } from '../lex/write-files.js';
import type { Diagnostic } from '../definitions/diagnostics.js';
import { normalizeUtterance } from '../nlu/normalize.js';
import { validateProject } from '../validate/index.js';
import { LEX_LIMITS } from '../validate/rules/lex-limits.js';
import type { TuningReport } from './analyze.js';
import { withIntentListed, withMissingIntent } from './bot-edit.js';

/** One intent file changed. */
export interface AppliedChange {
  intent: string;
  /** Project-relative path. */
  file: string;
  added: string[];
  /** Sample utterances after the change. */
  total: number;
}

/** A new intent written from a draft (action "new intent"). */
export interface CreatedIntent {
  intent: string;
  /** Project-relative path of the new intent file. */
  file: string;
  /** Sample utterances written, and how many of them callers said (the rest are variants). */
  utterances: number;
  fromTraffic: number;
  /** The bot file that now lists the intent. */
  botFile: string;
  /** The bot's other locales: they list the intent under `missingIntents` until it is translated. */
  untranslated: string[];
}

/** What {@link applySuggestions} did. */
export interface ApplyResult {
  changes: AppliedChange[];
  /** New intents written from drafts. */
  created: CreatedIntent[];
  /** Suggestions not written, with why. */
  skipped: { intent: string; utterance: string; reason: string }[];
}

/** The apply step failed validation and was rolled back. */
export class ApplyRejectedError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`The change would break validation, so nothing was written: ${diagnostics.slice(0, 3).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join('; ')}`);
    this.name = 'ApplyRejectedError';
  }
}

/** Writes `text` to `path` through a temp file in the same folder and a rename (atomic on POSIX). */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * The scalar style most items of `seq` use (ties go to the last item's), so added items match
 * their neighbours. Undefined for an empty list (the library's default: plain unless quoting is needed).
 */
function siblingQuoting(seq: YAMLSeq): Scalar.Type | undefined {
  const counts = new Map<Scalar.Type, number>();
  let last: Scalar.Type | undefined;
  for (const item of seq.items) {
    if (!isScalar(item) || !item.type) continue;
    const type = item.type === Scalar.QUOTE_DOUBLE || item.type === Scalar.QUOTE_SINGLE ? item.type : Scalar.PLAIN;
    counts.set(type, (counts.get(type) ?? 0) + 1);
    last = type;
  }
  if (!last) return undefined;
  let best = last;
  for (const [type, n] of counts) if (n > (counts.get(best) ?? 0)) best = type;
  return best;
}

/**
 * `text` (an intent file) with `added` appended to its `sampleUtterances`. A block sequence with
 * items gets new lines after its last item and nothing else changes; otherwise (no list yet, a
 * flow list) the document is edited through the Document API and printed without re-wrapping.
 */
export function withUtterances(text: string, added: readonly string[]): string {
  const doc = parseDocument(text);
  const node = doc.get('sampleUtterances', true);
  const seq = isSeq(node) ? node : undefined;
  const type = seq ? siblingQuoting(seq) : undefined;
  const render = (u: string) => {
    const node = new Scalar(u);
    if (type) node.type = type;
    const d = new Document();
    d.contents = node;
    return d.toString({ lineWidth: 0 }).trimEnd();
  };
  const last = seq && !seq.flow ? seq.items.at(-1) : undefined;
  if (seq && isScalar(last) && last.range) {
    const lineStart = text.lastIndexOf('\n', last.range[0] - 1) + 1;
    const dash = /^(\s*-\s+)$/.exec(text.slice(lineStart, last.range[0]));
    if (dash) {
      const indent = dash[1]!.replace(/-\s+$/, '');
      const eol = text.indexOf('\n', last.range[1]);
      const at = eol === -1 ? text.length : eol + 1;
      const lines = added.map((u) => `${indent}- ${render(u)}\n`).join('');
      const out = `${text.slice(0, at)}${eol === -1 ? '\n' : ''}${lines}${text.slice(at)}`;
      // Trust the text edit only when it reads back as exactly the old list plus the new items.
      const check = parseDocument(out).get('sampleUtterances', true);
      const want = [...seq.items.map((i: unknown) => (isScalar(i) ? String(i.value) : undefined)), ...added];
      if (isSeq(check) && check.items.length === want.length && check.items.every((i, k) => isScalar(i) && String(i.value) === want[k])) return out;
    }
  }
  let target = seq;
  if (!target) {
    target = new YAMLSeq();
    doc.set('sampleUtterances', target);
  }
  for (const u of added) {
    const item = doc.createNode(u) as Scalar;
    if (type) item.type = type;
    target.add(item);
  }
  // lineWidth 0: never fold a long scalar of an unrelated line.
  return doc.toString({ lineWidth: 0 });
}


/** Why `text` may not become a sample utterance, or undefined when it may. */
function refusal(text: string): string | undefined {
  if (text.length > LEX_LIMITS.utteranceChars) return `longer than ${LEX_LIMITS.utteranceChars} characters`;
  const personal = personalDataReason(text);
  if (personal) return personal;
  if (/[{}]/.test(text)) return 'holds { or }, which Lex reads as a slot reference';
  return undefined;
}

/** The `missingIntents` reason `--apply` writes for the bot's other locales (the one `bots translate` writes and removes). */
export function untranslatedReason(name: string, from: string, to: string): string {
  return `drafted by bots tune from ${from} traffic; not translated yet (bots translate --from ${from} --to ${to} --intents ${name})`;
}

/**
 * Applies the report to the definitions under `root`, for `report.bot` / `report.localeId`:
 * - *add to intent X* clusters: their utterances are appended to X's file ({@link withUtterances});
 * - *new intent* clusters with a ready draft: the draft intent file is written to
 *   `intents/<locale>/<Name>.yaml`, the intent is listed in the bot locale (before FallbackIntent),
 *   and every other locale of the bot gets a `missingIntents` entry saying it is not translated yet
 *   ({@link untranslatedReason}), which is the `locales/same-intents` rule's exception: a locale never
 *   gets the source language's utterances, and `bots translate --intents <Name>` later drafts the
 *   translation and removes the entry.
 *
 * The whole change is validated first, on a scratch copy of the project with the new files
 * ({@link loadProjectWith}); when it introduces a validation error nothing is written. Otherwise
 * every file is written at once (staged, then renamed; all or none).
 * @throws ApplyRejectedError when the change would introduce a validation error (nothing written).
 * @throws Error when the bot or locale is not in the project.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html
 * @example
 * const result = await applySuggestions('.', report);
 * for (const c of result.changes) console.log(`${c.file}: +${c.added.length}`);
 */
export async function applySuggestions(root: string, report: TuningReport): Promise<ApplyResult> {
  const { project, diagnostics: loadDiagnostics } = await loadProject(root);
  const bot = project.bots.find((b) => b.name === report.bot);
  const locale = bot?.locales.find((l) => l.localeId === report.localeId);
  if (!bot || !locale) throw new Error(`Bot ${report.bot} with locale ${report.localeId} is not in ${root}.`);
  const max = bot.validation.maxUtterances;
  const existing = new Set<string>();
  for (const intent of locale.intents) for (const u of intent.sampleUtterances) existing.add(normalizeUtterance(u.text));

  const wanted = new Map<string, string[]>();
  for (const c of report.clusters) {
    if (c.action.kind !== 'add-to-intent') continue;
    wanted.set(c.action.intent, [...(wanted.get(c.action.intent) ?? []), ...c.suggestedUtterances]);
  }
  const result: ApplyResult = { changes: [], created: [], skipped: [] };
  const files = new Map<string, string>();
  for (const [intentName, utterances] of wanted) {
    const intent = locale.intents.find((i) => i.name === intentName);
    if (!intent || intent.implicit) {
      for (const u of utterances) result.skipped.push({ intent: intentName, utterance: u, reason: 'no intent file' });
      continue;
    }
    let count = intent.sampleUtterances.length;
    const added: string[] = [];
    for (const u of utterances) {
      const text = u.trim().replace(/\s+/g, ' ');
      const norm = normalizeUtterance(text);
      if (!norm || existing.has(norm)) {
        if (norm && !added.includes(text)) result.skipped.push({ intent: intentName, utterance: u, reason: 'already a sample utterance of the locale' });
        continue;
      }
      const why = refusal(text);
      if (why) {
        result.skipped.push({ intent: intentName, utterance: redactText(u), reason: why });
        continue;
      }
      if (count >= max) {
        result.skipped.push({ intent: intentName, utterance: u, reason: `${intentName} is at the maximum of ${max} sample utterances (validation.maxUtterances)` });
        continue;
      }
      existing.add(norm);
      added.push(text);
      count++;
    }
    if (!added.length) continue;
    files.set(intent.file, withUtterances(readFileSync(join(root, intent.file), 'utf8'), added));
    result.changes.push({ intent: intentName, file: intent.file, added, total: count });
  }

  // New intents: the draft file, the bot locale's list, the other locales' exceptions.
  let botText = project.sources.get(bot.file)?.text ?? readFileSync(join(root, bot.file), 'utf8');
  const botIntents = new Map<string, string>();
  for (const l of bot.locales) for (const i of l.intents) if (!botIntents.has(i.name)) botIntents.set(i.name, l.localeId);
  for (const c of report.clusters) {
    if (c.action.kind !== 'new-intent' || !c.draft) continue;
    const d = c.draft;
    const skipDraft = (reason: string) => result.skipped.push({ intent: d.name, utterance: redactText(c.label), reason });
    if (!d.ready) {
      skipDraft(`the draft has ${d.utterances.length} sample utterance(s), fewer than validation.minUtterances (${bot.validation.minUtterances}): write more by hand from the report`);
      continue;
    }
    if (botIntents.has(d.name)) {
      skipDraft(`${bot.name} already has an intent ${d.name} (in ${botIntents.get(d.name)}): add the utterances to it by hand or rename the draft`);
      continue;
    }
    if (project.intents.get(locale.localeId)?.has(d.name) || files.has(d.file) || existsSync(join(root, d.file))) {
      skipDraft(`${d.file} exists already`);
      continue;
    }
    const kept: string[] = [];
    for (const u of d.utterances) {
      const norm = normalizeUtterance(u);
      const why = !norm || existing.has(norm) ? 'already a sample utterance of the locale' : refusal(u);
      if (why) result.skipped.push({ intent: d.name, utterance: redactText(u), reason: why });
      else {
        existing.add(norm);
        kept.push(u);
      }
    }
    if (kept.length < bot.validation.minUtterances) {
      skipDraft(`only ${kept.length} of the draft's utterances may be written, fewer than validation.minUtterances (${bot.validation.minUtterances})`);
      continue;
    }
    let yaml = d.yaml;
    if (kept.length !== d.utterances.length) {
      const doc = parseDocument(d.yaml);
      doc.set('sampleUtterances', kept);
      yaml = doc.toString({ lineWidth: 0 });
    }
    files.set(d.file, yaml);
    botText = withIntentListed(botText, locale.localeId, d.name);
    const untranslated: string[] = [];
    for (const other of bot.locales) {
      if (other.localeId === locale.localeId) continue;
      botText = withMissingIntent(botText, other.localeId, d.name, untranslatedReason(d.name, locale.localeId, other.localeId));
      untranslated.push(other.localeId);
    }
    files.set(bot.file, botText);
    botIntents.set(d.name, locale.localeId);
    result.created.push({ intent: d.name, file: d.file, utterances: kept.length, fromTraffic: Math.min(d.fromTraffic, kept.length), botFile: bot.file, untranslated });
  }
  if (!files.size) return result;

  // Validate the whole change on a scratch copy: an error count (per rule and file) that grows is an error it introduces.
  const tally = (ds: Diagnostic[]) => {
    const m = new Map<string, number>();
    for (const d of ds) if (d.severity === 'error') m.set(`${d.ruleId} ${d.file}`, (m.get(`${d.ruleId} ${d.file}`) ?? 0) + 1);
    return m;
  };
  const errorsBefore = tally(validateProject(project, loadDiagnostics));
  const after = await loadProjectWith(root, files);
  const diagnosticsAfter = validateProject(after.project, after.diagnostics);
  const errorsAfter = tally(diagnosticsAfter);
  const introduced = diagnosticsAfter.filter((d) => d.severity === 'error' && (errorsAfter.get(`${d.ruleId} ${d.file}`) ?? 0) > (errorsBefore.get(`${d.ruleId} ${d.file}`) ?? 0));
  if (introduced.length) throw new ApplyRejectedError(introduced);
  await writeFilesAtomically(root, files, { force: true });
  return result;
}
