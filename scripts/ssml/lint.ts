/**
 * SSML lint against Amazon Polly's rules: well-formedness, the single `<speak>` root, escaping, the
 * tags and attributes each engine accepts, the tags Amazon Connect ignores, attribute values,
 * phonemes against the voice language's phoneme table, and the request size limits.
 *
 * One pass over the text ({@link scanXml}); positions are computed only for findings.
 * Rule ids, severities and sources: {@link SSML_RULES} (docs/rules.md).
 * @see https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html
 * @module
 */
import { LEX_SSML_MESSAGE_MAX, POLLY_LIMITS, positioned, reportPhonemeProblems, type SsmlFinding } from './findings.js';
import { phonemeTable, type PhonemeTable, type PhoneticAlphabet } from './phonemes.js';
import { SSML_RULE_BY_ID, type SsmlRuleId } from './rules.js';
import { POLLY_LANGUAGES, TELEPHONE_LANGUAGES, voiceInfo, type PollyEngine } from './voices.js';
import { scanXml, type XmlAttribute } from './xml-scan.js';

export type { PollyEngine } from './voices.js';
export { voiceInfo, checkVoice, POLLY_ENGINES, POLLY_LANGUAGES, localeToLanguage, type VoiceInfo } from './voices.js';
export { SSML_RULES, type SsmlRuleMeta, type SsmlRuleId } from './rules.js';
export { lintLexicon, type LexiconLintOptions, type LexiconSummary } from './lexicon.js';
export { LEX_SSML_MESSAGE_MAX, POLLY_LIMITS, type SsmlFinding } from './findings.js';
export { convertPhonemes, phonemeTable, phonemeLanguages, checkPhonemes, type PhoneticAlphabet } from './phonemes.js';

/** Options of {@link lintSsml}. */
export interface SsmlLintOptions {
  /** Polly voice id, e.g. `Danielle`. Unknown voices are accepted: the checks that need them are skipped. */
  voice?: string;
  /** Polly engine; without it, engine-specific rules are skipped. */
  engine?: PollyEngine;
  /** Polly language code, e.g. `en-US`; defaults to the voice's language. Chooses the phoneme table (also inside `<lang>`: a voice speaks its own phonemes). */
  languageCode?: string;
  /** Who plays the prompt: a Lex prompt through Connect (default: Connect's ignored tags and Lex's 1,000-character limit apply), or Polly directly. */
  playedBy?: 'connect' | 'polly';
}

const NEVER_SUPPORTED: Record<string, string> = {
  audio: 'Polly does not play audio files: play them with a Connect "Play prompt" block (audio prompt) instead.',
  lexicon: 'Polly applies lexicons per request (LexiconNames), not from SSML: put the pronunciation in ssml/lexicons/*.pls or use <phoneme>.',
  lookup: 'Polly does not support <lookup>: use <phoneme> or a lexicon in the request.',
  voice: 'One Polly request has one voice: set the voice on the bot locale (voice: {id, engine}).',
};

interface TagSpec {
  attributes: readonly string[];
  required?: readonly string[];
  empty?: boolean;
}

const TAGS: Record<string, TagSpec> = {
  speak: { attributes: ['xml:lang', 'version', 'xmlns', 'xmlns:amazon', 'xmlns:xsi', 'xsi:schemaLocation'] },
  break: { attributes: ['time', 'strength'], empty: true },
  emphasis: { attributes: ['level'] },
  lang: { attributes: ['xml:lang', 'onlangfailure'], required: ['xml:lang'] },
  mark: { attributes: ['name'], required: ['name'], empty: true },
  p: { attributes: [] },
  s: { attributes: [] },
  phoneme: { attributes: ['alphabet', 'ph'], required: ['alphabet', 'ph'] },
  prosody: { attributes: ['volume', 'rate', 'pitch', 'amazon:max-duration'] },
  'say-as': { attributes: ['interpret-as', 'format', 'detail'], required: ['interpret-as'] },
  sub: { attributes: ['alias'], required: ['alias'] },
  w: { attributes: ['role'], required: ['role'] },
  'amazon:auto-breaths': { attributes: ['volume', 'frequency', 'duration'] },
  'amazon:breath': { attributes: ['duration', 'volume'], empty: true },
  'amazon:domain': { attributes: ['name'], required: ['name'] },
  'amazon:effect': { attributes: ['name', 'phonation', 'vocal-tract-length'] },
};

