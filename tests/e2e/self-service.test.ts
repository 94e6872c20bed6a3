/**
 * End to end through the local emulator with the real SDK clients: the shipped SelfService bot,
 * created from the definitions, served by an alias whose code hook is the project's Lex fulfillment
 * handler on its embedded local backends (dynalite, SMS outbox, FAQ search).
 */
import { CreateBotAliasCommand, CreateBotVersionCommand, waitUntilBotVersionAvailable } from '@aws-sdk/client-lex-models-v2';
import { RecognizeTextCommand, type RecognizeTextCommandOutput } from '@aws-sdk/client-lex-runtime-v2';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { LOCAL_FULFILLMENT_ARN, startLocalFulfillment, type LocalFulfillment } from '../../scripts/emulator/local-fulfillment.js';
import { createBotFromDefinitions } from '../helpers/create-bot.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

const ROOT = join(import.meta.dirname, '..', '..');
const LOCALES = ['en_US', 'es_US', 'fr_CA'] as const;

/** A sample customer per locale (fulfillment/data/customers.json), what they type, and their balance as said. */
const CALLERS = {
  en_US: { phone: '+12025550143', typed: '202-555-0143', ask: 'how much is in my savings account', balance: /\$12,500\.00/, verify: 'I want to verify my identity', question: 'What are your fees for wire transfers', source: 'Fees' },
  es_US: { phone: '+13055550172', typed: '305-555-0172', ask: '¿cuánto tengo en mi cuenta de cheques?', balance: /\$987\.65/, verify: 'quiero verificar mi identidad', question: '¿Cuánto cobran por enviar dinero a México?', source: 'Transferencias y envíos de dinero' },
  fr_CA: { phone: '+15145550123', typed: '514-555-0123', ask: 'combien j\'ai dans mon compte chèques', balance: /1\s560,42\s\$/, verify: 'je veux vérifier mon identité', question: 'Comment réinitialiser mon mot de passe?', source: 'Services bancaires en ligne' },
};

let lex: TestEmulator;
let fulfillment: LocalFulfillment;
let botId = '';
let aliasId = '';

beforeAll(async () => {
  fulfillment = await startLocalFulfillment({ dataDir: mkdtempSync(join(tmpdir(), 'e2e-')), smsConsole: 'off' });
  lex = await startTestEmulator({ runtime: { codeHooks: fulfillment.codeHooks } });
  const { project } = await loadProject(ROOT);
  ({ botId } = await createBotFromDefinitions(lex.models, project, 'SelfService'));
  const version = await lex.models.send(
    new CreateBotVersionCommand({ botId, botVersionLocaleSpecification: Object.fromEntries(LOCALES.map((l) => [l, { sourceBotVersion: 'DRAFT' }])) }),
  );
  await waitUntilBotVersionAvailable({ client: lex.models, maxWaitTime: 30, minDelay: 1 }, { botId, botVersion: version.botVersion! });
  const settings = Object.fromEntries(LOCALES.map((l) => [l, { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaARN: LOCAL_FULFILLMENT_ARN, codeHookInterfaceVersion: '1.0' } } }]));
  aliasId = (await lex.models.send(new CreateBotAliasCommand({ botId, botAliasName: 'live', botVersion: version.botVersion, botAliasLocaleSettings: settings }))).botAliasId!;
}, 120_000);

afterAll(async () => {
  await lex?.stop();
  await fulfillment?.close();
});

let n = 0;
function chat(localeId: string) {
  const sessionId = `e2e-${localeId}-${++n}`;
  const said: string[] = [];
  return {
    said,
    async say(text: string): Promise<RecognizeTextCommandOutput> {
      const r = await lex.runtime.send(new RecognizeTextCommand({ botId, botAliasId: aliasId, localeId, sessionId, text }));
      said.push(...(r.messages ?? []).map((m) => m.content ?? ''));
      return r;
    },
  };
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe.each(LOCALES)('%s through the emulator', (localeId) => {
  const who = CALLERS[localeId];

  it('verifies with the code from the SMS outbox and hears the balance', async () => {
    const c = chat(localeId);
    let r = await c.say(who.ask);
    expect(r.interpretations?.[0]?.intent?.name).toBe('CheckBalance');
    expect(r.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
    r = await c.say(who.typed);
    const code = fulfillment.handlers.outbox.lastCodeTo(who.phone);
    expect(code).toMatch(/^\d{6}$/);
    r = await c.say(code!);
    expect(r.sessionState?.intent).toMatchObject({ name: 'CheckBalance', state: 'Fulfilled' });
    expect(c.said.join(' ')).toMatch(who.balance);
    expect(r.sessionState?.sessionAttributes?.verified).toBe('true');
  });

  it('locks out after three wrong codes', async () => {
    const c = chat(localeId);
    await c.say(who.verify);
    await c.say(who.typed);
    const code = fulfillment.handlers.outbox.lastCodeTo(who.phone)!;
    await c.say(wrong(code));
    await c.say(wrong(code));
    const r = await c.say(wrong(code));
    expect(r.sessionState?.intent?.state).toBe('Failed');
    expect(r.sessionState?.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', verified: 'false' });
  });

  it('answers a question from the knowledge base, naming its source', async () => {
    const c = chat(localeId);
    const r = await c.say(who.question);
    expect(['AskQuestion', 'FallbackIntent']).toContain(r.sessionState?.intent?.name);
    expect(c.said.join(' ')).toContain(who.source);
  });

  it('cannot read a balance by setting verified=true itself', async () => {
    const sessionId = `e2e-spoof-${localeId}`;
    const r = await lex.runtime.send(
      new RecognizeTextCommand({ botId, botAliasId: aliasId, localeId, sessionId, text: who.ask, sessionState: { sessionAttributes: { verified: 'true', customerId: 'C-1001', phone: who.phone } } }),
    );
    expect(r.sessionState?.intent?.state).not.toBe('Fulfilled');
    expect((r.messages ?? []).map((m) => m.content).join(' ')).not.toMatch(who.balance);
  });
});
