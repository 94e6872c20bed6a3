/**
 * Slot filling from sample utterances used as templates: "how much is in my {AccountType} account"
 * aligned with "how much is in my savings account" captures `savings` for AccountType.
 *
 * Alignment works on canonical words (normalised, accents folded, fillers dropped, contractions and
 * chat spellings expanded with `normalize.ts`) and tolerates one typo per word of 5+ letters, up to
 * three extra words before and after the template, and one missing or extra word inside templates
 * of four or more words. Every captured span must resolve, or the alignment is rejected.
 * @module
 */
import { canonicalUtterance, normalizeUtterance } from './normalize.js';
import type { NluIntent, ResolvedSlotValue } from './types.js';
import { fold, fuzzyWordEqual, slotLanguage, trimSpan } from './slot-text.js';

/** A canonical word of the input with the offsets of the raw token it comes from. */
interface InputWord {
  word: string;
  start: number;
  end: number;
}

type Item = { word: string } | { slot: string };

const SLOT_REF = /\{\s*([A-Za-z0-9_-]+)\s*\}/g;
const MAX_LEADING = 3;
const MAX_TRAILING = 3;
const MAX_SLOT_WORDS = 12;
const MAX_ALIGNMENTS = 64;

/** Canonical words of a raw (white-space free) token, e.g. "What's" → ["what", "is"]. */
function canonicalWords(raw: string, lang: string): string[] {
  const normalized = normalizeUtterance(raw);
  if (!normalized) return [];
  return fold(canonicalUtterance(normalized, lang)).split(' ').filter(Boolean);
}

