/**
 * Protecting what must not be translated: `{Slot}` references, brand and product names, and SSML
 * elements kept as they are. Each becomes an HTML element with `translate="no"`, which Amazon
 * Translate copies unchanged; after translation every placeholder must come back exactly once.
 *
 * @see https://docs.aws.amazon.com/translate/latest/dg/customizing-translations-tags.html
 * @module
 */

/** Something kept out of translation. */
export interface Placeholder {
  /** What is put back: the slot reference, the term, or the SSML element's markup. */
  original: string;
  /** The (unescaped) text inside the `translate="no"` element sent to Translate. */
  display: string;
  kind: 'slot' | 'term' | 'ssml';
}

/** A text ready for Amazon Translate. */
export interface Segment {
  /** HTML sent to Translate: escaped text with `<span translate="no">` placeholders. */
  html: string;
  placeholders: Placeholder[];
  /** `plain`: the result is plain text (utterances, text messages); `xml`: SSML text (escaped). */
  mode: 'plain' | 'xml';
}

/** Result of {@link restoreSegment}. */
export interface Restored {
  text: string;
  /** Placeholders that did not come back (their `original`). */
  missing: string[];
}

const SLOT_REF = /\{\s*[A-Za-z0-9_-]+\s*\}/g;

/** Escapes text for HTML/XML element content. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the HTML/XML character references Translate may return (`&amp;`, `&#39;`, `&#x27;`). */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return NAMED[ref.toLowerCase()] ?? all;
  });
}

function span(display: string): string {
  return `<span translate="no">${escapeXml(display)}</span>`;
}

/** Finds `{Slot}` references and `terms` (whole words, case-sensitive, longest first) in `text`. */
function protectedRanges(text: string, terms: readonly string[]): { start: number; end: number; kind: 'slot' | 'term' }[] {
  const ranges: { start: number; end: number; kind: 'slot' | 'term' }[] = [];
  for (const m of text.matchAll(SLOT_REF)) ranges.push({ start: m.index, end: m.index + m[0].length, kind: 'slot' });
  const sorted = [...new Set(terms.filter((t) => t.trim()))].sort((a, b) => b.length - a.length);
  for (const term of sorted) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!ranges.some((r) => start < r.end && end > r.start)) ranges.push({ start, end, kind: 'term' });
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}

/**
 * Escapes plain `text` (already unescaped SSML character data, too) as HTML for Translate, with
 * `{Slot}` references and `terms` replaced by `translate="no"` placeholders appended to
 * `placeholders` (shared by an SSML run, which mixes text and elements).
 * @returns the HTML.
 */
export function protectText(text: string, terms: readonly string[], placeholders: Placeholder[] = []): string {
  let html = '';
  let at = 0;
  for (const r of protectedRanges(text, terms)) {
    html += escapeXml(text.slice(at, r.start));
    const original = text.slice(r.start, r.end);
    placeholders.push({ original, display: original, kind: r.kind });
    html += span(original);
    at = r.end;
  }
  return html + escapeXml(text.slice(at));
}

/** A segment for a plain-text utterance, message, slot value or synonym. */
export function plainSegment(text: string, terms: readonly string[]): Segment {
  const placeholders: Placeholder[] = [];
  const html = protectText(text, terms, placeholders);
  return { html, placeholders, mode: 'plain' };
}

/** Adds an SSML element as an opaque placeholder (shown to Translate as `§n`). */
export function protectElement(markup: string, placeholders: Placeholder[]): string {
  const display = `§${placeholders.length + 1}`;
  placeholders.push({ original: markup, display, kind: 'ssml' });
  return span(display);
}

const NO_TRANSLATE = /<(span|[a-z][a-z0-9]*)\b[^>]*\btranslate\s*=\s*["']?no["']?[^>]*>([\s\S]*?)<\/\1\s*>/gi;

/**
 * Puts placeholders back into a translation of `segment`. Other markup Translate may have added is
 * dropped; character references are decoded (plain) or normalised (xml).
 * @returns the text and any placeholder that did not come back (the caller flags it for review).
 */
export function restoreSegment(translated: string, segment: Segment): Restored {
  const unused = segment.placeholders.map((p, i) => ({ p, i }));
  let out = '';
  let at = 0;
  const textPart = (html: string) => {
    const plain = unescapeXml(html.replace(/<[^>]*>/g, ''));
    return segment.mode === 'xml' ? escapeXml(plain) : plain;
  };
  for (const m of translated.matchAll(NO_TRANSLATE)) {
    out += textPart(translated.slice(at, m.index));
    const content = unescapeXml(m[2]!).trim();
    const k = unused.findIndex(({ p }) => p.display === content);
    if (k >= 0) {
      out += unused[k]!.p.original;
      unused.splice(k, 1);
    } else {
      out += textPart(m[2]!);
    }
    at = m.index + m[0].length;
  }
  out += textPart(translated.slice(at));
  return { text: out.replace(/[ \t]{2,}/g, ' '), missing: unused.map(({ p }) => p.original) };
}
