/**
 * scripts/lex/api.ts: the model as Lex Models V2 request shapes (pure functions), checked on the
 * shipped SelfService bot and on small projects.
 */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import type { Bot, BotLocale, Project } from '../../scripts/definitions/model.js';
import {
  apiContext,
  apiMessage,
  createBotInput,
  createBotLocaleInput,
  createIntentInput,
  createSlotInput,
  createSlotTypeInput,
  isFallbackIntent,
  updateIntentInput,
} from '../../scripts/lex/api.js';
import { Router } from '../../scripts/emulator/router.js';
import { baseFiles, writeProject } from '../helpers/project.js';

const ROOT = new URL('../..', import.meta.url).pathname;

async function selfService(): Promise<{ project: Project; bot: Bot; en: BotLocale }> {
  const { project } = await loadProject(ROOT);
  const bot = project.bots.find((b) => b.name === 'SelfService')!;
  return { project, bot, en: bot.locales.find((l) => l.localeId === 'en_US')! };
}

describe('lex/api request shapes', () => {
  it('CreateBot and CreateBotLocale from the bot file', async () => {
    const { bot, en } = await selfService();
    expect(createBotInput(bot, { roleArn: 'arn:aws:iam::123456789012:role/Lex' })).toEqual({
      botName: 'SelfService',
      description: bot.description,
      roleArn: 'arn:aws:iam::123456789012:role/Lex',
      dataPrivacy: { childDirected: false },
      idleSessionTTLInSeconds: 300,
      botTags: { team: 'contact-centre', product: 'self-service' },
    });
    expect(createBotLocaleInput('BOTID12345', en)).toEqual({
      botId: 'BOTID12345',
      botVersion: 'DRAFT',
      localeId: 'en_US',
      nluIntentConfidenceThreshold: 0.4,
      voiceSettings: { voiceId: 'Danielle', engine: 'neural' },
    });
  });

  it('CreateSlotType with API spelling of the resolution strategy', async () => {
    const { en } = await selfService();
    const input = createSlotTypeInput('BOTID12345', 'en_US', en.slotTypes[0]!);
    expect(input.valueSelectionSetting).toEqual({ resolutionStrategy: 'TopResolution' });
    expect(input.slotTypeValues?.[0]).toEqual({ sampleValue: { value: 'checking' }, synonyms: [{ value: 'chequing' }, { value: 'checking account' }, { value: 'everyday account' }, { value: 'current account' }] });
  });

  it('CreateIntent leaves out what may name slots; UpdateIntent sends everything with priorities', async () => {
    const { project, bot, en } = await selfService();
    const ctx = apiContext(project, bot, en);
    const callback = en.intents.find((i) => i.name === 'RequestCallback')!;
    const create = createIntentInput('BOTID12345', 'en_US', callback, ctx);
    expect(create.intentConfirmationSetting).toBeUndefined();
    expect(create.intentClosingSetting).toBeUndefined();
    expect(create.sampleUtterances).toHaveLength(callback.sampleUtterances.length);
    expect(create.fulfillmentCodeHook).toEqual({ enabled: true, active: true });

    const update = updateIntentInput('BOTID12345', 'en_US', 'INTENT1234', callback, ctx, new Map([['CallbackTime', 'SLOTTIME01'], ['CallbackNumber', 'SLOTNUMB01']]));
    expect(update.slotPriorities).toEqual([
      { priority: 1, slotId: 'SLOTNUMB01' },
      { priority: 2, slotId: 'SLOTTIME01' },
    ]);
    expect(update.intentConfirmationSetting?.active).toBe(true);
    expect(update.intentConfirmationSetting?.declinationResponse?.messageGroups).toHaveLength(1);
    // RequestCallback's code hook closes with the number and time, so it has no closing response of its own.
    expect(update.intentClosingSetting?.closingResponse).toBeUndefined();
    const hours = en.intents.find((i) => i.name === 'BusinessHours')!;
    expect(updateIntentInput('BOTID12345', 'en_US', 'INTENT1235', hours, ctx).intentClosingSetting?.closingResponse?.allowInterrupt).toBe(true);
    expect(() => updateIntentInput('B', 'en_US', 'I', callback, ctx, new Map())).toThrow(/no id/);

    const fallback = en.intents.find((i) => i.name === 'FallbackIntent')!;
    expect(isFallbackIntent(fallback)).toBe(true);
    expect(updateIntentInput('B', 'en_US', 'FALLBCKINT', fallback, ctx).parentIntentSignature).toBe('AMAZON.FallbackIntent');
  });

  it('CreateSlot maps the slot type to its id and keeps obfuscation and the prompt', async () => {
    const { project, bot, en } = await selfService();
    const ctx = apiContext(project, bot, en);
    const balance = en.intents.find((i) => i.name === 'CheckBalance')!;
    const slot = createSlotInput('B', 'en_US', 'I', balance.slots[0]!, ctx, new Map([['AccountType', 'TYPEID0001']]));
    expect(slot.slotTypeId).toBe('TYPEID0001');
    expect(slot.valueElicitationSetting?.slotConstraint).toBe('Required');
    expect(slot.valueElicitationSetting?.promptSpecification?.maxRetries).toBe(2);
    expect(slot.valueElicitationSetting?.promptSpecification?.messageGroups?.[0]?.message?.ssmlMessage?.value).toMatch(/^<speak>[\s\S]*<\/speak>$/);
    expect(() => createSlotInput('B', 'en_US', 'I', balance.slots[0]!, ctx, new Map())).toThrow(/create the slot type first/);

    const callback = en.intents.find((i) => i.name === 'RequestCallback')!;
    const number = createSlotInput('B', 'en_US', 'I', callback.slots[0]!, ctx, new Map());
    expect(number).toMatchObject({ slotTypeId: 'AMAZON.PhoneNumber', obfuscationSetting: { obfuscationSettingType: 'DefaultObfuscation' } });
  });

  it('messages: trimmed SSML files, plain text, cards; a missing SSML file is an error', async () => {
    const { project } = await loadProject(writeProject(baseFiles()));
    const bot = project.bots[0]!;
    const ctx = apiContext(project, bot, bot.locales[0]!);
    const at = { file: 'x.yaml', path: [] };
    expect(apiMessage({ kind: 'ssml', id: 'goodbye', at }, ctx)).toEqual({ plainTextMessage: { value: 'Thanks for calling. Goodbye!' }, ssmlMessage: { value: '<speak>Thanks for calling. Goodbye!</speak>' } });
    expect(apiMessage({ kind: 'ssml', id: 'goodbye', text: 'Bye!', at }, ctx)).toEqual({ plainTextMessage: { value: 'Bye!' }, ssmlMessage: { value: '<speak>Thanks for calling. Goodbye!</speak>' } });
    expect(apiMessage({ kind: 'ssmlInline', ssml: '<speak><break time="1s"/></speak>', at }, ctx)).toEqual({ ssmlMessage: { value: '<speak><break time="1s"/></speak>' } });
    expect(apiMessage({ kind: 'text', text: 'Hi', at }, ctx)).toEqual({ plainTextMessage: { value: 'Hi' } });
    expect(apiMessage({ kind: 'card', card: { title: 'Pick', buttons: [{ text: 'A', value: 'a' }] }, at }, ctx)).toEqual({
      imageResponseCard: { title: 'Pick', buttons: [{ text: 'A', value: 'a' }] },
    });
    expect(() => apiMessage({ kind: 'ssml', id: 'missing', at }, ctx)).toThrow(/has no file ssml\/en_US\/missing\.ssml/);
  });
});

