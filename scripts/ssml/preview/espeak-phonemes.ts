/**
 * Polly `<phoneme>` values (IPA or X-SAMPA) → eSpeak NG phoneme input (`[[...]]`, its ASCII
 * phoneme mnemonics), for the offline approximation. eSpeak's mnemonics differ by language, so
 * there is one table per language family (English, Spanish, French) and a generic one; a `ph` with
 * a symbol no table knows is not mapped (the preview then speaks the element's text).
 *
 * The tables were checked by feeding each mnemonic to `espeak-ng -q --ipa "[[...]]"` (eSpeak NG
 * 1.51) and comparing its IPA with the source symbol.
 *
 * @see https://github.com/espeak-ng/espeak-ng/blob/master/docs/phonemes.md (phoneme input `[[ ]]`)
 * @see https://docs.aws.amazon.com/polly/latest/dg/ref-phoneme-tables-shell.html (Polly's tables)
 * @module
 */
import { convertPhonemes, localeToLanguage } from '../lint.js';

/** X-SAMPA → IPA for the symbols of Polly's en, es and fr tables (longest first when matching). */
const XSAMPA_TO_IPA: Record<string, string> = {
  'r\\': 'ɹ', '3`': 'ɝ', '@`': 'ɚ', 'j\\': 'ʝ', tS: 'tʃ', dZ: 'dʒ', '{': 'æ', A: 'ɑ', Q: 'ɒ', V: 'ʌ', E: 'ɛ', I: 'ɪ', U: 'ʊ', O: 'ɔ',
  '@': 'ə', '3': 'ɜ', T: 'θ', D: 'ð', S: 'ʃ', Z: 'ʒ', N: 'ŋ', J: 'ɲ', L: 'ʎ', R: 'ʁ', '4': 'ɾ', B: 'β', G: 'ɣ', '2': 'ø', '9': 'œ',
  H: 'ɥ', '~': '\u0303', '"': 'ˈ', '%': 'ˌ', ':': 'ː', '?': 'ʔ', '6': 'ɐ', W: 'ʍ', C: 'ç', '5': 'ɫ',
};

/** Common to every language: stress, length, syllable marks, plain consonants. */
const COMMON: Record<string, string> = {
  'ˈ': "'", 'ˌ': ',', '.': '', 'ː': ':', ':': ':', ' ': ' ', 'ɡ': 'g', 'tʃ': 'tS', 'dʒ': 'dZ', 'ʃ': 'S', 'ʒ': 'Z', 'ŋ': 'N', 'ʔ': '?',
  p: 'p', b: 'b', t: 't', d: 'd', k: 'k', g: 'g', f: 'f', v: 'v', s: 's', z: 'z', h: 'h', m: 'm', n: 'n', l: 'l', j: 'j', w: 'w', x: 'x',
};

const TABLES: Record<string, Record<string, string>> = {
  en: {
    ...COMMON,
    'eɪ': 'eI', 'aɪ': 'aI', 'aʊ': 'aU', 'oʊ': 'oU', 'əʊ': 'oU', 'ɔɪ': 'OI', 'ɪə': 'i@', 'eə': 'e@', 'ʊə': 'U@',
    'ɑː': 'A:', 'ɔː': 'O:', 'ɜː': '3:', 'iː': 'i:', 'uː': 'u:', 'i:': 'i:', 'u:': 'u:',
    'ɝ': '3:', 'ɚ': '3', 'ə': '@', 'æ': 'a', 'ɑ': 'A:', 'ɒ': '0', 'ʌ': 'V', 'ɛ': 'E', e: 'E', 'ɪ': 'I', i: 'i:', 'ʊ': 'U', u: 'u:',
    'ɔ': 'O:', o: 'oU', a: 'a', 'ɜ': '3:', 'θ': 'T', 'Θ': 'T', 'ð': 'D', 'ɹ': 'r', r: 'r', 'ɫ': 'l', 'ʍ': 'w', 'ɾ': 't',
  },
  es: {
    ...COMMON,
    a: 'a', e: 'e', i: 'i', o: 'o', u: 'u', 'β': 'B', 'ð': 'D', 'ɣ': 'Q', 'θ': 'T', 'ʝ': 'j', 'ɲ': 'n^', 'ʎ': 'L', 'ɾ': 'r', r: 'R',
  },
  fr: {
    ...COMMON,
    'ɛ̃': 'E~', 'ɑ̃': 'A~', 'ɔ̃': 'O~', 'œ̃': 'W~',
    a: 'a', 'ɑ': 'a', e: 'e', 'ɛ': 'E', 'ə': '@', i: 'i', o: 'o', 'ɔ': 'O', u: 'u', y: 'y', 'ø': 'Y', 'œ': 'W',
    'ʁ': 'r', 'ʀ': 'r', r: 'r', 'ɲ': 'n^', 'ɥ': 'y',
  },
};

/** The mnemonic table for a Lex locale id or language code (`fr_CA`, `en-US`). */
function tableFor(locale: string): Record<string, string> | undefined {
  return TABLES[locale.slice(0, 2).toLowerCase()];
}

/** Splits by longest match against `table`'s keys; undefined when a symbol has no entry. */
function translate(input: string, table: Record<string, string>): string | undefined {
  const keys = Object.keys(table).sort((a, b) => b.length - a.length);
  let out = '';
  for (let i = 0; i < input.length; ) {
    const key = keys.find((k) => input.startsWith(k, i));
    if (key === undefined) return undefined;
    out += table[key];
    i += key.length;
  }
  return out;
}

/** X-SAMPA → IPA (symbols outside {@link XSAMPA_TO_IPA} pass through as the same letter). */
export function xsampaToIpa(ph: string): string {
  const keys = Object.keys(XSAMPA_TO_IPA).sort((a, b) => b.length - a.length);
  let out = '';
  for (let i = 0; i < ph.length; ) {
    const key = keys.find((k) => ph.startsWith(k, i));
    out += key ? XSAMPA_TO_IPA[key] : ph[i];
    i += key ? key.length : 1;
  }
  return out;
}

/** X-SAMPA → IPA with the language's Polly phoneme table (the lint's converter), else {@link xsampaToIpa}. */
function xsampaFor(ph: string, locale: string): string {
  try {
    return convertPhonemes(ph, 'x-sampa', 'ipa', localeToLanguage(locale.replace('-', '_')));
  } catch {
    return xsampaToIpa(ph);
  }
}

/**
 * eSpeak NG phoneme input for a Polly `ph` value, e.g. `("ˈseɪbə", "ipa", "en_US")` → `[[s'eIb@ ]]`.
 * The space before `]]` keeps eSpeak from reading punctuation after it as a word ("dot").
 * @returns undefined when the language has no table or a symbol is not in it.
 */
export function phonemeToEspeak(ph: string, alphabet: string, locale: string): string | undefined {
  const table = tableFor(locale);
  if (!table) return undefined;
  const ipa = (alphabet === 'x-sampa' ? xsampaFor(ph, locale) : ph).normalize('NFC').trim();
  if (!ipa) return undefined;
  let mnemonics = translate(ipa, table) ?? translate(ipa.normalize('NFD'), table);
  if (mnemonics === undefined) return undefined;
  // eSpeak wants every word stressed explicitly; a word without a stress mark gets one on its start.
  mnemonics = mnemonics
    .split(' ')
    .filter(Boolean)
    .map((w) => (/['",]/.test(w) ? w : `'${w}`))
    .join(' ');
  return `[[${mnemonics} ]]`;
}