const BREAK_STRENGTHS = ['none', 'x-weak', 'weak', 'medium', 'strong', 'x-strong'];
const VOLUMES = ['default', 'silent', 'x-soft', 'soft', 'medium', 'loud', 'x-loud'];
const RATES = ['x-slow', 'slow', 'medium', 'fast', 'x-fast'];
const PITCHES = ['default', 'x-low', 'low', 'medium', 'high', 'x-high'];
const INTERPRET_AS = ['characters', 'spell-out', 'cardinal', 'number', 'ordinal', 'digits', 'fraction', 'unit', 'date', 'time', 'address', 'expletive', 'telephone'];
const DATE_FORMATS = ['mdy', 'dmy', 'ymd', 'md', 'dm', 'ym', 'my', 'd', 'm', 'y', 'yyyymmdd'];
const W_ROLES = ['amazon:VB', 'amazon:VBD', 'amazon:DT', 'amazon:IN', 'amazon:JJ', 'amazon:NN', 'amazon:DEFAULT', 'amazon:SENSE_1'];
const BREATH_DURATIONS = ['default', 'x-short', 'short', 'medium', 'long', 'x-long'];
const BREATH_VOLUMES = ['default', 'x-soft', 'soft', 'medium', 'loud', 'x-loud'];
const BREATH_FREQUENCIES = ['default', 'x-low', 'low', 'medium', 'high', 'x-high'];
const EMPHASIS_LEVELS = ['strong', 'moderate', 'reduced'];
const ALPHABETS: Record<string, readonly string[] | undefined> = { ipa: undefined, 'x-sampa': undefined, 'x-amazon-pinyin': ['cmn-CN'], 'x-amazon-yomigana': ['ja-JP'], 'x-amazon-pron-kana': ['ja-JP'] };

const TIME_RE = /^(\d+(?:\.\d+)?)(s|ms)$/;
const DB_RE = /^[+-]\d+(?:\.\d+)?dB$/;
const PERCENT_RE = /^(\d+(?:\.\d+)?)%$/;
const SIGNED_PERCENT_RE = /^([+-])(\d+(?:\.\d+)?)%$/;
const NEWS_VOICES = 'Matthew, Joanna (en-US), Lupe (es-US) or Amy (en-GB)';

const list = (xs: readonly string[]) => xs.join(', ');

/** What a lint pass accumulates. */
interface Ctx {
  text: string;
  findings: SsmlFinding[];
  options: SsmlLintOptions;
  engine?: PollyEngine;
  voiceId?: string;
  language?: string;
  table?: PhonemeTable;
  connect: boolean;
}

function report(ctx: Ctx, ruleId: SsmlRuleId, offset: number, message: string, hint?: string, severity?: 'error' | 'warning'): void {
  const meta = SSML_RULE_BY_ID.get(ruleId)!;
  ctx.findings.push({ ruleId, severity: severity ?? meta.severity, message, hint, line: 0, column: 0, offset, source: meta.source });
}

/** `on the neural engine (voice Danielle)` */
const engineWords = (ctx: Ctx) => `on the ${ctx.engine} engine${ctx.voiceId ? ` (voice ${ctx.voiceId})` : ''}`;

/**
 * Lints one SSML document.
 *
 * @param text - the SSML, e.g. the content of `ssml/en_US/greeting.ssml`.
 * @param options - voice, engine and language the prompt is spoken with, and who plays it.
 * @returns the findings, ordered by position (empty when the prompt is clean). Never throws.
 * @example
 * lintSsml('<speak><emphasis>Hi</emphasis></speak>', { voice: 'Danielle', engine: 'neural' })
 * // [{ ruleId: 'ssml/engine-support', severity: 'error', line: 1, column: 8, ... }]
 */
