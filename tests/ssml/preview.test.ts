/**
 * `previewPrompts` against the HTTP-level Polly fake, through the real `@aws-sdk/client-polly`:
 * the cache (counted calls), lexicons, throttling retries, concurrency, speech marks, formats and
 * the index.html page.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { previewPrompts, PreviewSelectionError, LexiconError, RegionMissingError, type PreviewOptions } from '../../scripts/ssml/preview/index.js';
import { cacheKey } from '../../scripts/ssml/preview/cache.js';
import { escapeHtml } from '../../scripts/ssml/preview/html.js';
import { parseSpeechMarks, wavFromPcm } from '../../scripts/ssml/preview/polly.js';
import { baseFiles, writeProject, type Files } from '../helpers/project.js';
import { fakeAudio, startFakePolly, type FakePolly } from './fake-polly.js';

const LEXICON = `<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-US">
  <lexeme><grapheme>Ceiba</grapheme><phoneme>ˈseɪbə</phoneme></lexeme>
</lexicon>
`;

/** A two-locale project: en_US (Danielle, neural, target us-west-2) and es_US (Lupe, neural). */
function twoLocaleFiles(overrides: Files = {}): Files {
  return baseFiles({
    'bots/Demo.yaml': {
      name: 'Demo',
      locales: {
        en_US: { voice: { id: 'Danielle', engine: 'neural' }, intents: ['Balance', 'Goodbye'] },
        es_US: { voice: { id: 'Lupe', engine: 'neural' }, intents: [] },
      },
      targets: { 'us-west-2': { alias: 'live' } },
    },
    'ssml/en_US/welcome.ssml': '<speak>Welcome to <phoneme alphabet="ipa" ph="ˈseɪbə">Ceiba</phoneme> bank.</speak>\n',
    'ssml/es_US/goodbye.ssml': '<speak>Gracias por llamar. Adiós.</speak>\n',
    ...overrides,
  });
}

let fake: FakePolly;

