/**
 * What `bots translate` needs to know about each Lex V2 locale: the Amazon Translate language code,
 * the Amazon Polly language code and the default voice the new locale gets.
 *
 * Sources (checked 2026-11):
 * - Lex V2 locales: https://docs.aws.amazon.com/lexv2/latest/dg/how-languages.html
 * - Translate language codes: https://docs.aws.amazon.com/translate/latest/dg/what-is-languages.html
 * - Translate formality targets: https://docs.aws.amazon.com/translate/latest/dg/customizing-translations-formality.html
 * - Polly voices and engines: https://docs.aws.amazon.com/polly/latest/dg/available-voices.html
 *   (a neural voice where the language has one; Welsh and Icelandic have standard voices only).
 * @module
 */

/** Polly engine of a default voice. */
export type VoiceEngine = 'standard' | 'neural';

/** The Translate and Polly settings of one Lex locale. */
export interface LocaleLanguage {
  /** Lex locale id, e.g. `de_DE`. */
  localeId: string;
  /** Amazon Translate language code, e.g. `de`, `fr-CA`, `es-MX`. */
  translate: string;
  /** Amazon Polly language code, e.g. `de-DE` (`no_NO` is `nb-NO`, `zh_CN` is `cmn-CN`). */
  polly: string;
  /** Default voice: a neural voice of the language where Polly has one. */
  voice: { id: string; engine: VoiceEngine };
  /** Why the mapping is approximate, when it is (shown in the command's output). */
  caveat?: string;
}

const N: VoiceEngine = 'neural';
const S: VoiceEngine = 'standard';

const ROWS: [string, string, string, string, VoiceEngine, string?][] = [
  ['ar_AE', 'ar', 'ar-AE', 'Hala', N],
  ['ca_ES', 'ca', 'ca-ES', 'Arlet', N],
  ['cy_GB', 'cy', 'cy-GB', 'Gwyneth', S, 'Polly has no neural Welsh voice'],
  ['da_DK', 'da', 'da-DK', 'Sofie', N],
  ['de_AT', 'de', 'de-AT', 'Hannah', N, 'Amazon Translate has one German; review Austrian usage'],
  ['de_DE', 'de', 'de-DE', 'Vicki', N],
  ['en_AU', 'en', 'en-AU', 'Olivia', N],
  ['en_GB', 'en', 'en-GB', 'Amy', N],
  ['en_IE', 'en', 'en-IE', 'Niamh', N],
  ['en_IN', 'en', 'en-IN', 'Kajal', N],
  ['en_NZ', 'en', 'en-NZ', 'Aria', N],
  ['en_US', 'en', 'en-US', 'Danielle', N],
  ['en_ZA', 'en', 'en-ZA', 'Ayanda', N],
  ['es_419', 'es-MX', 'es-MX', 'Mia', N, 'Latin American Spanish is drafted as Mexican Spanish (es-MX)'],
  ['es_ES', 'es', 'es-ES', 'Lucia', N],
  ['es_US', 'es-MX', 'es-US', 'Lupe', N, 'US Spanish is drafted as Mexican Spanish (es-MX)'],
  ['fi_FI', 'fi', 'fi-FI', 'Suvi', N],
  ['fr_CA', 'fr-CA', 'fr-CA', 'Gabrielle', N],
  ['fr_FR', 'fr', 'fr-FR', 'Lea', N],
  ['hi_IN', 'hi', 'hi-IN', 'Kajal', N],
  ['is_IS', 'is', 'is-IS', 'Dora', S, 'Polly has no neural Icelandic voice'],
  ['it_IT', 'it', 'it-IT', 'Bianca', N],
  ['ja_JP', 'ja', 'ja-JP', 'Takumi', N],
  ['ko_KR', 'ko', 'ko-KR', 'Seoyeon', N],
  ['nl_NL', 'nl', 'nl-NL', 'Laura', N],
  ['no_NO', 'no', 'nb-NO', 'Ida', N],
  ['pl_PL', 'pl', 'pl-PL', 'Ola', N],
  ['pt_BR', 'pt', 'pt-BR', 'Camila', N],
  ['pt_PT', 'pt-PT', 'pt-PT', 'Ines', N],
  ['sv_SE', 'sv', 'sv-SE', 'Elin', N],
  ['tr_TR', 'tr', 'tr-TR', 'Burcu', N],
  ['zh_CN', 'zh', 'cmn-CN', 'Zhiyu', N],
  ['yue_HK', 'zh-TW', 'yue-CN', 'Hiujin', N, 'Amazon Translate has no Cantonese: drafted as Traditional Chinese (zh-TW), review carefully'],
];

const BY_LOCALE = new Map<string, LocaleLanguage>(
  ROWS.map(([localeId, translate, polly, id, engine, caveat]) => [localeId, { localeId, translate, polly, voice: { id, engine }, ...(caveat ? { caveat } : {}) }]),
);

/**
 * Target languages for which Amazon Translate honours `Settings.Formality`; for others the setting
 * is ignored, so `bots translate` does not send it and says so.
 * @see https://docs.aws.amazon.com/translate/latest/dg/customizing-translations-formality.html
 */
export const FORMALITY_LANGUAGES: ReadonlySet<string> = new Set(['nl', 'fr', 'fr-CA', 'de', 'hi', 'it', 'ja', 'ko', 'pt-PT', 'es', 'es-MX']);

/** The languages of Lex locale `localeId`, or undefined for a locale this table does not know. */
export function localeLanguage(localeId: string): LocaleLanguage | undefined {
  return BY_LOCALE.get(localeId);
}

/** Every Lex locale id the table knows, sorted. */
export function knownLocales(): string[] {
  return [...BY_LOCALE.keys()].sort();
}
