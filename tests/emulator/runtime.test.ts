import { CreateBotAliasCommand, CreateBotVersionCommand, ListAggregatedUtterancesCommand, ListUtteranceAnalyticsDataCommand, waitUntilBotAliasAvailable, waitUntilBotVersionAvailable } from '@aws-sdk/client-lex-models-v2';
import {
  DeleteSessionCommand,
  DependencyFailedException,
  GetSessionCommand,
  PutSessionCommand,
  RecognizeTextCommand,
  ResourceNotFoundException,
  ValidationException,
  type RecognizeTextCommandOutput,
} from '@aws-sdk/client-lex-runtime-v2';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { createBotFromDefinitions } from '../helpers/create-bot.js';
import { useEmulator } from '../helpers/emulator.js';

const ROOT = join(import.meta.dirname, '..', '..');
const LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:self-service-lex';
const BROKEN_LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:broken';
const logFile = join(mkdtempSync(join(tmpdir(), 'lex-log-')), 'conversation-logs.jsonl');

/** A code hook written for the test: records every event, delegates dialog turns, fulfils with a message. */
const events: Record<string, unknown>[] = [];
async function testHook(event: unknown): Promise<unknown> {
  const e = event as { invocationSource: string; sessionState: { intent: { name: string; slots: Record<string, unknown> }; sessionAttributes: Record<string, string> } };
  events.push(e as never);
  const intent = e.sessionState.intent;
  if (e.invocationSource === 'DialogCodeHook') {
    return { sessionState: { dialogAction: { type: 'Delegate' }, intent, sessionAttributes: { ...e.sessionState.sessionAttributes, hookSaw: intent.name } } };
  }
  return {
    sessionState: { dialogAction: { type: 'Close' }, intent: { ...intent, state: 'Fulfilled' }, sessionAttributes: e.sessionState.sessionAttributes },
    messages: [{ contentType: 'PlainText', content: `Done: ${intent.name}` }],
  };
}

// The emulator's clock: real time plus an offset the TTL test moves forward.
let offset = 0;
const clock = () => Date.now() + offset;
const lex = useEmulator({
  now: clock,
  runtime: {
    codeHooks: (arn) => (arn === LAMBDA ? testHook : arn === BROKEN_LAMBDA ? async () => ({ sessionState: {} }) : undefined),
    conversationLogFile: logFile,
  },
});

let botId = '';
let liveAliasId = '';
let brokenAliasId = '';

beforeAll(async () => {
  const { project } = await loadProject(ROOT);
  ({ botId } = await createBotFromDefinitions(lex.models, project, 'SelfService'));
  const version = await lex.models.send(
    new CreateBotVersionCommand({ botId, botVersionLocaleSpecification: { en_US: { sourceBotVersion: 'DRAFT' }, es_US: { sourceBotVersion: 'DRAFT' }, fr_CA: { sourceBotVersion: 'DRAFT' } } }),
  );
  await waitUntilBotVersionAvailable({ client: lex.models, maxWaitTime: 30, minDelay: 1 }, { botId, botVersion: version.botVersion! });
  const settings = (arn: string) =>
    Object.fromEntries(['en_US', 'es_US', 'fr_CA'].map((l) => [l, { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaARN: arn, codeHookInterfaceVersion: '1.0' } } }]));
  const live = await lex.models.send(new CreateBotAliasCommand({ botId, botAliasName: 'live', botVersion: version.botVersion, botAliasLocaleSettings: settings(LAMBDA) }));
  liveAliasId = live.botAliasId!;
  await waitUntilBotAliasAvailable({ client: lex.models, maxWaitTime: 30, minDelay: 1 }, { botId, botAliasId: liveAliasId });
  const broken = await lex.models.send(new CreateBotAliasCommand({ botId, botAliasName: 'broken', botVersion: version.botVersion, botAliasLocaleSettings: settings(BROKEN_LAMBDA) }));
  brokenAliasId = broken.botAliasId!;
}, 120_000);

let sessionCounter = 0;
/** A conversation on an alias and locale: say() sends one turn. */
function conversation(localeId = 'en_US', botAliasId = 'TSTALIASID') {
  const sessionId = `s-${++sessionCounter}`;
  return {
    sessionId,
    say: (text: string, extra: { sessionAttributes?: Record<string, string>; requestAttributes?: Record<string, string> } = {}): Promise<RecognizeTextCommandOutput> =>
      lex.runtime.send(
        new RecognizeTextCommand({
          botId,
          botAliasId,
          localeId,
          sessionId,
          text,
          ...(extra.sessionAttributes ? { sessionState: { sessionAttributes: extra.sessionAttributes } } : {}),
          ...(extra.requestAttributes ? { requestAttributes: extra.requestAttributes } : {}),
        }),
      ),
  };
}

