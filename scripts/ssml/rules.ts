/**
 * The catalogue of SSML and lexicon lint rules: id, default severity, what it checks and the Amazon
 * Polly, Amazon Connect or Amazon Lex V2 documentation it comes from. `bots validate` registers
 * these ids (docs/rules.md is generated from them).
 * @module
 */

/** Documentation of one lint rule (same shape as the validate rule metadata). */
export interface SsmlRuleMeta {
  id: string;
  severity: 'error' | 'warning';
  description: string;
  /** The AWS documentation page the rule or limit comes from. */
  source: string;
}

const P = 'https://docs.aws.amazon.com/polly/latest/dg/';

/** Every rule of {@link lintSsml} and {@link lintLexicon}. */
export const SSML_RULES = [
  { id: 'ssml/well-formed', severity: 'error', description: 'An SSML prompt is well-formed XML (tags closed and nested, attributes quoted, no DOCTYPE).', source: `${P}supportedtags.html` },
  { id: 'ssml/speak-root', severity: 'error', description: 'A prompt has exactly one root element, <speak>, and no text outside it.', source: `${P}speak-tag.html` },
  { id: 'ssml/escape', severity: 'error', description: 'Reserved characters in text and attribute values are escaped: & as &amp;, < as &lt; (> as &gt; is a warning).', source: `${P}escapees.html` },
  { id: 'ssml/unsupported-tag', severity: 'error', description: 'Only Polly SSML tags are used; <audio>, <lexicon>, <lookup> and <voice> are never supported.', source: `${P}supportedtags.html` },
  { id: 'ssml/attributes', severity: 'error', description: 'A tag has only the attributes Polly defines for it, and its required ones (e.g. phoneme alphabet and ph).', source: `${P}supportedtags.html` },
  { id: 'ssml/structure', severity: 'error', description: 'Empty tags (<break>, <mark>, <amazon:breath>) have no content and <speak> is not nested.', source: `${P}supportedtags.html` },
  { id: 'ssml/engine-support', severity: 'error', description: "A tag or attribute is available on the voice's engine (e.g. no <emphasis>, whispering or prosody pitch on neural); partial support is a warning.", source: `${P}supportedtags.html` },
  { id: 'ssml/domain-news', severity: 'error', description: '<amazon:domain name="news"> only on the neural engine with Matthew, Joanna, Lupe or Amy.', source: `${P}newscaster-tag.html` },
  { id: 'ssml/connect-ignored', severity: 'warning', description: 'A tag or attribute Amazon Connect ignores in prompts it plays (not in its supported list).', source: 'https://docs.aws.amazon.com/connect/latest/adminguide/supported-ssml-tags.html' },
  { id: 'ssml/break', severity: 'error', description: '<break> time is a number with s or ms and at most 10 s; strength is none, x-weak, weak, medium, strong or x-strong.', source: `${P}break-tag.html` },
  { id: 'ssml/prosody', severity: 'error', description: '<prosody> has an attribute; volume, rate, pitch and amazon:max-duration have valid values and units (rate 20-200%).', source: `${P}prosody-tag.html` },
  { id: 'ssml/say-as', severity: 'error', description: '<say-as> interpret-as is a Polly value; date format is one of mdy, dmy, ymd, md, dm, ym, my, d, m, y, yyyymmdd and fits the date; telephone only in its languages.', source: `${P}say-as-tag.html` },
  { id: 'ssml/w-role', severity: 'error', description: '<w role> is amazon:VB, amazon:VBD, amazon:DT, amazon:IN, amazon:JJ, amazon:NN, amazon:DEFAULT or amazon:SENSE_1.', source: `${P}w-tag.html` },
  { id: 'ssml/lang', severity: 'error', description: '<lang xml:lang> is a Polly language code such as en-US or fr-CA.', source: `${P}supported-languages.html` },
  { id: 'ssml/attribute-value', severity: 'error', description: 'Values of <emphasis level>, <amazon:effect>, <amazon:breath>, <amazon:auto-breaths>, <amazon:domain>, <mark name> and <sub alias> are valid.', source: `${P}supportedtags.html` },
  { id: 'ssml/phoneme-alphabet', severity: 'error', description: '<phoneme alphabet> is ipa or x-sampa (x-amazon-pinyin for Mandarin, x-amazon-yomigana or x-amazon-pron-kana for Japanese).', source: `${P}phoneme-tag.html` },
  { id: 'ssml/phoneme-symbol', severity: 'error', description: "Every symbol of a phoneme (ph, or a lexicon <phoneme>) is in the phoneme table of the voice's language; look-alike characters are refused.", source: `${P}ref-phoneme-tables-shell.html` },
  { id: 'ssml/phoneme-stress', severity: 'error', description: 'A stress mark (IPA ˈ ˌ, X-SAMPA " %) precedes a syllable with a vowel.', source: `${P}ref-phoneme-tables-shell.html` },
  { id: 'ssml/billed-characters', severity: 'error', description: 'A prompt has at most 3,000 billed characters (text outside tags) per Polly request.', source: `${P}limits.html` },
  { id: 'ssml/total-characters', severity: 'error', description: 'A prompt has at most 6,000 characters in total (tags included) per Polly request.', source: `${P}limits.html` },
  { id: 'ssml/lex-message-length', severity: 'error', description: 'An SSML message of a Lex V2 prompt has at most 1,000 characters.', source: 'https://docs.aws.amazon.com/lexv2/latest/APIReference/API_SSMLMessage.html' },
  { id: 'ssml/voice', severity: 'error', description: "A locale's Polly voice supports its engine and speaks the locale's language.", source: `${P}available-voices.html` },
  { id: 'ssml/lexicon-format', severity: 'error', description: 'A lexicon is a W3C PLS 1.0 document: <lexicon version="1.0" xmlns=...> with <lexeme>s of <grapheme> and <phoneme> or <alias>.', source: `${P}managing-lexicons.html` },
  { id: 'ssml/lexicon-alphabet', severity: 'error', description: 'A lexicon alphabet is ipa or x-sampa.', source: `${P}managing-lexicons.html` },
  { id: 'ssml/lexicon-language', severity: 'error', description: 'A lexicon xml:lang is a Polly language (a lexicon applies only to voices of that language).', source: `${P}managing-lexicons.html` },
  { id: 'ssml/lexicon-size', severity: 'error', description: 'A lexicon has at most 4,000 characters and each <phoneme> or <alias> at most 100.', source: `${P}limits.html` },
  { id: 'ssml/lexicon-name', severity: 'error', description: 'A lexicon name (its file name) is 1-20 letters and digits.', source: `${P}limits.html` },
  { id: 'ssml/lexicon-count', severity: 'error', description: 'At most 5 lexicons apply to one language (a request applies at most 5).', source: `${P}limits.html` },
] as const satisfies readonly SsmlRuleMeta[];

/** A lint rule id. */
export type SsmlRuleId = (typeof SSML_RULES)[number]['id'];

/** Rule metadata by id. */
export const SSML_RULE_BY_ID: ReadonlyMap<string, SsmlRuleMeta> = new Map(SSML_RULES.map((r) => [r.id, r]));
