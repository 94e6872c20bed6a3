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
 * stems and concept synonyms, `scripts/nlu/synonyms.ts`: `fulfillment/` never imports `scripts/`).
 *
 * "No good answer" is decided by coverage: at least 40 % of the question's content words (after the
 * locale's stop words; a fuzzy-only match counts half), and at least two unless it has one, must
 * match the best section, else the caller is offered an agent.
 * @module
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
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
export type KnowledgeTextAnalyzer = (text: string, locale: Locale) => string[][];

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
  /** How sections and questions are cut into terms (default {@link plainTerms}). */
  analyzer?: KnowledgeTextAnalyzer;
}

/** Section fields searched, and their weights: the question and its phrasings weigh most. */
const FIELDS = ['heading', 'questions', 'body', 'title'];
const BOOST = { heading: 3, questions: 2.5, title: 1.5 };

interface LocaleIndex {
  search: MiniSearch<FaqSection>;
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
        this.indexes.set(locale, (index = { search, vocabulary }));
      }
      index.search.add(s);
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
    const { search, vocabulary } = index;
    // Speech transcripts split compounds ("over draft"): two neighbours whose joined form is a term
    // of the FAQ also search for it.
    for (let i = 0; i + 1 < units.length; i++) {
      const joined = units[i]![0]! + units[i + 1]![0]!;
      if (!vocabulary.has(units[i]![0]!) || !vocabulary.has(units[i + 1]![0]!)) {
        if (vocabulary.has(joined)) units[i]!.push(joined), units[i + 1]!.push(joined);
      }
    }
    const terms = [...new Set(units.flat())];
    const [best] = search.search(terms.join(' '), {
      tokenize: (t) => t.split(' '),
      boost: BOOST,
      // A word the FAQ never uses may be misheard ("rooting" for "routing"): it may match one edit away;
      // known words and concept terms (`~lose`) match as they are, or as a prefix when long.
      fuzzy: (t) => (!vocabulary.has(t) && t.length >= 5 && !t.startsWith('~') ? (t.length > 8 ? 2 : 1) : false),
      prefix: (t) => t.length > 4 && !t.startsWith('~'),
    });
    if (!best) return noAnswer();
    // Coverage: a unit matched as written (or as a prefix) counts 1, one matched only by a fuzzy
    // neighbour 1/2; at least two units must match unless the question has only one.
    const docTerms = Object.keys(best.match);
    const matched = new Set(best.queryTerms);
    let covered = 0;
    for (const u of units) {
      if (!u.some((t) => matched.has(t))) continue;
      covered += u.some((t) => docTerms.some((d) => d.startsWith(t))) ? 1 : 0.5;
    }
    if (covered < Math.min(units.length, 2) || covered / units.length < (this.options.minCoverage ?? 0.4)) return noAnswer();
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
