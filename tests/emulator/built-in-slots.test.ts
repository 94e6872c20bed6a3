/**
 * Built-in slot values through the emulator and the real Lex Runtime V2 SDK: the shipped
 * VerifyIdentity.Passcode slot is AMAZON.Number, and a caller who gives a phone number there must
 * reach the code hook with every digit ("202-555-0143" must not become "202555143").
 * https://docs.aws.amazon.com/lexv2/latest/dg/built-in-slot-number.html
 */
import { RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { createBotFromDefinitions } from '../helpers/create-bot.js';
import { useEmulator } from '../helpers/emulator.js';

const ROOT = join(import.meta.dirname, '..', '..');
const lex = useEmulator();
let botId = '';

beforeAll(async () => {
  const { project } = await loadProject(ROOT);
  ({ botId } = await createBotFromDefinitions(lex.models, project, 'SelfService', { locales: ['en_US'] }));
}, 120_000);

let n = 0;
async function passcodeSlotAfter(answer: string) {
  const sessionId = `number-${++n}`;
  const say = (text: string) => lex.runtime.send(new RecognizeTextCommand({ botId, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId, text }));
  const first = await say('verify me please');
  expect(first.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
  const r = await say(answer);
  return r.sessionState?.intent?.slots?.['Passcode']?.value;
}

describe('AMAZON.Number through RecognizeText', () => {
  it.each([
    ['202-555-0143', '2025550143'],
    ['two oh two five five five zero one four three', '2025550143'],
    ['my code is 4 0 5 0 0 1', '405001'],
  ])('"%s" fills the slot with %s', async (answer, digits) => {
    const value = await passcodeSlotAfter(answer);
    expect(value?.interpretedValue).toBe(digits);
  });
});
