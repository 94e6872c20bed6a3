/**
 * `bots tune --apply`: writes the suggested utterances into `intents/<locale>/<Intent>.yaml` as
 * an ordinary change for review. Edits go through the `yaml` Document API so comments, key order
 * and formatting of the files are kept: the new items are inserted as lines after the last item
 * of the block sequence (found through the parsed document's node ranges), indented and quoted the
 * way most of their sibling items are (plain, 'single' or "double"), so the diff is only the added
 * lines. Files are written atomically (temp file + rename).
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
import { personalDataReason, redactText } from './redact.js';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { Document, isScalar, isSeq, parseDocument, Scalar, YAMLSeq } from 'yaml';
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
      const personal = personalDataReason(text);
      if (personal) {
        result.skipped.push({ intent: intentName, utterance: redactText(u), reason: personal });
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
    writes.push({ path, before, after: withUtterances(before, added) });
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
