/**
 * The emulator's model-building API through the real @aws-sdk/client-lex-models-v2 client: the
 * shipped SelfService bot created from the project's definitions, built, versioned and aliased.
 */
import {
  BuildBotLocaleCommand,
  CreateBotAliasCommand,
  CreateBotLocaleCommand,
  CreateBotVersionCommand,
  DeleteBotCommand,
  DeleteBotVersionCommand,
  DescribeBotAliasCommand,
  DescribeBotCommand,
  DescribeBotLocaleCommand,
  DescribeBotVersionCommand,
  DescribeIntentCommand,
  DescribeSlotCommand,
  DescribeSlotTypeCommand,
  ListBotAliasesCommand,
  ListBotLocalesCommand,
  ListBotVersionsCommand,
  ListIntentsCommand,
  ListSlotsCommand,
  ListTagsForResourceCommand,
  PreconditionFailedException,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateBotAliasCommand,
  UpdateBotLocaleCommand,
  UpdateIntentCommand,
  waitUntilBotAliasAvailable,
  waitUntilBotLocaleBuilt,
  waitUntilBotVersionAvailable,
  type BotAliasLocaleSettings,
} from '@aws-sdk/client-lex-models-v2';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import type { Project } from '../../scripts/definitions/model.js';
import { createBotFromDefinitions, type CreatedBot } from '../helpers/create-bot.js';
import { ROLE_ARN, useEmulator } from '../helpers/emulator.js';

const lex = useEmulator();
const ROOT = new URL('../..', import.meta.url).pathname;
const LOCALES = ['en_US', 'es_US', 'fr_CA'];
const LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:SelfServiceFulfillment';
const WAIT = { minDelay: 0.02, maxDelay: 0.2, maxWaitTime: 10 };

let project: Project;
let bot: CreatedBot;

beforeAll(async () => {
  ({ project } = await loadProject(ROOT));
  bot = await createBotFromDefinitions(lex.models, project, 'SelfService');
});

const aliasSettings = (): Record<string, BotAliasLocaleSettings> =>
  Object.fromEntries(
    LOCALES.map((l) => [l, { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaARN: LAMBDA, codeHookInterfaceVersion: '1.0' } } }]),
  );

