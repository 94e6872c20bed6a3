/**
 * `bots tune --apply`: writes the suggested utterances into `intents/<locale>/<Intent>.yaml` as
 * an ordinary change for review. Edits go through the `yaml` Document API so comments, key order
 * and formatting of the files are kept; files are written atomically (temp file + rename).
 *
 * Rules: never deletes; never goes above the bot's `validation.maxUtterances` (the
 * `utterances/count` rule, default 20); skips an utterance that is already a sample utterance of
 * any intent of the locale after normalisation (`utterances/duplicate`), longer than Lex's 500
 * characters (`lex/utterance-length`), or holding `{`/`}` (slot syntax). After writing, the project
 * is validated again; if the change introduced a validation error every file is restored.
 * Idempotent: a second run with the same suggestions adds nothing.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html
 * @see https://eemeli.org/yaml/#documents
 * @module
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { isSeq, parseDocument, YAMLSeq } from 'yaml';
import { loadProject } from '../definitions/load.js';
import type { Diagnostic } from '../definitions/diagnostics.js';
import { normalizeUtterance } from '../nlu/normalize.js';
import { validateProject } from '../validate/index.js';
import { LEX_LIMITS } from '../validate/rules/lex-limits.js';
import type { TuningReport } from './analyze.js';

/** One intent file changed. */
export interface AppliedChange {
  intent: string;
  /** Project-relative path. */
  file: string;
  added: string[];
  /** Sample utterances after the change. */
  total: number;
}

/** What {@link applySuggestions} did. */
export interface ApplyResult {
  changes: AppliedChange[];
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
 * Adds the report's suggested utterances (clusters with action "add to intent") to the intent
 * files of `report.bot` / `report.localeId` under `root`.
 * @throws ApplyRejectedError when validation finds a new error in a changed file (files restored).
 * @throws Error when the bot or locale is not in the project.
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
  const result: ApplyResult = { changes: [], skipped: [] };
  const writes: { path: string; before: string; after: string }[] = [];
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
      if (text.length > LEX_LIMITS.utteranceChars) {
        result.skipped.push({ intent: intentName, utterance: u, reason: `longer than ${LEX_LIMITS.utteranceChars} characters` });
        continue;
      }
      if (/[{}]/.test(text)) {
        result.skipped.push({ intent: intentName, utterance: u, reason: 'holds { or }, which Lex reads as a slot reference' });
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
    const path = join(root, intent.file);
    const before = readFileSync(path, 'utf8');
    const doc = parseDocument(before);
    let seq = doc.get('sampleUtterances', true);
    if (!isSeq(seq)) {
      seq = new YAMLSeq();
      doc.set('sampleUtterances', seq);
    }
    for (const text of added) (seq as YAMLSeq).add(doc.createNode(text));
    writes.push({ path, before, after: doc.toString() });
    result.changes.push({ intent: intentName, file: intent.file, added, total: count });
  }
  if (!writes.length) return result;

  // Errors per rule and file: a count that grows in a changed file is an error this change introduced.
  const tally = (ds: Diagnostic[]) => {
    const m = new Map<string, number>();
    for (const d of ds) if (d.severity === 'error') m.set(`${d.ruleId} ${d.file}`, (m.get(`${d.ruleId} ${d.file}`) ?? 0) + 1);
    return m;
  };
  const errorsBefore = tally(validateProject(project, loadDiagnostics));
  for (const w of writes) writeFileAtomic(w.path, w.after);
  const after = await loadProject(root);
  const changed = new Set(result.changes.map((c) => c.file));
  const diagnosticsAfter = validateProject(after.project, after.diagnostics);
  const errorsAfter = tally(diagnosticsAfter);
  const introduced = diagnosticsAfter.filter(
    (d) => d.severity === 'error' && changed.has(d.file) && (errorsAfter.get(`${d.ruleId} ${d.file}`) ?? 0) > (errorsBefore.get(`${d.ruleId} ${d.file}`) ?? 0),
  );
  if (introduced.length) {
    for (const w of writes) writeFileAtomic(w.path, w.before);
    throw new ApplyRejectedError(introduced);
  }
  return result;
}
