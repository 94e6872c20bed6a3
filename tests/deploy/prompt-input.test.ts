/**
 * Voice and DTMF prompt settings deploy through the real SDK into the emulator: a slot prompt's
 * `audioAndDtmfInputSpecification` becomes every attempt's `promptAttemptsSpecification`, a second
 * deploy finds no change, and changing the DTMF max length updates exactly that slot.
 * https://docs.aws.amazon.com/lexv2/latest/APIReference/API_PromptAttemptSpecification.html
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../helpers/emulator.js';
import { deployLocal, readYaml, smallProject, startDeployEmulator, writeFiles } from './helpers.js';

let lex: TestEmulator;
let root: string;

beforeAll(async () => {
  lex = await startDeployEmulator();
  root = smallProject();
});
afterAll(() => lex.stop());

function setAccountPromptDtmf(maxLength: number): void {
  const rel = 'intents/en_US/Balance.yaml';
  const intent = readYaml<{ slots: { name: string; prompt: unknown }[] }>(root, rel);
  intent.slots[0]!.prompt = { messages: ['Which account?'], audioAndDtmfInputSpecification: { dtmfSpecification: { maxLength, endCharacter: '#' } } };
  writeFiles(root, { [rel]: intent });
}

describe('prompt input settings deploy', () => {
  it('deploys them, then finds no change on a second deploy', async () => {
    setAccountPromptDtmf(4);
    const first = await deployLocal(lex, root);
    expect(first.bot.status).toBe('applied');
    const second = await deployLocal(lex, root);
    expect(second.bot.status).toBe('no-changes');
    expect(second.writes).toEqual([]);
  });

  it('a changed DTMF max length updates exactly that slot', async () => {
    setAccountPromptDtmf(6);
    const { bot, writes } = await deployLocal(lex, root);
    expect(bot.status).toBe('applied');
    expect(bot.plan!.locales[0]!.slots).toEqual(expect.objectContaining({ update: [{ name: 'Balance.Account', fields: ['valueElicitationSetting'] }] }));
    expect(writes.filter((w) => /Slot|Intent/.test(w))).toEqual(['UpdateSlot']);
  });
});
