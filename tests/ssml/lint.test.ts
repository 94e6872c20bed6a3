import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSsml, SSML_RULES, type PollyEngine, type SsmlLintOptions } from '../../scripts/ssml/lint.js';
import { checkVoice, voiceInfo } from '../../scripts/ssml/voices.js';

const NEURAL: SsmlLintOptions = { voice: 'Danielle', engine: 'neural' };
const STANDARD: SsmlLintOptions = { voice: 'Joanna', engine: 'standard' };
const ids = (text: string, o: SsmlLintOptions = NEURAL) => lintSsml(text, o).map((f) => f.ruleId);
const speak = (inner: string) => `<speak>${inner}</speak>`;

/** One rule: a prompt it must catch and a near one it must not. */
interface Case {
  rule: string;
  catches: string;
  near: string;
  options?: SsmlLintOptions;
  nearOptions?: SsmlLintOptions;
}

const CASES: Case[] = [
  { rule: 'ssml/well-formed', catches: speak('Hi <break time="1s">'), near: speak('Hi <break time="1s"/>') },
  { rule: 'ssml/well-formed', catches: speak('<s>Hi</p>'), near: speak('<s>Hi</s>') },
  { rule: 'ssml/well-formed', catches: speak('<break time=1s/>'), near: speak('<break time="1s"/>') },
  { rule: 'ssml/speak-root', catches: '<p>Hello</p>', near: speak('<p>Hello</p>') },
  { rule: 'ssml/speak-root', catches: `${speak('a')}${speak('b')}`, near: speak('a b') },
  { rule: 'ssml/speak-root', catches: `Hi ${speak('a')}`, near: `  ${speak('a')}\n` },
  { rule: 'ssml/escape', catches: speak('Peabody & Chambers'), near: speak('Peabody &amp; Chambers') },
  { rule: 'ssml/escape', catches: speak('1 < 2'), near: speak('1 &lt; 2') },
  { rule: 'ssml/escape', catches: speak('AT&T &nbsp;'), near: speak('AT&#38;T &#xA0;') },
  { rule: 'ssml/unsupported-tag', catches: speak('<audio src="a.mp3"/>'), near: speak('<mark name="a"/>') },
  { rule: 'ssml/unsupported-tag', catches: speak('<voice name="Joey">x</voice>'), near: speak('<sub alias="x">y</sub>') },
  { rule: 'ssml/unsupported-tag', catches: speak('<amazon:emotion name="excited">x</amazon:emotion>'), near: speak('<amazon:effect name="drc">x</amazon:effect>') },
  { rule: 'ssml/attributes', catches: speak('<break times="1s"/>'), near: speak('<break time="1s"/>') },
  { rule: 'ssml/attributes', catches: speak('<phoneme ph="ˈseɪbə">Ceiba</phoneme>'), near: speak('<phoneme alphabet="ipa" ph="ˈseɪbə">Ceiba</phoneme>') },
  { rule: 'ssml/structure', catches: speak('<break time="1s">x</break>'), near: speak('<break time="1s"/>x') },
  { rule: 'ssml/structure', catches: speak('<p><speak>x</speak></p>'), near: speak('<p>x</p>') },
  { rule: 'ssml/engine-support', catches: speak('<emphasis>x</emphasis>'), near: speak('<emphasis>x</emphasis>'), nearOptions: STANDARD },
  { rule: 'ssml/engine-support', catches: speak('<prosody pitch="+5%">x</prosody>'), near: speak('<prosody volume="+5dB">x</prosody>') },
  { rule: 'ssml/engine-support', catches: speak('<amazon:effect name="whispered">x</amazon:effect>'), near: speak('<amazon:effect name="whispered">x</amazon:effect>'), nearOptions: STANDARD },
  { rule: 'ssml/engine-support', catches: speak('x<amazon:breath/>y'), near: speak('x<amazon:breath/>y'), nearOptions: STANDARD },
  { rule: 'ssml/domain-news', catches: speak('<amazon:domain name="news">x</amazon:domain>'), near: speak('<amazon:domain name="news">x</amazon:domain>'), nearOptions: { voice: 'Joanna', engine: 'neural' } },
  { rule: 'ssml/domain-news', catches: speak('<amazon:domain name="news">x</amazon:domain>'), options: { voice: 'Lupe', engine: 'standard' }, near: speak('<amazon:domain name="news">x</amazon:domain>'), nearOptions: { voice: 'Lupe', engine: 'neural' } },
  { rule: 'ssml/connect-ignored', catches: speak('<emphasis>x</emphasis>'), options: STANDARD, near: speak('<emphasis>x</emphasis>'), nearOptions: { ...STANDARD, playedBy: 'polly' } },
  { rule: 'ssml/connect-ignored', catches: speak('<amazon:effect name="drc">x</amazon:effect>'), near: speak('<amazon:effect name="drc">x</amazon:effect>'), nearOptions: { ...NEURAL, playedBy: 'polly' } },
  { rule: 'ssml/break', catches: speak('<break time="10.5s"/>'), near: speak('<break time="10s"/>') },
  { rule: 'ssml/break', catches: speak('<break time="10001ms"/>'), near: speak('<break time="10000ms"/>') },
  { rule: 'ssml/break', catches: speak('<break time="2 seconds"/>'), near: speak('<break time="2s"/>') },
  { rule: 'ssml/break', catches: speak('<break strength="loud"/>'), near: speak('<break strength="x-strong"/>') },
  { rule: 'ssml/prosody', catches: speak('<prosody rate="10%">x</prosody>'), near: speak('<prosody rate="20%">x</prosody>') },
  { rule: 'ssml/prosody', catches: speak('<prosody rate="201%">x</prosody>'), near: speak('<prosody rate="x-fast">x</prosody>') },
  { rule: 'ssml/prosody', catches: speak('<prosody volume="+6db">x</prosody>'), near: speak('<prosody volume="+6dB">x</prosody>') },
  { rule: 'ssml/prosody', catches: speak('<prosody>x</prosody>'), near: speak('<prosody volume="loud">x</prosody>') },
  { rule: 'ssml/prosody', catches: speak('<prosody pitch="higher">x</prosody>'), options: STANDARD, near: speak('<prosody pitch="x-high">x</prosody>'), nearOptions: STANDARD },
  { rule: 'ssml/say-as', catches: speak('<say-as interpret-as="phone">5551234</say-as>'), near: speak('<say-as interpret-as="telephone">5551234</say-as>') },
  { rule: 'ssml/say-as', catches: speak('<say-as interpret-as="date" format="ddmmyy">311225</say-as>'), near: speak('<say-as interpret-as="date" format="dmy">31-12-25</say-as>') },
  { rule: 'ssml/say-as', catches: speak('<say-as interpret-as="date" format="mdy">31/12/2025</say-as>'), near: speak('<say-as interpret-as="date" format="mdy">12/31/2025</say-as>') },
  { rule: 'ssml/say-as', catches: speak('<say-as interpret-as="date" format="mdy">12/31</say-as>'), near: speak('<say-as interpret-as="date" format="md">12/31</say-as>') },
  { rule: 'ssml/say-as', catches: speak('<say-as interpret-as="date" format="yyyymmdd">2025-12-31</say-as>'), near: speak('<say-as interpret-as="date" format="yyyymmdd">????1231</say-as>') },
  { rule: 'ssml/say-as', catches: speak('<say-as interpret-as="telephone">5551234</say-as>'), options: { languageCode: 'nl-NL' }, near: speak('<say-as interpret-as="digits">5551234</say-as>'), nearOptions: { languageCode: 'nl-NL' } },
  { rule: 'ssml/w-role', catches: speak('<w role="amazon:VERB">read</w>'), near: speak('<w role="amazon:VBD">read</w>') },
  { rule: 'ssml/lang', catches: speak('<lang xml:lang="fr_CA">merci</lang>'), near: speak('<lang xml:lang="fr-CA">merci</lang>') },
  { rule: 'ssml/attribute-value', catches: speak('<emphasis level="very">x</emphasis>'), options: STANDARD, near: speak('<emphasis level="strong">x</emphasis>'), nearOptions: STANDARD },
  { rule: 'ssml/attribute-value', catches: speak('<amazon:effect name="whisper">x</amazon:effect>'), options: STANDARD, near: speak('<amazon:effect name="whispered">x</amazon:effect>'), nearOptions: STANDARD },
  { rule: 'ssml/attribute-value', catches: speak('<sub alias="">WHO</sub>'), near: speak('<sub alias="World Health Organization">WHO</sub>') },
  { rule: 'ssml/phoneme-alphabet', catches: speak('<phoneme alphabet="IPA" ph="ˈseɪbə">Ceiba</phoneme>'), near: speak('<phoneme alphabet="ipa" ph="ˈseɪbə">Ceiba</phoneme>') },
  { rule: 'ssml/phoneme-alphabet', catches: speak('<phoneme alphabet="x-amazon-pinyin" ph="bo2">x</phoneme>'), near: speak('<phoneme alphabet="x-sampa" ph=\'"seI.b@\'>x</phoneme>') },
  { rule: 'ssml/phoneme-symbol', catches: speak('<phoneme alphabet="ipa" ph="ˈseɪgə">x</phoneme>'), near: speak('<phoneme alphabet="ipa" ph="ˈseɪɡə">x</phoneme>') },
  { rule: 'ssml/phoneme-symbol', catches: speak('<phoneme alphabet="ipa" ph="\'seɪbə">x</phoneme>'), near: speak('<phoneme alphabet="ipa" ph="ˈseɪbə">x</phoneme>') },
  // θ (X-SAMPA T) is in the Castilian es-ES table, not in es-US.
  { rule: 'ssml/phoneme-symbol', catches: speak('<phoneme alphabet="x-sampa" ph=\'"Te.na\'>Cena</phoneme>'), options: { voice: 'Lupe', engine: 'neural' }, near: speak('<phoneme alphabet="x-sampa" ph=\'"Te.na\'>Cena</phoneme>'), nearOptions: { voice: 'Lucia', engine: 'neural' } },
  { rule: 'ssml/phoneme-symbol', catches: speak('<phoneme alphabet="ipa" ph="ˈsej.βa">x</phoneme>'), near: speak('<phoneme alphabet="ipa" ph="ˈsej.βa">x</phoneme>'), nearOptions: { voice: 'Lupe', engine: 'neural' } },
  { rule: 'ssml/phoneme-stress', catches: speak('<phoneme alphabet="ipa" ph="seɪbəˈ">x</phoneme>'), near: speak('<phoneme alphabet="ipa" ph="ˈseɪbə">x</phoneme>') },
  { rule: 'ssml/phoneme-stress', catches: speak('<phoneme alphabet="x-sampa" ph=\'"s.eI\'>x</phoneme>'), near: speak('<phoneme alphabet="x-sampa" ph=\'"seI\'>x</phoneme>') },
  { rule: 'ssml/billed-characters', catches: speak('a'.repeat(3001)), options: { playedBy: 'polly' }, near: speak('a'.repeat(3000)), nearOptions: { playedBy: 'polly' } },
  { rule: 'ssml/total-characters', catches: speak(`${'<s>x</s>'.repeat(749)}`), options: { playedBy: 'polly' }, near: speak(`${'<s>x</s>'.repeat(748)}`), nearOptions: { playedBy: 'polly' } },
  { rule: 'ssml/lex-message-length', catches: speak('a'.repeat(1000 - 14)), near: speak('a'.repeat(1000 - 15)) },
  { rule: 'ssml/lex-message-length', catches: speak('a'.repeat(1000 - 14)), near: `\n${speak('a'.repeat(1000 - 15))}\n`, nearOptions: NEURAL },
];

