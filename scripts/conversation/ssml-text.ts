/**
 * SSML as a caller hears it, in plain text: tags removed, `<say-as>` read plainly (digits and
 * characters one by one, a telephone number as written), `<sub alias>` replaced by its alias,
 * breaks as spaces, XML entities decoded. For `bots chat --voice`, conversation-test message
 * expectations and the Test Workbench export. Not a speech synthesiser: it approximates what Polly says.
 *
 * @see https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html
 * @module
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** `interpret-as` values read one character at a time. */
const ONE_BY_ONE = new Set(['digits', 'characters', 'spell-out', 'verbatim']);

/**
 * The text a caller hears for an SSML document (or a fragment). Plain text without tags is returned
 * with whitespace collapsed. Never throws; malformed markup is stripped as well as it can be.
 * @example heardText('<speak>Code sent to <say-as interpret-as="digits">43</say-as>.</speak>') // 'Code sent to 4 3.'
 */
export function heardText(ssml: string): string {
  let s = ssml.replace(/<!--[\s\S]*?-->/g, '');
  s = s.replace(/<say-as\b([^>]*)>([\s\S]*?)<\/say-as>/gi, (_w, attrs: string, inner: string) => {
    const as = /interpret-as\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1]?.toLowerCase() ?? '';
    const text = decodeXmlEntities(inner.replace(/<[^>]*>/g, '')).trim();
    return ONE_BY_ONE.has(as) ? ` ${[...text.replace(/\s+/g, '')].join(' ')} ` : text;
  });
  s = s.replace(/<sub\b[^>]*\balias\s*=\s*(["'])(.*?)\1[^>]*>[\s\S]*?<\/sub>/gi, (_w, _q, alias: string) => alias);
  s = s.replace(/<(break|p|\/p|s|\/s)\b[^>]*>/gi, ' ');
  s = s.replace(/<[^>]*>/g, '');
  return decodeXmlEntities(s)
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,!?;:])/g, '$1')
    .trim();
}
