/**
 * What Lex says after a fulfillment code hook: a Close with messages is the Lambda's last word (no
 * post-fulfillment response, no closing response); a Close without messages and a Delegate go on to
 * the configured success response and the closing response. Each is said once.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/lambda-response-format.html
 */
import { CreateBotAliasCommand, CreateBotVersionCommand, waitUntilBotAliasAvailable, waitUntilBotVersionAvailable } from '@aws-sdk/client-lex-models-v2';
import { RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { createBotFromDefinitions } from '../helpers/create-bot.js';
import { useEmulator } from '../helpers/emulator.js';
import { baseFiles, GOODBYE_UTTERANCES, writeProject } from '../helpers/project.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:close-test';

/** Answers the fulfillment call the way the session attribute `mode` says. */
async function hook(event: unknown): Promise<unknown> {
  const e = event as { sessionState: { intent: Record<string, unknown>; sessionAttributes?: Record<string, string> } };
  const mode = e.sessionState.sessionAttributes?.mode;
  const intent = { ...e.sessionState.intent, state: mode === 'delegate' ? 'InProgress' : 'Fulfilled' };
  const sessionState = { dialogAction: { type: mode === 'delegate' ? 'Delegate' : 'Close' }, intent, sessionAttributes: e.sessionState.sessionAttributes };
  return mode === 'close-with-message' ? { sessionState, messages: [{ contentType: 'PlainText', content: 'From the Lambda.' }] } : { sessionState };
}

const lex = useEmulator({ runtime: { codeHooks: (arn) => (arn === LAMBDA ? hook : undefined) } });
let botId = '';
let botAliasId = '';

beforeAll(async () => {
  const root = writeProject(
    baseFiles({
      'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: GOODBYE_UTTERANCES, closing: { ssml: 'goodbye' }, fulfillment: { enabled: true, success: 'Done.' } },
    }),
  );
  const { project } = await loadProject(root);
  ({ botId } = await createBotFromDefinitions(lex.models, project, 'Demo'));
  const v = await lex.models.send(new CreateBotVersionCommand({ botId, botVersionLocaleSpecification: { en_US: { sourceBotVersion: 'DRAFT' } } }));
  await waitUntilBotVersionAvailable({ client: lex.models, maxWaitTime: 30, minDelay: 1 }, { botId, botVersion: v.botVersion! });
  const alias = await lex.models.send(
    new CreateBotAliasCommand({
      botId, botAliasName: 'live', botVersion: v.botVersion,
      botAliasLocaleSettings: { en_US: { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaARN: LAMBDA, codeHookInterfaceVersion: '1.0' } } } },
    }),
  );
  botAliasId = alias.botAliasId!;
  await waitUntilBotAliasAvailable({ client: lex.models, maxWaitTime: 30, minDelay: 1 }, { botId, botAliasId });
}, 120_000);

describe('messages after the fulfillment code hook', () => {
  it.each([
    ['close-with-message', ['From the Lambda.']],
    ['close-without-message', ['Done.', 'Thanks for calling. Goodbye!']],
    ['delegate', ['Done.', 'Thanks for calling. Goodbye!']],
  ])('%s', async (mode, expected) => {
    // Act
    const r = await lex.runtime.send(new RecognizeTextCommand({ botId, botAliasId, localeId: 'en_US', sessionId: `s-${mode}`, text: 'goodbye', sessionState: { sessionAttributes: { mode } } }));
    // Assess: the whole reply, in order, once.
    expect(r.messages?.map((m) => m.content)).toEqual(expected);
    expect(r.sessionState?.dialogAction?.type).toBe('Close');
    expect(r.sessionState?.intent?.state).toBe('Fulfilled');
  });
});