describe('RecognizeText on the shipped bot (TestBotAlias, no code hook)', () => {
  it.each([
    ['en_US', "what's my balance", 'savings'],
    ['es_US', '¿cuánto tengo en mi cuenta?', 'ahorros'],
    ['fr_CA', "c'est quoi mon solde", 'épargne'],
  ])('%s: recognises CheckBalance, elicits AccountType, then closes', async (localeId, first, answer) => {
    const c = conversation(localeId);
    const t1 = await c.say(first);
    expect(t1.interpretations?.[0]?.intent?.name).toBe('CheckBalance');
    expect(t1.interpretations?.[0]?.nluConfidence?.score).toBeGreaterThanOrEqual(0.4);
    expect(t1.sessionState?.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'AccountType' });
    // A chat gets the prompt's plain-text form, without markup.
    expect(t1.messages?.[0]?.contentType).toBe('PlainText');
    expect(t1.messages?.[0]?.content).not.toMatch(/<[a-z/]/i);
    const t2 = await c.say(answer);
    expect(t2.sessionState?.intent?.slots?.AccountType?.value?.interpretedValue).toBe('savings');
    expect(t2.sessionState?.dialogAction?.type).toBe('Close');
    expect(t2.sessionState?.intent?.state).toBe('ReadyForFulfillment');
  });

  it('answers the same prompt as SSML on Connect voice and as plain text on Connect chat', async () => {
    // Act
    const voice = await conversation().say("what's my balance", { requestAttributes: { 'x-amz-lex:channels:platform': 'Connect' } });
    const chat = await conversation().say("what's my balance", { requestAttributes: { 'x-amz-lex:channels:platform': 'Connect Chat' } });
    // Assess
    expect(voice.messages).toEqual([{ contentType: 'SSML', content: expect.stringMatching(/^<speak>.*<break time="200ms"\/>.*<\/speak>$/) }]);
    expect(chat.messages).toEqual([{ contentType: 'PlainText', content: 'Sure. Which account would you like the balance for: checking, savings, or credit card?' }]);
  });

  it('fills a slot from the first utterance', async () => {
    const t = await conversation().say('how much is in my checking account');
    expect(t.sessionState?.intent?.slots?.AccountType?.value?.interpretedValue).toBe('checking');
    expect(t.sessionState?.dialogAction?.type).toBe('Close');
  });

  it('falls back to FallbackIntent below the confidence threshold, listing it without a score', async () => {
    const t = await conversation().say('purple elephants dance on the moon tonight');
    expect(t.interpretations?.[0]?.intent?.name).toBe('FallbackIntent');
    expect(t.interpretations?.[0]?.nluConfidence).toBeUndefined();
    expect(t.sessionState?.intent?.name).toBe('FallbackIntent');
  });

  it('re-prompts a slot it cannot resolve, then gives up to FallbackIntent after maxRetries', async () => {
    const c = conversation();
    await c.say("what's my balance");
    const retry1 = await c.say('banana');
    expect(retry1.sessionState?.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'AccountType' });
    const retry2 = await c.say('pineapple');
    expect(retry2.sessionState?.dialogAction?.slotToElicit).toBe('AccountType');
    const gaveUp = await c.say('mango');
    expect(gaveUp.sessionState?.intent?.name).toBe('FallbackIntent');
  });

  it('asks for confirmation, closes on yes and plays the declination on no', async () => {
    const yes = conversation();
    // CallbackTime is optional (a queued callback has no time): a time in the utterance still fills it.
    await yes.say('call me back at 3 pm');
    const confirm = await yes.say('my number is 555 010 1234');
    expect(confirm.sessionState?.dialogAction?.type).toBe('ConfirmIntent');
    expect(confirm.sessionState?.intent?.slots?.CallbackTime?.value?.interpretedValue).toBe('15:00');
    const done = await yes.say('yes');
    expect(done.sessionState?.intent).toMatchObject({ state: 'ReadyForFulfillment', confirmationState: 'Confirmed' });

    const no = conversation();
    await no.say('can someone call me back');
    await no.say('555 010 1234');
    const declined = await no.say('no');
    expect(declined.sessionState?.intent).toMatchObject({ state: 'Failed', confirmationState: 'Denied' });
    expect(declined.messages?.length).toBeGreaterThan(0);
  });
});

