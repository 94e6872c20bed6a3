/**
 * Sample-utterance rules: count per intent, misspelling/transcription variants, duplicates and
 * near-duplicates.
 * @module
 */
import { distance } from 'fastest-levenshtein';
import type { Intent } from '../../definitions/model.js';
import { canonicalUtterance, isVariant, languageOf, normalizeUtterance, tokens } from '../../nlu/normalize.js';
import type { RuleFamily } from '../rule.js';

const GUIDE = 'https://docs.aws.amazon.com/lexv2/latest/dg/building-intents.html';
const BEST = 'https://docs.aws.amazon.com/lexv2/latest/dg/best-practices.html';

/** Intents whose utterances Lex ignores or that have none by design. */
export function hasOwnUtterances(intent: Intent): boolean {
  return intent.builtIn !== 'AMAZON.FallbackIntent' && intent.builtIn !== 'AMAZON.QnAIntent' && !intent.implicit;
}

/** Utterance rules. */
export const utteranceRules: RuleFamily = {
  rules: [
    { id: 'utterances/count', severity: 'error', description: 'Each intent has between validation.minUtterances (default 15) and validation.maxUtterances (default 20) sample utterances; fewer is an error, more a warning.', source: BEST },
    { id: 'utterances/variants', severity: 'error', description: 'Each intent has at least validation.minVariants (default 3) misspelling or speech-transcription variants of its other utterances.', source: 'docs/rules.md#utterancesvariants' },
    { id: 'utterances/duplicate', severity: 'error', description: 'No two sample utterances are the same after normalising case, punctuation and white space, within an intent or across intents of a locale.', source: GUIDE },
    { id: 'utterances/near-duplicate', severity: 'warning', description: 'Utterances of two intents that differ by one word or one misspelling confuse the NLU.', source: BEST },
  ],

  checkLocale(ctx, bot, locale) {
    const lang = languageOf(locale.localeId);
    const seen = new Map<string, { intent: Intent; index: number }>();
    const entries: { intent: Intent; index: number; toks: string[] }[] = [];

    for (const intent of locale.intents) {
      if (!hasOwnUtterances(intent)) continue;
      const utts = intent.sampleUtterances;
      const { minUtterances, maxUtterances, minVariants } = bot.validation;
      if (utts.length < minUtterances) {
        ctx.report('utterances/count', utts.length ? { file: intent.file, path: ['sampleUtterances'], key: true } : intent.at,
          `Intent ${intent.name} (${locale.localeId}) has ${utts.length} sample utterances; at least ${minUtterances} are needed.`,
          `Add ${minUtterances - utts.length} more, written as callers really say and type them (bot setting validation.minUtterances).`);
      } else if (utts.length > maxUtterances) {
        ctx.report('utterances/count', { file: intent.file, path: ['sampleUtterances', maxUtterances] },
          `Intent ${intent.name} (${locale.localeId}) has ${utts.length} sample utterances; more than ${maxUtterances} rarely helps and slows review.`,
          'Remove the least typical ones, or raise validation.maxUtterances in the bot file.', 'warning');
      }

      const normalized = utts.map((u) => normalizeUtterance(u.text));
      const canon = normalized.map((n) => canonicalUtterance(n, lang));
      // Variants: utterances in variant-connected groups, minus one "original" per group.
      const parent = normalized.map((_, i) => i);
      const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
      for (let i = 0; i < normalized.length; i++) {
        for (let j = i + 1; j < normalized.length; j++) {
          if (isVariant(normalized[i]!, normalized[j]!, lang, canon[i], canon[j])) parent[find(i)] = find(j);
        }
      }
      const groups = new Map<number, number>();
      normalized.forEach((_, i) => groups.set(find(i), (groups.get(find(i)) ?? 0) + 1));
      const variants = [...groups.values()].reduce((n, size) => n + size - 1, 0);
      if (variants < minVariants && utts.length > 0) {
        ctx.report('utterances/variants', { file: intent.file, path: ['sampleUtterances'], key: true },
          `Intent ${intent.name} (${locale.localeId}) has ${variants} misspelling or speech-transcription variant(s); at least ${minVariants} are needed.`,
          'Add utterances as callers type or speech recognition hears them: "balence" for "balance", "whats" for "what\'s", "a count" for "account".');
      }

      normalized.forEach((n, index) => {
        if (!n) return;
        const first = seen.get(n);
        if (first) {
          const same = first.intent === intent;
          ctx.report('utterances/duplicate', utts[index]!.at,
            same
              ? `"${utts[index]!.text}" repeats sample utterance ${first.index + 1} of ${intent.name} after normalisation.`
              : `"${utts[index]!.text}" is also a sample utterance of ${first.intent.name} (${first.intent.file}); Lex cannot tell the intents apart.`,
            same ? 'Delete it: case, punctuation and spacing do not make a new utterance.' : 'Keep it in only one intent.');
        } else {
          seen.set(n, { intent, index });
          entries.push({ intent, index, toks: tokens(n) });
        }
      });
    }
    nearDuplicates(ctx, entries);
  },
};

