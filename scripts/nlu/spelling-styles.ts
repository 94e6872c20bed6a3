/**
 * Slot elicitation styles: what a caller says when asked to spell a value, as the text Lex
 * resolves. Spell by letter: "x i u l a n" → `xiulan`; spell by word: "a as in alpha b for bravo
 * p like peter one two three" → `abp123` ("as in", "for" and "like", as Lex documents). Digits may
 * be said as words; "double"/"triple" repeat the next letter or digit.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/spelling-styles.html
 * @module
 */
import { DIGIT_WORDS, REPEAT_WORDS } from './slot-lexicon.js';
import { fold, slotLanguage } from './slot-text.js';

/** `dialogAction.slotElicitationStyle` of Lex V2. */
export type SlotElicitationStyle = 'Default' | 'SpellByLetter' | 'SpellByWord';

/** The words that join a letter to its identifying word, per language ("a as in apple"). */
const AS_IN: Record<string, RegExp> = {
  en: /^(?:as in|for|like)$/,
  es: /^(?:como en|de|como)$/,
  fr: /^(?:comme dans|comme)$/,
};

/** Spoken names of letters that are not single characters (en). */
const LETTER_NAMES: Record<string, Readonly<Record<string, string>>> = {
  en: { ay: 'a', bee: 'b', cee: 'c', see: 'c', dee: 'd', ee: 'e', ef: 'f', gee: 'g', aitch: 'h', jay: 'j', kay: 'k', el: 'l', em: 'm', en: 'n', pee: 'p', cue: 'q', queue: 'q', ar: 'r', es: 's', tee: 't', you: 'u', vee: 'v', ex: 'x', why: 'y', zee: 'z', zed: 'z' },
  es: {},
  fr: {},
};

/**
 * The value a spelt answer spells, or undefined when `text` is not a spelling (a word that is
 * neither a letter, a digit, nor part of "X as in Word"). `Default` returns `text` unchanged.
 */
export function despell(text: string, style: SlotElicitationStyle, localeId: string): string | undefined {
  if (style === 'Default') return text;
  const lang = slotLanguage(localeId);
  const digits = DIGIT_WORDS[lang];
  const repeats = REPEAT_WORDS[lang];
  const names = LETTER_NAMES[lang] ?? {};
  const asIn = AS_IN[lang] ?? AS_IN['en']!;
  const words = fold(text)
    .replace(/[,.;:!?]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  let out = '';
  let repeat = 1;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let ch: string | undefined;
    if (/^[\p{L}\p{N}]$/u.test(w)) ch = w;
    else if (/^\d+$/.test(w)) ch = w;
    else if (digits[w] !== undefined && w !== 'o') ch = digits[w];
    else if (names[w] !== undefined) ch = names[w];
    else if (repeats[w] !== undefined) {
      repeat = repeats[w]!;
      continue;
    } else return undefined;
    out += ch.length === 1 ? ch.repeat(repeat) : ch;
    repeat = 1;
    if (style === 'SpellByWord') {
      // "a as in alpha": skip the joining words and the identifying word.
      for (const n of [2, 1]) {
        const join = words.slice(i + 1, i + 1 + n).join(' ');
        if (n <= words.length - i - 2 && asIn.test(join)) {
          i += n + 1;
          break;
        }
      }
    }
  }
  return out || undefined;
}
