/**
 * Labelled-utterance helpers for evaluating the intent classifier: an RFC 4180 CSV reader,
 * seeded few-shot train/test sampling and a deterministic typo injector.
 * Pure functions, no I/O.
 * @module
 */
import { hashString, seededRandom, shuffled } from './random.js';

/** One labelled utterance. */
export interface LabelledUtterance {
  text: string;
  label: string;
}

/**
 * Parses RFC 4180 CSV: comma-separated fields, fields in double quotes may hold commas, line
 * breaks and doubled quotes (`""`); records end with CRLF or LF. A UTF-8 BOM is skipped and a final
 * empty line ignored. Returns the records as arrays of strings (the header is the first record).
 * @throws Error on a quote inside an unquoted field or an unterminated quoted field (1-based line).
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let quoted = false; // the current field started with a quote
  let fieldStarted = false;
  const endField = () => {
    row.push(field);
    field = '';
    quoted = false;
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        // Closing quote: only a separator or a line end may follow.
        const next = text[i + 1];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new Error(`CSV line ${line}: unexpected character after a closing quote`);
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === ',') {
      endField();
      fieldStarted = true; // a trailing comma still makes an (empty) field
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else if (ch === '"') {
      if (field !== '') throw new Error(`CSV line ${line}: quote inside an unquoted field`);
      quoted = true;
      fieldStarted = true;
      i++;
    } else {
      field += ch;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new Error(`CSV line ${line}: unterminated quoted field`);
  if (fieldStarted || field !== '' || row.length > 0) endRow();
  return rows;
}

/**
 * Reads labelled utterances from CSV text with a header naming `text` and `category` columns
 * (other columns are ignored; a `label` or `intent` column is accepted for `category`).
 * Rows with empty text are skipped.
 */
export function readLabelledCsv(csv: string): LabelledUtterance[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header) return [];
  const names = header.map((h) => h.trim().toLowerCase());
  const textAt = names.indexOf('text');
  const labelAt = ['category', 'label', 'intent'].map((n) => names.indexOf(n)).find((i) => i >= 0) ?? -1;
  if (textAt < 0 || labelAt < 0) throw new Error(`CSV header must name a text and a category column (got: ${header.join(',')})`);
  const out: LabelledUtterance[] = [];
  for (const r of rows) {
    const text = (r[textAt] ?? '').trim();
    const label = (r[labelAt] ?? '').trim();
    if (text && label) out.push({ text, label });
  }
  return out;
}

/** Groups utterances by label, keeping first-seen label order. */
export function groupByLabel(rows: readonly LabelledUtterance[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const r of rows) {
    let g = groups.get(r.label);
    if (!g) groups.set(r.label, (g = []));
    g.push(r.text);
  }
  return groups;
}

/** A few-shot split: per label, a fixed held-out test list and a training pool to take k from. */
export interface FewShotSplit {
  /** Per label, training candidates in sampled order: train on the first k (nested across k). */
  trainPool: Map<string, string[]>;
  test: LabelledUtterance[];
}

/**
 * Splits each label's utterances for a few-shot benchmark: shuffles them with `seed`, reserves
 * `maxK` for training (use the first k of `trainPool` for any k ≤ maxK, so smaller training sets
 * are subsets of larger ones) and takes up to `testPerLabel` of the rest as the test set, which
 * therefore does not depend on k. Labels are processed in sorted order so that the split only
 * depends on the data and the seed.
 */
export function fewShotSplit(rows: readonly LabelledUtterance[], maxK: number, testPerLabel: number, seed: number): FewShotSplit {
  const groups = groupByLabel(rows);
  const trainPool = new Map<string, string[]>();
  const test: LabelledUtterance[] = [];
  for (const label of [...groups.keys()].sort()) {
    const random = seededRandom(hashString(`${seed}:${label}`));
    const texts = shuffled(groups.get(label)!, random);
    trainPool.set(label, texts.slice(0, maxK));
    for (const text of texts.slice(maxK, maxK + testPerLabel)) test.push({ text, label });
  }
  return { trainPool, test };
}

/** Takes the first `k` utterances per label of a pool. */
export function takePerLabel(pool: ReadonlyMap<string, string[]>, k: number): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [label, texts] of pool) out.set(label, texts.slice(0, k));
  return out;
}

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** QWERTY neighbours of each letter (same row and adjacent rows, offset by up to one key). */
const NEIGHBOURS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  KEYBOARD_ROWS.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      let near = (row[c - 1] ?? '') + (row[c + 1] ?? '');
      for (const other of [KEYBOARD_ROWS[r - 1], KEYBOARD_ROWS[r + 1]]) {
        if (!other) continue;
        // Rows are staggered: the keys above/below are at c-1..c+1 of the neighbouring row.
        for (let d = -1; d <= 1; d++) near += other[c + d] ?? '';
      }
      map.set(row[c]!, near);
    }
  });
  return map;
})();

/** How many typos {@link injectTypos} puts into an utterance. */
export type TypoRate = { kind: 'perUtterance'; min: number; max: number } | { kind: 'perChars'; every: number };

/**
 * Injects keyboard typos into `text`, deterministically for a given `seed`: each typo picks a
 * letter inside a word of 3+ letters and either swaps it with the next letter, drops it,
 * duplicates it or replaces it with a neighbouring QWERTY key (case kept). The count is 1-2 per
 * utterance by default (`rate`), or one per `every` letters. Text without such letters is returned
 * unchanged.
 */
export function injectTypos(text: string, seed: number, rate: TypoRate = { kind: 'perUtterance', min: 1, max: 2 }): string {
  const random = seededRandom(hashString(`${seed}:${text}`));
  let chars = [...text];
  const letterCount = chars.filter((c) => /\p{L}/u.test(c)).length;
  const count =
    rate.kind === 'perUtterance' ? rate.min + Math.floor(random() * (rate.max - rate.min + 1)) : Math.max(1, Math.round(letterCount / rate.every));
  for (let t = 0; t < count; t++) {
    const positions = editablePositions(chars);
    if (positions.length === 0) break;
    const at = positions[Math.floor(random() * positions.length)]!;
    const ch = chars[at]!;
    const op = Math.floor(random() * 4);
    if (op === 0 && /\p{L}/u.test(chars[at + 1] ?? '') && chars[at + 1] !== ch) {
      chars = [...chars.slice(0, at), chars[at + 1]!, ch, ...chars.slice(at + 2)];
    } else if (op === 1) {
      chars = [...chars.slice(0, at), ...chars.slice(at + 1)];
    } else if (op === 2) {
      chars = [...chars.slice(0, at), ch, ...chars.slice(at)];
    } else {
      const near = NEIGHBOURS.get(ch.toLowerCase());
      if (!near) {
        chars = [...chars.slice(0, at), ...chars.slice(at + 1)];
        continue;
      }
      const sub = near[Math.floor(random() * near.length)]!;
      chars[at] = ch === ch.toLowerCase() ? sub : sub.toUpperCase();
    }
  }
  return chars.join('');
}

/** Indexes of letters inside words of at least three letters. */
function editablePositions(chars: readonly string[]): number[] {
  const out: number[] = [];
  let start = -1;
  for (let i = 0; i <= chars.length; i++) {
    const isLetter = i < chars.length && /\p{L}/u.test(chars[i]!);
    if (isLetter && start < 0) start = i;
    if (!isLetter && start >= 0) {
      if (i - start >= 3) for (let j = start; j < i; j++) out.push(j);
      start = -1;
    }
  }
  return out;
}
