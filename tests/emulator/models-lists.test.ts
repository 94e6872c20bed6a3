/**
 * List operations of the emulator through the SDK: name filters, sorting, maxResults/nextToken
 * pages and the SDK paginators; regions as separate namespaces; built-in catalogues.
 */
import {
  CreateBotCommand,
  CreateBotLocaleCommand,
  CreateIntentCommand,
  CreateSlotCommand,
  CreateSlotTypeCommand,
  ListBotLocalesCommand,
  ListBotsCommand,
  ListBuiltInIntentsCommand,
  ListBuiltInSlotTypesCommand,
  ListIntentsCommand,
  ListSlotsCommand,
  ListSlotTypesCommand,
  paginateListBots,
  paginateListIntents,
  UpdateIntentCommand,
  ValidationException,
  type BotSummary,
  type IntentSummary,
} from '@aws-sdk/client-lex-models-v2';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelsClient, ROLE_ARN, useEmulator } from '../helpers/emulator.js';

const lex = useEmulator();
const create = (botName: string) =>
  lex.models.send(new CreateBotCommand({ botName, roleArn: ROLE_ARN, dataPrivacy: { childDirected: false }, idleSessionTTLInSeconds: 300, description: `bot ${botName}` }));
const pad = (n: number) => String(n).padStart(2, '0');

let botId: string;
const at = () => ({ botId, botVersion: 'DRAFT', localeId: 'en_US' });

beforeAll(async () => {
  for (let i = 1; i <= 25; i++) await create(`PageBot${pad(i)}`);
  for (const name of ['Other1', 'Other2', 'Other3']) await create(name);
  botId = (await create('IntentHost')).botId!;
  await lex.models.send(new CreateBotLocaleCommand({ ...at(), nluIntentConfidenceThreshold: 0.4 }));
  for (let i = 1; i <= 23; i++) await lex.models.send(new CreateIntentCommand({ ...at(), intentName: `Ask${pad(i)}`, sampleUtterances: [{ utterance: `ask ${i}` }] }));
});

describe('ListBots', () => {
  const pageFilter = [{ name: 'BotName' as const, operator: 'CO' as const, values: ['PageBot'] }];

  it('pages with maxResults and nextToken', async () => {
    const first = await lex.models.send(new ListBotsCommand({ filters: pageFilter, maxResults: 10 }));
    expect(first.botSummaries).toHaveLength(10);
    expect(first.nextToken).toBeTruthy();
    const names: string[] = first.botSummaries!.map((b) => b.botName!);
    let token = first.nextToken;
    while (token) {
      const page = await lex.models.send(new ListBotsCommand({ filters: pageFilter, maxResults: 10, nextToken: token }));
      names.push(...page.botSummaries!.map((b) => b.botName!));
      token = page.nextToken;
    }
    expect(names).toEqual(Array.from({ length: 25 }, (_, i) => `PageBot${pad(i + 1)}`));
  });

  it('walks every page with the SDK paginator; the default page is 10', async () => {
    const pages: BotSummary[][] = [];
    for await (const page of paginateListBots({ client: lex.models }, {})) pages.push(page.botSummaries ?? []);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 9]);
    expect(pages.flat()).toHaveLength(29);
    expect(pages.flat()[0]).toMatchObject({ botStatus: 'Available', description: expect.stringMatching(/^bot /), lastUpdatedDateTime: expect.any(Date) });
  });

  it('filters with EQ, CO and NE and sorts descending', async () => {
    const eq = await lex.models.send(new ListBotsCommand({ filters: [{ name: 'BotName', operator: 'EQ', values: ['Other2'] }] }));
    expect(eq.botSummaries?.map((b) => b.botName)).toEqual(['Other2']);
    const co = await lex.models.send(new ListBotsCommand({ filters: [{ name: 'BotName', operator: 'CO', values: ['ther'] }], sortBy: { attribute: 'BotName', order: 'Descending' } }));
    expect(co.botSummaries?.map((b) => b.botName)).toEqual(['Other3', 'Other2', 'Other1']);
    const ne = await lex.models.send(new ListBotsCommand({ filters: [{ name: 'BotName', operator: 'NE', values: ['Other2'] }], maxResults: 1000 }));
    expect(ne.botSummaries).toHaveLength(28);
  });

  it('rejects a bad token, page size or filter with ValidationException', async () => {
    await expect(lex.models.send(new ListBotsCommand({ nextToken: 'garbage' }))).rejects.toBeInstanceOf(ValidationException);
    await expect(lex.models.send(new ListBotsCommand({ maxResults: 0 }))).rejects.toBeInstanceOf(ValidationException);
    await expect(lex.models.send(new ListBotsCommand({ maxResults: 1001 }))).rejects.toBeInstanceOf(ValidationException);
    await expect(lex.models.send(new ListBotsCommand({ filters: [{ name: 'BotName', operator: 'EQ', values: ['a', 'b'] }] }))).rejects.toBeInstanceOf(ValidationException);
  });

  it('keeps each region apart, as Lex does', async () => {
    const canada = modelsClient(lex.emulator.endpoint, { region: 'ca-central-1' });
    expect((await canada.send(new ListBotsCommand({}))).botSummaries).toEqual([]);
    await canada.send(new CreateBotCommand({ botName: 'Other1', roleArn: ROLE_ARN, dataPrivacy: { childDirected: false }, idleSessionTTLInSeconds: 300 }));
    expect((await canada.send(new ListBotsCommand({}))).botSummaries?.map((b) => b.botName)).toEqual(['Other1']);
    canada.destroy();
  });
});