export function lintSsml(text: string, options: SsmlLintOptions = {}): SsmlFinding[] {
  const voice = options.voice ? voiceInfo(options.voice) : undefined;
  const language = options.languageCode ?? voice?.languageCode;
  const ctx: Ctx = {
    text,
    findings: [],
    options,
    engine: options.engine,
    voiceId: voice?.id ?? options.voice,
    language,
    table: language ? phonemeTable(language) : undefined,
    connect: (options.playedBy ?? 'connect') === 'connect',
  };
  // Elements open around the current position: their name, and for <say-as> the text collected.
  const stack: { name: string; start: number; empty: boolean; sayAs?: { interpretAs: string; format?: string; formatAt: number; text: string } }[] = [];
  let billed = 0;

  scanXml(text, {
    open(name, attributes, start, selfClosing, depth) {
      const parent = stack[stack.length - 1];
      if (parent?.empty) report(ctx, 'ssml/structure', start, `<${parent.name}> is an empty tag and cannot contain <${name}>.`, `Write <${parent.name} .../> and put <${name}> after it.`);
      if (depth === 0 && name !== 'speak') report(ctx, 'ssml/speak-root', start, `The root element is <${name}>; an SSML prompt's root must be <speak>.`, 'Wrap the prompt in <speak>...</speak>.');
      if (depth > 0 && name === 'speak') report(ctx, 'ssml/structure', start, '<speak> is nested inside another element; it can only be the root.', 'Remove the inner <speak> tags.');
      const entry: (typeof stack)[number] = { name, start, empty: Boolean(TAGS[name]?.empty) };
      checkTag(ctx, name, attributes, start, entry);
      if (!selfClosing) stack.push(entry);
    },
    close() {
      const entry = stack.pop();
      if (entry?.sayAs) checkSayAsContent(ctx, entry.sayAs, entry.start);
    },
    text(t, start) {
      billed += t.length;
      const top = stack[stack.length - 1];
      if (!top) return;
      if (top.empty && t.trim() !== '') report(ctx, 'ssml/structure', start, `<${top.name}> is an empty tag and cannot contain text.`, `Write <${top.name} .../> and put the text after it.`);
      for (let k = stack.length - 1; k >= 0; k--) {
        const sayAs = stack[k]!.sayAs;
        if (sayAs) {
          sayAs.text += t;
          break;
        }
      }
    },
    error(kind, offset, message, hint, severity) {
      const rule = kind === 'well-formed' ? 'ssml/well-formed' : kind === 'escape' ? 'ssml/escape' : 'ssml/speak-root';
      report(ctx, rule, offset, kind === 'well-formed' ? `SSML is not well-formed: ${message}` : message, hint, severity);
    },
  });

  if (billed > POLLY_LIMITS.billedCharacters) {
    report(ctx, 'ssml/billed-characters', 0, `The prompt has ${billed} billed characters (text outside tags); Polly accepts at most ${POLLY_LIMITS.billedCharacters} per request.`, 'Split it into several prompts.');
  }
  if (text.length > POLLY_LIMITS.totalCharacters) {
    report(ctx, 'ssml/total-characters', 0, `The prompt has ${text.length} characters; Polly accepts at most ${POLLY_LIMITS.totalCharacters} per request, tags included.`, 'Split it into several prompts.');
  }
  // Export sends the trimmed file as the message value.
  const lexLength = ctx.connect && text.length > LEX_SSML_MESSAGE_MAX ? text.trim().length : 0;
  if (lexLength > LEX_SSML_MESSAGE_MAX) {
    report(ctx, 'ssml/lex-message-length', 0, `The prompt has ${lexLength} characters; a Lex V2 SSML message holds at most ${LEX_SSML_MESSAGE_MAX}.`, 'Shorten it, or split it across message groups.');
  }
  return positioned(text, ctx.findings);
}

function attr(attributes: XmlAttribute[], name: string): XmlAttribute | undefined {
  for (const a of attributes) if (a.name === name) return a;
  return undefined;
}