describe('SelfService from the definitions', () => {
  it('builds all three locales with every intent and the slot type', async () => {
    expect(bot.localeIds).toEqual(LOCALES);
    for (const localeId of LOCALES) {
      const l = await lex.models.send(new DescribeBotLocaleCommand({ botId: bot.botId, botVersion: 'DRAFT', localeId }));
      expect(l.botLocaleStatus).toBe('Built');
      expect(l.intentsCount).toBe(8);
      expect(l.slotTypesCount).toBe(1);
      expect(l.failureReasons).toBeUndefined();
      expect(l.lastBuildSubmittedDateTime).toBeInstanceOf(Date);
      expect(l.botLocaleHistoryEvents?.map((e) => e.event)).toContain('Built');
    }
    const fr = await lex.models.send(new DescribeBotLocaleCommand({ botId: bot.botId, botVersion: 'DRAFT', localeId: 'fr_CA' }));
    expect(fr.voiceSettings).toEqual({ voiceId: 'Gabrielle', engine: 'neural' });
    expect(fr.localeName).toBe('French (Canada)');
    expect(fr.nluIntentConfidenceThreshold).toBe(0.4);
  });

  it('describes the bot as Available with its settings and dates', async () => {
    const d = await lex.models.send(new DescribeBotCommand({ botId: bot.botId }));
    expect(d).toMatchObject({ botName: 'SelfService', botStatus: 'Available', idleSessionTTLInSeconds: 300, roleArn: ROLE_ARN, dataPrivacy: { childDirected: false } });
    expect(d.creationDateTime).toBeInstanceOf(Date);
    expect(Math.abs(d.creationDateTime!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(d.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('has FallbackIntent with id FALLBCKINT in every locale', async () => {
    for (const localeId of LOCALES) {
      const list = await lex.models.send(
        new ListIntentsCommand({ botId: bot.botId, botVersion: 'DRAFT', localeId, filters: [{ name: 'IntentName', operator: 'EQ', values: ['FallbackIntent'] }] }),
      );
      expect(list.intentSummaries).toEqual([expect.objectContaining({ intentId: 'FALLBCKINT', intentName: 'FallbackIntent', parentIntentSignature: 'AMAZON.FallbackIntent' })]);
    }
    const fb = await lex.models.send(new DescribeIntentCommand({ botId: bot.botId, botVersion: 'DRAFT', localeId: 'en_US', intentId: 'FALLBCKINT' }));
    // The definition enables fulfillment on FallbackIntent; UpdateIntent wrote it.
    expect(fb.fulfillmentCodeHook).toEqual({ enabled: true, active: true });
    expect(fb.sampleUtterances).toBeUndefined();
  });

  it('keeps intents, slots and slot types as the definitions describe them', async () => {
    const at = { botId: bot.botId, botVersion: 'DRAFT', localeId: 'en_US' };
    const callback = await lex.models.send(new DescribeIntentCommand({ ...at, intentId: bot.intentIds.en_US!.RequestCallback! }));
    expect(callback.sampleUtterances).toContainEqual({ utterance: 'Call me back on {CallbackNumber} at {CallbackTime}' });
    expect(callback.slotPriorities).toEqual([
      { priority: 1, slotId: bot.slotIds.en_US!['RequestCallback.CallbackNumber'] },
      { priority: 2, slotId: bot.slotIds.en_US!['RequestCallback.CallbackTime'] },
    ]);
    const confirm = callback.intentConfirmationSetting?.promptSpecification?.messageGroups?.[0]?.message?.ssmlMessage?.value;
    expect(confirm).toMatch(/^<speak>.*\{CallbackNumber\}.*<\/speak>$/);
    expect(callback.intentClosingSetting).toBeUndefined(); // the fulfillment Lambda's Close message is the last word

    const number = await lex.models.send(
      new DescribeSlotCommand({ ...at, intentId: callback.intentId!, slotId: bot.slotIds.en_US!['RequestCallback.CallbackNumber']! }),
    );
    expect(number).toMatchObject({ slotName: 'CallbackNumber', slotTypeId: 'AMAZON.PhoneNumber', obfuscationSetting: { obfuscationSettingType: 'DefaultObfuscation' } });
    expect(number.valueElicitationSetting?.slotConstraint).toBe('Required');
    expect(number.valueElicitationSetting?.promptSpecification?.maxRetries).toBe(2);

    const balanceId = bot.intentIds.en_US!.CheckBalance!;
    const slots = await lex.models.send(new ListSlotsCommand({ ...at, intentId: balanceId }));
    expect(slots.slotSummaries).toEqual([expect.objectContaining({ slotName: 'AccountType', slotConstraint: 'Required', slotTypeId: bot.slotTypeIds.en_US!.AccountType })]);

    const type = await lex.models.send(new DescribeSlotTypeCommand({ ...at, slotTypeId: bot.slotTypeIds.en_US!.AccountType! }));
    expect(type.valueSelectionSetting?.resolutionStrategy).toBe('TopResolution');
    expect(type.slotTypeValues?.[0]).toEqual({ sampleValue: { value: 'checking' }, synonyms: expect.arrayContaining([{ value: 'chequing' }]) });
  });

  it('gives every bot TestBotAlias (TSTALIASID) on DRAFT', async () => {
    const list = await lex.models.send(new ListBotAliasesCommand({ botId: bot.botId }));
    expect(list.botAliasSummaries).toEqual([expect.objectContaining({ botAliasId: 'TSTALIASID', botAliasName: 'TestBotAlias', botVersion: 'DRAFT', botAliasStatus: 'Available' })]);
    const a = await lex.models.send(new DescribeBotAliasCommand({ botId: bot.botId, botAliasId: 'TSTALIASID' }));
    expect(a.botVersion).toBe('DRAFT');
    expect(lex.emulator.store.resolveAlias(bot.botId, 'TSTALIASID')).toEqual({ botAliasId: 'TSTALIASID', botAliasName: 'TestBotAlias', botVersion: 'DRAFT', botAliasLocaleSettings: {} });
  });

  it('hands the runtime the built DRAFT locale with intents, slots and slot types', () => {
    const built = lex.emulator.store.getBuiltLocale(bot.botId, 'DRAFT', 'es_US');
    expect(built).toMatchObject({ botId: bot.botId, botName: 'SelfService', botVersion: 'DRAFT', localeId: 'es_US', idleSessionTTLInSeconds: 300, nluIntentConfidenceThreshold: 0.4 });
    expect(built!.voiceSettings?.voiceId).toBe('Lupe');
    expect(built!.intents.map((i) => i.intentName).sort()).toEqual([...project.bots[0]!.locales[1]!.intents.map((i) => i.name)].sort());
    const verify = built!.intents.find((i) => i.intentName === 'VerifyIdentity')!;
    expect(verify.slots.map((s) => s.slotName)).toEqual(['Passcode']);
    expect(verify.creationDateTime).toBeInstanceOf(Date);
    expect(built!.slotTypes.map((t) => t.slotTypeName)).toEqual(['AccountType']);
    expect(lex.emulator.store.getBuiltLocale(bot.botId, 'DRAFT', 'de_DE')).toBeUndefined();
    expect(lex.emulator.store.getBuiltLocale('NOSUCHBOT1', 'DRAFT', 'en_US')).toBeUndefined();
  });

  it('carries the bot tags of the definition and tags aliases', async () => {
    const arn = `arn:aws:lex:us-east-1:000000000000:bot/${bot.botId}`;
    expect((await lex.models.send(new ListTagsForResourceCommand({ resourceARN: arn }))).tags).toEqual({ team: 'contact-centre', product: 'self-service' });
    const aliasArn = `arn:aws:lex:us-east-1:000000000000:bot-alias/${bot.botId}/TSTALIASID`;
    await lex.models.send(new TagResourceCommand({ resourceARN: aliasArn, tags: { AmazonConnectEnabled: 'True', stage: 'test' } }));
    await lex.models.send(new UntagResourceCommand({ resourceARN: aliasArn, tagKeys: ['stage'] }));
    expect((await lex.models.send(new ListTagsForResourceCommand({ resourceARN: aliasArn }))).tags).toEqual({ AmazonConnectEnabled: 'True' });
  });
});

describe('versions and aliases', () => {
  const spec = () => Object.fromEntries(LOCALES.map((l) => [l, { sourceBotVersion: 'DRAFT' }]));

  it('creates numbered versions from the built DRAFT, never reusing a number', async () => {
    const v1 = await lex.models.send(new CreateBotVersionCommand({ botId: bot.botId, description: 'first', botVersionLocaleSpecification: spec() }));
    expect(v1).toMatchObject({ botVersion: '1', botStatus: 'Versioning' });
    await waitUntilBotVersionAvailable({ client: lex.models, ...WAIT }, { botId: bot.botId, botVersion: '1' });
    const d = await lex.models.send(new DescribeBotVersionCommand({ botId: bot.botId, botVersion: '1' }));
    expect(d).toMatchObject({ botName: 'SelfService', botVersion: '1', description: 'first', botStatus: 'Available', idleSessionTTLInSeconds: 300 });

    const intents = await lex.models.send(new ListIntentsCommand({ botId: bot.botId, botVersion: '1', localeId: 'fr_CA' }));
    expect(intents.intentSummaries).toHaveLength(8);
    const locales = await lex.models.send(new ListBotLocalesCommand({ botId: bot.botId, botVersion: '1' }));
    expect(locales.botLocaleSummaries?.map((l) => [l.localeId, l.botLocaleStatus])).toEqual([
      ['en_US', 'Built'],
      ['fr_CA', 'Built'],
      ['es_US', 'Built'],
    ]);

    const v2 = await lex.models.send(new CreateBotVersionCommand({ botId: bot.botId, botVersionLocaleSpecification: { en_US: { sourceBotVersion: '1' } } }));
    expect(v2.botVersion).toBe('2');
    await lex.models.send(new DeleteBotVersionCommand({ botId: bot.botId, botVersion: '2' }));
    const v3 = await lex.models.send(new CreateBotVersionCommand({ botId: bot.botId, botVersionLocaleSpecification: { en_US: { sourceBotVersion: 'DRAFT' } } }));
    expect(v3.botVersion).toBe('3');
    const versions = await lex.models.send(new ListBotVersionsCommand({ botId: bot.botId }));
    expect(versions.botVersionSummaries?.map((v) => v.botVersion)).toEqual(['DRAFT', '1', '3']);
    const desc = await lex.models.send(new ListBotVersionsCommand({ botId: bot.botId, sortBy: { attribute: 'BotVersion', order: 'Descending' } }));
    expect(desc.botVersionSummaries?.map((v) => v.botVersion)).toEqual(['3', '1', 'DRAFT']);
  });

  it('creates an alias with a Lambda per locale and moves it between versions', async () => {
    const created = await lex.models.send(
      new CreateBotAliasCommand({
        botId: bot.botId,
        botAliasName: 'live',
        botVersion: '1',
        botAliasLocaleSettings: aliasSettings(),
        conversationLogSettings: {
          textLogSettings: [{ enabled: true, destination: { cloudWatch: { cloudWatchLogGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/lex/SelfService', logPrefix: 'live' } } }],
        },
        tags: { stage: 'live' },
      }),
    );
    expect(created.botAliasStatus).toBe('Creating');
    expect(created.botAliasId).toMatch(/^[0-9A-Z]{10}$/);
    const botAliasId = created.botAliasId!;
    await waitUntilBotAliasAvailable({ client: lex.models, ...WAIT }, { botId: bot.botId, botAliasId });

    const d = await lex.models.send(new DescribeBotAliasCommand({ botId: bot.botId, botAliasId }));
    expect(d.botAliasLocaleSettings?.en_US?.codeHookSpecification?.lambdaCodeHook?.lambdaARN).toBe(LAMBDA);
    expect(d.conversationLogSettings?.textLogSettings?.[0]?.destination?.cloudWatch?.logPrefix).toBe('live');

    const resolved = lex.emulator.store.resolveAlias(bot.botId, botAliasId);
    expect(resolved).toMatchObject({ botAliasName: 'live', botVersion: '1' });
    expect(resolved!.botAliasLocaleSettings.fr_CA?.enabled).toBe(true);
    const built = lex.emulator.store.getBuiltLocale(bot.botId, '1', 'en_US');
    expect(built?.intents).toHaveLength(8);
    expect(built?.botVersion).toBe('1');

    await lex.models.send(new UpdateBotAliasCommand({ botId: bot.botId, botAliasId, botAliasName: 'live', botVersion: '3', botAliasLocaleSettings: { en_US: aliasSettings().en_US! } }));
    const moved = await lex.models.send(new DescribeBotAliasCommand({ botId: bot.botId, botAliasId }));
    expect(moved.botVersion).toBe('3');
    expect(moved.botAliasHistoryEvents?.map((h) => [h.botVersion, h.endDate instanceof Date])).toEqual([
      ['1', true],
      ['3', false],
    ]);
    // UpdateBotAlias replaces: the conversation log settings left out are gone; tags stay.
    expect(moved.conversationLogSettings).toBeUndefined();
    const arn = `arn:aws:lex:us-east-1:000000000000:bot-alias/${bot.botId}/${botAliasId}`;
    expect((await lex.models.send(new ListTagsForResourceCommand({ resourceARN: arn }))).tags).toEqual({ stage: 'live' });
  });

  it('refuses to delete a version an alias uses, unless told to skip the check', async () => {
    const err = await lex.models.send(new DeleteBotVersionCommand({ botId: bot.botId, botVersion: '3' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PreconditionFailedException);
  });
});

describe('DRAFT changes after a build', () => {
  it('marks the locale NotBuilt while the runtime keeps the last build until the next one', async () => {
    const at = { botId: bot.botId, botVersion: 'DRAFT', localeId: 'en_US' };
    const before = lex.emulator.store.getBuiltLocale(bot.botId, 'DRAFT', 'en_US')!;
    const hoursId = bot.intentIds.en_US!.BusinessHours!;
    const hours = await lex.models.send(new DescribeIntentCommand({ ...at, intentId: hoursId }));
    // UpdateIntent replaces the whole intent: leaving out the closing response removes it.
    await lex.models.send(
      new UpdateIntentCommand({ ...at, intentId: hoursId, intentName: 'BusinessHours', sampleUtterances: [...hours.sampleUtterances!, { utterance: 'are you open late' }] }),
    );
    const after = await lex.models.send(new DescribeIntentCommand({ ...at, intentId: hoursId }));
    expect(after.intentClosingSetting).toBeUndefined();
    expect(after.sampleUtterances).toHaveLength(hours.sampleUtterances!.length + 1);
    expect((await lex.models.send(new DescribeBotLocaleCommand(at))).botLocaleStatus).toBe('NotBuilt');
    expect(lex.emulator.store.getBuiltLocale(bot.botId, 'DRAFT', 'en_US')!.buildId).toBe(before.buildId);

    await lex.models.send(new UpdateBotLocaleCommand({ ...at, nluIntentConfidenceThreshold: 0.55, voiceSettings: { voiceId: 'Joanna', engine: 'neural' } }));
    const building = await lex.models.send(new BuildBotLocaleCommand(at));
    expect(building.botLocaleStatus).toBe('Building');
    expect((await lex.models.send(new DescribeBotLocaleCommand(at))).botLocaleStatus).toBe('Building');
    await waitUntilBotLocaleBuilt({ client: lex.models, ...WAIT }, at);
    const rebuilt = lex.emulator.store.getBuiltLocale(bot.botId, 'DRAFT', 'en_US')!;
    expect(rebuilt.buildId).not.toBe(before.buildId);
    expect(rebuilt.nluIntentConfidenceThreshold).toBe(0.55);
    expect(rebuilt.voiceSettings?.voiceId).toBe('Joanna');
    // Version 1 froze the earlier build.
    expect(lex.emulator.store.getBuiltLocale(bot.botId, '1', 'en_US')!.nluIntentConfidenceThreshold).toBe(0.4);
  });
});

describe('deleting', () => {
  it('refuses to delete a bot with aliases unless skipResourceInUseCheck, then forgets it', async () => {
    await expect(lex.models.send(new DeleteBotCommand({ botId: bot.botId }))).rejects.toBeInstanceOf(PreconditionFailedException);
    const del = await lex.models.send(new DeleteBotCommand({ botId: bot.botId, skipResourceInUseCheck: true }));
    expect(del.botStatus).toBe('Deleting');
    await expect(lex.models.send(new DescribeBotCommand({ botId: bot.botId }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(lex.models.send(new ListTagsForResourceCommand({ resourceARN: `arn:aws:lex:us-east-1:000000000000:bot/${bot.botId}` }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect(lex.emulator.store.resolveAlias(bot.botId, 'TSTALIASID')).toBeUndefined();
  });

  it('creates a second locale set on a fresh bot without building (FALLBCKINT from CreateBotLocale alone)', async () => {
    const fresh = await createBotFromDefinitions(lex.models, project, 'SelfService', { botName: 'SelfServiceCopy', locales: ['en_US'], build: false });
    const l = await lex.models.send(new DescribeBotLocaleCommand({ botId: fresh.botId, botVersion: 'DRAFT', localeId: 'en_US' }));
    expect(l.botLocaleStatus).toBe('NotBuilt');
    await lex.models.send(new CreateBotLocaleCommand({ botId: fresh.botId, botVersion: 'DRAFT', localeId: 'en_GB', nluIntentConfidenceThreshold: 0.4 }));
    const gb = await lex.models.send(new ListIntentsCommand({ botId: fresh.botId, botVersion: 'DRAFT', localeId: 'en_GB' }));
    expect(gb.intentSummaries?.map((i) => i.intentId)).toEqual(['FALLBCKINT']);
    expect(lex.emulator.store.getBuiltLocale(fresh.botId, 'DRAFT', 'en_US')).toBeUndefined();
  });
});