describe('lintSsml: one prompt each rule catches, and a near one it must not', () => {
  it.each(CASES.map((c, i) => [`${c.rule} #${i}`, c] as const))('%s', (_name, c) => {
    expect(ids(c.catches, c.options ?? NEURAL)).toContain(c.rule);
    expect(ids(c.near, c.nearOptions ?? c.options ?? NEURAL)).not.toContain(c.rule);
  });

  it('covers every prompt rule of the catalogue', () => {
    const lexiconOrConfig = new Set(['ssml/voice', 'ssml/lexicon-format', 'ssml/lexicon-alphabet', 'ssml/lexicon-language', 'ssml/lexicon-size', 'ssml/lexicon-name', 'ssml/lexicon-count']);
    const covered = new Set(CASES.map((c) => c.rule));
    for (const r of SSML_RULES) if (!lexiconOrConfig.has(r.id)) expect(covered, r.id).toContain(r.id);
  });

  it('finds nothing in a clean prompt using the tags neural voices accept', () => {
    const text = speak(
      'Thanks for calling <phoneme alphabet="ipa" ph="ˈseɪbə">Ceiba</phoneme>. <break time="200ms"/> ' +
        '<prosody rate="90%" volume="+2dB">Your code is <say-as interpret-as="digits">123456</say-as>.</prosody> ' +
        '<p><s>Call <say-as interpret-as="telephone">{CallbackNumber}</say-as>.</s></p> <w role="amazon:VBD">read</w> ' +
        '<lang xml:lang="es-US">Hola</lang> <sub alias="Amazon Web Services">AWS</sub><mark name="end"/>',
    );
    expect(lintSsml(text, NEURAL)).toEqual([]);
  });
});

