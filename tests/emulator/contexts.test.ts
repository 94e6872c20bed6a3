/**
 * Input and output contexts through the emulator and the real Lex Runtime V2 SDK: an intent with
 * input contexts is recognized only while all of them are active; a fulfilled intent activates its
 * output contexts (with its slot values as context attributes) for their turns to live.
 * https://docs.aws.amazon.com/lexv2/latest/dg/context-mgmt-active-context.html
 */
import { RecognizeTextCommand, type ActiveContext } from '@aws-sdk/client-lex-runtime-v2';
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

const BOOK = ['book a car', 'i want to rent a car', 'rent me a car', 'reserve a car', 'i need a rental car', 'book a rental', 'can i hire a car', 'car rental please', 'i would like to book a car', 'get me a car', 'rent a vehicle', 'book a {CarType} car', 'i want a {CarType}', 'reserve a {CarType} for me', 'hire a car for the weekend'];
const RECEIPT = ['send me the receipt', 'email the receipt', 'can i get a receipt', 'receipt please', 'send the receipt to my email', 'i need the receipt', 'mail me a receipt', 'where is my receipt', 'send a copy of the receipt', 'i want my receipt', 'give me the receipt', 'send receipt', 'could you email me the receipt', 'receipt by email', 'i would like a receipt'];

beforeAll(async () => {
  // Prepare: BookCar activates book_car_fulfilled for 2 turns; SendReceipt needs it.
  const root = mkdtempSync(join(tmpdir(), 'contexts-'));
  writeFiles(root, {
    'bots/Cars.yaml': { name: 'Cars', locales: { en_US: { intents: ['BookCar', 'SendReceipt'] } } },
    'intents/en_US/BookCar.yaml': {
      name: 'BookCar',
      sampleUtterances: BOOK,
      slots: [{ name: 'CarType', type: 'AMAZON.AlphaNumeric', prompt: 'Which car?', required: false }],
      outputContexts: [{ name: 'book_car_fulfilled', timeToLiveInSeconds: 300, turnsToLive: 2 }],
    },
    'intents/en_US/SendReceipt.yaml': { name: 'SendReceipt', sampleUtterances: RECEIPT, inputContexts: ['book_car_fulfilled'] },
  });
  const { project, diagnostics } = await loadProject(root);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  ({ botId } = await createBotFromDefinitions(lex.models, project, 'Cars'));
}, 120_000);

let n = 0;
function session() {
  const sessionId = `ctx-${++n}`;
  return async (text: string, activeContexts?: ActiveContext[]) => {
    const r = await lex.runtime.send(new RecognizeTextCommand({ botId, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId, text, ...(activeContexts ? { sessionState: { activeContexts } } : {}) }));
    return { intent: r.sessionState?.intent?.name, contexts: r.sessionState?.activeContexts ?? [], names: (r.interpretations ?? []).map((i) => i.intent?.name) };
  };
}

describe('input and output contexts', () => {
  it('an intent with an input context is not recognized, nor listed, while the context is inactive', async () => {
    const say = session();
    const r = await say('send me the receipt');
    expect(r.intent).not.toBe('SendReceipt');
    expect(r.names).not.toContain('SendReceipt');
  });

  it('a fulfilled intent activates its output context with its slot values, and it lasts its turns to live', async () => {
    const say = session();
    const booked = await say('book a car');
    expect(booked.intent).toBe('BookCar');
    expect(booked.contexts).toEqual([{ name: 'book_car_fulfilled', timeToLive: { timeToLiveInSeconds: 300, turnsToLive: 2 }, contextAttributes: {} }]);
    const first = await say('send me the receipt');
    expect(first.intent).toBe('SendReceipt');
    expect(first.contexts[0]?.timeToLive?.turnsToLive).toBe(1);
    const second = await say('email the receipt');
    expect(second.intent).toBe('SendReceipt');
    expect(second.contexts).toEqual([]);
    const third = await say('send me the receipt');
    expect(third.intent).not.toBe('SendReceipt');
  });

  it('the context carries the fulfilled intent\'s slot values as context attributes', async () => {
    const say = session();
    const booked = await say('book a suv car');
    expect(booked.intent).toBe('BookCar');
    expect(booked.contexts[0]?.contextAttributes).toEqual({ CarType: 'suv' });
  });

  it('a context the client sets in the session state makes the intent eligible', async () => {
    const say = session();
    const r = await say('send me the receipt', [{ name: 'book_car_fulfilled', timeToLive: { timeToLiveInSeconds: 60, turnsToLive: 1 }, contextAttributes: { CarType: 'suv' } }]);
    expect(r.intent).toBe('SendReceipt');
  });
});