beforeAll(async () => {
  fake = await startFakePolly();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret-test');
  vi.stubEnv('AWS_SESSION_TOKEN', '');
  fake.requests.length = 0;
  fake.lexicons.clear();
  fake.delayMs = 0;
  fake.maxInFlight = 0;
  fake.refuse = undefined;
  fake.throttleNext(0);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function preview(root: string, opts: Partial<PreviewOptions> = {}) {
  return previewPrompts({ root, all: true, endpoint: fake.endpoint, ...opts });
}

describe('bots ssml preview with Amazon Polly (HTTP fake)', () => {
  it('renders every prompt with its locale voice, caches it, and a second run makes no Polly call', async () => {
    // Prepare
    const root = writeProject(twoLocaleFiles());

    // Act
    const first = await preview(root);

    // Assess: 3 prompts × (audio + speech marks), each with the bot locale's voice and engine.
    expect(first.ok).toBe(true);
    expect(first.mode).toBe('polly');
    expect(first.region).toBe('us-west-2');
    expect(first.prompts.map((p) => `${p.localeId}/${p.id}:${p.status}`)).toEqual(['en_US/goodbye:rendered', 'en_US/welcome:rendered', 'es_US/goodbye:rendered']);
    expect(fake.synthesizeCalls('mp3')).toHaveLength(3);
    expect(fake.synthesizeCalls('json')).toHaveLength(3);
    expect(first.calls.SynthesizeSpeech).toBe(6);
    const es = fake.synthesizeCalls('mp3').find((r) => String(r.body.Text).includes('Gracias'))!;
    expect(es.body).toMatchObject({ VoiceId: 'Lupe', Engine: 'neural', TextType: 'ssml', OutputFormat: 'mp3' });
    expect(fake.synthesizeCalls('json')[0]!.body.SpeechMarkTypes).toEqual(['word', 'sentence']);
    const audio = readFileSync(join(first.outDir, 'audio', 'es_US', 'goodbye.mp3'), 'utf8');
    expect(audio).toBe(fakeAudio('mp3', '<speak>Gracias por llamar. Adiós.</speak>\n').toString('utf8'));
    expect(first.prompts[2]!.marks.filter((m) => m.type === 'word').map((m) => m.value)).toEqual(['Gracias', 'por', 'llamar', 'Adiós']);

    // Act again: nothing changed.
    fake.requests.length = 0;
    const second = await preview(root);

    // Assess: zero calls of any kind; same audio and timings from the cache.
    expect(fake.requests).toHaveLength(0);
    expect(second.calls.SynthesizeSpeech).toBe(0);
    expect(second.prompts.every((p) => p.status === 'cached')).toBe(true);
    expect(second.prompts[2]!.marks).toEqual(first.prompts[2]!.marks);
  });

  it('a changed prompt makes exactly one more audio call (and one speech-mark call)', async () => {
    const root = writeProject(twoLocaleFiles());
    await preview(root);
    fake.requests.length = 0;
    writeFileSync(join(root, 'ssml/en_US/welcome.ssml'), '<speak>Welcome back.</speak>\n');

    const r = await preview(root);

    expect(fake.synthesizeCalls('mp3')).toHaveLength(1);
    expect(fake.synthesizeCalls('json')).toHaveLength(1);
    expect(fake.synthesizeCalls('mp3')[0]!.body.Text).toBe('<speak>Welcome back.</speak>\n');
    expect(r.prompts.map((p) => p.status)).toEqual(['cached', 'rendered', 'cached']);
  });

  it('the cache key covers voice, engine and format: changing one re-renders', async () => {
    const root = writeProject(twoLocaleFiles());
    await preview(root, { ids: ['en_US/goodbye'], all: false });
    fake.requests.length = 0;

    await preview(root, { ids: ['en_US/goodbye'], all: false, format: 'ogg_vorbis' });
    await preview(root, { ids: ['en_US/goodbye'], all: false, voice: 'Joanna' });
    await preview(root, { ids: ['en_US/goodbye'], all: false, engine: 'standard' });

    expect(fake.synthesizeCalls().filter((r) => r.body.OutputFormat !== 'json').map((r) => `${r.body.VoiceId}/${r.body.Engine}/${r.body.OutputFormat}`)).toEqual([
      'Danielle/neural/ogg_vorbis',
      'Joanna/standard/mp3',
      'Danielle/standard/mp3',
    ]);
    expect(cacheKey({ a: 1, b: [{ y: 2, x: 1 }] })).toBe(cacheKey({ b: [{ x: 1, y: 2 }], a: 1 }));
  });

  it("stores the locale's lexicons when missing or changed, and names them in SynthesizeSpeech", async () => {
    const root = writeProject(twoLocaleFiles({ 'ssml/lexicons/Ceiba.pls': LEXICON, 'ssml/lexicons/Spanish.pls': LEXICON.replace('en-US', 'es-US') }));

    const first = await preview(root);

    expect(first.lexiconsWritten).toEqual(['Ceiba', 'Spanish']);
    expect(fake.lexicons.get('Ceiba')).toBe(LEXICON);
    const en = fake.synthesizeCalls('mp3').find((r) => r.body.VoiceId === 'Danielle')!;
    const es = fake.synthesizeCalls('mp3').find((r) => r.body.VoiceId === 'Lupe')!;
    expect(en.body.LexiconNames).toEqual(['Ceiba']);
    expect(es.body.LexiconNames).toEqual(['Spanish']);
    expect(first.prompts.find((p) => p.id === 'welcome')!.lexicons).toEqual(['Ceiba']);

    // A changed lexicon re-renders only its language's prompts and is stored again; the other is only read.
    fake.requests.length = 0;
    const changed = LEXICON.replace('ˈseɪbə', 'ˈsaɪbə');
    writeFileSync(join(root, 'ssml/lexicons/Ceiba.pls'), changed);
    const second = await preview(root);

    expect(second.lexiconsWritten).toEqual(['Ceiba']);
    expect(fake.lexicons.get('Ceiba')).toBe(changed);
    expect(fake.requests.filter((r) => r.operation === 'PutLexicon').map((r) => r.path)).toEqual(['/v1/lexicons/Ceiba']);
    expect(fake.synthesizeCalls('mp3').map((r) => r.body.VoiceId)).toEqual(['Danielle', 'Danielle']);
    expect(second.prompts.map((p) => p.status)).toEqual(['rendered', 'rendered', 'cached']);
  });

  it('refuses lexicons Polly cannot apply: a bad name, or more than 5 for one language', async () => {
    const badName = writeProject(twoLocaleFiles({ 'ssml/lexicons/my-lexicon.pls': LEXICON }));
    await expect(preview(badName)).rejects.toThrow(LexiconError);
    await expect(preview(badName)).rejects.toThrow(/my-lexicon.*1-20 letters and digits/);

    const six = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`ssml/lexicons/L${i}.pls`, LEXICON]));
    await expect(preview(writeProject(twoLocaleFiles(six)))).rejects.toThrow(/6 lexicons.*at most 5/);
    expect(fake.requests).toHaveLength(0);
  });

  it('retries throttling (400 ThrottlingException and HTTP 429) and still renders', async () => {
    const root = writeProject(twoLocaleFiles());
    fake.throttleNext(2, 'ThrottlingException');
    const retries: string[] = [];

    const r = await preview(root, { ids: ['es_US/goodbye'], all: false, concurrency: 1, onProgress: (e) => e.kind === 'retry' && retries.push(e.operation) });

    expect(r.ok).toBe(true);
    expect(r.prompts[0]!.status).toBe('rendered');
    expect(fake.synthesizeCalls()).toHaveLength(4); // 2 throttled + audio + marks
    expect(r.calls.attempts - r.calls.SynthesizeSpeech).toBe(2);
    expect(retries).toEqual(['SynthesizeSpeech', 'SynthesizeSpeech']);

    fake.throttleNext(1, '429');
    const again = await preview(root, { ids: ['en_US/goodbye'], all: false });
    expect(again.prompts[0]!.status).toBe('rendered');
    expect(again.calls.attempts).toBe(3);
  });

  it('gives up after maxAttempts and reports the prompt as failed, keeping the others', async () => {
    const root = writeProject(twoLocaleFiles());
    fake.throttleNext(2);

    const r = await preview(root, { ids: ['en_US/goodbye'], all: false, maxAttempts: 2 });

    expect(r.ok).toBe(false);
    expect(r.prompts[0]!.status).toBe('failed');
    expect(r.prompts[0]!.error).toMatch(/^ThrottlingException: Rate exceeded/);
    expect(readFileSync(r.index, 'utf8')).toContain('not rendered: ThrottlingException: Rate exceeded');
  });

  it('a prompt Polly refuses fails alone; the run continues', async () => {
    const root = writeProject(twoLocaleFiles());
    fake.refuse = (body) => (String(body.Text).includes('Welcome') ? { type: 'InvalidSsmlException', message: 'Invalid SSML request' } : undefined);

    const r = await preview(root);

    expect(r.ok).toBe(false);
    expect(r.prompts.map((p) => p.status)).toEqual(['rendered', 'failed', 'rendered']);
    expect(r.prompts[1]!.error).toBe('InvalidSsmlException: Invalid SSML request');
    expect(r.prompts[1]!.audio).toBeUndefined();
  });

  it('runs at most `concurrency` SynthesizeSpeech requests at once', async () => {
    const files: Files = {};
    for (let i = 0; i < 8; i++) files[`ssml/en_US/p${i}.ssml`] = `<speak>Prompt number ${i}.</speak>`;
    const root = writeProject(twoLocaleFiles(files));
    fake.delayMs = 40;

    const r = await preview(root, { locales: ['en_US'], concurrency: 2 });

    expect(r.prompts).toHaveLength(10);
    expect(fake.maxInFlight).toBeGreaterThanOrEqual(1);
    expect(fake.maxInFlight).toBeLessThanOrEqual(2);
  });

  it('asks for no speech marks on generative voices, and wraps pcm in a WAV header', async () => {
    const root = writeProject(twoLocaleFiles());

    const gen = await preview(root, { ids: ['en_US/goodbye'], all: false, engine: 'generative' });
    expect(fake.synthesizeCalls('json')).toHaveLength(0);
    expect(gen.prompts[0]!.marks).toEqual([]);
    expect(readFileSync(gen.index, 'utf8')).toContain('no speech marks for the generative engine');

    const pcm = await preview(root, { ids: ['en_US/goodbye'], all: false, format: 'pcm' });
    expect(fake.synthesizeCalls('pcm')[0]!.body.SampleRate).toBe('16000');
    expect(pcm.prompts[0]!.audio).toBe('audio/en_US/goodbye.wav');
    const wav = readFileSync(join(pcm.outDir, pcm.prompts[0]!.audio!));
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.readUInt32LE(24)).toBe(16000);
    expect(wav.subarray(44).toString('utf8')).toBe(fakeAudio('pcm', '<speak>Thanks for calling. Goodbye!</speak>\n').toString('utf8'));
    expect(wavFromPcm(new Uint8Array(10)).length).toBe(54);
  });

  it('writes index.html with a row per prompt: text, locale, voice, lint status, audio, timings, all escaped', async () => {
    const root = writeProject(
      twoLocaleFiles({
        'ssml/en_US/tricky.ssml': '<speak>Tom &amp; Jerry say "<say-as interpret-as="characters">A</say-as>" &lt;script&gt;alert(1)&lt;/script&gt;</speak>',
        'ssml/en_US/broken.ssml': '<speak>Unclosed <break time="1s"></speak>',
      }),
    );
    fake.refuse = (body) => (String(body.Text).includes('Unclosed') ? { type: 'InvalidSsmlException', message: 'Invalid SSML request' } : undefined);

    const r = await preview(root, { outDir: 'site' });

    const html = readFileSync(join(root, 'site', 'index.html'), 'utf8');
    expect(r.index).toBe(join(root, 'site', 'index.html'));
    for (const p of r.prompts) expect(html).toContain(`<tr id="${p.localeId}/${p.id}">`);
    expect(html.match(/<tr id=/g)).toHaveLength(5);
    expect(html).toContain('<audio controls preload="none" src="audio/en_US/welcome.mp3"></audio>');
    expect(existsSync(join(root, 'site', 'audio', 'en_US', 'welcome.mp3'))).toBe(true);
    expect(html).toContain('<li data-ms="6"><button type="button">Welcome</button> <small>6 ms</small></li>');
    expect(html).toContain('<td><code>es_US</code></td>');
    expect(html).toContain('Lupe<br><small>neural</small>');
    // Lint status: clean prompts say so; the malformed one shows its finding with line:column.
    expect(html).toContain('✔ no findings');
    expect(r.prompts.find((p) => p.id === 'broken')!.lint.errors).toBeGreaterThan(0);
    expect(html).toMatch(/<span class="error">\d+ errors?<\/span><ul><li class="error">1:\d+ /);
    // Escaping: the SSML source is shown as text, never as markup.
    expect(html).toContain('Tom &amp;amp; Jerry say &quot;&lt;say-as interpret-as=&quot;characters&quot;&gt;A&lt;/say-as&gt;&quot; &amp;lt;script&amp;gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<say-as');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('without a region anywhere (no --region, no bot target, no AWS_REGION, no profile) says how to give one, before any call', async () => {
    const root = writeProject(baseFiles());
    vi.stubEnv('AWS_REGION', '');
    vi.stubEnv('AWS_DEFAULT_REGION', '');
    vi.stubEnv('AWS_CONFIG_FILE', join(root, 'no-such-config'));
    vi.stubEnv('AWS_PROFILE', '');

    const attempt = previewPrompts({ root, all: true });

    await expect(attempt).rejects.toThrow(RegionMissingError);
    await expect(previewPrompts({ root, all: true })).rejects.toThrow(/pass --region/);
    const withRegion = await previewPrompts({ root, all: true, endpoint: fake.endpoint, region: 'ca-central-1' });
    expect(withRegion.region).toBe('ca-central-1');
  });

  it('escapeHtml leaves no markup characters for any input (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const e = escapeHtml(s);
        expect(e).not.toMatch(/[<>"']/);
        expect(e.replace(/&(lt|gt|quot|#39|amp);/g, '')).not.toContain('&');
      }),
    );
  });

  it('parses newline-delimited speech marks', () => {
    expect(parseSpeechMarks('{"time":6,"type":"word","start":0,"end":4,"value":"Mary"}\n\n{"time":373,"type":"word","start":5,"end":8,"value":"had"}\n')).toEqual([
      { time: 6, type: 'word', start: 0, end: 4, value: 'Mary' },
      { time: 373, type: 'word', start: 5, end: 8, value: 'had' },
    ]);
  });

  it('selects by id, <locale>/<id>, file path and --locale; unknown ids and voiceless locales are selection errors', async () => {
    const root = writeProject(twoLocaleFiles({ 'ssml/fr_CA/bonjour.ssml': '<speak>Bonjour.</speak>' }));

    const byId = await preview(root, { all: false, ids: ['goodbye'] });
    expect(byId.prompts.map((p) => `${p.localeId}/${p.id}`)).toEqual(['en_US/goodbye', 'es_US/goodbye']);
    const byPath = await preview(root, { all: false, ids: ['ssml/es_US/goodbye.ssml', 'en_US/welcome'] });
    expect(byPath.prompts.map((p) => `${p.localeId}/${p.id}`)).toEqual(['en_US/welcome', 'es_US/goodbye']);
    const byLocale = await preview(root, { all: false, ids: ['goodbye'], locales: ['es_US'] });
    expect(byLocale.prompts.map((p) => p.localeId)).toEqual(['es_US']);

    await expect(preview(root, { all: false, ids: ['nope'] })).rejects.toThrow(PreviewSelectionError);
    await expect(preview(root, { all: false, ids: ['nope'] })).rejects.toThrow(/No prompt "nope".*Known prompt ids: bonjour, goodbye, welcome/);
    await expect(preview(root, { locales: ['de_DE'] })).rejects.toThrow(/No prompts for locale de_DE/);
    await expect(preview(root, { locales: ['fr_CA'] })).rejects.toThrow(/No voice for locale fr_CA.*--voice/);
    const voiced = await preview(root, { locales: ['fr_CA'], voice: 'Gabrielle', engine: 'neural' });
    expect(voiced.prompts[0]).toMatchObject({ voice: 'Gabrielle', engine: 'neural', status: 'rendered' });
  });
});