describe('lintSsml: positions', () => {
  it('reports an unknown phoneme symbol at its exact line and column, with the nearest symbols', () => {
    const text = '<speak>\n  Thanks for calling\n  <phoneme alphabet="ipa" ph="ˈseɪgə">Ceiba</phoneme>.\n</speak>';
    const [f] = lintSsml(text, NEURAL);
    expect(f).toMatchObject({ ruleId: 'ssml/phoneme-symbol', severity: 'error', line: 3, column: 35 });
    expect(text.split('\n')[2]![34]).toBe('g');
    expect(f!.hint).toContain('ɡ (U+0261)');
    expect(f!.source).toBe('https://docs.aws.amazon.com/polly/latest/dg/ref-phoneme-tables-shell.html');
  });

  it('maps positions through entities in attribute values (&quot; for X-SAMPA stress)', () => {
    const text = speak('<phoneme alphabet="x-sampa" ph="&quot;seI.b@Q">x</phoneme>');
    const [f] = lintSsml(text, NEURAL);
    expect(f).toMatchObject({ ruleId: 'ssml/phoneme-symbol', line: 1 });
    expect(text[f!.column - 1]).toBe('Q');
  });

  it('reports a bare & and an unclosed tag where they are', () => {
    const text = '<speak>\nA & B <s>x\n</speak>';
    const fs = lintSsml(text, NEURAL);
    expect(fs.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['ssml/escape', 2, 3],
      ['ssml/well-formed', 3, 1],
    ]);
    expect(fs[1]!.message).toContain('does not match <s> opened at 2:7');
  });

  it('explains an X-SAMPA stress mark that ends a double-quoted ph', () => {
    const [f] = lintSsml(speak('<phoneme alphabet="x-sampa" ph=""seI.b@">Ceiba</phoneme>'), NEURAL);
    expect(f).toMatchObject({ ruleId: 'ssml/well-formed', line: 1, column: 41 });
    expect(f!.hint).toContain('&quot;');
  });

  it('says when a whole IPA string is X-SAMPA', () => {
    const f = lintSsml(speak('<phoneme alphabet="ipa" ph=\'"seI.b@\'>x</phoneme>'), NEURAL);
    expect(f.every((x) => x.ruleId === 'ssml/phoneme-symbol')).toBe(true);
    expect(f[0]!.hint).toContain('set alphabet="x-sampa"');
  });
});

