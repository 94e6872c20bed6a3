/**
 * The offline approximation: SSML → eSpeak NG input (phonemes mapped where possible), rendering with
 * the real espeak-ng, and the message when it is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EspeakMissingError, previewPrompts } from '../../scripts/ssml/preview/index.js';
import { espeakVoiceFor, findEspeak, parseLexemes, ssmlToEspeak } from '../../scripts/ssml/preview/espeak.js';
import { phonemeToEspeak, xsampaToIpa } from '../../scripts/ssml/preview/espeak-phonemes.js';
import { baseFiles, writeProject } from '../helpers/project.js';

const ESPEAK = findEspeak();
const NO_ESPEAK = 'espeak-ng is not installed (sudo apt-get install espeak-ng): skipping the real offline rendering';
if (!ESPEAK) console.warn(NO_ESPEAK);

/** The IPA eSpeak NG says it speaks for `input` (phoneme input `[[...]]` or text). */
function espeakIpa(voice: string, input: string): string {
  return execFileSync(ESPEAK!, ['-v', voice, '-q', '--ipa', input], { encoding: 'utf8' }).trim();
}

describe('SSML → eSpeak NG input', () => {
  it('keeps what eSpeak reads, speaks <sub> aliases, unwraps Amazon tags and escapes text', () => {
    const r = ssmlToEspeak(
      '<speak>Hours: <sub alias="eight AM">8 a.m.</sub><break time="300ms"/> <amazon:domain name="news">A &amp; B &lt; C</amazon:domain> <prosody rate="slow" pitch="+5%">slowly</prosody> <say-as interpret-as="characters">ABC</say-as> <w role="amazon:VB">read</w></speak>',
      'en_US',
    );
    expect(r.input).toBe('<speak>Hours: eight AM<break time="300ms"/> A &amp; B &lt; C <prosody rate="slow" pitch="+5%">slowly</prosody> <say-as interpret-as="characters">ABC</say-as> read</speak>');
    expect(r.phonemesMapped).toBe(0);
  });

  it('maps IPA and X-SAMPA phonemes to eSpeak phoneme input, and falls back to the text', () => {
    const r = ssmlToEspeak(`<speak>Bank with <phoneme alphabet="ipa" ph="ˈseɪbə">Ceiba</phoneme>. Use <phoneme alphabet="x-sampa" ph='"seI.b@'>Ceiba</phoneme> or <phoneme alphabet="ipa" ph="ʘʘ">Click</phoneme>.</speak>`, 'en_US');
    expect(r.input).toBe("<speak>Bank with  [['seIb@ ]] . Use  [['seIb@ ]]  or Click.</speak>");
    expect(r.phonemesMapped).toBe(2);
    expect(r.phonemesUnmapped).toEqual(['ʘʘ']);
    expect(phonemeToEspeak('ˈseɪbə', 'ipa', 'de_DE')).toBeUndefined();
    expect(xsampaToIpa('"tS{t')).toBe('ˈtʃæt');
  });

  it("applies the locale's lexicons to whole words, as Polly would", () => {
    const lexemes = parseLexemes(`<?xml version="1.0"?>
<!-- <lexeme><grapheme>Commented</grapheme><alias>no</alias></lexeme> -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="x-sampa" xml:lang="es-US">
  <lexeme><grapheme>Ceiba</grapheme><grapheme>CEIBA</grapheme><phoneme>"sej.Ba</phoneme></lexeme>
  <lexeme><grapheme>B&amp;B</grapheme><alias>bed and breakfast</alias><phoneme>bi</phoneme></lexeme>
</lexicon>`);
    expect(lexemes).toEqual([
      { graphemes: ['Ceiba', 'CEIBA'], alphabet: 'x-sampa', phoneme: '"sej.Ba' },
      { graphemes: ['B&B'], alphabet: 'x-sampa', alias: 'bed and breakfast' },
    ]);

    const r = ssmlToEspeak('<speak>Banco Ceiba, CEIBA y Ceibas. B&amp;B <phoneme alphabet="ipa" ph="ˈseɪbə">Ceiba</phoneme></speak>', 'es_US', lexemes);

    // The <phoneme> wins over the lexicon; its IPA has no es mapping for ɪ/ə, so its text is spoken.
    expect(r.input).toBe("<speak>Banco  [['sejBa ]] ,  [['sejBa ]]  y Ceibas. bed and breakfast Ceiba</speak>");
    expect(r.phonemesUnmapped).toEqual(['ˈseɪbə']);
    expect(r.lexemesApplied).toBe(3);
  });

  it('never throws and always gives well-formed SSML, whatever the input (fuzz)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => `<speak>${s}</speak>`), fc.constantFrom('<speak><phoneme ph="', '<speak><sub alias="x">', '&', '<speak>&amp;</speak>')), (s) => {
        const r = ssmlToEspeak(s, 'fr_CA');
        expect(r.input.startsWith('<speak')).toBe(true);
        expect(XMLValidator.validate(r.input)).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Lexicon graphemes are matched literally, whatever characters they hold.
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.constantFrom('ipa', 'x-sampa'), (grapheme, text, alphabet) => {
        const r = ssmlToEspeak(`<speak>${text.replace(/[<&]/g, ' ')} ${grapheme.replace(/[<&]/g, ' ')}</speak>`, 'en_US', [{ graphemes: [grapheme], phoneme: 'ˈseɪbə', alphabet }, { graphemes: [`${grapheme}x`], alias: '<&>', alphabet }]);
        expect(XMLValidator.validate(r.input)).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(() => parseLexemes('<lexicon><lexeme><grapheme>a</grapheme>')).not.toThrow();
  });

  it('chooses an eSpeak voice for each Lex locale', () => {
    const voices = new Set(['en-us', 'en-gb', 'es', 'es-419', 'fr-fr', 'de', 'pt-br']);
    expect(espeakVoiceFor('en_US', voices)).toBe('en-us');
    expect(espeakVoiceFor('es_US', voices)).toBe('es-419');
    expect(espeakVoiceFor('es_ES', voices)).toBe('es');
    expect(espeakVoiceFor('fr_CA', voices)).toBe('fr-fr');
    expect(espeakVoiceFor('de_AT', voices)).toBe('de');
    expect(espeakVoiceFor('pt_BR', voices)).toBe('pt-br');
  });
});

