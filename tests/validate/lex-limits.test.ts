import { describe, expect, it } from 'vitest';
import { BALANCE_UTTERANCES, baseFiles, only, validateFiles } from '../helpers/project.js';

const intent = (name: string, extra: object = {}) => ({ [`intents/en_US/${name}.yaml`]: { name, sampleUtterances: BALANCE_UTTERANCES, ...extra } });
const bot = (intents: string[], extra: object = {}) => ({ 'bots/Demo.yaml': { name: 'Demo', locales: { en_US: { intents } }, ...extra } });

describe('lex/name', () => {
  it('reports a double separator and a leading underscore', async () => {
    const files = baseFiles({ ...bot(['Balance', 'Goodbye', 'Check__It', '_Hidden']), ...intent('Check__It'), ...intent('_Hidden') });
    const ds = only(await validateFiles(files), 'lex/name');
    expect(ds.map((d) => d.file).sort()).toEqual(['intents/en_US/Check__It.yaml', 'intents/en_US/_Hidden.yaml']);
  });

  it('accepts single separators and 100 characters', async () => {
    const long = `A${'b'.repeat(99)}`;
    const files = baseFiles({ ...bot(['Balance', 'Goodbye', 'Check_It-Now', long]), ...intent('Check_It-Now'), ...intent(long) });
    expect(only(await validateFiles(files), 'lex/name')).toEqual([]);
  });

  it('reports an alias name with a space', async () => {
    const files = baseFiles(bot(['Balance', 'Goodbye'], { targets: { 'us-east-1': { alias: 'live now' } } }));
    expect(only(await validateFiles(files), 'lex/name')).toHaveLength(1);
  });
});

describe('lex/utterance-length', () => {
  it('reports 501 characters and accepts 500', async () => {
    const at = (n: number) => baseFiles(intent('Balance', { sampleUtterances: [...BALANCE_UTTERANCES.slice(0, 14), `my balance ${'x'.repeat(n - 11)}`] }));
    expect(only(await validateFiles(at(501)), 'lex/utterance-length')).toHaveLength(1);
    expect(only(await validateFiles(at(500)), 'lex/utterance-length')).toEqual([]);
  });
});

describe('lex/utterances-per-intent', () => {
  it('reports 1,501 utterances and accepts 1,500', async () => {
    const make = (n: number) => Array.from({ length: n }, (_, i) => `balance question number ${i}`);
    const count = async (n: number) =>
      only(await validateFiles(baseFiles(intent('Balance', { sampleUtterances: make(n) }))), 'lex/utterances-per-intent').length;
    expect(await count(1501)).toBe(1);
    expect(await count(1500)).toBe(0);
  });
});

describe('lex/intents-per-locale', () => {
  it('allows 250 intents outside English but not 251', async () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `I${i}`);
    const run = async (n: number) => {
      const files: Record<string, object> = { 'bots/Demo.yaml': { name: 'Demo', locales: { es_US: { intents: names(n) } } } };
      for (const name of names(n)) files[`intents/es_US/${name}.yaml`] = { name, sampleUtterances: [`frase ${name}`] };
      return only(await validateFiles(files), 'lex/intents-per-locale').length;
    };
    // FallbackIntent is implicit and counts: 249 + 1 = 250.
    expect(await run(249)).toBe(0);
    expect(await run(250)).toBe(1);
  });
});

describe('lex/slots-per-intent', () => {
  it('reports 101 slots', async () => {
    const slots = Array.from({ length: 101 }, (_, i) => ({ name: `S${i}`, type: 'AMAZON.Number', required: false }));
    const ds = await validateFiles(baseFiles(intent('Balance', { slots })));
    expect(only(ds, 'lex/slots-per-intent')).toHaveLength(1);
  });

  it('accepts 100 slots', async () => {
    const slots = Array.from({ length: 100 }, (_, i) => ({ name: `S${i}`, type: 'AMAZON.Number', required: false }));
    expect(only(await validateFiles(baseFiles(intent('Balance', { slots }))), 'lex/slots-per-intent')).toEqual([]);
  });
});

describe('lex/message-length', () => {
  it('reports an SSML prompt over 1,000 characters and accepts 1,000', async () => {
    const ssml = (n: number) => `<speak>${'a'.repeat(n - 15)}</speak>`;
    const run = async (n: number) => only(await validateFiles(baseFiles({ 'ssml/en_US/goodbye.ssml': ssml(n) })), 'lex/message-length').length;
    expect(await run(1001)).toBe(1);
    expect(await run(1000)).toBe(0);
  });
});

describe('lex/built-in-name', () => {
  it('reports a custom intent named like a built-in one', async () => {
    const files = baseFiles({ ...bot(['Balance', 'Goodbye', 'HelpIntent']), ...intent('HelpIntent') });
    expect(only(await validateFiles(files), 'lex/built-in-name')).toHaveLength(1);
  });

  it('accepts the name when the intent extends that built-in', async () => {
    const files = baseFiles({ ...bot(['Balance', 'Goodbye', 'FallbackIntent']), 'intents/en_US/FallbackIntent.yaml': { name: 'FallbackIntent', builtIn: 'AMAZON.FallbackIntent' } });
    expect(only(await validateFiles(files), 'lex/built-in-name')).toEqual([]);
  });
});

describe('lex/slot-types-per-locale', () => {
  it('reports 101 custom slot types in es_US', async () => {
    const files: Record<string, object> = {};
    const slots = Array.from({ length: 101 }, (_, i) => ({ name: `S${i}`, type: `T${i}`, required: false }));
    for (let i = 0; i < 101; i++) files[`slot-types/es_US/T${i}.yaml`] = { name: `T${i}`, values: ['a'] };
    files['bots/Demo.yaml'] = { name: 'Demo', locales: { es_US: { intents: ['Balance'] } } };
    files['intents/es_US/Balance.yaml'] = { name: 'Balance', sampleUtterances: BALANCE_UTTERANCES, slots };
    expect(only(await validateFiles(files), 'lex/slot-types-per-locale')).toHaveLength(1);
  });
});