describe('code hooks', () => {
  it('calls the dialog and fulfillment code hooks with Lex V2 events and honours their responses', async () => {
    events.length = 0;
    const c = conversation('en_US', liveAliasId);
    const t = await c.say('how much is in my savings account', { sessionAttributes: { channel: 'chat' } });
    expect(t.messages).toEqual([{ contentType: 'PlainText', content: 'Done: CheckBalance' }]);
    expect(t.sessionState?.intent?.state).toBe('Fulfilled');
    expect(t.sessionState?.sessionAttributes).toMatchObject({ channel: 'chat', hookSaw: 'CheckBalance' });
    const [dialog, fulfillment] = events as Record<string, any>[];
    expect(dialog).toMatchObject({ messageVersion: '1.0', invocationSource: 'DialogCodeHook', inputMode: 'Text', inputTranscript: 'how much is in my savings account' });
    expect(dialog!.bot).toMatchObject({ id: botId, aliasId: liveAliasId, aliasName: 'live', localeId: 'en_US', version: '1' });
    expect(dialog!.sessionState.sessionAttributes).toEqual({ channel: 'chat' });
    expect(typeof dialog!.interpretations[0].nluConfidence).toBe('number');
    expect(fulfillment).toMatchObject({ invocationSource: 'FulfillmentCodeHook' });
    expect(fulfillment!.sessionState.intent.slots.AccountType.value.interpretedValue).toBe('savings');
  });

  it('answers DependencyFailedException for an invalid Lambda response, leaving the session as it was', async () => {
    const c = conversation('en_US', brokenAliasId);
    await expect(c.say("what's my balance")).rejects.toBeInstanceOf(DependencyFailedException);
    await expect(lex.runtime.send(new GetSessionCommand({ botId, botAliasId: brokenAliasId, localeId: 'en_US', sessionId: c.sessionId }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });
});

describe('sessions', () => {
  it('keeps 200 concurrent conversations isolated', async () => {
    const types = ['checking', 'savings', 'credit card'];
    const convs = Array.from({ length: 200 }, () => conversation());
    await Promise.all(convs.map((c) => c.say("what's my balance")));
    const answers = await Promise.all(convs.map((c, i) => c.say(types[i % 3]!)));
    answers.forEach((a, i) => {
      expect(a.sessionId).toBe(convs[i]!.sessionId);
      expect(a.sessionState?.intent?.slots?.AccountType?.value?.interpretedValue).toBe(types[i % 3]);
    });
  }, 60_000);

  it('PutSession, GetSession and DeleteSession manage the session state', async () => {
    const key = { botId, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'managed-1' };
    const put = await lex.runtime.send(
      new PutSessionCommand({ ...key, sessionState: { sessionAttributes: { phone: '+15550100001' }, dialogAction: { type: 'ElicitIntent' } }, messages: [{ contentType: 'PlainText', content: 'Hi!' }] }),
    );
    expect(JSON.parse(gunzipSync(Buffer.from(put.sessionState!, 'base64')).toString())).toMatchObject({ sessionAttributes: { phone: '+15550100001' } });
    const got = await lex.runtime.send(new GetSessionCommand(key));
    expect(got.sessionState?.sessionAttributes).toEqual({ phone: '+15550100001' });
    const turn = await lex.runtime.send(new RecognizeTextCommand({ ...key, text: 'what is my balance' }));
    expect(turn.sessionState?.sessionAttributes).toEqual({ phone: '+15550100001' });
    await lex.runtime.send(new DeleteSessionCommand(key));
    await expect(lex.runtime.send(new GetSessionCommand(key))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('ends a session after the idle session TTL', async () => {
    const c = conversation();
    await c.say("what's my balance");
    offset += 301_000; // the shipped bot's idleSessionTTLInSeconds is 300
    const t = await c.say('savings');
    expect(t.sessionState?.intent?.name).not.toBe('CheckBalance');
  });

  it('refuses text over 1,024 characters and unknown aliases', async () => {
    await expect(conversation().say('a'.repeat(1025))).rejects.toBeInstanceOf(ValidationException);
    await expect(conversation('en_US', 'NOSUCHALIA').say('hi')).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('what the emulator records', () => {
  it('writes one conversation-log record per turn, with the obfuscated passcode hidden', async () => {
    const c = conversation();
    await c.say('I want to verify my identity');
    await c.say('481526');
    const records = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const mine = records.filter((r) => r.sessionId === c.sessionId);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ 'message-version': '2.0', bot: { id: botId, localeId: 'en_US' }, inputMode: 'Text', missedUtterance: false });
    expect(JSON.stringify(mine[1])).not.toContain('481526');
  });

  it('answers ListUtteranceAnalyticsData from the traffic it served, marking misses', async () => {
    await conversation().say('zebra quantum lasagna');
    const r = await lex.models.send(
      new ListUtteranceAnalyticsDataCommand({
        botId,
        startDateTime: new Date(clock() - 3_600_000),
        endDateTime: new Date(clock() + 60_000),
        filters: [{ name: 'UtteranceText', operator: 'EQ', values: ['zebra quantum lasagna'] }],
      }),
    );
    expect(r.utterances).toHaveLength(1);
    expect(r.utterances![0]).toMatchObject({ utteranceUnderstood: false, associatedIntentName: 'FallbackIntent', localeId: 'en_US' });
  });

  it('withholds ListAggregatedUtterances statistics, as Lex does, because the bot obfuscates slots', async () => {
    const r = await lex.models.send(
      new ListAggregatedUtterancesCommand({ botId, botAliasId: 'TSTALIASID', localeId: 'en_US', aggregationDuration: { relativeAggregationDuration: { timeDimension: 'Hours', timeValue: 24 } } }),
    );
    expect(r.aggregatedUtterancesSummaries ?? []).toEqual([]);
  });
});
