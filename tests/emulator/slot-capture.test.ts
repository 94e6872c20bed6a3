/**
 * slotCaptureSetting through the emulator and the real runtime SDK: the elicitation code hook runs
 * when Lex cannot capture a slot value (between retries), then `failureNextStep` once the retries are
 * used up. The shipped VerifyIdentity.Passcode slot enables both; CheckBalance.AccountType neither.
 * https://docs.aws.amazon.com/lexv2/latest/APIReference/API_SlotCaptureSetting.html
 */
import { RecognizeTextCommand, type RecognizeTextCommandOutput } from '@aws-sdk/client-lex-runtime-v2';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { createBotFromDefinitions } from '../helpers/create-bot.js';
import { useEmulator } from '../helpers/emulator.js';
import { CreateBotAliasCommand, CreateBotVersionCommand, waitUntilBotVersionAvailable } from '@aws-sdk/client-lex-models-v2';

const ROOT = join(import.meta.dirname, '..', '..');
const LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:capture-test';

interface HookEvent {
  invocationSource: string;
  invocationLabel?: string;
  inputTranscript: string;
  proposedNextState?: { dialogAction: { type: string; slotToElicit?: string }; prompt?: { attempt: string } };
  sessionState: { intent: { name: string; slots: Record<string, unknown> }; sessionAttributes: Record<string, string> };
}

/** What the test's code hook answers next for VerifyIdentity elicitation calls. */
let reply: 'elicit' | 'delegate' = 'elicit';
const events: HookEvent[] = [];
async function hook(raw: unknown): Promise<unknown> {
  const e = raw as HookEvent;
  events.push(e);
  const intent = e.sessionState.intent;
  const attrs = e.sessionState.sessionAttributes;
  if (e.invocationSource === 'FulfillmentCodeHook') return { sessionState: { dialogAction: { type: 'Close' }, intent: { ...intent, state: 'Fulfilled' }, sessionAttributes: attrs } };
  if (intent.name !== 'VerifyIdentity') return { sessionState: { dialogAction: { type: 'Delegate' }, intent, sessionAttributes: attrs } };
  if (reply === 'delegate') return { sessionState: { dialogAction: { type: 'Delegate' }, intent, sessionAttributes: attrs } };
  return {
    sessionState: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'Passcode' }, intent: { ...intent, slots: { Passcode: null } }, sessionAttributes: attrs },
    messages: [{ contentType: 'PlainText', content: `hook heard: ${e.inputTranscript}` }],
  };
}

const lex = useEmulator({ runtime: { codeHooks: (arn) => (arn === LAMBDA ? hook : undefined) } });
let botId = '';
let aliasId = '';

beforeAll(async () => {
  const { project } = await loadProject(ROOT);
  ({ botId } = await createBotFromDefinitions(lex.models, project, 'SelfService'));
  const version = await lex.models.send(new CreateBotVersionCommand({ botId, botVersionLocaleSpecification: { en_US: { sourceBotVersion: 'DRAFT' } } }));
  await waitUntilBotVersionAvailable({ client: lex.models, maxWaitTime: 30, minDelay: 1 }, { botId, botVersion: version.botVersion! });
  const settings = { en_US: { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaARN: LAMBDA, codeHookInterfaceVersion: '1.0' } } } };
  aliasId = (await lex.models.send(new CreateBotAliasCommand({ botId, botAliasName: 'capture', botVersion: version.botVersion, botAliasLocaleSettings: settings }))).botAliasId!;
}, 120_000);

beforeEach(() => {
  events.length = 0;
  reply = 'elicit';
});

let n = 0;
function conversation() {
  const sessionId = `capture-${++n}`;
  return (text: string): Promise<RecognizeTextCommandOutput> => lex.runtime.send(new RecognizeTextCommand({ botId, botAliasId: aliasId, localeId: 'en_US', sessionId, text }));
}
const text = (r: RecognizeTextCommandOutput) => (r.messages ?? []).map((m) => m.content).join(' ');

describe('elicitation code hook (slotCaptureSetting.elicitationCodeHook)', () => {
  it('calls the dialog code hook with the label, the transcript and a Retry proposal when the value does not resolve', async () => {
    // Prepare
    const say = conversation();
    await say('verify me please');
    events.length = 0;
    // Act
    const r = await say('please send me a new code');
    // Assess
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      invocationSource: 'DialogCodeHook',
      invocationLabel: 'PasscodeNotCaptured',
      inputTranscript: 'please send me a new code',
      proposedNextState: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'Passcode' }, prompt: { attempt: 'Retry1' } },
    });
    expect(events[0]!.sessionState.intent.slots.Passcode ?? null).toBeNull();
    expect(r.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
    expect(text(r)).toBe('hook heard: please send me a new code');
  });

  it('re-prompts with the slot prompt when the hook delegates', async () => {
    const say = conversation();
    await say('verify me please');
    reply = 'delegate';
    const r = await say('banana');
    expect(events.at(-1)?.invocationLabel).toBe('PasscodeNotCaptured');
    expect(r.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
    expect(r.sessionState?.intent?.name).toBe('VerifyIdentity');
    expect(text(r)).not.toContain('hook heard');
  });

  it('runs failureNextStep (InvokeDialogCodeHook) once the retries are used up, instead of FallbackIntent', async () => {
    const say = conversation();
    await say('verify me please');
    await say('apple'); // Retry1 (hook)
    await say('pear'); // Retry2 (hook)
    events.length = 0;
    const r = await say('plum'); // maxRetries 2 used up: failureNextStep
    expect(events).toHaveLength(1);
    expect(events[0]!.invocationSource).toBe('DialogCodeHook');
    expect(events[0]!.invocationLabel).toBeUndefined();
    expect(r.sessionState?.intent?.name).toBe('VerifyIdentity');
    expect(text(r)).toBe('hook heard: plum');
  });

  it('a captured value goes to the dialog code hook as before (no label, slot filled)', async () => {
    const say = conversation();
    await say('verify me please');
    events.length = 0;
    await say('123456');
    expect(events[0]!.invocationLabel).toBeUndefined();
    expect(events[0]!.sessionState.intent.slots.Passcode).toMatchObject({ value: { interpretedValue: '123456' } });
  });

  it('a slot without slotCaptureSetting keeps Lex default: no hook on failure, FallbackIntent after the retries', async () => {
    const say = conversation();
    await say("what's my balance");
    events.length = 0;
    await say('banana');
    await say('pineapple');
    expect(events.filter((e) => e.sessionState.intent.name === 'CheckBalance')).toHaveLength(0);
    const r = await say('mango');
    expect(r.sessionState?.intent?.name).toBe('FallbackIntent');
  });
});