/** Each engine refuses exactly the tags the Polly table marks "none" (warnings for partial support). */
const ENGINE_CASES: [string, string, PollyEngine[]][] = [
  ['emphasis', speak('<emphasis level="strong">x</emphasis>'), ['neural', 'long-form', 'generative']],
  ['amazon:breath', speak('x <amazon:breath/> y'), ['neural', 'long-form', 'generative']],
  ['amazon:auto-breaths', speak('<amazon:auto-breaths>x</amazon:auto-breaths>'), ['neural', 'long-form', 'generative']],
  ['amazon:effect[name=whispered]', speak('<amazon:effect name="whispered">x</amazon:effect>'), ['neural', 'long-form', 'generative']],
  ['amazon:effect[phonation=soft]', speak('<amazon:effect phonation="soft">x</amazon:effect>'), ['neural', 'long-form', 'generative']],
  ['amazon:effect[vocal-tract-length]', speak('<amazon:effect vocal-tract-length="+10%">x</amazon:effect>'), ['neural', 'long-form', 'generative']],
  ['prosody pitch', speak('<prosody pitch="+5%">x</prosody>'), ['neural', 'long-form', 'generative']],
  ['prosody[amazon:max-duration]', speak('<prosody amazon:max-duration="2s">x</prosody>'), ['neural', 'long-form', 'generative']],
  ['amazon:effect[name=drc]', speak('<amazon:effect name="drc">x</amazon:effect>'), ['generative']],
  ['break', speak('x <break time="1s"/> y'), []],
  ['lang', speak('<lang xml:lang="fr-FR">x</lang>'), []],
  ['p s sub w', speak('<p><s><sub alias="a">b</sub> <w role="amazon:NN">c</w></s></p>'), []],
  ['prosody volume rate', speak('<prosody volume="loud" rate="slow">x</prosody>'), []],
];

