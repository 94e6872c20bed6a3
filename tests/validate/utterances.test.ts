import { describe, expect, it } from 'vitest';
import { BALANCE_UTTERANCES, baseFiles, GOODBYE_UTTERANCES, only, validateFiles } from '../helpers/project.js';

const balance = (sampleUtterances: string[], extra: object = {}) => ({
  'intents/en_US/Balance.yaml': { name: 'Balance', sampleUtterances, ...extra },
});

describe('utterances/count', () => {
  it('reports an intent with fewer than 15 utterances as an error', async () => {
    const ds = only(await validateFiles(baseFiles(balance(BALANCE_UTTERANCES.slice(0, 14)))), 'utterances/count');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: 'error', file: 'intents/en_US/Balance.yaml' });
    expect(ds[0]!.message).toContain('14 sample utterances; at least 15');
  });

  it('accepts exactly 15 and exactly 20', async () => {
    const twenty = [...BALANCE_UTTERANCES, 'my balance', 'current balance please', 'what is in my savings account', 'remaining balance', 'available funds'];
    expect(only(await validateFiles(baseFiles()), 'utterances/count')).toEqual([]);
    expect(only(await validateFiles(baseFiles(balance(twenty))), 'utterances/count')).toEqual([]);
  });

  it('warns above 20, at the 21st utterance', async () => {
    const many = [...BALANCE_UTTERANCES, 'my balance', 'current balance please', 'what is in my savings account', 'remaining balance', 'available funds', 'balance on checking'];
    const ds = only(await validateFiles(baseFiles(balance(many))), 'utterances/count');
    expect(ds).toEqual([expect.objectContaining({ severity: 'warning', line: 23 })]);
  });

  it('uses the bot\'s own thresholds', async () => {
    const files = baseFiles({
      'bots/Demo.yaml': { name: 'Demo', validation: { minUtterances: 16 }, locales: { en_US: { intents: ['Balance', 'Goodbye'] } } },
    });
    expect(only(await validateFiles(files), 'utterances/count')).toHaveLength(2);
  });

  it('does not count the utterances of FallbackIntent', async () => {
    const files = baseFiles({
      'bots/Demo.yaml': { name: 'Demo', locales: { en_US: { intents: ['Balance', 'Goodbye', 'FallbackIntent'] } } },
      'intents/en_US/FallbackIntent.yaml': { name: 'FallbackIntent', builtIn: 'AMAZON.FallbackIntent' },
    });
    expect(await validateFiles(files)).toEqual([]);
  });
});

describe('utterances/variants', () => {
  it('reports an intent with only 2 variants', async () => {
    // The base has 4 variants; replace two of them with unrelated utterances.
    const replaced: Record<string, string> = { 'tell me my a count balance': 'what can I spend today', 'check my balence': 'funds available' };
    const utts = BALANCE_UTTERANCES.map((u) => replaced[u] ?? u);
    const ds = only(await validateFiles(baseFiles(balance(utts))), 'utterances/variants');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain('has 2 misspelling');
  });

  it('counts transcription spellings such as "wanna" and fillers such as "um"', async () => {
    const utts = BALANCE_UTTERANCES.map((u) => (u === 'tell me my a count balance' ? 'um tell me my account balance' : u));
    expect(only(await validateFiles(baseFiles(balance(utts))), 'utterances/variants')).toEqual([]);
  });

  it('honours validation.minVariants', async () => {
    const files = baseFiles({
      'bots/Demo.yaml': { name: 'Demo', validation: { minVariants: 5 }, locales: { en_US: { intents: ['Balance', 'Goodbye'] } } },
    });
    expect(only(await validateFiles(files), 'utterances/variants').length).toBeGreaterThan(0);
  });
});

describe('utterances/duplicate', () => {
  it('reports a duplicate within an intent after normalising case, punctuation and spacing', async () => {
    const utts = [...BALANCE_UTTERANCES.slice(0, 14), 'Check  my Balance!'];
    const ds = only(await validateFiles(baseFiles(balance(utts))), 'utterances/duplicate');
    expect(ds).toEqual([expect.objectContaining({ severity: 'error', line: 17, column: 5 })]);
    expect(ds[0]!.message).toContain('repeats sample utterance 3');
  });

  it('reports the same utterance in two intents', async () => {
    const utts = [...GOODBYE_UTTERANCES.slice(0, 14), 'Balance please.'];
    const ds = only(await validateFiles(baseFiles({ 'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: utts } })), 'utterances/duplicate');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain('also a sample utterance of Balance');
  });

  it('does not treat an apostrophe as punctuation ("what\'s" and "whats" are variants, not duplicates)', async () => {
    expect(only(await validateFiles(baseFiles()), 'utterances/duplicate')).toEqual([]);
  });
});

describe('utterances/near-duplicate', () => {
  it('warns about utterances of two intents that differ by one word', async () => {
    const utts = [...GOODBYE_UTTERANCES.slice(0, 14), 'check my balance now'];
    const ds = only(await validateFiles(baseFiles({ 'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: utts } })), 'utterances/near-duplicate');
    expect(ds).toEqual([expect.objectContaining({ severity: 'warning', file: 'intents/en_US/Goodbye.yaml' })]);
  });

  it('warns about a misspelt copy of another intent\'s utterance', async () => {
    const utts = [...GOODBYE_UTTERANCES.slice(0, 14), 'how much mony do I have'];
    const ds = only(await validateFiles(baseFiles({ 'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: utts } })), 'utterances/near-duplicate');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain('"mony"/"money"');
  });

  it('does not flag utterances that share words but differ in meaning', async () => {
    const utts = [...GOODBYE_UTTERANCES.slice(0, 14), 'check my statement'];
    expect(only(await validateFiles(baseFiles({ 'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: utts } })), 'utterances/near-duplicate')).toEqual([]);
  });
});
