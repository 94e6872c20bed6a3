/**
 * Slot elicitation styles through the emulator and the real Lex Runtime V2 SDK: a session state (or
 * a code hook's ElicitSlot) with `slotElicitationStyle` SpellByLetter / SpellByWord makes the next
 * answer a spelling ("a as in alpha, b as in bravo" → "ab"); Default resolves the words as said.
 * https://docs.aws.amazon.com/lexv2/latest/dg/spelling-styles.html
 */
import { RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { CreateBotAliasCommand, CreateBotVersionCommand, waitUntilBotVersionAvailable } from '@aws-sdk/client-lex-models-v2';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { despell } from '../../scripts/nlu/spelling-styles.js';
import { createBotFromDefinitions } from '../helpers/create-bot.js';
import { useEmulator } from '../helpers/emulator.js';
import { writeFiles } from '../deploy/helpers.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:spelling';
/** Elicits BookingId spelt by word when the first answer did not fill it. */
async function hook(raw: unknown): Promise<unknown> {
  const e = raw as { invocationSource: string; sessionState: { intent: { name: string; slots: Record<string, unknown> } } };
  const intent = e.sessionState.intent;
  if (e.invocationSource === 'DialogCodeHook' && !intent.slots['BookingId']) {
    return { sessionState: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'BookingId', slotElicitationStyle: 'SpellByWord' }, intent }, messages: [{ contentType: 'PlainText', content: 'Spell it for me, like a as in alpha.' }] };
  }
  return { sessionState: { dialogAction: { type: e.invocationSource === 'DialogCodeHook' ? 'Delegate' : 'Close' }, intent: { ...intent, state: 'Fulfilled' } } };
}

const lex = useEmulator({ runtime: { codeHooks: (arn) => (arn === LAMBDA ? hook : undefined) } });
let botId = '';
let aliasId = '';

const UTTERANCES = ['find my booking', 'where is my booking', 'look up booking {BookingId}', 'my booking is {BookingId}', 'check a reservation', 'booking status', 'find my reservation', 'my reservation number', 'look up my trip', 'find booking please', 'i have a booking', 'status of my booking', 'track my booking', 'booking reference', 'my confirmation number'];

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'spelling-'));
  writeFiles(root, {
    'bots/Spell.yaml': { name: 'Spell', locales: { en_US: { intents: ['FindBooking'] } } },
    'intents/en_US/FindBooking.yaml': {
      name: 'FindBooking',
      sampleUtterances: UTTERANCES,
      slots: [{ name: 'BookingId', type: 'AMAZON.AlphaNumeric', prompt: 'What is the booking reference?' }],
      dialogCodeHook: true,
    },
  });
  const { project } = await loadProject(root);
  ({ botId } = await createBotFromDefinitions(lex.models, project, 'Spell'));
  const version = await lex.models.send(new CreateBotVersionCommand({ botId, botVersionLocaleSpecification: { en_US: { sourceBotVersion: 'DRAFT' } } }));
  await waitUntilBotVersionAvailable({ client: lex.models, maxWaitTime: 30, minDelay: 1 }, { botId, botVersion: version.botVersion! });
  const settings = { en_US: { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaARN: LAMBDA, codeHookInterfaceVersion: '1.0' } } } };
  aliasId = (await lex.models.send(new CreateBotAliasCommand({ botId, botAliasName: 'spell', botVersion: version.botVersion, botAliasLocaleSettings: settings }))).botAliasId!;
}, 120_000);

let n = 0;
const elicitWith = (style: 'Default' | 'SpellByLetter' | 'SpellByWord') => ({
  dialogAction: { type: 'ElicitSlot' as const, slotToElicit: 'BookingId', slotElicitationStyle: style },
  intent: { name: 'FindBooking', slots: {}, state: 'InProgress' as const },
});
async function answer(text: string, style: 'Default' | 'SpellByLetter' | 'SpellByWord') {
  const r = await lex.runtime.send(new RecognizeTextCommand({ botId, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: `spell-${++n}`, text, sessionState: elicitWith(style) }));
  return r.sessionState?.intent?.slots?.['BookingId']?.value?.interpretedValue;
}

describe('despell', () => {
  it.each([
    ['a as in alpha, b as in bravo', 'SpellByWord', 'ab'],
    ['a as in alpha b for bravo p like peter one two three', 'SpellByWord', 'abp123'],
    ['x i u l a n', 'SpellByLetter', 'xiulan'],
    ['double b seven', 'SpellByLetter', 'bb7'],
    ['I would like to book', 'SpellByLetter', undefined],
  ] as const)('"%s" (%s) → %s', (text, style, out) => {
    expect(despell(text, style, 'en_US')).toBe(out);
  });
});

describe('slotElicitationStyle through RecognizeText', () => {
  it('SpellByWord: "a as in alpha, b as in bravo" fills the slot with ab', async () => {
    expect(await answer('a as in alpha, b as in bravo', 'SpellByWord')).toBe('ab');
  });

  it('SpellByLetter: "x i u l a n" fills the slot with xiulan', async () => {
    expect(await answer('x i u l a n', 'SpellByLetter')).toBe('xiulan');
  });

  it('Default resolves the words as said, not as a spelling', async () => {
    expect(await answer('a as in alpha, b as in bravo', 'Default')).not.toBe('ab');
  });

  it("a code hook's ElicitSlot with SpellByWord makes the next answer a spelling, and the response carries the style", async () => {
    const sessionId = `spell-hook-${++n}`;
    const say = (text: string) => lex.runtime.send(new RecognizeTextCommand({ botId, botAliasId: aliasId, localeId: 'en_US', sessionId, text }));
    const first = await say('find my booking');
    expect(first.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'BookingId', slotElicitationStyle: 'SpellByWord' });
    const second = await say('k for kilo nine as in niner');
    expect(second.sessionState?.intent?.slots?.['BookingId']?.value?.interpretedValue).toBe('k9');
  });
});
