import { describe, expect, it } from 'vitest';
import { BALANCE_UTTERANCES, baseFiles, GOODBYE_UTTERANCES, only, validateFiles } from '../helpers/project.js';

const twoLocales = (esIntents: string[], extra: object = {}) => ({
  'bots/Demo.yaml': {
    name: 'Demo',
    locales: { en_US: { intents: ['Balance', 'Goodbye'] }, es_US: { intents: esIntents, ...extra } },
  },
  'intents/es_US/Balance.yaml': { name: 'Balance', sampleUtterances: BALANCE_UTTERANCES },
  'intents/es_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: GOODBYE_UTTERANCES },
});

describe('locales/same-intents', () => {
  it('reports a locale that lacks an intent the others have', async () => {
    const ds = only(await validateFiles(baseFiles(twoLocales(['Balance']))), 'locales/same-intents');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toBe('Locale es_US lacks intent Goodbye, which en_US has.');
  });

  it('accepts a missing intent that missingIntents explains', async () => {
    const ds = await validateFiles(baseFiles(twoLocales(['Balance'], { missingIntents: { Goodbye: 'callers hang up instead' } })));
    expect(only(ds, 'locales/same-intents')).toEqual([]);
    expect(only(ds, 'locales/stale-exception')).toEqual([]);
  });

  it('warns about a missingIntents entry for an intent the locale has', async () => {
    const ds = await validateFiles(baseFiles(twoLocales(['Balance', 'Goodbye'], { missingIntents: { Goodbye: 'old reason' } })));
    expect(only(ds, 'locales/stale-exception')).toHaveLength(1);
  });
});

describe('locales/same-slots', () => {
  it('reports an intent whose slots differ between locales', async () => {
    const files = baseFiles(twoLocales(['Balance', 'Goodbye']));
    const slot = { name: 'Account', type: 'AMAZON.AlphaNumeric', required: false };
    files['intents/es_US/Balance.yaml'] = { name: 'Balance', sampleUtterances: [...BALANCE_UTTERANCES.slice(0, 14), 'saldo de {Account}'], slots: [slot] };
    const ds = only(await validateFiles(files), 'locales/same-slots');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.file).toBe('intents/es_US/Balance.yaml');
  });

  it('accepts the same slots in another order', async () => {
    const a = { name: 'A', type: 'AMAZON.Number', required: false };
    const b = { name: 'B', type: 'AMAZON.Date', required: false };
    const utts = [...BALANCE_UTTERANCES.slice(0, 14), '{A} on {B}'];
    const files = baseFiles(twoLocales(['Balance', 'Goodbye']));
    files['intents/en_US/Balance.yaml'] = { name: 'Balance', sampleUtterances: utts, slots: [a, b] };
    files['intents/es_US/Balance.yaml'] = { name: 'Balance', sampleUtterances: utts, slots: [b, a] };
    expect(only(await validateFiles(files), 'locales/same-slots')).toEqual([]);
  });
});
