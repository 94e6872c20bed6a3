/**
 * The local knowledge base: MiniSearch (BM25 full-text search, https://lucaong.github.io/minisearch/)
 * over the project's FAQ documents, `fulfillment/knowledge-base/<locale>/*.md`. A document is
 * `# Title` followed by `## Question` sections; each section is indexed on its own, and the answer is
 * the best section's text with the document title as its source.
 *
 * "No good answer" is decided by coverage: at least half of the question's content words (after the
 * locale's stop words) must match the best section, else the caller is offered an agent.
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
  body: string;
}

/** Parses one FAQ document into sections. */
export function parseFaq(markdown: string, locale: Locale, doc: string): FaqSection[] {
  const title = /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? doc;
  const sections: FaqSection[] = [];
  for (const [i, chunk] of markdown.split(/^##\s+/m).slice(1).entries()) {
    const [heading = '', ...rest] = chunk.split('\n');
    const body = rest.join(' ').replace(/\s+/g, ' ').trim();
    if (heading.trim() && body) sections.push({ id: `${locale}/${doc}#${i}`, locale, doc, title, heading: heading.trim(), body });
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

/** Folded, stop words removed, a trailing plural "s" dropped; null drops the term. */
function termProcessor(locale: Locale): (term: string) => string | null {
  const stop = new Set(CATALOGUE[locale].stopWords);
  return (term) => {
    const [w] = words(term);
    if (!w || stop.has(w)) return null;
    return w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w;
  };
}

export interface LocalKnowledgeBaseOptions {
  /** Share of the question's content words that must match the best section (default 0.5). */
  minCoverage?: number;
}

export class LocalKnowledgeBase implements KnowledgeBase {
  private readonly indexes = new Map<Locale, MiniSearch<FaqSection>>();
  private readonly process = new Map<Locale, (t: string) => string | null>();

  constructor(
    sections: FaqSection[],
    private readonly options: LocalKnowledgeBaseOptions = {},
  ) {
    for (const s of sections) {
      let index = this.indexes.get(s.locale);
      if (!index) {
        const processTerm = termProcessor(s.locale);
        this.process.set(s.locale, processTerm);
        index = new MiniSearch<FaqSection>({
          fields: ['heading', 'body', 'title'],
          storeFields: ['title', 'heading', 'body', 'doc'],
          tokenize: (text) => text.split(/[^\p{L}\p{N}]+/u),
          processTerm,
          searchOptions: { boost: { heading: 3, title: 1.5 }, fuzzy: (t) => (t.length > 5 ? 0.2 : false), prefix: (t) => t.length > 4 },
        });
        this.indexes.set(s.locale, index);
      }
      index.add(s);
    }
  }

  /** Loads the FAQ documents under `dir` (see {@link loadFaq}). */
  static async fromDirectory(dir: string, options: LocalKnowledgeBaseOptions = {}): Promise<LocalKnowledgeBase> {
    return new LocalKnowledgeBase(await loadFaq(dir), options);
  }

  /** The content words of a question as the index sees them (empty: nothing to search for). */
  contentTerms(question: string, locale: Locale): string[] {
    const p = this.process.get(locale) ?? termProcessor(locale);
    return [...new Set(question.split(/[^\p{L}\p{N}]+/u).map(p).filter((t): t is string => !!t))];
  }

  async ask(q: KnowledgeQuery): Promise<KnowledgeAnswer> {
    // The same contract as Bedrock with its guardrail: a blocked question is a refusal, not a miss.
    if (localGuardrail(q.question, q.locale)) return blocked();
    const index = this.indexes.get(q.locale);
    const terms = this.contentTerms(q.question, q.locale);
    if (!index || terms.length === 0) return noAnswer();
    const [best] = index.search(q.question);
    const coverage = best ? best.queryTerms.length / terms.length : 0;
    if (!best || coverage < (this.options.minCoverage ?? 0.5)) return noAnswer();
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