/** Engine support: `none` refuses, `partial` warns. From ../shared/reference/polly-ssml-tag-support.json. */
function engineRefuses(ctx: Ctx, what: string, start: number, onlyStandard: boolean, hint: string): boolean {
  if (!ctx.engine || ctx.engine === 'standard' || !onlyStandard) return false;
  report(ctx, 'ssml/engine-support', start, `${what} is not available ${engineWords(ctx)}: only standard voices support it, and Polly answers InvalidSsmlException.`, hint);
  return true;
}

function connectIgnores(ctx: Ctx, what: string, start: number, hint: string): void {
  if (ctx.connect) report(ctx, 'ssml/connect-ignored', start, `Amazon Connect ignores ${what} in the prompts it plays.`, hint);
}

function checkTag(ctx: Ctx, name: string, attributes: XmlAttribute[], start: number, entry: { sayAs?: { interpretAs: string; format?: string; formatAt: number; text: string } }): void {
  const spec = TAGS[name];
  if (!spec) {
    const never = NEVER_SUPPORTED[name];
    if (never) report(ctx, 'ssml/unsupported-tag', start, `<${name}> is not supported by Amazon Polly.`, never);
    else report(ctx, 'ssml/unsupported-tag', start, `<${name}> is not an Amazon Polly SSML tag.`, `Polly's tags: ${list(Object.keys(TAGS))}.`);
    return;
  }
  for (const a of attributes) {
    if (!spec.attributes.includes(a.name) && !(name === 'speak' && a.name.startsWith('xmlns'))) {
      report(ctx, 'ssml/attributes', a.start, `<${name}> has no attribute ${a.name}.`, spec.attributes.length ? `Its attributes: ${list(spec.attributes)}.` : `<${name}> takes no attributes.`);
    }
  }
  for (const r of spec.required ?? []) {
    if (!attr(attributes, r)) report(ctx, 'ssml/attributes', start, `<${name}> needs the attribute ${r}.`, `Add ${r}="...".`);
  }
  const get = (k: string) => attr(attributes, k);
  switch (name) {
    case 'break': {
      const time = get('time');
      if (time) {
        const m = TIME_RE.exec(time.value.trim());
        if (!m) report(ctx, 'ssml/break', time.valueStart, `break time "${time.value}" is not a number of seconds or milliseconds.`, 'Write time="500ms" or time="1.5s".');
        else if (Number(m[1]) * (m[2] === 's' ? 1000 : 1) > POLLY_LIMITS.breakMs) {
          report(ctx, 'ssml/break', time.valueStart, `break time "${time.value}" is longer than Polly's maximum of 10s (10000ms).`, 'Use at most 10s, or several breaks between sentences.');
        }
      }
      const strength = get('strength');
      if (strength && !BREAK_STRENGTHS.includes(strength.value)) {
        report(ctx, 'ssml/break', strength.valueStart, `break strength "${strength.value}" is not a Polly strength.`, `Use one of ${list(BREAK_STRENGTHS)}.`);
      }
      return;
    }
    case 'emphasis': {
      const level = get('level');
      if (level && !EMPHASIS_LEVELS.includes(level.value.toLowerCase())) report(ctx, 'ssml/attribute-value', level.valueStart, `emphasis level "${level.value}" is not valid.`, `Use ${list(EMPHASIS_LEVELS)}.`);
      if (!engineRefuses(ctx, '<emphasis>', start, true, 'Remove <emphasis>; on neural voices use <prosody volume="loud"> or rephrase.')) {
        connectIgnores(ctx, '<emphasis>', start, 'Remove <emphasis>, or use <prosody volume> which Connect supports.');
      }
      return;
    }
    case 'lang': {
      const lang = get('xml:lang');
      if (lang && !POLLY_LANGUAGES.has(lang.value)) {
        const near = [...POLLY_LANGUAGES].filter((l) => l.toLowerCase() === lang.value.toLowerCase().replace('_', '-') || l.startsWith(`${lang.value.slice(0, 2)}-`));
        report(ctx, 'ssml/lang', lang.valueStart, `xml:lang "${lang.value}" is not a Polly language code.`, near.length ? `Use ${list(near)}.` : 'Use a Polly language code such as en-US, es-US or fr-CA.');
      }
      return;
    }
    case 'mark': {
      const n = get('name');
      if (n && n.value.trim() === '') report(ctx, 'ssml/attribute-value', n.valueStart, 'mark name is empty.', 'Give the mark a name; it comes back in the ssml speech marks.');
      if (ctx.engine === 'generative') report(ctx, 'ssml/engine-support', start, `<mark> does nothing ${engineWords(ctx)}: generative voices return no speech marks.`, 'Remove it, or use a neural voice if you need speech marks.', 'warning');
      return;
    }
    case 'sub': {
      const a = get('alias');
      if (a && a.value.trim() === '') report(ctx, 'ssml/attribute-value', a.valueStart, 'sub alias is empty.', 'Write the words to say in alias="...".');
      return;
    }
    case 'w': {
      const role = get('role');
      if (role && !W_ROLES.includes(role.value)) {
        const fixed = W_ROLES.find((r) => r.toLowerCase() === role.value.toLowerCase() || r === `amazon:${role.value}`);
        report(ctx, 'ssml/w-role', role.valueStart, `w role "${role.value}" is not a Polly role.`, fixed ? `Write role="${fixed}".` : `Use one of ${list(W_ROLES)}.`);
      }
      return;
    }
    case 'prosody':
      return checkProsody(ctx, attributes, start);
    case 'say-as': {
      const ia = get('interpret-as');
      const format = get('format');
      if (ia && !INTERPRET_AS.includes(ia.value)) {
        report(ctx, 'ssml/say-as', ia.valueStart, `say-as interpret-as "${ia.value}" is not a Polly value.`, `Use one of ${list(INTERPRET_AS)}.`);
        return;
      }
      if (!ia) return;
      if (format && ia.value !== 'date') report(ctx, 'ssml/say-as', format.start, `format applies only to interpret-as="date", not "${ia.value}".`, 'Remove format.');
      if (format && ia.value === 'date' && !DATE_FORMATS.includes(format.value)) {
        report(ctx, 'ssml/say-as', format.valueStart, `date format "${format.value}" is not a Polly date format.`, `Use one of ${list(DATE_FORMATS)}.`);
      }
      if (ia.value === 'telephone' && ctx.language && !TELEPHONE_LANGUAGES.has(ctx.language)) {
        report(ctx, 'ssml/say-as', ia.valueStart, `interpret-as="telephone" is not available in ${ctx.language}.`, `It works in ${list([...TELEPHONE_LANGUAGES])}; use digits instead.`);
      }
      if ((ia.value === 'characters' || ia.value === 'spell-out') && ctx.engine === 'neural') {
        report(ctx, 'ssml/engine-support', ia.valueStart, `interpret-as="${ia.value}" ${engineWords(ctx)} is spoken by the matching standard voice (billed as neural).`, 'Accept the voice change, or spell the word out with spaces or <sub>.', 'warning');
      }
      if (ia.value === 'date') entry.sayAs = { interpretAs: 'date', format: format && DATE_FORMATS.includes(format.value) ? format.value : format ? '?' : undefined, formatAt: format?.valueStart ?? start, text: '' };
      return;
    }
    case 'phoneme':
      return checkPhoneme(ctx, get('alphabet'), get('ph'), start);
    case 'amazon:breath':
    case 'amazon:auto-breaths': {
      for (const a of attributes) {
        const allowed = a.name === 'duration' ? BREATH_DURATIONS : a.name === 'volume' ? BREATH_VOLUMES : a.name === 'frequency' ? BREATH_FREQUENCIES : undefined;
        if (allowed && !allowed.includes(a.value)) report(ctx, 'ssml/attribute-value', a.valueStart, `<${name}> ${a.name} "${a.value}" is not valid.`, `Use one of ${list(allowed)}.`);
      }
      if (!engineRefuses(ctx, `<${name}>`, start, true, 'Remove the breath tags; neural voices breathe naturally.')) connectIgnores(ctx, `<${name}>`, start, 'Remove it.');
      return;
    }
    case 'amazon:domain': {
      const n = get('name');
      if (!n) return;
      if (n.value !== 'news') {
        report(ctx, 'ssml/attribute-value', n.valueStart, `amazon:domain name "${n.value}" is not a Polly speaking style.`, n.value === 'conversational' ? 'The conversational style is the default of Matthew and Joanna neural since 2021: remove the tag.' : 'The only documented value is name="news".');
        return;
      }
      const voice = ctx.voiceId ? voiceInfo(ctx.voiceId) : undefined;
      if (ctx.engine && ctx.engine !== 'neural') report(ctx, 'ssml/domain-news', start, `The newscaster style is available only on the neural engine, not ${ctx.engine}.`, `Use a neural ${NEWS_VOICES} voice, or remove the tag.`);
      else if (voice && !voice.newscaster) report(ctx, 'ssml/domain-news', start, `Voice ${voice.id} has no newscaster style.`, `Only ${NEWS_VOICES} have it; remove the tag.`);
      else connectIgnores(ctx, '<amazon:domain>', start, 'In Connect, choose the Newscaster style in the "Set voice" block instead.');
      return;
    }
    case 'amazon:effect': {
      if (!attributes.some((a) => spec.attributes.includes(a.name))) {
        report(ctx, 'ssml/attributes', start, '<amazon:effect> needs name, phonation or vocal-tract-length.', 'For example name="whispered" or name="drc".');
        return;
      }
      const n = get('name');
      const phonation = get('phonation');
      const vtl = get('vocal-tract-length');
      if (n) {
        if (n.value === 'whispered') {
          engineRefuses(ctx, 'Whispering (<amazon:effect name="whispered">)', start, true, 'Remove the effect; neural voices cannot whisper.');
        } else if (n.value === 'drc') {
          if (ctx.engine === 'generative') report(ctx, 'ssml/engine-support', start, `Dynamic range compression (name="drc") is not available ${engineWords(ctx)}.`, 'Remove the effect.');
          else connectIgnores(ctx, '<amazon:effect name="drc">', start, 'Remove it.');
        } else report(ctx, 'ssml/attribute-value', n.valueStart, `amazon:effect name "${n.value}" is not valid.`, 'Use name="whispered" or name="drc".');
      }
      if (phonation) {
        if (phonation.value !== 'soft') report(ctx, 'ssml/attribute-value', phonation.valueStart, `phonation "${phonation.value}" is not valid.`, 'The only value is phonation="soft".');
        else if (!engineRefuses(ctx, 'Soft phonation (<amazon:effect phonation="soft">)', start, true, 'Remove the effect.')) connectIgnores(ctx, '<amazon:effect phonation>', start, 'Remove it.');
      }
      if (vtl) {
        if (!/^[+-]?\d+(\.\d+)?%$/.test(vtl.value)) report(ctx, 'ssml/attribute-value', vtl.valueStart, `vocal-tract-length "${vtl.value}" is not a percentage.`, 'Write e.g. "+10%" or "90%".');
        else if (!engineRefuses(ctx, 'Timbre (<amazon:effect vocal-tract-length>)', start, true, 'Remove the effect.')) connectIgnores(ctx, '<amazon:effect vocal-tract-length>', start, 'Remove it.');
      }
      return;
    }
  }
}