describe('lintSsml: tag support per engine', () => {
  for (const engine of ['standard', 'neural', 'long-form', 'generative'] as PollyEngine[]) {
    it.each(ENGINE_CASES)(`${engine}: %s`, (_tag, text, refusedOn) => {
      const errors = lintSsml(text, { engine, playedBy: 'polly' }).filter((f) => f.ruleId === 'ssml/engine-support' && f.severity === 'error');
      expect(errors.length > 0).toBe(refusedOn.includes(engine));
    });
  }

  it('warns (not errors) about partial support: mark and phoneme on generative, characters on neural', () => {
    const g = lintSsml(speak('<mark name="a"/><phoneme alphabet="ipa" ph="ˈseɪbə">x</phoneme>'), { voice: 'Danielle', engine: 'generative' });
    expect(g.map((f) => [f.ruleId, f.severity])).toEqual([
      ['ssml/engine-support', 'warning'],
      ['ssml/engine-support', 'warning'],
    ]);
    expect(lintSsml(speak('<say-as interpret-as="characters">abc</say-as>'), NEURAL).map((f) => f.severity)).toEqual(['warning']);
  });

  it('agrees with ../shared/reference/polly-ssml-tag-support.json where it is present', () => {
    const path = join(import.meta.dirname, '..', '..', '..', 'shared', 'reference', 'polly-ssml-tag-support.json');
    if (!existsSync(path)) return void console.warn(`skipped: ${path} is absent`);
    const matrix = JSON.parse(readFileSync(path, 'utf8')) as { tags: Record<string, Record<string, string>>; unsupported_everywhere: string[] };
    for (const [tag, , refusedOn] of ENGINE_CASES) {
      const key = tag === 'prosody pitch' ? undefined : tag;
      if (!key || !matrix.tags[key]) continue;
      for (const engine of ['standard', 'neural', 'long-form', 'generative'] as PollyEngine[]) {
        expect(refusedOn.includes(engine), `${tag} on ${engine}`).toBe(matrix.tags[key]![engine] === 'none');
      }
    }
    for (const tag of matrix.unsupported_everywhere) expect(ids(speak(`<${tag}/>`))).toContain('ssml/unsupported-tag');
  });
});

describe('voices', () => {
  it('knows the shipped voices and their engines', () => {
    expect(voiceInfo('lupe')).toMatchObject({ id: 'Lupe', languageCode: 'es-US', newscaster: true });
    expect(checkVoice('Danielle', 'neural', 'en-US')).toBeUndefined();
    expect(checkVoice('Gabrielle', 'neural', 'fr-CA')).toBeUndefined();
    expect(checkVoice('Danielle', 'standard')?.message).toContain('does not support the standard engine');
    expect(checkVoice('Lupe', 'neural', 'fr-CA')?.hint).toContain('Gabrielle');
    expect(checkVoice('Nobody', 'neural')).toBeUndefined();
  });
});
