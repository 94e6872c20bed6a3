/**
 * SSML completion for the studio's editor: the tags, attributes and values of
 * {@link SSML_VOCABULARY}, each marked with what the voice's engine does with it. The marks come
 * from running {@link lintSsml} on a one-tag sample, so completion and lint always agree.
 * @see https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html
 * @module
 */
import { lintSsml, phonemeTable, SSML_VOCABULARY, type PollyEngine, type SsmlFinding } from '../ssml/lint.js';

/** How the engine treats a tag or attribute. */
export type Support = 'supported' | 'partial' | 'unsupported';

/** One attribute of a {@link CompletionTag}. */
export interface CompletionAttribute {
  name: string;
  required: boolean;
  /** Enumerated values, when the lint knows the list. */
  values: readonly string[];
  support: Support;
  /** The lint's message when the attribute is not (fully) supported, or Connect ignores it. */
  note?: string;
}

/** One tag to complete. */
export interface CompletionTag {
  name: string;
  empty: boolean;
  support: Support;
  /** Amazon Connect ignores the tag in the prompts it plays. */
  connectIgnored: boolean;
  note?: string;
  attributes: CompletionAttribute[];
  /** What to insert, with `$0` where the cursor goes, e.g. `<break time="$0"/>`. */
  snippet: string;
}

/** A plausible valid value of an attribute, to lint a sample with. */
function sampleValue(tag: string, attr: string, languageCode: string): string {
  const listed = SSML_VOCABULARY[tag]?.values[attr]?.[0];
  if (attr === 'xml:lang') return languageCode;
  if (tag === 'phoneme' && attr === 'ph') return phonemeTable(languageCode)?.symbols.find((s) => s.category === 'vowels')?.ipa ?? 'a';
  if (tag === 'break' && attr === 'time') return '300ms';
  if (tag === 'mark' && attr === 'name') return 'm1';
  if (tag === 'sub' && attr === 'alias') return 'alias';
  if (attr === 'vocal-tract-length') return '+10%';
  if (tag === 'prosody' && attr === 'amazon:max-duration') return '2s';
  return listed ?? 'x';
}

function sample(tag: string, attrs: readonly string[], languageCode: string): string {
  const a = attrs.map((n) => ` ${n}="${sampleValue(tag, n, languageCode)}"`).join('');
  return SSML_VOCABULARY[tag]?.empty ? `<speak>Hi <${tag}${a}/> there.</speak>` : `<speak>Hi <${tag}${a}>there</${tag}>.</speak>`;
}

function supportOf(findings: SsmlFinding[]): { support: Support; connectIgnored: boolean; note?: string } {
  const engine = findings.find((f) => f.ruleId === 'ssml/engine-support' || f.ruleId === 'ssml/domain-news');
  const connect = findings.find((f) => f.ruleId === 'ssml/connect-ignored');
  const support: Support = !engine ? 'supported' : engine.severity === 'error' ? 'unsupported' : 'partial';
  const note = engine?.message ?? connect?.message;
  return { support, connectIgnored: Boolean(connect), ...(note ? { note } : {}) };
}

const cache = new Map<string, CompletionTag[]>();

/**
 * The completion list for prompts spoken by `voice` on `engine` in `languageCode` (without a voice
 * or engine, everything is `supported`: the lint cannot tell). Sorted: supported tags first.
 * @example completionsFor({ voice: 'Danielle', engine: 'neural', languageCode: 'en-US' }).find((t) => t.name === 'emphasis')?.support // 'unsupported'
 */
export function completionsFor(opts: { voice?: string; engine?: PollyEngine; languageCode: string }): CompletionTag[] {
  const key = `${opts.voice ?? ''}|${opts.engine ?? ''}|${opts.languageCode}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const lint = (ssml: string) => lintSsml(ssml, { ...(opts.voice ? { voice: opts.voice } : {}), ...(opts.engine ? { engine: opts.engine } : {}), languageCode: opts.languageCode, playedBy: 'connect' });
  const tags: CompletionTag[] = [];
  for (const [name, spec] of Object.entries(SSML_VOCABULARY)) {
    if (name === 'speak') continue;
    const base = spec.required.length ? spec.required : name === 'prosody' ? ['rate'] : name === 'amazon:effect' ? ['name'] : [];
    const tag = supportOf(lint(sample(name, base, opts.languageCode)));
    const attributes = spec.attributes.map((attr): CompletionAttribute => {
      const required = spec.required.includes(attr);
      const s = supportOf(lint(sample(name, [...new Set([...spec.required, attr])], opts.languageCode)));
      return { name: attr, required, values: spec.values[attr] ?? [], support: s.support, ...(s.note ? { note: s.note } : {}) };
    });
    const shown = spec.required.length ? spec.required : spec.empty && spec.attributes[0] ? [spec.attributes[0]] : [];
    const attrs = shown.map((a, i) => ` ${a}="${i === 0 ? '$0' : ''}"`).join('');
    const snippet = spec.empty ? `<${name}${attrs}/>` : attrs ? `<${name}${attrs}></${name}>` : `<${name}>$0</${name}>`;
    tags.push({ name, empty: spec.empty, ...tag, attributes, snippet });
  }
  const rank: Record<Support, number> = { supported: 0, partial: 1, unsupported: 2 };
  tags.sort((a, b) => rank[a.support] - rank[b.support] || Number(a.connectIgnored) - Number(b.connectIgnored) || a.name.localeCompare(b.name));
  cache.set(key, tags);
  return tags;
}
