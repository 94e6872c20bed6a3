/**
 * SSML prompts for translation: the text of each element is translated run by run, while every tag
 * and attribute stays exactly as written. Inside a run, elements that carry no translatable words
 * (`<break/>`, `<mark/>`, `<say-as>`, `<phoneme>`, `<sub>`, `<lang>`, `<audio>`) travel as
 * untranslatable placeholders so that Translate sees whole sentences and can move them with their words.
 *
 * `<phoneme>` content is kept and flagged: phonemes belong to one language's phoneme set.
 * @see https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html
 * @see https://docs.aws.amazon.com/polly/latest/dg/phoneme-tag.html
 * @module
 */
import { protectElement, protectText, unescapeXml, type Placeholder, type Segment } from './protect.js';

/** Elements kept whole inside a text run. */
const OPAQUE = new Set(['break', 'mark', 'say-as', 'phoneme', 'sub', 'lang', 'audio', 'amazon:breath']);

/** Elements whose kept content needs a reviewer's look, with the reason. */
const FLAGGED: Record<string, string> = {
  phoneme: 'phonemes are per language: check the pronunciation, or replace the <phoneme> with the word in the new language',
  sub: 'the <sub alias> is spoken instead of the text: translate the alias if it is a word',
  lang: 'the <lang> text was kept in its language on purpose: check that it still belongs there',
};

/** An SSML document split into literal markup and translatable segments. */
export interface SsmlParts {
  /** Literal markup, or the index of a segment in {@link segments}. */
  parts: (string | number)[];
  segments: Segment[];
  /** Review notes about kept elements. */
  notes: string[];
}

const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<\/?[A-Za-z][^>]*>|[^<]+|</g;

function tagName(tag: string): string {
  return /^<\/?([A-Za-z][\w:.-]*)/.exec(tag)?.[1] ?? '';
}

/**
 * Splits an SSML document into literal markup and text runs to translate.
 * @param terms - brand and product names to keep (protected inside text runs).
 */
export function splitSsml(ssml: string, terms: readonly string[]): SsmlParts {
  const tokens = ssml.match(TOKEN) ?? [];
  const parts: (string | number)[] = [];
  const segments: Segment[] = [];
  const notes: string[] = [];
  let run: { html: string; placeholders: Placeholder[]; raw: string; words: boolean } | undefined;

  const flush = () => {
    if (!run) return;
    const lead = /^\s*/.exec(run.raw)![0];
    const trail = /\s*$/.exec(run.raw)![0];
    if (run.words) {
      if (lead) parts.push(lead);
      segments.push({ html: run.html.trim(), placeholders: run.placeholders, mode: 'xml' });
      parts.push(segments.length - 1);
      if (trail && trail.length < run.raw.length) parts.push(trail);
    } else {
      parts.push(run.raw);
    }
    run = undefined;
  };
  const open = () => (run ??= { html: '', placeholders: [], raw: '', words: false });

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (!tok.startsWith('<') || tok === '<') {
      const r = open();
      r.html += protectText(unescapeXml(tok), terms, r.placeholders);
      r.raw += tok;
      if (/[\p{L}]/u.test(tok.replace(/\{\s*[A-Za-z0-9_-]+\s*\}/g, ''))) r.words = true;
      continue;
    }
    const name = tagName(tok);
    if (OPAQUE.has(name) && !tok.startsWith('</')) {
      let markup = tok;
      if (!tok.endsWith('/>')) {
        let depth = 1;
        while (depth > 0 && i + 1 < tokens.length) {
          const t = tokens[++i]!;
          markup += t;
          if (tagName(t) === name && t.startsWith('<') && !t.startsWith('<!')) {
            if (t.startsWith('</')) depth--;
            else if (!t.endsWith('/>')) depth++;
          }
        }
      }
      if (FLAGGED[name]) notes.push(`${markup} kept as written: ${FLAGGED[name]}.`);
      const r = open();
      r.html += protectElement(markup, r.placeholders);
      r.raw += markup;
      continue;
    }
    flush();
    parts.push(tok);
  }
  flush();
  return { parts, segments, notes };
}

/**
 * Rebuilds the SSML document from its segments once translated and restored (see
 * {@link restoreSegment}, which puts the kept elements back and escapes the text).
 */
export function joinSsml(split: SsmlParts, restored: readonly string[]): string {
  return split.parts.map((p) => (typeof p === 'string' ? p : restored[p]!.trim())).join('');
}