/** Canonical words of a text with offsets; two-word canonical spellings ("call back") are merged. */
function inputWords(text: string, lang: string): InputWord[] {
  const words: InputWord[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    for (const word of canonicalWords(m[0], lang)) words.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return mergePairs(words, lang, (a, b, word) => ({ word, start: a.start, end: b.end }));
}

function mergePairs<T extends { word: string }>(words: T[], lang: string, merge: (a: T, b: T, word: string) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < words.length; i++) {
    const a = words[i]!;
    const b = words[i + 1];
    if (b) {
      const joined = fold(canonicalUtterance(`${a.word} ${b.word}`, lang));
      if (joined && !joined.includes(' ') && joined !== a.word) {
        out.push(merge(a, b, joined));
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

const templateCache = new Map<string, Item[]>();

/** A sample utterance as literal words and slot references. */
function templateItems(utterance: string, lang: string): Item[] {
  const key = `${lang}\u0000${utterance}`;
  const cached = templateCache.get(key);
  if (cached) return cached;
  const items: Item[] = [];
  let last = 0;
  const literal = (text: string) => {
    const words = text.split(/\s+/).flatMap((raw) => canonicalWords(raw, lang).map((word) => ({ word })));
    items.push(...mergePairs(words, lang, (_a, _b, word) => ({ word })));
  };
  for (const m of utterance.matchAll(SLOT_REF)) {
    literal(utterance.slice(last, m.index));
    items.push({ slot: m[1]! });
    last = m.index + m[0].length;
  }
  literal(utterance.slice(last));
  if (templateCache.size > 5000) templateCache.clear();
  templateCache.set(key, items);
  return items;
}

interface SlotCapture {
  slot: string;
  from: number;
  /** Exclusive word index. */
  to: number;
}

interface Alignment {
  captures: SlotCapture[];
  cost: number;
  matched: number;
}

/** Every alignment of `items` with `words` within the tolerances, cheapest first. */
function alignments(items: Item[], words: InputWord[]): Alignment[] {
  const literalCount = items.filter((i) => 'word' in i).length;
  const maxEdits = literalCount >= 4 ? 1 : 0;
  const out: Alignment[] = [];
  const captures: SlotCapture[] = [];

  const walk = (ti: number, wi: number, cost: number, matched: number, edits: number): void => {
    if (out.length >= MAX_ALIGNMENTS * 4) return;
    if (ti === items.length) {
      const trailing = words.length - wi;
      if (trailing <= MAX_TRAILING) out.push({ captures: [...captures], cost: cost + trailing * 0.5, matched });
      return;
    }
    const item = items[ti]!;
    if ('slot' in item) {
      const lastItem = ti === items.length - 1;
      const maxTo = Math.min(words.length, wi + MAX_SLOT_WORDS);
      for (let to = lastItem ? words.length : wi + 1; to <= maxTo; to++) {
        if (to <= wi) continue;
        captures.push({ slot: item.slot, from: wi, to });
        walk(ti + 1, to, cost, matched, edits);
        captures.pop();
      }
      return;
    }
    const w = words[wi];
    if (w && fuzzyWordEqual(w.word, item.word)) walk(ti + 1, wi + 1, cost + (w.word === item.word ? 0 : 0.5), matched + 1, edits);
    if (edits < maxEdits) {
      walk(ti + 1, wi, cost + 1.5, matched, edits + 1); // a template word the caller left out
      if (w && ti > 0) walk(ti, wi + 1, cost + 1.5, matched, edits + 1); // an extra word of the caller
    }
  };

  const first = items[0];
  const leading = first && 'word' in first ? Math.min(MAX_LEADING, words.length) : 0;
  for (let skip = 0; skip <= leading; skip++) walk(0, skip, skip * 0.5, 0, 0);
  return out.filter((a) => a.matched > 0).sort((a, b) => a.cost - b.cost || b.matched - a.matched).slice(0, MAX_ALIGNMENTS);
}

/** Slots found with templates, and the character spans they took. */
export interface TemplateExtraction {
  slots: Record<string, ResolvedSlotValue>;
  spans: { start: number; end: number }[];
}

interface Candidate {
  score: number;
  order: number;
  values: { slot: string; value: ResolvedSlotValue; start: number; end: number }[];
}

/**
 * Aligns `input` with every sample utterance of `intent` that references slots and resolves the
 * captured spans with `resolve`. The best template wins; slots of other matching templates are
 * added when their spans do not overlap.
 */
export function extractWithTemplates(
  input: string,
  intent: NluIntent,
  localeId: string,
  resolve: (span: string, slotTypeName: string) => ResolvedSlotValue | undefined,
): TemplateExtraction {
  const lang = slotLanguage(localeId);
  const words = inputWords(input, lang);
  const slotsByName = new Map(intent.slots.map((s) => [s.name.toLowerCase(), s]));
  const memo = new Map<string, ResolvedSlotValue | undefined>();
  const resolveSpan = (text: string, type: string) => {
    const key = `${type}\u0000${text}`;
    if (!memo.has(key)) memo.set(key, resolve(text, type));
    return memo.get(key);
  };
  const candidates: Candidate[] = [];
  if (words.length === 0) return { slots: {}, spans: [] };

  intent.utterances.forEach((utterance, order) => {
    if (typeof utterance !== 'string' || !utterance.includes('{')) return;
    const items = templateItems(utterance, lang);
    if (!items.some((i) => 'slot' in i) || !items.some((i) => 'word' in i)) return;
    if (items.some((i) => 'slot' in i && !slotsByName.has(i.slot.toLowerCase()))) return;
    for (const a of alignments(items, words)) {
      const values: Candidate['values'] = [];
      let ok = true;
      for (const c of a.captures) {
        const slot = slotsByName.get(c.slot.toLowerCase())!;
        const start = words[c.from]!.start;
        const end = words[c.to - 1]!.end;
        const span = trimSpan(input.slice(start, end));
        const value = span ? resolveSpan(span, slot.slotTypeName) : undefined;
        if (!value) {
          ok = false;
          break;
        }
        // The span the value came from: the resolver may have used only part of the capture.
        const at = value.originalValue ? input.indexOf(value.originalValue, start) : -1;
        const narrowed = at >= 0 && at + value.originalValue.length <= end;
        values.push({ slot: slot.name, value, start: narrowed ? at : start, end: narrowed ? at + value.originalValue.length : end });
      }
      if (!ok) continue;
      candidates.push({ score: a.matched * 2 + values.length * 3 - a.cost, order, values });
      break;
    }
  });

  candidates.sort((a, b) => b.score - a.score || a.order - b.order);
  const slots: Record<string, ResolvedSlotValue> = {};
  const spans: { start: number; end: number }[] = [];
  for (const c of candidates) {
    if (c.values.some((v) => slots[v.slot] !== undefined || spans.some((s) => v.start < s.end && s.start < v.end))) continue;
    for (const v of c.values) {
      slots[v.slot] = v.value;
      spans.push({ start: v.start, end: v.end });
    }
  }
  return { slots, spans };
}
