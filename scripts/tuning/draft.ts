/**
 * Draft intents for "new intent" clusters: 15-20 sample utterances from what callers said, and the
 * intent file `bots tune --apply` writes to `intents/<locale>/<Name>.yaml`.
 *
 * Utterances: the cluster's distinct members, most frequent first, skipping any already a sample
 * utterance of the locale (after normalisation), longer than Lex's 500 characters, holding `{`/`}` or
 * personal data (`redact.ts`),
 * up to `maxUtterances`; then spelling and transcription variants of them (`translate/variants.ts`,
 * the same generator `bots translate` uses) until the `utterances/count` and `utterances/variants`
 * rules are met. A draft that still has fewer than `minUtterances` is reported as not ready.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html
 * @module
 */
import { Document } from 'yaml';
import { normalizeUtterance } from '../nlu/normalize.js';
import { addVariants } from '../translate/variants.js';
import { personalDataReason } from './redact.js';

/** Lex's limit on the length of a sample utterance, in characters. */
const MAX_UTTERANCE_CHARS = 500;

/** A drafted intent (action "new intent"). */
export interface IntentDraft {
  /** Proposed PascalCase intent name (unique in the locale). */
  name: string;
  /** Project-relative path `--apply` writes. */
  file: string;
  /** Sample utterances: callers' phrasings, most frequent first, each variant after the phrasing it varies. */
  utterances: string[];
  /** How many of `utterances` callers said (the rest are variants). */
  fromTraffic: number;
  /** Enough utterances for the `utterances/count` rule: `--apply` writes only ready drafts. */
  ready: boolean;
  /** The file as `--apply` writes it. */
  yaml: string;
}

/** Closing message of a drafted intent, per language: a placeholder the reviewer replaces. */
const CLOSING: Record<string, string> = {
  en: 'Thanks. Let me connect you with someone who can help with that.',
  es: 'Gracias. Le comunico con alguien que le puede ayudar con eso.',
  fr: "Merci. Je vous mets en relation avec quelqu'un qui peut vous aider.",
};

/**
 * Drafts the intent of a new-intent cluster.
 * @param members distinct member texts, most frequent first.
 * @param taken normalised sample utterances of the whole locale (not modified).
 * @param meta what the header comment says about where the draft came from.
 */
export function draftIntent(
  name: string,
  localeId: string,
  language: string,
  members: readonly string[],
  taken: ReadonlySet<string>,
  limits: { minUtterances: number; maxUtterances: number; minVariants: number },
  meta: { count: number; sessions?: number; label: string; date: string },
): IntentDraft {
  const used = new Set(taken);
  const picked: string[] = [];
  for (const m of members) {
    const text = m.trim().replace(/\s+/g, ' ');
    const norm = normalizeUtterance(text);
    // Personal data (masked digit runs, e-mail addresses) never goes into the definitions.
    if (!norm || used.has(norm) || text.length > MAX_UTTERANCE_CHARS || /[{}]/.test(text) || personalDataReason(text)) continue;
    used.add(norm);
    picked.push(text);
    if (picked.length >= limits.maxUtterances) break;
  }
  const { utterances } = addVariants(picked, localeId, limits, used);
  const file = `intents/${localeId}/${name}.yaml`;
  const doc = new Document({
    name,
    description: `Drafted by bots tune from missed traffic like "${meta.label}". Say what the caller wants and how the bot serves it.`,
    sampleUtterances: utterances,
    closing: { messages: [CLOSING[language] ?? CLOSING.en!] },
  });
  doc.commentBefore =
    ` yaml-language-server: $schema=../../schemas/intent.schema.json\n` +
    ` Drafted by \`bots tune\` on ${meta.date} from ${meta.count} missed turn(s)${meta.sessions !== undefined ? ` in ${meta.sessions} conversation(s)` : ''}.\n` +
    ` ${picked.length} utterance(s) are callers' own words, ${utterances.length - picked.length} are spelling or transcription variants of them.\n` +
    ' Review the utterances, the description and the closing message (or add a code hook), then bots validate and bots deploy.\n' +
    ` The bot's other locales list ${name} under missingIntents until it is translated: bots translate --from ${localeId} --intents ${name} --to <locale>.`;
  return { name, file, utterances, fromTraffic: picked.length, ready: utterances.length >= limits.minUtterances, yaml: doc.toString({ lineWidth: 0 }) };
}