/**
 * Finds utterance pairs of different intents whose token lists differ by one inserted or deleted
 * word (the shorter has at least 2 words) or one substituted word within edit distance 1 (2 for words of 7+ letters), via a
 * one-word-deletion index, so cost is linear in the number of words.
 */
function nearDuplicates(ctx: Parameters<NonNullable<RuleFamily['checkLocale']>>[0], entries: { intent: Intent; index: number; toks: string[] }[]): void {
  type Rec = { e: number; pos: number };
  const full = new Map<string, number[]>();
  const deleted = new Map<string, Rec[]>();
  entries.forEach((entry, e) => {
    const key = entry.toks.join(' ');
    (full.get(key) ?? full.set(key, []).get(key)!).push(e);
    if (entry.toks.length < 2) return;
    for (let pos = 0; pos < entry.toks.length; pos++) {
      const k = entry.toks.filter((_, i) => i !== pos).join(' ');
      (deleted.get(k) ?? deleted.set(k, []).get(k)!).push({ e, pos });
    }
  });
  const reported = new Set<string>();
  const report = (a: number, b: number, why: string) => {
    const [x, y] = a < b ? [a, b] : [b, a];
    const A = entries[x]!;
    const B = entries[y]!;
    if (A.intent === B.intent) return;
    const key = `${x}:${y}`;
    if (reported.has(key)) return;
    reported.add(key);
    const ua = A.intent.sampleUtterances[A.index]!;
    const ub = B.intent.sampleUtterances[B.index]!;
    ctx.report('utterances/near-duplicate', ub.at,
      `"${ub.text}" (${B.intent.name}) and "${ua.text}" (${A.intent.name}) ${why}: these two intents will confuse the NLU.`,
      'Reword one of them so that it says what is specific to its intent, or move it to the intent it belongs to.');
  };
  for (const [k, recs] of deleted) {
    // One extra word: an utterance equal to another with one word removed.
    const shorter = full.get(k);
    if (shorter && k.includes(' ')) for (const s of shorter) for (const r of recs) report(s, r.e, 'differ by one word');
    if (recs.length < 2) continue;
    for (let i = 0; i < recs.length; i++) {
      for (let j = i + 1; j < recs.length; j++) {
        const ri = recs[i]!;
        const rj = recs[j]!;
        if (ri.pos !== rj.pos || entries[ri.e]!.intent === entries[rj.e]!.intent) continue;
        const wa = entries[ri.e]!.toks[ri.pos]!;
        const wb = entries[rj.e]!.toks[rj.pos]!;
        // Name the later entry's word first: it is the one the message points at.
        const [first, second] = ri.e < rj.e ? [wb, wa] : [wa, wb];
        if (wa !== wb && Math.min(wa.length, wb.length) > 2 && distance(wa, wb) <= (Math.min(wa.length, wb.length) < 7 ? 1 : 2)) report(ri.e, rj.e, `differ only by "${first}"/"${second}"`);
      }
    }
  }
}