function checkProsody(ctx: Ctx, attributes: XmlAttribute[], start: number): void {
  if (!attributes.length) report(ctx, 'ssml/prosody', start, '<prosody> needs at least one of volume, rate, pitch or amazon:max-duration.', 'Add e.g. rate="90%", or remove the tag.');
  for (const a of attributes) {
    const v = a.value.trim();
    if (a.name === 'volume' && !VOLUMES.includes(v) && !DB_RE.test(v)) {
      report(ctx, 'ssml/prosody', a.valueStart, `prosody volume "${a.value}" is not valid.`, `Use ${list(VOLUMES)} or a change in decibels such as "+6dB" or "-3dB".`);
    } else if (a.name === 'rate' && !RATES.includes(v)) {
      const pct = PERCENT_RE.exec(v);
      const signed = SIGNED_PERCENT_RE.exec(v);
      if (pct) {
        if (Number(pct[1]) < 20 || Number(pct[1]) > 200) report(ctx, 'ssml/prosody', a.valueStart, `prosody rate "${a.value}" is outside 20%-200%.`, 'Use a percentage from 20% to 200% (100% is the normal rate).');
      } else if (signed) {
        if (signed[1] === '-' && Number(signed[2]) > 80) report(ctx, 'ssml/prosody', a.valueStart, `prosody rate "${a.value}" is lower than -80%.`, 'Polly supports rates down to -80%; prefer an absolute rate such as 50%.');
      } else report(ctx, 'ssml/prosody', a.valueStart, `prosody rate "${a.value}" is not valid.`, `Use ${list(RATES)} or a percentage such as "90%".`);
    } else if (a.name === 'pitch') {
      if (!PITCHES.includes(v) && !SIGNED_PERCENT_RE.test(v)) report(ctx, 'ssml/prosody', a.valueStart, `prosody pitch "${a.value}" is not valid.`, `Use ${list(PITCHES)} or a relative change such as "+5%" or "-10%".`);
      engineRefuses(ctx, 'prosody pitch', a.start, true, 'Remove pitch; neural, long-form and generative voices accept only volume and rate.');
    } else if (a.name === 'amazon:max-duration') {
      const m = TIME_RE.exec(v);
      if (!m) report(ctx, 'ssml/prosody', a.valueStart, `amazon:max-duration "${a.value}" is not a number of seconds or milliseconds.`, 'Write e.g. "2s" or "2400ms".');
      if (!engineRefuses(ctx, 'prosody amazon:max-duration', a.start, true, 'Remove amazon:max-duration, or shorten the text.')) {
        connectIgnores(ctx, 'prosody amazon:max-duration', a.start, 'Remove it; shorten the text instead.');
      }
    }
  }
}

