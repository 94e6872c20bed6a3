/**
 * The local knowledge base: MiniSearch (BM25 full-text search, https://lucaong.github.io/minisearch/)
 * over the project's FAQ documents, `fulfillment/knowledge-base/<locale>/*.md`. A document is
 * `# Title` followed by `## Question` sections; each section is indexed on its own, and the answer is
 * the best section's text with the document title as its source.
 *
 * A section may list other ways callers ask its question on one line right under the heading,
 * `Also asked as: …; …` (`También se pregunta: …` in es_US, `Aussi demandé : …` in fr_CA). The
 * line is indexed (as a Bedrock knowledge base indexes the whole document) but is not part of the
 * answer text.
 *
 * Terms: by default folded words without the locale's stop words and a trailing plural "s". The
 * caller may pass a {@link KnowledgeTextAnalyzer} (the emulator and `bots chat` pass the NLU's
 * stems, concept synonyms and banking vocabulary, `scripts/nlu/synonyms.ts`: `fulfillment/` never
 * imports `scripts/`).
 *
 * Ranking: each analyzer unit (a word, or a lexicon phrase, with its stem and concept terms) scores a
 * section by its best-matching term (BM25 over the fields, MiniSearch per term), a section's score
 * is the sum over units times the square root of the units it matches, with a bonus when its
 * question is of the caller's kind ({@link KnowledgeTextAnalyzer.questionKinds}: when, how much…).
 *
 * "No good answer" is decided by coverage: at least 40 % of the question's content words (after the
 * locale's stop words; a fuzzy-only match counts half), and at least two unless it has one, must
 * match the best section; or, when the analyzer marks a matched term as banking vocabulary
 * ({@link KnowledgeTextAnalyzer.isTopicTerm}), 20 % when fewer of the question's words are unknown
 * (neither a word of the FAQ nor a banking concept) than match. A question with an off-topic term
 * ({@link KnowledgeTextAnalyzer.isOffTopicTerm}: weather, sports) needs a banking match. Otherwise
 * the caller is offered an agent. Off-topic questions ("what is the weather in Paris") match no
 * banking term and stay unanswered; prompt attacks, credential fishing and abuse are refused before
 * the search by the local guardrail.
 * @module
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch, { type SearchResult } from 'minisearch';
import { CATALOGUE, isLocale } from '../messages/index.js';
import type { Locale } from '../messages/types.js';
import { words } from '../security/text.js';
import { localGuardrail } from './kb-guardrail-local.js';
import { blocked, noAnswer, type KnowledgeAnswer, type KnowledgeBase, type KnowledgeQuery } from './knowledge-base.js';

export interface FaqSection {
  id: string;
  locale: Locale;
  /** File stem, e.g. `online-banking`. */
  doc: string;
  /** The document's `# Title`, used as the source name. */
  title: string;
  /** The section's `## Question`. */
  heading: string;
  /** The section's "Also asked as" phrasings, `; `-separated (absent when it has none). */
  questions?: string;
  /** The answer text (without the "Also asked as" line). */
  body: string;
}

/** The line that lists a section's other phrasings, in each locale's words. */
const ALSO_ASKED = /^\s*(?:also asked as|también se pregunta|aussi demandé)\s*:\s*(.*)$/iu;

/**
 * Cuts text into index terms for a locale: the same function is applied to the sections and to
 * the questions. One unit per content word or phrase, holding the terms that stand for it (its
 * stem, and a synonym concept if any); the first term is the word's own. A question's coverage is
 * the share of its units with a matching term. Terms hold no spaces.
 */
export type KnowledgeTextAnalyzer = ((text: string, locale: Locale) => string[][]) & {
  /**
   * Whether a term is banking vocabulary (a concept such as `~card` or `~overdraft`): a question
   * whose matched words include one is on topic, so a lower coverage is enough to answer it. An
   * analyzer without it keeps the plain coverage gate.
   */
  isTopicTerm?: (term: string, locale: Locale) => boolean;
  /**
   * Whether a term marks a question the FAQ never answers (weather, sports, jokes): such a
   * question is answered only when a banking term matches ("will the rain delay my transfer").
   */
  isOffTopicTerm?: (term: string, locale: Locale) => boolean;
  /**
   * The kinds of question a text opens with (e.g. `when`, `howmuch`, `how`): a section whose
   * question or phrasings are of a kind the caller's question is ranks a little higher.
   */
  questionKinds?: (text: string, locale: Locale) => string[];
};