describe.skipIf(!ESPEAK)('offline preview with the real espeak-ng', () => {
  beforeEach(() => {
    // No credentials anywhere: the default chain must fail, quickly.
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    vi.stubEnv('AWS_PROFILE', '');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(tmpdir(), 'no-such-credentials'));
    vi.stubEnv('AWS_CONFIG_FILE', join(tmpdir(), 'no-such-config'));
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', '');
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', '');
    vi.stubEnv('AWS_WEB_IDENTITY_TOKEN_FILE', '');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('eSpeak speaks the mapped phonemes as the IPA they came from', () => {
    for (const [ph, locale, voice, expected] of [
      ['ˈseɪbə', 'en_US', 'en-us', 'sˈeɪbə'],
      ['ˈtʃɝtʃ', 'en_US', 'en-us', 'tʃˈɜːtʃ'],
      ['aˈɲo', 'es_US', 'es-419', 'aɲˈo'],
      ['bɔ̃ˈʒuʁ', 'fr_CA', 'fr-fr', 'bɔ̃ʒˈuʁ'],
    ] as const) {
      expect(espeakIpa(voice, phonemeToEspeak(ph, 'ipa', locale)!), ph).toBe(expected);
    }
  });

  it('without credentials renders WAV files labelled "offline approximation", and caches them', async () => {
    const root = writeProject(
      baseFiles({
        'ssml/en_US/welcome.ssml': '<speak>Welcome to <phoneme alphabet="ipa" ph="ˈseɪbə">Ceiba</phoneme>.</speak>',
        'ssml/en_US/odd.ssml': '<speak>Say <phoneme alphabet="ipa" ph="ʘ">this</phoneme>.</speak>',
      }),
    );

    const r = await previewPrompts({ root, all: true, region: 'us-east-1' });

    // The prompt with a lint error (ʘ is no IPA phoneme Polly speaks) is skipped, so the run fails.
    expect(r.ok).toBe(false);
    expect(r.mode).toBe('offline');
    expect(r.offlineReason).toMatch(/^no AWS credentials/);
    expect(r.calls.SynthesizeSpeech).toBe(0);
    expect(r.prompts.filter((p) => p.status !== 'skipped').map((p) => [p.id, p.renderer, p.espeakVoice, p.status, p.audio])).toEqual([
      ['goodbye', 'espeak-ng', 'en-us', 'rendered', 'audio/en_US/goodbye.wav'],
      ['welcome', 'espeak-ng', 'en-us', 'rendered', 'audio/en_US/welcome.wav'],
    ]);
    expect(r.prompts.find((p) => p.id === 'odd')).toMatchObject({ status: 'skipped' });
    const wav = readFileSync(join(r.outDir, 'audio/en_US/welcome.wav'));
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.subarray(8, 12).toString('ascii')).toBe('WAVE');
    expect(wav.length).toBeGreaterThan(10_000);
    const html = readFileSync(r.index, 'utf8');
    expect(html).toContain('Offline approximation: rendered by eSpeak NG');
    expect(html).toContain('<audio controls preload="none" src="audio/en_US/welcome.wav"></audio>');
    expect(html).toContain('offline approximation: no word timings');

    const again = await previewPrompts({ root, all: true, offline: true });
    expect(again.offlineReason).toBe('--offline');
    expect(again.prompts.filter((p) => p.id !== 'odd').every((p) => p.status === 'cached')).toBe(true);
  });

  it('without espeak-ng on PATH says how to install it', async () => {
    const root = writeProject(baseFiles());
    const emptyBin = mkdtempSync(join(tmpdir(), 'no-espeak-'));

    const attempt = previewPrompts({ root, all: true, offline: true, env: { PATH: emptyBin } });

    await expect(attempt).rejects.toThrow(EspeakMissingError);
    await expect(previewPrompts({ root, all: true, offline: true, env: { PATH: emptyBin } })).rejects.toThrow(/needs espeak-ng.*sudo apt-get install espeak-ng/);
  });
});