function checkPhoneme(ctx: Ctx, alphabet: XmlAttribute | undefined, ph: XmlAttribute | undefined, start: number): void {
  if (ctx.engine === 'generative') {
    report(ctx, 'ssml/engine-support', start, `<phoneme> has only partial support ${engineWords(ctx)}.`, 'Listen to the prompt (bots ssml preview) to check the name is said right.', 'warning');
  }
  if (!alphabet) return;
  const a = alphabet.value;
  if (!(a in ALPHABETS)) {
    const lower = a.toLowerCase().replace('_', '-').replace('xsampa', 'x-sampa');
    report(ctx, 'ssml/phoneme-alphabet', alphabet.valueStart, `phoneme alphabet "${a}" is not valid.`, lower in ALPHABETS ? `Write alphabet="${lower}".` : 'Use alphabet="ipa" or alphabet="x-sampa".');
    return;
  }
  const only = ALPHABETS[a];
  if (only && ctx.language && !only.includes(ctx.language)) {
    report(ctx, 'ssml/phoneme-alphabet', alphabet.valueStart, `alphabet "${a}" is only for ${list(only)}, not ${ctx.language}.`, 'Use alphabet="ipa" or alphabet="x-sampa".');
    return;
  }
  if (!ph || only) return;
  if (ctx.table) checkPhonemeString(ctx, ph, a as PhoneticAlphabet, ctx.table);
}