describe('emulator router', () => {
  const route = (pattern: string, operation: string, method: 'GET' | 'POST' | 'PUT' = 'GET') => ({ method, pattern, operation, handle: () => ({ status: 200 }) });
  const router = new Router([
    route('/bots/{botId}', 'DescribeBot'),
    route('/bots/{botId}/botversions/{botVersion}/botlocales/{localeId}', 'DescribeBotLocale'),
    route('/bots/{botId}/botAliases/{botAliasId}/botLocales/{localeId}/sessions/{sessionId}', 'GetSession'),
    route('/tags/{resourceARN}', 'ListTagsForResource'),
    route('/bots', 'ListBots', 'POST'),
  ]);

  it('matches parameters, ignores trailing slashes (the AWS CLI sends them) and decodes ARN labels', () => {
    expect(router.match('GET', '/bots/ABC/').match?.params).toEqual({ botId: 'ABC' });
    expect(router.match('POST', '/bots/').match?.route.operation).toBe('ListBots');
    const tags = router.match('GET', '/tags/arn%3Aaws%3Alex%3Aus-east-1%3A000000000000%3Abot-alias%2FABC%2FDEF');
    expect(tags.match?.params.resourceARN).toBe('arn:aws:lex:us-east-1:000000000000:bot-alias/ABC/DEF');
  });

  it('keeps the models and runtime paths apart by case, and reports a wrong method', () => {
    expect(router.match('GET', '/bots/A/botAliases/B/botLocales/en_US/sessions/s').match?.route.operation).toBe('GetSession');
    expect(router.match('GET', '/bots/A/botversions/DRAFT/botlocales/en_US').match?.route.operation).toBe('DescribeBotLocale');
    expect(router.match('DELETE', '/bots/A')).toEqual({ methodNotAllowed: true });
    expect(router.match('GET', '/nothing')).toEqual({ methodNotAllowed: false });
    expect(router.match('GET', '/bots/%E0%A4%A')).toEqual({});
  });
});
