/**
 * A small, single-pass XML scanner for SSML prompts and PLS lexicons: elements, attributes and text
 * with their offsets, entity decoding, and the well-formedness errors Polly would reject.
 *
 * Why not a general XML parser: the lint needs the exact offset of every attribute value (to point
 * at one phoneme symbol inside `ph`) and must keep going after recoverable mistakes (a bare `&`),
 * and it must cost little more than parsing (issue #6 budget: lint ≤ 3× fast-xml-parser).
 * Offsets are UTF-16 indexes into the source; {@link lineColumn} turns them into 1-based positions.
 * @see https://www.w3.org/TR/xml/ (well-formedness), https://docs.aws.amazon.com/polly/latest/dg/escapees.html
 * @module
 */

/** An attribute of a start tag. */
export interface XmlAttribute {
  name: string;
  /** Offset of the attribute name. */
  start: number;
  /** The value with entities decoded. */
  value: string;
  /** Offset of the value's first character (after the quote). */
  valueStart: number;
  /** When the value had entities: the source offset of each UTF-16 unit of `value`. */
  offsets?: number[];
}

/** What the scanner reports, in document order. */
export interface XmlEvents {
  /** A start tag (`selfClosing` for `<x/>`); `depth` is 0 for the root element. */
  open(name: string, attributes: XmlAttribute[], start: number, selfClosing: boolean, depth: number): void;
  /** An end tag (`start` is the offset of `</`); not called for self-closing tags. */
  close(name: string, start: number, depth: number): void;
  /** Character data inside the root (entities decoded, CDATA included); `start` is its source offset. */
  text(text: string, start: number, depth: number): void;
  /**
   * A problem. `well-formed` problems are fatal: the scan stops after reporting one. `escape`
   * (a bare `&` or `<`, a `>` in text) and `root` (content outside the single root) are not.
   */
  error(kind: 'well-formed' | 'escape' | 'root', offset: number, message: string, hint?: string, severity?: 'error' | 'warning'): void;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0x80;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
const isWs = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;
const isBadChar = (c: number) => (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff;

/** Thrown internally to stop at the first fatal error. */
class Stop {}

/**
 * Decodes the entity at `src[i] === '&'`.
 * @returns the decoded text and the offset after `;`, or undefined for a bare or unknown `&`.
 */
function entityAt(src: string, i: number): { text: string; end: number } | undefined {
  const semi = src.indexOf(';', i + 1);
  if (semi < 0 || semi - i > 12) return undefined;
  const body = src.slice(i + 1, semi);
  if (body.charCodeAt(0) === 35 /* # */) {
    const hex = body.charCodeAt(1) === 120; /* x */
    const digits = body.slice(hex ? 2 : 1);
    if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
    const cp = parseInt(digits, hex ? 16 : 10);
    if (cp > 0x10ffff || (cp < 32 && cp !== 9 && cp !== 10 && cp !== 13) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff) return undefined;
    return { text: String.fromCodePoint(cp), end: semi + 1 };
  }
  const t = ENTITIES[body];
  return t === undefined ? undefined : { text: t, end: semi + 1 };
}

/**
 * Scans `src` and reports through `ev`.
 * @returns false when a well-formedness error stopped the scan, true otherwise.
 * @example
 * scanXml('<speak>Hi</speak>', { open() {}, close() {}, text(t) { console.log(t); }, error() {} });
 */
export function scanXml(src: string, ev: XmlEvents): boolean {
  const n = src.length;
  const stack: { name: string; start: number }[] = [];
  let rootSeen = false;
  let rootClosed = false;
  let strayText = false;
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fatal = (offset: number, message: string, hint?: string): never => {
    ev.error('well-formed', offset, message, hint);
    throw new Stop();
  };

  try {
    if (src.startsWith('<?xml', i) && (isWs(src.charCodeAt(i + 5)) || src.charCodeAt(i + 5) === 63)) {
      const end = src.indexOf('?>', i);
      if (end < 0) fatal(i, 'The XML declaration <?xml ... is not closed with ?>.', 'End the declaration with ?>, e.g. <?xml version="1.0"?>.');
      i = end + 2;
    }
    while (i < n) {
      // Character data up to the next '<'.
      const textStart = i;
      let parts: string[] | undefined;
      let chunk = i;
      let nonWs = false;
      while (i < n) {
        const c = src.charCodeAt(i);
        if (c === 60 /* < */) {
          const c1 = src.charCodeAt(i + 1);
          if (isNameStart(c1) || c1 === 47 || c1 === 33 || c1 === 63) break;
          ev.error('escape', i, 'A "<" in text must be written &lt;.', 'Write &lt; for a literal "<".');
          nonWs = true;
          i++;
          continue;
        }
        if (c === 38 /* & */) {
          const e = entityAt(src, i);
          (parts ??= []).push(src.slice(chunk, i));
          nonWs = true;
          if (e) {
            parts.push(e.text);
            i = e.end;
          } else {
            ev.error('escape', i, 'A bare "&" must be written &amp; (or the entity is not one of &amp; &lt; &gt; &quot; &apos; &#N;).', 'Write &amp; for a literal "&".');
            parts.push('&');
            i++;
          }
          chunk = i;
          continue;
        }
        if (c === 62 /* > */ && stack.length) ev.error('escape', i, 'Polly asks for ">" in text to be written &gt;.', 'Write &gt; for a literal ">".', 'warning');
        else if (isBadChar(c)) fatal(i, `Character U+${c.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML.`, 'Remove the control character.');
        if (!nonWs && !isWs(c)) nonWs = true;
        i++;
      }
      if (i > textStart) {
        const text = parts ? (parts.push(src.slice(chunk, i)), parts.join('')) : src.slice(textStart, i);
        if (stack.length) ev.text(text, textStart, stack.length);
        else if (nonWs) {
          let at = textStart;
          while (isWs(src.charCodeAt(at))) at++;
          strayText = true;
          ev.error('root', at, rootClosed ? 'Text after the closing root tag.' : 'Text before the root element.', 'Put all text inside <speak>...</speak>.');
        }
      }
      if (i >= n) break;

      // Markup at '<'.
      const start = i;
      const c1 = src.charCodeAt(i + 1);
      if (c1 === 47 /* / */) {
        let j = i + 2;
        if (!isNameStart(src.charCodeAt(j))) fatal(start, 'An end tag must have a name, as in </speak>.');
        while (j < n && isNameChar(src.charCodeAt(j))) j++;
        const name = src.slice(i + 2, j);
        while (j < n && isWs(src.charCodeAt(j))) j++;
        if (src.charCodeAt(j) !== 62) fatal(j, `The end tag </${name} is not closed with ">".`);
        const top = stack[stack.length - 1];
        if (!top) fatal(start, `The end tag </${name}> has no matching start tag.`, `Remove </${name}> or add <${name}> before it.`);
        if (top!.name !== name) {
          const { line, column } = lineColumn(src, top!.start);
          fatal(start, `The end tag </${name}> does not match <${top!.name}> opened at ${line}:${column}.`, `Close <${top!.name}> with </${top!.name}> first.`);
        }
        stack.pop();
        ev.close(name, start, stack.length);
        if (!stack.length) rootClosed = true;
        i = j + 1;
        continue;
      }
      if (c1 === 33 /* ! */) {
        if (src.startsWith('<!--', i)) {
          const end = src.indexOf('-->', i + 4);
          if (end < 0) fatal(start, 'The comment <!-- is not closed with -->.');
          i = end + 3;
          continue;
        }
        if (src.startsWith('<![CDATA[', i)) {
          const end = src.indexOf(']]>', i + 9);
          if (end < 0) fatal(start, 'The CDATA section is not closed with ]]>.');
          if (!stack.length) ev.error('root', start, 'CDATA outside the root element.', 'Put all text inside <speak>...</speak>.');
          else ev.text(src.slice(i + 9, end), i + 9, stack.length);
          i = end + 3;
          continue;
        }
        fatal(start, src.startsWith('<!DOCTYPE', i) ? 'A DOCTYPE is not allowed in SSML.' : 'Unexpected "<!".', 'Remove it.');
      }
      if (c1 === 63 /* ? */) {
        const end = src.indexOf('?>', i + 2);
        if (end < 0) fatal(start, 'The processing instruction <? is not closed with ?>.');
        if (/^xml(\s|$)/i.test(src.slice(i + 2, Math.min(end, i + 6)))) fatal(start, 'The XML declaration <?xml ...?> is allowed only at the very start.', 'Move it to the first line or remove it.');
        i = end + 2;
        continue;
      }
      // Start tag.
      let j = i + 1;
      while (j < n && isNameChar(src.charCodeAt(j))) j++;
      const name = src.slice(i + 1, j);
      const attributes: XmlAttribute[] = [];
      let selfClosing = false;
      for (;;) {
        const before = j;
        while (j < n && isWs(src.charCodeAt(j))) j++;
        const c = src.charCodeAt(j);
        if (j >= n) fatal(start, `The start tag <${name} is not closed with ">".`, 'Add ">" (or "/>" for an empty element).');
        if (c === 62) {
          j++;
          break;
        }
        if (c === 47 && src.charCodeAt(j + 1) === 62) {
          selfClosing = true;
          j += 2;
          break;
        }
        if (!isNameStart(c)) fatal(j, `Unexpected "${src[j]}" in the start tag <${name}>.`, 'Attributes are written name="value".');
        if (j === before) fatal(j, `Attributes of <${name}> must be separated by a space.`, 'If a value contains its own quote character (X-SAMPA stress "), quote the value with the other one (ph=\'"seI.b@\') or write &quot;.');
        const aStart = j;
        while (j < n && isNameChar(src.charCodeAt(j))) j++;
        const aName = src.slice(aStart, j);
        while (j < n && isWs(src.charCodeAt(j))) j++;
        if (src.charCodeAt(j) !== 61 /* = */) fatal(j, `The attribute ${aName} of <${name}> has no value.`, `Write ${aName}="value".`);
        j++;
        while (j < n && isWs(src.charCodeAt(j))) j++;
        const q = src.charCodeAt(j);
        if (q !== 34 && q !== 39) fatal(j, `The value of ${aName} must be quoted.`, `Write ${aName}="value".`);
        const vStart = j + 1;
        const vEnd = src.indexOf(q === 34 ? '"' : "'", vStart);
        if (vEnd < 0) fatal(j, `The value of ${aName} is not closed with its quote.`);
        const raw = src.slice(vStart, vEnd);
        const lt = raw.indexOf('<');
        if (lt >= 0) fatal(vStart + lt, `"<" is not allowed in the value of ${aName}.`, 'Write &lt;.');
        const attr: XmlAttribute = { name: aName, start: aStart, value: raw, valueStart: vStart };
        if (raw.indexOf('&') >= 0) decodeAttribute(src, attr, vEnd, ev);
        if (attributes.some((a) => a.name === aName)) fatal(aStart, `The attribute ${aName} appears twice on <${name}>.`, 'Keep one.');
        attributes.push(attr);
        j = vEnd + 1;
      }
      if (!stack.length) {
        if (rootSeen) ev.error('root', start, `A second root element <${name}>: a document has exactly one root.`, 'Put everything inside one <speak>...</speak>.');
        rootSeen = true;
      }
      ev.open(name, attributes, start, selfClosing, stack.length);
      if (!selfClosing) stack.push({ name, start });
      else if (!stack.length) rootClosed = true;
      i = j;
    }
    const open = stack[stack.length - 1];
    if (open) fatal(open.start, `<${open.name}> is not closed.`, `Add </${open.name}>.`);
    if (!rootSeen && !strayText) ev.error('root', 0, 'There is no root element.', 'Wrap the prompt in <speak>...</speak>.');
    return true;
  } catch (e) {
    if (e instanceof Stop) return false;
    throw e;
  }
}

function decodeAttribute(src: string, attr: XmlAttribute, vEnd: number, ev: XmlEvents): void {
  let value = '';
  const offsets: number[] = [];
  for (let k = attr.valueStart; k < vEnd; ) {
    if (src.charCodeAt(k) === 38) {
      const e = entityAt(src, k);
      if (e && e.end <= vEnd) {
        for (let u = 0; u < e.text.length; u++) offsets.push(k);
        value += e.text;
        k = e.end;
        continue;
      }
      ev.error('escape', k, `A bare "&" in the value of ${attr.name} must be written &amp;.`, 'Write &amp; for a literal "&".');
    }
    offsets.push(k);
    value += src[k];
    k++;
  }
  attr.value = value;
  attr.offsets = offsets;
}

/** Index of the first character of every line (for offset → line:column). */
export function lineStarts(src: string): number[] {
  const starts = [0];
  for (let k = src.indexOf('\n'); k >= 0; k = src.indexOf('\n', k + 1)) starts.push(k + 1);
  return starts;
}

/** 1-based line and column (UTF-16 units) of `offset` in `src`; pass `starts` from {@link lineStarts} when converting many. */
export function lineColumn(src: string, offset: number, starts: number[] = lineStarts(src)): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}
