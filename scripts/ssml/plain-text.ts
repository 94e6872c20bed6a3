/**
 * The plain-text form of an SSML prompt: what a chat channel shows when the prompt has no plain
 * text authored beside it. Lex V2 does not convert SSML for text channels (a chat would show the
 * `<speak>` markup), so every SSML message is deployed with this text as its `plainTextMessage`.
 *
 * The written form is kept, not the spoken one: `<say-as>` and `<phoneme>` keep their text
 * ("6-digit code", "Quetzal"), `<sub alias="…">WWF</sub>` keeps "WWF", breaks and paragraphs become
 * spaces, comments and `<audio>` disappear, XML entities are decoded. `{Slot}` references stay, so
 * Lex substitutes them in both forms.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_Message.html
 * @see https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html
 * @module
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * The chat text of an SSML document or fragment. Never throws; text without tags comes back with
 * its whitespace collapsed.
 * @example ssmlToPlainText('<speak>Your <say-as interpret-as="digits">6</say-as>-digit code.<break time="200ms"/> Thanks!</speak>')
 * // 'Your 6-digit code. Thanks!'
 */
export function ssmlToPlainText(ssml: string): string {
  let s = ssml.replace(/<!--[\s\S]*?-->/g, '');
  s = s.replace(/<audio\b[^>]*\/>/gi, ' ').replace(/<audio\b[^>]*>[\s\S]*?<\/audio>/gi, ' ');
  s = s.replace(/<(break|p|\/p|s|\/s|mark)\b[^>]*>/gi, ' ');
  s = s.replace(/<[^>]*>/g, '');
  return decodeEntities(s)
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,!?;:])/g, '$1')
    .trim();
}

/**
 * Whether `text` looks like SSML or XML markup a chat would show verbatim: a `<speak>` element, or
 * any Polly tag (`<break/>`, `<say-as …>`, `<prosody …>`, `<amazon:…>`, …).
 */
export function hasMarkup(text: string): boolean {
  return /<\/?(speak|break|say-as|sub|phoneme|prosody|emphasis|lang|mark|p|s|w|audio|amazon:[a-z-]+)\b[^>]*>/i.test(text);
}
