import { describe, expect, it } from 'vitest';
import { BALANCE_UTTERANCES, baseFiles, only, validateFiles } from '../helpers/project.js';

const withSlot = (utterances: string[], slot: object, extra: object = {}) =>
  baseFiles({ 'intents/en_US/Balance.yaml': { name: 'Balance', sampleUtterances: utterances, slots: [slot], ...extra } });
const accountSlot = { name: 'Account', type: 'AMAZON.AlphaNumeric', prompt: 'Which account?' };

describe('slots/undefined-reference', () => {
  it('reports {Acount} in an utterance when the slot is Account, suggesting the real name', async () => {
    const utts = [...BALANCE_UTTERANCES.slice(0, 14), 'balance of {Acount}'];
    const ds = only(await validateFiles(withSlot(utts, accountSlot)), 'slots/undefined-reference');
    expect(ds).toEqual([expect.objectContaining({ line: 17, severity: 'error' })]);
    expect(ds[0]!.hint).toContain('{Account}');
  });

  it('reports a reference in an SSML prompt file', async () => {
    const files = withSlot([...BALANCE_UTTERANCES.slice(0, 14), 'balance of {Account}'], accountSlot, { closing: { ssml: 'done' } });
    files['ssml/en_US/done.ssml'] = '<speak>Your {Acount} balance is ready.</speak>';
    expect(only(await validateFiles(files), 'slots/undefined-reference')).toHaveLength(1);
  });

  it('accepts references to existing slots, with spaces inside the braces', async () => {
    const utts = [...BALANCE_UTTERANCES.slice(0, 14), 'balance of { Account }'];
    expect(only(await validateFiles(withSlot(utts, accountSlot)), 'slots/undefined-reference')).toEqual([]);
  });
});

describe('slots/unused', () => {
  it('warns about a slot no utterance or prompt references', async () => {
    const ds = only(await validateFiles(withSlot(BALANCE_UTTERANCES, accountSlot)), 'slots/unused');
    expect(ds).toEqual([expect.objectContaining({ severity: 'warning', line: 19, column: 5 })]);
  });

  it('accepts a slot referenced only by a prompt of the intent', async () => {
    const files = withSlot(BALANCE_UTTERANCES, accountSlot, { closing: 'Here is the balance of {Account}.' });
    expect(only(await validateFiles(files), 'slots/unused')).toEqual([]);
  });
});

describe('slots/missing-prompt', () => {
  it('reports a required slot without a prompt', async () => {
    const utts = [...BALANCE_UTTERANCES.slice(0, 14), 'balance of {Account}'];
    const ds = only(await validateFiles(withSlot(utts, { name: 'Account', type: 'AMAZON.AlphaNumeric' })), 'slots/missing-prompt');
    expect(ds).toHaveLength(1);
  });

  it('accepts an optional slot without a prompt', async () => {
    const utts = [...BALANCE_UTTERANCES.slice(0, 14), 'balance of {Account}'];
    expect(only(await validateFiles(withSlot(utts, { name: 'Account', type: 'AMAZON.AlphaNumeric', required: false })), 'slots/missing-prompt')).toEqual([]);
  });
});

describe('slots/elicitation-code-hook-without-dialog-code-hook', () => {
  const utts = [...BALANCE_UTTERANCES.slice(0, 14), 'balance of {Account}'];
  const hooked = { ...accountSlot, elicitationCodeHook: { label: 'AccountNotCaptured' } };

  it('reports an elicitation code hook on a slot of an intent without dialogCodeHook: true (Lex ignores it), at the slot', async () => {
    const ds = only(await validateFiles(withSlot(utts, hooked)), 'slots/elicitation-code-hook-without-dialog-code-hook');
    expect(ds).toEqual([expect.objectContaining({ severity: 'warning', line: 19, column: 5 })]);
    expect(ds[0]!.hint).toContain('dialogCodeHook: true');
  });

  it('also with dialogCodeHook: false, and for failureNextStep: InvokeDialogCodeHook', async () => {
    const ds = only(await validateFiles(withSlot(utts, { ...accountSlot, failureNextStep: 'InvokeDialogCodeHook' }, { dialogCodeHook: false })), 'slots/elicitation-code-hook-without-dialog-code-hook');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain('failureNextStep');
  });

  it('accepts both when the intent has its dialog code hook', async () => {
    const files = withSlot(utts, { ...hooked, failureNextStep: 'InvokeDialogCodeHook' }, { dialogCodeHook: true });
    expect(only(await validateFiles(files), 'slots/elicitation-code-hook-without-dialog-code-hook')).toEqual([]);
  });
});

describe('slots/multiple-values-locale', () => {
  const utts = [...BALANCE_UTTERANCES.slice(0, 14), 'balance of {Account}'];
  const multi = { ...accountSlot, allowMultipleValues: true };

  it('reports a multi-valued slot outside en_US (Lex refuses it with a ValidationException), at the slot', async () => {
    const files = baseFiles({
      'bots/Demo.yaml': { name: 'Demo', locales: { es_US: { voice: { id: 'Lupe', engine: 'neural' }, intents: ['Balance'] } } },
      'intents/es_US/Balance.yaml': { name: 'Balance', sampleUtterances: utts, slots: [multi] },
    });
    const ds = only(await validateFiles(files), 'slots/multiple-values-locale');
    expect(ds).toEqual([expect.objectContaining({ severity: 'error', file: expect.stringContaining('intents/es_US/Balance.yaml') })]);
    expect(ds[0]!.hint).toContain('en_US');
  });

  it('accepts it in en_US', async () => {
    expect(only(await validateFiles(withSlot(utts, multi)), 'slots/multiple-values-locale')).toEqual([]);
  });
});