describe('ListIntents, ListSlotTypes, ListSlots, ListBotLocales', () => {
  it('pages intents with the paginator, by name or by last update', async () => {
    const all: IntentSummary[] = [];
    for await (const page of paginateListIntents({ client: lex.models, pageSize: 7 }, at())) all.push(...(page.intentSummaries ?? []));
    expect(all).toHaveLength(24);
    expect(all.map((i) => i.intentName)).toEqual([...Array.from({ length: 23 }, (_, i) => `Ask${pad(i + 1)}`), 'FallbackIntent']);

    await new Promise((r) => setTimeout(r, 5));
    const ask05 = all.find((i) => i.intentName === 'Ask05')!;
    await lex.models.send(new UpdateIntentCommand({ ...at(), intentId: ask05.intentId!, intentName: 'Ask05', sampleUtterances: [{ utterance: 'ask five' }] }));
    const latest = await lex.models.send(new ListIntentsCommand({ ...at(), sortBy: { attribute: 'LastUpdatedDateTime', order: 'Descending' }, maxResults: 1 }));
    expect(latest.intentSummaries?.map((i) => i.intentName)).toEqual(['Ask05']);

    const co = await lex.models.send(new ListIntentsCommand({ ...at(), filters: [{ name: 'IntentName', operator: 'CO', values: ['Ask1'] }] }));
    expect(co.intentSummaries?.map((i) => i.intentName)).toEqual(['Ask10', 'Ask11', 'Ask12', 'Ask13', 'Ask14', 'Ask15', 'Ask16', 'Ask17', 'Ask18', 'Ask19']);
    expect(co.nextToken).toBeUndefined();
  });

  it('lists slot types and slots with filters', async () => {
    for (const name of ['Colour', 'Size', 'SizeUnit']) {
      await lex.models.send(new CreateSlotTypeCommand({ ...at(), slotTypeName: name, slotTypeValues: [{ sampleValue: { value: 'x' } }], valueSelectionSetting: { resolutionStrategy: 'OriginalValue' } }));
    }
    await lex.models.send(new CreateSlotTypeCommand({ ...at(), slotTypeName: 'Code', parentSlotTypeSignature: 'AMAZON.AlphaNumeric', valueSelectionSetting: { resolutionStrategy: 'OriginalValue', regexFilter: { pattern: '[0-9]{4}' } } }));
    const types = await lex.models.send(new ListSlotTypesCommand({ ...at(), filters: [{ name: 'SlotTypeName', operator: 'CO', values: ['Size'] }] }));
    expect(types.slotTypeSummaries?.map((t) => [t.slotTypeName, t.slotTypeCategory])).toEqual([
      ['Size', 'Custom'],
      ['SizeUnit', 'Custom'],
    ]);
    const code = await lex.models.send(new ListSlotTypesCommand({ ...at(), filters: [{ name: 'SlotTypeName', operator: 'EQ', values: ['Code'] }] }));
    expect(code.slotTypeSummaries?.[0]).toMatchObject({ slotTypeCategory: 'Extended', parentSlotTypeSignature: 'AMAZON.AlphaNumeric' });

    const intentId = (await lex.models.send(new ListIntentsCommand({ ...at(), filters: [{ name: 'IntentName', operator: 'EQ', values: ['Ask01'] }] }))).intentSummaries![0]!.intentId!;
    for (const slotName of ['When', 'Where', 'Who']) {
      await lex.models.send(new CreateSlotCommand({ ...at(), intentId, slotName, slotTypeId: 'AMAZON.City', valueElicitationSetting: { slotConstraint: 'Optional' } }));
    }
    const slots = await lex.models.send(new ListSlotsCommand({ ...at(), intentId, filters: [{ name: 'SlotName', operator: 'CO', values: ['Wh'] }], maxResults: 2 }));
    expect(slots.slotSummaries?.map((s) => s.slotName)).toEqual(['When', 'Where']);
    expect(slots.nextToken).toBeTruthy();
  });

  it('lists locales by name with a filter', async () => {
    await lex.models.send(new CreateBotLocaleCommand({ ...at(), localeId: 'en_GB', nluIntentConfidenceThreshold: 0.4 }));
    await lex.models.send(new CreateBotLocaleCommand({ ...at(), localeId: 'fr_CA', nluIntentConfidenceThreshold: 0.4 }));
    const english = await lex.models.send(new ListBotLocalesCommand({ botId, botVersion: 'DRAFT', filters: [{ name: 'BotLocaleName', operator: 'CO', values: ['English'] }] }));
    expect(english.botLocaleSummaries?.map((l) => [l.localeId, l.botLocaleStatus])).toEqual([
      ['en_GB', 'NotBuilt'],
      ['en_US', 'NotBuilt'],
    ]);
  });
});