/** Reports the problems of a `ph` attribute at their exact offsets (through entity decoding). */
function checkPhonemeString(ctx: Ctx, ph: XmlAttribute, alphabet: PhoneticAlphabet, table: PhonemeTable): void {
  reportPhonemeProblems(ph.value, alphabet, table, (k) => (ph.offsets ? (ph.offsets[k] ?? ph.valueStart + ph.value.length) : ph.valueStart + k), (ruleId, offset, message, hint) =>
    report(ctx, ruleId, offset, message, hint),
  );
}

/** Checks a `<say-as interpret-as="date">` content against its format. */
function checkSayAsContent(ctx: Ctx, s: { format?: string; formatAt: number; text: string }, start: number): void {
  const content = s.text.trim();
  if (!content || content.includes('{') || s.format === '?') return; // Lex slot references are filled in at run time.
  if (s.format === undefined || s.format === 'yyyymmdd') {
    if (/^[0-9?]{8}$/.test(content)) return;
    if (s.format === undefined) report(ctx, 'ssml/say-as', start, `The date "${content}" has no format.`, 'Add format="mdy" (or dmy, ymd, ...), or write it as yyyymmdd such as 20251231.', 'warning');
    else report(ctx, 'ssml/say-as', s.formatAt, `The date "${content}" does not fit format yyyymmdd.`, 'Write 8 digits (? for unknown ones), e.g. 20251231 or ????1231.');
    return;
  }
  const groups = content.split(/[^0-9]+/).filter(Boolean);
  if (groups.length !== s.format.length) {
    const parts = [...s.format].map((c) => (c === 'd' ? 'day' : c === 'm' ? 'month' : 'year')).join(', ');
    report(ctx, 'ssml/say-as', s.formatAt, `The date "${content}" has ${groups.length} part${groups.length === 1 ? '' : 's'}; format ${s.format} expects ${s.format.length} (${parts}).`, 'Make the format match the date, e.g. format="mdy" for 12/31/2025.');
    return;
  }
  [...s.format].forEach((c, k) => {
    const v = Number(groups[k]);
    if ((c === 'm' && (v < 1 || v > 12)) || (c === 'd' && (v < 1 || v > 31))) {
      report(ctx, 'ssml/say-as', s.formatAt, `The date "${content}" has ${c === 'm' ? 'month' : 'day'} ${groups[k]}, which does not fit format ${s.format}.`, 'Check the order of day, month and year in format.');
    }
  });
}