/** Parses one FAQ document into sections. */
export function parseFaq(markdown: string, locale: Locale, doc: string): FaqSection[] {
  const title = /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? doc;
  const sections: FaqSection[] = [];
  for (const [i, chunk] of markdown.split(/^##\s+/m).slice(1).entries()) {
    const [heading = '', ...rest] = chunk.split('\n');
    const asked: string[] = [];
    const text: string[] = [];
    for (const line of rest) {
      const m = ALSO_ASKED.exec(line);
      if (m) asked.push(...m[1]!.split(';').map((q) => q.trim()).filter(Boolean));
      else text.push(line);
    }
    const body = text.join(' ').replace(/\s+/g, ' ').trim();
    if (heading.trim() && body) {
      const section: FaqSection = { id: `${locale}/${doc}#${i}`, locale, doc, title, heading: heading.trim(), body };
      if (asked.length) section.questions = asked.join('; ');
      sections.push(section);
    }
  }
  return sections;
}

/** Reads every `<dir>/<locale>/*.md` of the shipped locales. */
export async function loadFaq(dir: string): Promise<FaqSection[]> {
  const out: FaqSection[] = [];
  for (const locale of await readdir(dir)) {
    if (!isLocale(locale)) continue;
    for (const file of (await readdir(join(dir, locale))).filter((f) => f.endsWith('.md')).sort()) {
      out.push(...parseFaq(await readFile(join(dir, locale, file), 'utf8'), locale, file.replace(/\.md$/, '')));
    }
  }
  return out;
}

/** The default analyzer: folded words, the locale's stop words removed, a trailing plural "s" dropped. */
export const plainTerms: KnowledgeTextAnalyzer = (text, locale) => {
  const stop = new Set(CATALOGUE[locale].stopWords);
  return words(text)
    .filter((w) => !stop.has(w))
    .map((w) => [w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w]);
};

export interface LocalKnowledgeBaseOptions {
  /** Share of the question's words (analyzer units) that must match the best section (default 0.4). */
  minCoverage?: number;
  /**
   * Share that is enough when a matched unit is a banking term of the analyzer
   * ({@link KnowledgeTextAnalyzer.isTopicTerm}) and the question has fewer unknown words (neither
   * the FAQ's nor banking concepts) than matched ones (default 0.2).
   */
  minTopicCoverage?: number;
  /** How sections and questions are cut into terms (default {@link plainTerms}). */
  analyzer?: KnowledgeTextAnalyzer;
}

/** Section fields searched, and their weights: the question and its phrasings weigh most. */
const FIELDS = ['heading', 'questions', 'body', 'title'];
const BOOST = { heading: 3, questions: 2.5, title: 1.5 };
/** Weight of a lexicon phrase's single words against the phrase or its concept ("last day": "day"). */
const PHRASE_WORD_WEIGHT = 0.5;
/**
 * A section's score is the sum of its units' scores times (units matched)^this: MiniSearch's own
 * coordination factor is the number of matched terms (exponent 1); a square root rewards covering
 * more of the question without letting many weak matches beat one strong one. Chosen on the
 * development sets (bench/data/kb-paraphrases*.ts): 0.5 beat 1, 1.5 and 2.
 */
const COORDINATION = 0.5;
/**
 * Score bonus for a section whose question is of the kind the caller's is ("when…" for a due date
 * over "how do I pay"). Chosen on the development sets: 0.35 to 0.5 did best, 0.75 and more worse.
 */
const SAME_KIND_BONUS = 0.4;

interface LocaleIndex {
  search: MiniSearch<FaqSection>;
  /** Section id → the kinds of its question and phrasings. */
  kinds: Map<string, Set<string>>;
  /** Every term of the locale's sections. */
  vocabulary: Set<string>;
}

export class LocalKnowledgeBase implements KnowledgeBase {
  private readonly indexes = new Map<Locale, LocaleIndex>();
  private readonly analyze: KnowledgeTextAnalyzer;

  constructor(
    sections: FaqSection[],
    private readonly options: LocalKnowledgeBaseOptions = {},
  ) {
    this.analyze = options.analyzer ?? plainTerms;
    for (const s of sections) {
      let index = this.indexes.get(s.locale);
      if (!index) {
        const locale = s.locale;
        const vocabulary = new Set<string>();
        const search = new MiniSearch<FaqSection>({
          fields: FIELDS,
          storeFields: ['title', 'heading', 'body', 'doc'],
          // The analyzer does the whole job (it may turn a phrase into one concept term).
          tokenize: (text) => {
            const terms = this.analyze(text, locale).flat();
            for (const t of terms) vocabulary.add(t);
            return terms;
          },
          processTerm: (term) => term,
        });
        this.indexes.set(locale, (index = { search, vocabulary, kinds: new Map() }));
      }
      index.search.add(s);
      const kinds = this.analyze.questionKinds;
      if (kinds) index.kinds.set(s.id, new Set([s.heading, ...(s.questions?.split(';') ?? [])].flatMap((x) => kinds(x, s.locale))));
    }
  }

  /** Loads the FAQ documents under `dir` (see {@link loadFaq}). */
  static async fromDirectory(dir: string, options: LocalKnowledgeBaseOptions = {}): Promise<LocalKnowledgeBase> {
    return new LocalKnowledgeBase(await loadFaq(dir), options);
  }

  /** The content terms of a question as the index sees them (empty: nothing to search for). */
  contentTerms(question: string, locale: Locale): string[] {
    return [...new Set(this.analyze(question, locale).flat())];
  }

  async ask(q: KnowledgeQuery): Promise<KnowledgeAnswer> {
    // The same contract as Bedrock with its guardrail: a blocked question is a refusal, not a miss.
    if (localGuardrail(q.question, q.locale)) return blocked();
    const index = this.indexes.get(q.locale);
    const units = this.analyze(q.question, q.locale).filter((u) => u.length > 0);
    if (!index || units.length === 0) return noAnswer();
    const { search, vocabulary, kinds } = index;
    // Speech transcripts split compounds ("over draft"): two neighbours whose joined form is a term
    // of the FAQ also search for it.
    for (let i = 0; i + 1 < units.length; i++) {
      const joined = units[i]![0]! + units[i + 1]![0]!;
      if (!vocabulary.has(units[i]![0]!) || !vocabulary.has(units[i + 1]![0]!)) {
        if (vocabulary.has(joined)) units[i]!.push(joined), units[i + 1]!.push(joined);
      }
    }
    const searchOptions = {
      tokenize: (t: string) => [t],
      boost: BOOST,
      // A word the FAQ never uses may be misheard ("rooting" for "routing", "cart" for "card"): it may
      // match one edit away; known words and concept terms (`~lose`) match as they are, or as a prefix when long.
      fuzzy: (t: string) => (!vocabulary.has(t) && t.length >= 4 && !t.startsWith('~') ? (t.length > 8 ? 2 : 1) : false),
      prefix: (t: string) => t.length > 4 && !t.startsWith('~'),
    };
    // Each unit scores a section by its best term (its word, its concept, a phrase's words), so a unit
    // with many terms does not outweigh one with few; one matched only by a fuzzy neighbour covers 1/2.
    const isTopic = this.analyze.isTopicTerm;
    const sectionsFound = new Map<string, { score: number; covered: number; units: Set<number>; topic: boolean; result: SearchResult }>();
    units.forEach((unit, i) => {
      const best = new Map<string, { score: number; exact: boolean; topic: boolean; result: SearchResult }>();
      const phrase = unit[0]!.includes('_');
      unit.forEach((term, k) => {
        const weight = phrase && k > 0 && !term.startsWith('~') ? PHRASE_WORD_WEIGHT : 1;
        for (const r of search.search(term, searchOptions)) {
          const exact = r.terms.some((d) => d.startsWith(term));
          const topic = exact && !!isTopic?.(term, q.locale);
          const prev = best.get(String(r.id));
          if (!prev) best.set(String(r.id), { score: r.score * weight, exact, topic, result: r });
          else {
            prev.score = Math.max(prev.score, r.score * weight);
            prev.exact ||= exact;
            prev.topic ||= topic;
          }
        }
      });
      for (const [id, m] of best) {
        let s = sectionsFound.get(id);
        if (!s) sectionsFound.set(id, (s = { score: 0, covered: 0, units: new Set(), topic: false, result: m.result }));
        s.score += m.score;
        s.covered += m.exact ? 1 : 0.5;
        s.units.add(i);
        s.topic ||= m.topic;
      }
    });
    const asked = new Set(this.analyze.questionKinds?.(q.question, q.locale) ?? []);
    const sameKind = (s: { result: SearchResult }) => [...(kinds.get(String(s.result.id)) ?? [])].some((k) => asked.has(k));
    const rank = (s: { score: number; units: Set<number>; result: SearchResult }) => s.score * s.units.size ** COORDINATION * (sameKind(s) ? 1 + SAME_KIND_BONUS : 1);
    const top = [...sectionsFound.values()].sort((x, y) => rank(y) - rank(x))[0];
    if (!top) return noAnswer();
    // The gate: enough of the question's units match the best section (at least two unless it has
    // one, a misheard word matched by a fuzzy neighbour counting: "rooting number"), or, for an
    // on-topic question (a matched banking term), a smaller share when fewer of its units are
    // unknown than match ("routing tomorrow" stays unanswered).
    const { covered } = top;
    // Unknown: a unit with no FAQ term and no banking concept ("pizza", "tomorrow", "~weather").
    const unknown = units.filter((u, i) => !top.units.has(i) && !u.some((t) => vocabulary.has(t) || isTopic?.(t, q.locale))).length;
    const answers =
      (top.units.size >= Math.min(units.length, 2) && covered / units.length >= (this.options.minCoverage ?? 0.4)) ||
      (top.topic && unknown < covered && covered / units.length >= (this.options.minTopicCoverage ?? 0.2));
    const offTopic = units.some((u) => u.some((t) => this.analyze.isOffTopicTerm?.(t, q.locale)));
    if (!answers || (offTopic && !top.topic)) return noAnswer();
    const best = top.result;
    const title = String(best.title);
    const body = String(best.body);
    return {
      found: true,
      text: body,
      sources: [title],
      citations: [{ title, location: `${q.locale}/${String(best.doc)}.md#${String(best.heading)}`, excerpt: body.slice(0, 200) }],
      guardrail: 'NONE',
    };
  }
}
