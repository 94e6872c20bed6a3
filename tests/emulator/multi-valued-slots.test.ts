/**
 * Multi-valued slots through the emulator and the real Lex SDKs: a slot with
 * `multipleValuesSetting.allowMultipleValues` answers "a checking and a savings account" with a
 * `List` slot of two values; CreateSlot refuses the setting outside en_US, as Lex does.
 * https://docs.aws.amazon.com/lexv2/latest/dg/multi-valued-slots.html
 * https://docs.aws.amazon.com/lexv2/latest/APIReference/API_MultipleValuesSetting.html
 */
import { CreateBotLocaleCommand, CreateIntentCommand, CreateSlotCommand, CreateSlotTypeCommand } from '@aws-sdk/client-lex-models-v2';
import { RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { createBotFromDefinitions } from '../helpers/create-bot.js';
import { useEmulator } from '../helpers/emulator.js';
import { writeFiles } from '../deploy/helpers.js';

const lex = useEmulator();
let botId = '';

const UTTERANCES = ['compare my accounts', 'show my accounts', 'balances of my accounts', 'compare {Accounts}', 'show {Accounts}', 'i want to see {Accounts}', 'list my accounts', 'account overview', 'all my balances', 'how are my accounts', 'show me {Accounts} please', 'my accounts', 'overview of {Accounts}', 'compare balances', 'look at my accounts'];

beforeAll(async () => {
  // Prepare: one intent whose Accounts slot (a custom slot type) allows multiple values.
  const root = mkdtempSync(join(tmpdir(), 'multi-'));
  writeFiles(root, {
    'bots/Multi.yaml': { name: 'Multi', locales: { en_US: { intents: ['CompareAccounts'] } } },
    'slot-types/en_US/AccountType.yaml': { name: 'AccountType', resolution: 'TopResolution', values: [{ value: 'checking', synonyms: ['checking account', 'chequing'] }, { value: 'savings', synonyms: ['savings account', 'saving'] }, { value: 'credit card', synonyms: ['card', 'visa'] }] },
    'intents/en_US/CompareAccounts.yaml': {
      name: 'CompareAccounts',
      sampleUtterances: UTTERANCES,
      slots: [{ name: 'Accounts', type: 'AccountType', prompt: 'Which accounts?', allowMultipleValues: true }],
    },
  });
  const { project, diagnostics } = await loadProject(root);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  ({ botId } = await createBotFromDefinitions(lex.models, project, 'Multi'));
}, 120_000);

let n = 0;
async function turns(...texts: string[]) {
  const sessionId = `multi-${++n}`;
  let last;
  for (const text of texts) last = await lex.runtime.send(new RecognizeTextCommand({ botId, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId, text }));
  return last!.sessionState?.intent?.slots?.['Accounts'];
}

describe('multi-valued slots', () => {
  it('"a checking and a savings account" fills a List slot with both values, resolved', async () => {
    const slot = await turns('compare my accounts', 'a checking and a savings account');
    expect(slot?.shape).toBe('List');
    expect(slot?.value?.originalValue).toBe('a checking and a savings account');
    expect(slot?.values?.map((v) => [v.shape, v.value?.interpretedValue])).toEqual([['Scalar', 'checking'], ['Scalar', 'savings']]);
  });

  it('commas and "or" separate values too, and a repeat counts once', async () => {
    const slot = await turns('compare my accounts', 'visa, chequing or my card');
    expect(slot?.values?.map((v) => v.value?.interpretedValue)).toEqual(['credit card', 'checking']);
  });

  it('one value is a List of one', async () => {
    const slot = await turns('compare my accounts', 'savings');
    expect(slot).toMatchObject({ shape: 'List', values: [{ shape: 'Scalar', value: { interpretedValue: 'savings' } }] });
  });

  it('CreateSlot refuses allowMultipleValues outside en_US with a ValidationException', async () => {
    await lex.models.send(new CreateBotLocaleCommand({ botId, botVersion: 'DRAFT', localeId: 'es_US', nluIntentConfidenceThreshold: 0.4 }));
    const typeId = (await lex.models.send(new CreateSlotTypeCommand({ botId, botVersion: 'DRAFT', localeId: 'es_US', slotTypeName: 'Cuenta', slotTypeValues: [{ sampleValue: { value: 'ahorros' } }], valueSelectionSetting: { resolutionStrategy: 'TopResolution' } }))).slotTypeId!;
    const intentId = (await lex.models.send(new CreateIntentCommand({ botId, botVersion: 'DRAFT', localeId: 'es_US', intentName: 'Comparar', sampleUtterances: [{ utterance: 'comparar cuentas' }] }))).intentId!;
    const attempt = lex.models.send(new CreateSlotCommand({
      botId, botVersion: 'DRAFT', localeId: 'es_US', intentId, slotName: 'Cuentas', slotTypeId: typeId,
      valueElicitationSetting: { slotConstraint: 'Optional' },
      multipleValuesSetting: { allowMultipleValues: true },
    }));
    await expect(attempt).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('en-US') });
  });
});
