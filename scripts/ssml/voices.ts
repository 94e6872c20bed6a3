/**
 * Amazon Polly voices, engines and languages the lint knows about.
 *
 * Voices: the DescribeVoices snapshot of 2025-09-21 for the languages with phoneme tables (en-US,
 * en-GB, es-US, es-ES, es-MX, fr-FR, fr-CA, de-DE), plus Brian's generative engine (2026-03-19).
 * A voice not listed here is not an error: the lint then skips the checks that need the voice.
 * @see https://docs.aws.amazon.com/polly/latest/dg/available-voices.html
 * @see https://docs.aws.amazon.com/polly/latest/dg/supported-languages.html
 * @module
 */

/** Polly engines. @see https://docs.aws.amazon.com/polly/latest/dg/voice-engines-polly.html */
export type PollyEngine = 'standard' | 'neural' | 'long-form' | 'generative';

/** Every engine, in Polly's order. */
export const POLLY_ENGINES: readonly PollyEngine[] = ['standard', 'neural', 'long-form', 'generative'];

/** What the lint knows about one voice. */
export interface VoiceInfo {
  /** Voice id as the API spells it (ASCII), e.g. `Lupe`. */
  id: string;
  /** Polly language code, e.g. `es-US`. */
  languageCode: string;
  /** Engines the voice supports. */
  engines: readonly PollyEngine[];
  /** Supports `<amazon:domain name="news">` (neural only). @see https://docs.aws.amazon.com/polly/latest/dg/newscaster-tag.html */
  newscaster?: boolean;
}

const S = 'standard', N = 'neural', L = 'long-form', G = 'generative';
const RAW: [string, string, PollyEngine[], boolean?][] = [
  ['Danielle', 'en-US', [N, L, G]], ['Gregory', 'en-US', [N, L]], ['Ivy', 'en-US', [S, N]], ['Joanna', 'en-US', [S, N, G], true],
  ['Joey', 'en-US', [S, N]], ['Justin', 'en-US', [S, N]], ['Kendra', 'en-US', [S, N]], ['Kevin', 'en-US', [N]],
  ['Kimberly', 'en-US', [S, N]], ['Matthew', 'en-US', [S, N, G], true], ['Patrick', 'en-US', [L]], ['Ruth', 'en-US', [N, L, G]],
  ['Salli', 'en-US', [S, N, G]], ['Stephen', 'en-US', [N, G]],
  ['Amy', 'en-GB', [S, N, G], true], ['Emma', 'en-GB', [S, N]], ['Brian', 'en-GB', [S, N, G]], ['Arthur', 'en-GB', [N]],
  ['Lupe', 'es-US', [S, N, G], true], ['Penelope', 'es-US', [S]], ['Miguel', 'es-US', [S]], ['Pedro', 'es-US', [N, G]],
  ['Lucia', 'es-ES', [S, N, G]], ['Conchita', 'es-ES', [S]], ['Enrique', 'es-ES', [S]], ['Sergio', 'es-ES', [N, G]],
  ['Alba', 'es-ES', [L]], ['Raul', 'es-ES', [L]],
  ['Mia', 'es-MX', [S, N, G]], ['Andres', 'es-MX', [N, G]],
  ['Celine', 'fr-FR', [S, G]], ['Lea', 'fr-FR', [S, N, G]], ['Mathieu', 'fr-FR', [S]], ['Remi', 'fr-FR', [N, G]],
  ['Chantal', 'fr-CA', [S]], ['Gabrielle', 'fr-CA', [N, G]], ['Liam', 'fr-CA', [N, G]],
  ['Vicki', 'de-DE', [S, N, G]], ['Marlene', 'de-DE', [S]], ['Hans', 'de-DE', [S]], ['Daniel', 'de-DE', [N, G]],
];

const VOICES = new Map<string, VoiceInfo>(RAW.map(([id, languageCode, engines, news]) => [id.toLowerCase(), { id, languageCode, engines, ...(news ? { newscaster: true } : {}) }]));

/**
 * What the lint knows about voice `voiceId` (case-insensitive), or undefined for a voice it does not know.
 * @example voiceInfo('Lupe') // { id: 'Lupe', languageCode: 'es-US', engines: ['standard','neural','generative'], newscaster: true }
 */
export function voiceInfo(voiceId: string): VoiceInfo | undefined {
  return VOICES.get(voiceId.toLowerCase());
}

/** Every voice the lint knows. */
export function knownVoices(): VoiceInfo[] {
  return [...VOICES.values()];
}

/**
 * Polly language codes (`xml:lang` of `<lang>` and of lexicons): the 2021 developer guide list, the
 * botocore `LanguageCode` enum additions and en-SG.
 * @see https://docs.aws.amazon.com/polly/latest/dg/supported-languages.html
 */
export const POLLY_LANGUAGES: ReadonlySet<string> = new Set(
  ('arb cmn-CN cy-GB da-DK de-DE en-AU en-GB en-GB-WLS en-IN en-US es-ES es-MX es-US fr-CA fr-FR is-IS it-IT ja-JP hi-IN ko-KR ' +
    'nb-NO nl-NL pl-PL pt-BR pt-PT ro-RO ru-RU sv-SE tr-TR en-NZ en-ZA ca-ES de-AT yue-CN ar-AE fi-FI en-IE nl-BE fr-BE cs-CZ de-CH en-SG').split(' '),
);

/** Languages in which `<say-as interpret-as="telephone">` works. @see https://docs.aws.amazon.com/polly/latest/dg/say-as-tag.html */
export const TELEPHONE_LANGUAGES: ReadonlySet<string> = new Set(
  'en-AU en-GB en-IN en-US en-GB-WLS es-ES es-MX es-US fr-FR fr-CA pt-BR pt-PT de-DE it-IT ja-JP ru-RU'.split(' '),
);

/** The Polly language of a Lex locale id: `en_US` → `en-US` (Lex `no_NO` → Polly `nb-NO`, `zh_CN` → `cmn-CN`, `yue_HK` → `yue-CN`, `ar_AE` → `ar-AE`). */
export function localeToLanguage(localeId: string): string {
  const special: Record<string, string> = { no_NO: 'nb-NO', zh_CN: 'cmn-CN', yue_HK: 'yue-CN', es_419: 'es-MX' };
  return special[localeId] ?? localeId.replace('_', '-');
}

/**
 * Checks a locale's voice setting: the voice supports the engine, and speaks the locale's language.
 * @returns a message and fix, or undefined when fine or the voice is unknown.
 * @see https://docs.aws.amazon.com/polly/latest/dg/available-voices.html
 */
export function checkVoice(voiceId: string, engine: PollyEngine, languageCode?: string): { message: string; hint: string } | undefined {
  const v = voiceInfo(voiceId);
  if (!v) return undefined;
  if (!v.engines.includes(engine)) {
    return { message: `Voice ${v.id} does not support the ${engine} engine (it supports ${v.engines.join(', ')}).`, hint: `Set engine to one of ${v.engines.join(', ')}, or pick a ${engine} voice.` };
  }
  if (languageCode && v.languageCode !== languageCode) {
    const alternatives = knownVoices().filter((x) => x.languageCode === languageCode && x.engines.includes(engine)).map((x) => x.id);
    return {
      message: `Voice ${v.id} speaks ${v.languageCode}, not ${languageCode}.`,
      hint: alternatives.length ? `Use a ${languageCode} voice such as ${alternatives.join(', ')}.` : `Use a ${languageCode} voice.`,
    };
  }
  return undefined;
}
