/**
 * bots translate through the real @aws-sdk/client-translate against an HTTP-level fake of Amazon
 * Translate (fake-translate.ts), on temporary copies of a small project.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { translateBot, TranslateError, type TranslateOptions } from '../../scripts/translate/index.js';
import { validateProject } from '../../scripts/validate/index.js';
import { parseSsmlReview } from '../../scripts/validate/rules/review.js';
import { runBots, runBotsAsync } from '../helpers/cli.js';
import { writeProject, type Files } from '../helpers/project.js';
import { startFakeTranslate, type FakeTranslate } from './fake-translate.js';

const BALANCE = [
  "what's my balance", 'whats my balance', 'check my balance', 'check my balence', 'how much money do I have',
  'how much money do i hav', 'tell me my account balance', 'tell me my a count balance', 'balance please',
  'I need my current balance', 'how much is in my {AccountType}', 'what is left in my {AccountType} account',
  'show me the balance on my card', 'is there money in my account', 'account balance', 'what does Acme Pay say I have',
];
const GOODBYE = [
  'goodbye', 'good bye', 'bye now', 'bye nw', "that's all", 'thats all', 'thank you that is everything', 'thank you that is everythin',
  'I am done', 'no more questions', 'have a nice day', 'talk to you later', 'see you', 'nothing else', 'we are finished here',
];

const BOT_YAML = `# The demo bot: a comment that must survive.
name: Demo
locales:
  en_US:
    voice: { id: Danielle, engine: neural } # Danielle sounds warm
    intents: [Balance, Goodbye]
`;

function files(overrides: Files = {}): Files {
  return {
    'bots/Demo.yaml': BOT_YAML,
    'intents/en_US/Balance.yaml': {
      name: 'Balance',
      sampleUtterances: BALANCE,
      slots: [{ name: 'AccountType', type: 'AccountType', prompt: { ssml: 'balance-account' } }],
      closing: 'Your {AccountType} balance is ready. Thanks for using Acme Pay.',
    },
    'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: GOODBYE, closing: { ssml: 'goodbye' } },
    'slot-types/en_US/AccountType.yaml': { name: 'AccountType', resolution: 'TopResolution', values: [{ value: 'checking', synonyms: ['chequing'] }, 'savings'] },
    'ssml/en_US/balance-account.ssml':
      '<speak>Which account: <break time="200ms"/> checking or savings? You said <say-as interpret-as="characters">{AccountType}</say-as>.</speak>\n',
    'ssml/en_US/goodbye.ssml': '<speak>Thanks for calling <phoneme alphabet="ipa" ph="ˈækmi">Acme</phoneme>. <prosody rate="slow">Goodbye!</prosody></speak>\n',
    ...overrides,
  };
}

const CREDENTIALS = { accessKeyId: 'AKIDFAKETRANSLATE000', secretAccessKey: 'fake-secret' };
const NOW = () => new Date('2026-11-22T06:00:00Z');

let fake: FakeTranslate;
beforeAll(async () => {
  fake = await startFakeTranslate();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.runs.length = 0;
  fake.dictionary.clear();
  fake.terminologies = {};
  fake.dropPlaceholders = false;
  fake.mergeParagraphs = false;
});

const run = (root: string, extra: Partial<TranslateOptions> = {}) =>
  translateBot({ root, from: 'en_US', to: ['de_DE'], endpoint: fake.endpoint, credentials: CREDENTIALS, region: 'us-east-1', now: NOW, ...extra });

const read = (root: string, rel: string) => readFileSync(join(root, rel), 'utf8');

describe('bots translate: drafting a new locale', () => {
  it('translates utterances, prompts, slot types and SSML with slot references and markup preserved', async () => {
    // Prepare
    const root = writeProject(files());
    fake.dictionary.set('Which account:', 'Welches Konto:');
    fake.dictionary.set('checking or savings? You said', 'Giro oder Sparen? Sie sagten');

    // Act
    const result = await run(root);

    // Assess: SSML tags and attributes kept, the text translated around them
    const ssml = read(root, 'ssml/de_DE/balance-account.ssml');
    expect(ssml).toContain('<speak>Welches Konto: <break time="200ms"/> Giro oder Sparen? Sie sagten <say-as interpret-as="characters">{AccountType}</say-as>.</speak>');
    // phoneme content kept as is and flagged; prosody kept with its text translated
    const bye = read(root, 'ssml/de_DE/goodbye.ssml');
    expect(bye).toContain('<phoneme alphabet="ipa" ph="ˈækmi">Acme</phoneme>');
    expect(bye).toContain('<prosody rate="slow">eybdooG!</prosody>');
    expect(parseSsmlReview(bye)?.notes?.join(' ')).toMatch(/phonemes are per language/);
    // slot references come back in utterances and messages
    const { project, diagnostics } = await loadProject(root);
    const balance = project.intents.get('de_DE')!.get('Balance')!;
    const withSlot = balance.sampleUtterances.filter((u) => u.text.includes('{AccountType}'));
    expect(withSlot.length).toBeGreaterThanOrEqual(2);
    expect(balance.closing!.groups[0]!.message).toMatchObject({ kind: 'text', text: expect.stringContaining('{AccountType}') });
    // the placeholders went to Translate as untranslatable markup
    expect(fake.requests.some((r) => r.Text.includes('<span translate="no">{AccountType}</span>'))).toBe(true);
    // slot type: canonical value kept, translations as synonyms
    const st = project.slotTypes.get('de_DE')!.get('AccountType')!;
    expect(st.values.map((v) => v.value)).toEqual(['checking', 'savings']);
    expect(st.values[0]!.synonyms).toEqual(['gnikcehc', 'gniuqehc']);
    // the utterance rules hold: counts and variants, no duplicates; only review warnings remain
    const all = validateProject(project, diagnostics).filter((d) => d.file.includes('de_DE'));
    // (the only errors: the SSML lint on the English phoneme kept in German, which the note flags)
    expect(all.filter((d) => d.severity === 'error' && d.file !== 'ssml/de_DE/goodbye.ssml')).toEqual([]);
    expect(result.findings.filter((d) => d.severity === 'error' && d.file !== 'ssml/de_DE/goodbye.ssml')).toEqual([]);
    expect(all.filter((d) => d.ruleId === 'review/machine-translated').map((d) => d.file).sort()).toEqual([
      'intents/de_DE/Balance.yaml', 'intents/de_DE/Goodbye.yaml', 'slot-types/de_DE/AccountType.yaml', 'ssml/de_DE/balance-account.ssml', 'ssml/de_DE/goodbye.ssml',
    ]);
    // the bot file gains the locale with the default neural voice, comments kept
    const bot = read(root, 'bots/Demo.yaml');
    expect(bot).toContain('# The demo bot: a comment that must survive.');
    expect(bot).toContain('# Danielle sounds warm');
    expect(bot).toBe(`${BOT_YAML}  de_DE:\n    voice: { id: Vicki, engine: neural }\n    intents: [Balance, Goodbye]\n`);
    expect(project.bots[0]!.locales.map((l) => l.localeId)).toEqual(['en_US', 'de_DE']);
  });

  it('with --intents, drafts only those and lists the others as missing with a reason; a later run adds them', async () => {
    const root = writeProject(files());
    await run(root, { intents: ['Goodbye'] });
    expect(existsSync(join(root, 'intents/de_DE/Balance.yaml'))).toBe(false);
    let { project, diagnostics } = await loadProject(root);
    let de = project.bots[0]!.locales.find((l) => l.localeId === 'de_DE')!;
    expect(de.intents.map((i) => i.name)).toEqual(['Goodbye', 'FallbackIntent']);
    expect(Object.keys(de.missingIntents)).toEqual(['Balance']);
    expect(validateProject(project, diagnostics).filter((d) => d.ruleId.startsWith('locales/'))).toEqual([]);

    await run(root, { intents: ['Balance'] });
    ({ project, diagnostics } = await loadProject(root));
    de = project.bots[0]!.locales.find((l) => l.localeId === 'de_DE')!;
    expect(de.intents.map((i) => i.name).sort()).toEqual(['Balance', 'FallbackIntent', 'Goodbye']);
    expect(de.missingIntents).toEqual({});
    expect(read(root, 'bots/Demo.yaml')).toContain('# Danielle sounds warm');
  });

  it('adds misspelling or transcription variants so that each intent meets the variant rule', async () => {
    const root = writeProject(files());
    await run(root);
    const { project } = await loadProject(root);
    const utts = project.intents.get('de_DE')!.get('Goodbye')!.sampleUtterances.map((u) => u.text);
    // The English misspellings are not translated (they are English typos); German variants are made instead.
    expect(fake.runs).not.toContain('bye nw');
    expect(utts.length).toBeGreaterThanOrEqual(15);
    expect(utts.length).toBeLessThanOrEqual(20);
  });

  it('writes a review marker with the source hash into every draft, and validate warns until reviewed', async () => {
    const root = writeProject(files());
    await run(root);
    const text = read(root, 'intents/de_DE/Goodbye.yaml');
    expect(text).toMatch(/^review:\n {2}status: machine-translated\n {2}from: en_US\n {2}sourceHash: sha256:[0-9a-f]{64}\n {2}draftHash: sha256:[0-9a-f]{64}\n {2}translatedAt: 2026-11-22T06:00:00Z/m);

    // A reviewer marks it reviewed: the warning goes away.
    writeFileSync(join(root, 'intents/de_DE/Goodbye.yaml'), text.replace('status: machine-translated', 'status: reviewed'));
    const { project, diagnostics } = await loadProject(root);
    const warnings = validateProject(project, diagnostics).filter((d) => d.ruleId === 'review/machine-translated').map((d) => d.file);
    expect(warnings).not.toContain('intents/de_DE/Goodbye.yaml');
    expect(warnings).toContain('intents/de_DE/Balance.yaml');

    // The source changes after the review: the reviewed translation warns that it may be stale.
    writeFileSync(join(root, 'intents/en_US/Goodbye.yaml'), read(root, 'intents/en_US/Goodbye.yaml').replace('see you', 'see you soon'));
    const later = await loadProject(root);
    const stale = validateProject(later.project, later.diagnostics).filter((d) => d.ruleId === 'review/source-changed');
    expect(stale.map((d) => d.file)).toEqual(['intents/de_DE/Goodbye.yaml']);
    expect(stale[0]!.message).toMatch(/intents\/en_US\/Goodbye.yaml changed after/);
  });
});

describe('bots translate: terminology, names and formality', () => {
  it('passes the custom terminology and formality, and the terms stay untranslated', async () => {
    const root = writeProject(files());
    fake.terminologies.Brand = ['Acme Pay'];
    await run(root, { terminology: 'Brand', formality: 'formal' });
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const r of fake.requests) {
      expect(r.TerminologyNames).toEqual(['Brand']);
      expect(r.Settings).toEqual({ Formality: 'FORMAL' });
    }
    expect(read(root, 'intents/de_DE/Balance.yaml')).toContain('Acme Pay');
  });

  it('protects names locally (from --keep and the terminology CSV) when the service would translate them', async () => {
    const root = writeProject(files({ 'translate/terminology/Brand.csv': 'en,de\nAcme Pay,Acme Pay\nchecking,Girokonto\n' }));
    await run(root, { terminology: 'Brand' }); // the fake's "Brand" terminology is empty: only the local protection keeps the name
    expect(fake.requests.some((r) => r.Text.includes('<span translate="no">Acme Pay</span>'))).toBe(true);
    expect(read(root, 'intents/de_DE/Balance.yaml')).toContain('Acme Pay');
    // a term with a real translation is left to the service
    expect(fake.requests.some((r) => r.Text.includes('<span translate="no">checking</span>'))).toBe(false);
  });

  it('does not send formality to a language that does not support it, and says so', async () => {
    const root = writeProject(files());
    const result = await run(root, { to: ['sv_SE'], formality: 'informal' });
    expect(fake.requests.every((r) => r.Settings === undefined)).toBe(true);
    expect(result.locales[0]).toMatchObject({ localeId: 'sv_SE', formality: 'not-supported', voice: { id: 'Elin', engine: 'neural' } });
  });
});

describe('bots translate: re-runs and people\'s edits', () => {
  it('makes no call when the source did not change, and translates only a changed utterance', async () => {
    const root = writeProject(files());
    await run(root);
    const before = read(root, 'intents/de_DE/Goodbye.yaml');

    fake.requests.length = 0;
    const again = await run(root);
    expect(fake.requests).toEqual([]);
    expect(again.files.filter((f) => f.file.includes('de_DE/')).every((f) => f.action === 'unchanged')).toBe(true);
    expect(again.written).toEqual([]);

    // One source utterance changes: only it is sent, the rest comes from the translation memory.
    const src = read(root, 'intents/en_US/Goodbye.yaml').replace('no more questions', 'no further questions');
    writeFileSync(join(root, 'intents/en_US/Goodbye.yaml'), src);
    fake.runs.length = 0;
    const third = await run(root);
    expect(fake.runs).toEqual(['no further questions']);
    expect(third.files.find((f) => f.file === 'intents/de_DE/Goodbye.yaml')!.action).toBe('redraft');
    const after = read(root, 'intents/de_DE/Goodbye.yaml');
    expect(after).toContain('on rehtruf snoitseuq');
    expect(after).not.toContain('on erom snoitseuq');
    expect(after).not.toBe(before);
  });

  it('never overwrites a draft a person edited, or a reviewed or hand-written file, without --force', async () => {
    const root = writeProject(files({ 'intents/de_DE/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: ['tschüss'] } }));
    const first = await run(root);
    expect(first.files.find((f) => f.file === 'intents/de_DE/Goodbye.yaml')!.action).toBe('kept-manual');
    expect(read(root, 'intents/de_DE/Goodbye.yaml')).toContain('tschüss');

    const edited = read(root, 'intents/de_DE/Balance.yaml').replace(/sampleUtterances:\n/, 'sampleUtterances:\n  - wie hoch ist mein Kontostand\n');
    writeFileSync(join(root, 'intents/de_DE/Balance.yaml'), edited);
    writeFileSync(join(root, 'intents/en_US/Balance.yaml'), read(root, 'intents/en_US/Balance.yaml').replace('balance please', 'my balance please'));
    const second = await run(root);
    expect(second.files.find((f) => f.file === 'intents/de_DE/Balance.yaml')!.action).toBe('kept-edited');
    expect(read(root, 'intents/de_DE/Balance.yaml')).toBe(edited);

    const forced = await run(root, { force: true });
    expect(forced.files.find((f) => f.file === 'intents/de_DE/Balance.yaml')!.action).toBe('redraft');
    expect(read(root, 'intents/de_DE/Balance.yaml')).not.toContain('wie hoch ist mein Kontostand');
    expect(read(root, 'intents/de_DE/Goodbye.yaml')).toContain('review:');
  });
});

describe('bots translate: failures', () => {
  it('flags a placeholder the translation lost, and drops an utterance that lost its slot reference', async () => {
    const root = writeProject(files());
    fake.dropPlaceholders = true;
    const result = await run(root);
    expect(result.notes.some((n) => n.file === 'intents/de_DE/Balance.yaml' && /dropped: its translation lost \{AccountType\}/.test(n.note))).toBe(true);
    expect(result.notes.some((n) => n.file === 'ssml/de_DE/balance-account.ssml' && /did not come back/.test(n.note))).toBe(true);
    const { project } = await loadProject(root);
    expect(project.intents.get('de_DE')!.get('Balance')!.sampleUtterances.some((u) => u.text.includes('{'))).toBe(false);
    expect(project.intents.get('de_DE')!.get('Balance')!.review!.notes!.length).toBeGreaterThan(0);
  });

  it('falls back to one call per segment when a batch does not split back', async () => {
    const root = writeProject(files());
    fake.mergeParagraphs = true;
    const result = await run(root);
    expect(result.stats.calls).toBeGreaterThan(result.stats.segments / 25);
    expect(read(root, 'intents/de_DE/Goodbye.yaml')).toContain('eybdoog');
  });

  it('rejects an unknown locale, bot or intent before calling anything', async () => {
    const root = writeProject(files());
    await expect(run(root, { to: ['xx_YY'] })).rejects.toThrow(TranslateError);
    await expect(run(root, { bot: 'Nope' })).rejects.toThrow(/No bot Nope/);
    await expect(run(root, { intents: ['Nope'] })).rejects.toThrow(/no intent Nope/);
    expect(fake.requests).toEqual([]);
  });
});

describe('bots translate: the command', () => {
  const noCredentials = {
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  };
  const fakeCredentials = { ...noCredentials, AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1' };

  it('exits 1 and prints the finding when a draft fails validation (an English phoneme kept in German)', async () => {
    const root = writeProject(files());
    const r = await runBotsAsync(['translate', '--to', 'de_DE'], root, { ...fakeCredentials, BOTS_TRANSLATE_ENDPOINT: fake.endpoint });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/ssml\/de_DE\/goodbye.ssml/);
    expect(r.stdout).toMatch(/phonemes are per language/);
    // the drafts are written all the same: the reviewer fixes them
    expect(existsSync(join(root, 'ssml/de_DE/goodbye.ssml'))).toBe(true);
  });

  it('stops with a clear message and writes nothing without AWS credentials', () => {
    const root = writeProject(files());
    const botBefore = read(root, 'bots/Demo.yaml');
    const r = runBots(['translate', '--to', 'de_DE'], root, { ...noCredentials, BOTS_TRANSLATE_ENDPOINT: fake.endpoint });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/No AWS credentials for Amazon Translate/);
    expect(r.stderr).toMatch(/Nothing was written/);
    expect(existsSync(join(root, 'intents/de_DE'))).toBe(false);
    expect(existsSync(join(root, 'translate'))).toBe(false);
    expect(read(root, 'bots/Demo.yaml')).toBe(botBefore);
    expect(fake.requests).toEqual([]);
  });

  it('--dry-run needs no credentials, calls nothing and writes nothing', () => {
    const root = writeProject(files());
    const r = runBots(['translate', '--to', 'de_DE', '--dry-run'], root, { ...noCredentials, BOTS_TRANSLATE_ENDPOINT: fake.endpoint });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/intents\/de_DE\/Balance.yaml {2}draft/);
    expect(r.stdout).toMatch(/characters would be sent/);
    expect(existsSync(join(root, 'intents/de_DE'))).toBe(false);
    expect(fake.requests).toEqual([]);
  });

  it('says what stays in English for a new locale: the code hook messages and the knowledge base', () => {
    const root = writeProject(
      files({
        'fulfillment/messages/en_US.ts': 'export const en_US = {};\n',
        'fulfillment/messages/de_DE.ts': 'export const de_DE = {};\n',
        'fulfillment/knowledge-base/en_US/cards.md': '# Cards\n',
      }),
    );
    const r = runBots(['translate', '--to', 'de_DE,fr_FR', '--dry-run'], root, { ...noCredentials, BOTS_TRANSLATE_ENDPOINT: fake.endpoint });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("fr_FR: the code hook's messages (balances, verification, callbacks) stay in English: add fulfillment/messages/fr_FR.ts");
    expect(r.stdout).not.toContain("de_DE: the code hook's messages");
    expect(r.stdout).toContain('de_DE: the knowledge base has no de_DE documents');
    expect(r.stdout).toContain('fr_FR: the knowledge base has no fr_FR documents');
    const json = JSON.parse(runBots(['translate', '--to', 'fr_FR', '--dry-run', '--json'], root, { ...noCredentials, BOTS_TRANSLATE_ENDPOINT: fake.endpoint }).stdout) as { untranslated: { part: string; path: string }[] };
    expect(json.untranslated.map((u) => u.path)).toEqual(['fulfillment/messages/fr_FR.ts', 'fulfillment/knowledge-base/fr_FR/']);
  });

  it('drafts through BOTS_TRANSLATE_ENDPOINT and prints JSON', async () => {
    const root = writeProject(files({ 'ssml/en_US/goodbye.ssml': '<speak>Thanks for calling. <prosody rate="slow">Goodbye!</prosody></speak>\n' }));
    const r = await runBotsAsync(['translate', '--bot', 'Demo', '--from', 'en_US', '--to', 'de_DE,fr_FR', '--formality', 'formal', '--json'], root, {
      ...fakeCredentials,
      BOTS_TRANSLATE_ENDPOINT: fake.endpoint,
    });
    expect(r.stderr).not.toMatch(/error/);
    const out = JSON.parse(r.stdout) as { written: string[]; locales: { localeId: string }[]; findings: { severity: string; message: string }[] };
    expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.status).toBe(0);
    expect(out.locales.map((l) => l.localeId)).toEqual(['de_DE', 'fr_FR']);
    expect(out.written).toContain('intents/fr_FR/Balance.yaml');
    expect(out.written).toContain('translate/memory/en_US-de_DE.json');
    expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(new Set(fake.requests.map((q) => q.TargetLanguageCode))).toEqual(new Set(['de', 'fr']));
    const v = runBots(['validate', '--format', 'json'], root);
    expect(v.status).toBe(0);
    expect(v.stdout).toContain('review/machine-translated');
  });

  it('rejects a bad --formality as a usage error', () => {
    const root = writeProject(files());
    const r = runBots(['translate', '--to', 'de_DE', '--formality', 'polite'], root, noCredentials);
    expect(r.status).toBe(2);
  });
});