describe('built-ins', () => {
  it('lists built-in intents and the slot types of a locale', async () => {
    const intents = await lex.models.send(new ListBuiltInIntentsCommand({ localeId: 'en_US', maxResults: 100 }));
    expect(intents.builtInIntentSummaries?.map((i) => i.intentSignature)).toEqual(expect.arrayContaining(['AMAZON.FallbackIntent', 'AMAZON.QnAIntent', 'AMAZON.HelpIntent']));
    const us = await lex.models.send(new ListBuiltInSlotTypesCommand({ localeId: 'en_US', maxResults: 100 }));
    const gb = await lex.models.send(new ListBuiltInSlotTypesCommand({ localeId: 'en_GB', maxResults: 100 }));
    expect(us.builtInSlotTypeSummaries?.map((t) => t.slotTypeSignature)).toEqual(expect.arrayContaining(['AMAZON.Date', 'AMAZON.PhoneNumber', 'AMAZON.Currency']));
    expect(us.builtInSlotTypeSummaries?.map((t) => t.slotTypeSignature)).not.toContain('AMAZON.UKPostalCode');
    expect(gb.builtInSlotTypeSummaries?.map((t) => t.slotTypeSignature)).toContain('AMAZON.UKPostalCode');
    const page = await lex.models.send(new ListBuiltInSlotTypesCommand({ localeId: 'fr_CA', maxResults: 5, sortBy: { attribute: 'SlotTypeSignature', order: 'Descending' } }));
    expect(page.builtInSlotTypeSummaries?.[0]?.slotTypeSignature).toBe('AMAZON.Time');
    expect(page.nextToken).toBeTruthy();
    await expect(lex.models.send(new ListBuiltInIntentsCommand({ localeId: 'xx_XX' }))).rejects.toBeInstanceOf(ValidationException);
  });
});