/** One tag of {@link SSML_VOCABULARY}. */
export interface SsmlTagVocabulary {
  /** Attributes Polly defines for the tag. */
  attributes: readonly string[];
  /** Attributes the tag must have. */
  required: readonly string[];
  /** The tag has no content (`<break/>`). */
  empty: boolean;
  /** Enumerated values per attribute, where the lint knows the list. */
  values: Readonly<Record<string, readonly string[]>>;
}

/**
 * The tags, attributes and enumerated attribute values this lint accepts, for editors that complete
 * SSML (`bots studio`). Which of them a given engine supports is what {@link lintSsml} reports
 * (rule `ssml/engine-support`), so completion and lint never disagree.
 * @see https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html
 */
export const SSML_VOCABULARY: Readonly<Record<string, SsmlTagVocabulary>> = Object.fromEntries(
  Object.entries(TAGS).map(([name, spec]) => {
    const values: Record<string, readonly string[]> = {
      break: { strength: BREAK_STRENGTHS },
      emphasis: { level: EMPHASIS_LEVELS },
      prosody: { volume: VOLUMES, rate: RATES, pitch: PITCHES },
      'say-as': { 'interpret-as': INTERPRET_AS, format: DATE_FORMATS },
      w: { role: W_ROLES },
      phoneme: { alphabet: Object.keys(ALPHABETS) },
      'amazon:breath': { duration: BREATH_DURATIONS, volume: BREATH_VOLUMES },
      'amazon:auto-breaths': { duration: BREATH_DURATIONS, volume: BREATH_VOLUMES, frequency: BREATH_FREQUENCIES },
      'amazon:domain': { name: ['news'] },
      'amazon:effect': { name: ['whispered', 'drc'], phonation: ['soft'] },
      lang: { 'xml:lang': [...POLLY_LANGUAGES].sort(), onlangfailure: ['changevoice', 'ignorelang', 'ignoretext', 'processorchoice'] },
    }[name] ?? {};
    return [name, { attributes: spec.attributes, required: spec.required ?? [], empty: spec.empty ?? false, values }];
  }),
);
