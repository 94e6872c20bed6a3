import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../../scripts/definitions/load.js';
import { exportBot, readExport, zipFiles } from '../../scripts/lex/export.js';
import { writeProject, type Files } from '../helpers/project.js';
import { writeTemp } from './helpers.js';

const MODEL = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';

/** A small two-locale project that uses every modelled feature once. */
function shopFiles(overrides: Files = {}): Files {
  return {
    'bots/Shop.yaml': {
      name: 'Shop',
      description: 'Pizza orders',
      nluConfidenceThreshold: 0.5,
      locales: {
        en_US: {
          voice: { id: 'Danielle', engine: 'neural' },
          intents: ['OrderPizza', 'AskQuestion'],
          customVocabulary: [{ phrase: 'margherita', weight: 2 }],
        },
        es_US: { displayName: 'Español (EE. UU.)', intents: ['OrderPizza'] },
      },
      targets: { 'us-east-1': { knowledgeBase: { id: 'KB12345678', modelArn: MODEL } } },
      lex: { errorLogSettings: { enabled: true } },
    },
    'intents/en_US/OrderPizza.yaml': {
      name: 'OrderPizza',
      description: 'Order a pizza',
      sampleUtterances: ['I want a {Size} pizza', 'order a pizza'],
      slots: [
        { name: 'Size', type: 'PizzaSize', prompt: 'What size?' },
        {
          name: 'Crust',
          type: 'AMAZON.AlphaNumeric',
          required: false,
          prompt: { messages: [{ ssml: 'crust' }], maxRetries: 3 },
          obfuscate: true,
          sampleUtterances: ['{Crust} crust'],
          defaultValues: ['thin'],
        },
      ],
      confirmation: { prompt: 'A {Size} pizza, right?', declination: 'OK, cancelled.' },
      closing: [{ message: 'Thanks!', variations: ['Thank you!'] }],
      dialogCodeHook: true,
      fulfillment: {
        enabled: true,
        success: { card: { title: 'Ordered', buttons: [{ text: 'Track', value: 'track' }] } },
        updates: { start: { delaySeconds: 2, messages: 'Working on it' }, timeoutSeconds: 30 },
      },
      outputContexts: [{ name: 'ordered', timeToLiveInSeconds: 90, turnsToLive: 3 }],
      lex: { intentClosingSetting: { isActive: false }, inputContexts: [{ name: 'from-lex' }] },
    },
    'intents/en_US/AskQuestion.yaml': { name: 'AskQuestion', builtIn: 'AMAZON.QnAIntent', qnA: { exactResponse: true } },
    'intents/es_US/OrderPizza.yaml': { name: 'OrderPizza', sampleUtterances: ['quiero una pizza'] },
    'slot-types/en_US/PizzaSize.yaml': { name: 'PizzaSize', resolution: 'TopResolution', values: ['small', { value: 'large', synonyms: ['big'] }] },
    'ssml/en_US/crust.ssml': '<speak>Which crust?</speak>\n',
    ...overrides,
  };
}

async function exportShop(overrides: Files = {}) {
  const { project, diagnostics } = await loadProject(writeProject(shopFiles(overrides)));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const files = exportBot(project, 'Shop');
  const json = (path: string) => JSON.parse(files.get(path)!) as Record<string, any>;
  return { project, files, json };
}

const INTENT_KEYS = [
  'name', 'identifier', 'description', 'parentIntentSignature', 'sampleUtterances', 'intentConfirmationSetting', 'intentClosingSetting',
  'initialResponseSetting', 'inputContexts', 'outputContexts', 'kendraConfiguration', 'qnAIntentConfiguration', 'bedrockAgentIntentConfiguration',
  'qInConnectIntentConfiguration', 'dialogCodeHook', 'fulfillmentCodeHook', 'slotPriorities',
];
const EN = 'Shop/BotLocales/en_US';

describe('exportBot: the files of a real console export', () => {
  it('writes Manifest.json, Bot.json and BotLocale.json with the real-export keys', async () => {
    // Act
    const { files, json } = await exportShop();
    // Assess
    expect(files.get('Manifest.json')).toBe('{"metaData":{"schemaVersion":"1","fileFormat":"LexJson","resourceType":"BOT"}}');
    const bot = json('Shop/Bot.json');
    expect(Object.keys(bot)).toEqual(['name', 'version', 'description', 'identifier', 'errorLogSettings', 'dataPrivacy', 'idleSessionTTLInSeconds']);
    expect(bot).toMatchObject({ name: 'Shop', version: 'DRAFT', description: 'Pizza orders', dataPrivacy: { childDirected: false }, idleSessionTTLInSeconds: 300 });
    expect(bot.errorLogSettings).toEqual({ enabled: true }); // from lex:
    expect(json(`${EN}/BotLocale.json`)).toEqual({
      name: 'English (US)', identifier: 'en_US', version: null, description: null, voiceSettings: { voiceId: 'Danielle', engine: 'neural' }, nluConfidenceThreshold: 0.5,
    });
    expect(json('Shop/BotLocales/es_US/BotLocale.json')).toMatchObject({ name: 'Español (EE. UU.)', identifier: 'es_US', voiceSettings: null });
    expect(files.get('Shop/Bot.json')).not.toContain('\n'); // minified, like console exports
  });

  it('writes every locale a FallbackIntent with identifier FALLBCKINT, and each intent with all the real-export keys', async () => {
    // Act
    const { files, json } = await exportShop();
    // Assess
    for (const locale of ['en_US', 'es_US']) {
      const fallback = json(`Shop/BotLocales/${locale}/Intents/FallbackIntent/Intent.json`);
      expect(fallback).toMatchObject({ name: 'FallbackIntent', identifier: 'FALLBCKINT', parentIntentSignature: 'AMAZON.FallbackIntent', sampleUtterances: null });
      expect(Object.keys(fallback)).toEqual(INTENT_KEYS);
    }
    const order = json(`${EN}/Intents/OrderPizza/Intent.json`);
    expect(Object.keys(order)).toEqual(INTENT_KEYS);
    expect(order.identifier).toMatch(/^[A-Z0-9]{10}$/);
    expect(order.identifier).not.toBe(json('Shop/BotLocales/es_US/Intents/OrderPizza/Intent.json').identifier);
    expect(order.sampleUtterances).toEqual([{ utterance: 'I want a {Size} pizza' }, { utterance: 'order a pizza' }]);
    expect(order.slotPriorities).toEqual([{ priority: 1, slotName: 'Size' }, { priority: 2, slotName: 'Crust' }]);
    expect(order.dialogCodeHook).toEqual({ enabled: true });
    expect(Object.keys(order.fulfillmentCodeHook)).toEqual(['isActive', 'postFulfillmentStatusSpecification', 'fulfillmentUpdatesSpecification', 'enabled']);
    expect(order.fulfillmentCodeHook.postFulfillmentStatusSpecification.successResponse.messageGroupsList[0].message.imageResponseCard).toEqual({
      title: 'Ordered', subtitle: null, imageUrl: null, buttons: [{ text: 'Track', value: 'track' }],
    });
    expect(order.fulfillmentCodeHook.fulfillmentUpdatesSpecification).toMatchObject({ active: true, startResponse: { delayInSeconds: 2 }, timeoutInSeconds: 30 });
    expect(order.intentConfirmationSetting.promptSpecification.messageGroupsList[0].message.plainTextMessage).toEqual({ value: 'A {Size} pizza, right?' });
    expect(order.intentConfirmationSetting.declinationResponse.messageGroupsList[0].message.plainTextMessage).toEqual({ value: 'OK, cancelled.' });
    expect(order.initialResponseSetting.codeHook.postCodeHookSpecification.successNextStep.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Size' });
    expect(order.outputContexts).toEqual([{ name: 'ordered', timeToLiveInSeconds: 90, turnsToLive: 3 }]);
    expect([...files.keys()].filter((p) => p.includes('/Intents/')).length).toBe(2 + 2 + 2 + 1); // en: 3 intents + 2 slots; es: 2 intents
  });

  it('merges lex: last: objects key by key, arrays replaced', async () => {
    // Act
    const { json } = await exportShop();
    // Assess
    const closing = json(`${EN}/Intents/OrderPizza/Intent.json`).intentClosingSetting;
    expect(closing.isActive).toBe(false);
    expect(closing.closingResponse.messageGroupsList).toEqual([
      {
        message: { ssmlMessage: null, customPayload: null, plainTextMessage: { value: 'Thanks!' }, imageResponseCard: null },
        variations: [{ ssmlMessage: null, customPayload: null, plainTextMessage: { value: 'Thank you!' }, imageResponseCard: null }],
      },
    ]);
    expect(json(`${EN}/Intents/OrderPizza/Intent.json`).inputContexts).toEqual([{ name: 'from-lex' }]);
  });

  it('writes slots, slot types and custom vocabulary as real exports do, with SSML files inlined', async () => {
    // Act
    const { json } = await exportShop();
    // Assess
    const crust = json(`${EN}/Intents/OrderPizza/Slots/Crust/Slot.json`);
    expect(Object.keys(crust)).toEqual(['name', 'identifier', 'description', 'slotTypeName', 'obfuscationSetting', 'valueElicitationSetting', 'multipleValuesSetting']);
    expect(crust.slotTypeName).toBe('AMAZON.AlphaNumeric');
    expect(crust.obfuscationSetting).toEqual({ obfuscationSettingType: 'DefaultObfuscation' });
    const elicitation = crust.valueElicitationSetting;
    expect(elicitation.slotConstraint).toBe('Optional');
    expect(elicitation.promptSpecification.messageGroupsList[0].message.ssmlMessage).toEqual({ value: '<speak>Which crust?</speak>' });
    // The chat form beside it, so a chat never shows the markup.
    expect(elicitation.promptSpecification.messageGroupsList[0].message.plainTextMessage).toEqual({ value: 'Which crust?' });
    expect(elicitation.promptSpecification).toMatchObject({ maxRetries: 3, allowInterrupt: true, messageSelectionStrategy: 'Random' });
    expect(Object.keys(elicitation.promptSpecification.promptAttemptsSpecification)).toEqual(['Initial', 'Retry1', 'Retry2', 'Retry3']);
    expect(elicitation.sampleUtterances).toEqual([{ utterance: '{Crust} crust' }]);
    expect(elicitation.defaultValueSpecification).toEqual({ defaultValueList: [{ defaultValue: 'thin' }] });
    expect(json(`${EN}/Intents/OrderPizza/Slots/Size/Slot.json`).valueElicitationSetting.slotConstraint).toBe('Required');
    expect(json(`${EN}/SlotTypes/PizzaSize/SlotType.json`)).toMatchObject({
      name: 'PizzaSize',
      slotTypeValues: [{ sampleValue: { value: 'small' }, synonyms: null }, { sampleValue: { value: 'large' }, synonyms: [{ value: 'big' }] }],
      parentSlotTypeSignature: null,
      valueSelectionSetting: { resolutionStrategy: 'TOP_RESOLUTION', regexFilter: null },
    });
    expect(json(`${EN}/CustomVocabulary/CustomVocabulary.json`)).toEqual({ customVocabularyItems: [{ phrase: 'margherita', weight: 2, displayAs: null }] });
  });

  it('configures AMAZON.QnAIntent from the first target knowledge base when the intent names none', async () => {
    // Act
    const { json } = await exportShop();
    // Assess
    const qna = json(`${EN}/Intents/AskQuestion/Intent.json`);
    expect(qna.parentIntentSignature).toBe('AMAZON.QnAIntent');
    expect(qna.qnAIntentConfiguration.dataSourceConfiguration.bedrockKnowledgeStoreConfiguration).toMatchObject({ bedrockKnowledgeBaseArn: 'KB12345678', exactResponse: true });
    expect(qna.qnAIntentConfiguration.bedrockModelConfiguration.modelArn).toBe(MODEL);
  });

  it('gives the same bytes for the same definitions (stable identifiers)', async () => {
    // Act
    const a = await exportShop();
    const b = await exportShop();
    // Assess
    expect([...a.files]).toEqual([...b.files]);
    expect(Buffer.from(zipFiles(a.files)).equals(Buffer.from(zipFiles(b.files)))).toBe(true);
  });

  it('throws a clear error naming the bots there are when the bot does not exist', async () => {
    // Prepare
    const { project } = await loadProject(writeProject(shopFiles()));
    // Act / Assess
    expect(() => exportBot(project, 'Nope')).toThrow(/no bot "Nope".*Bots: Shop\./);
  });

  it('throws when a message names an SSML prompt that has no file', async () => {
    // Prepare
    const files = shopFiles();
    delete files['ssml/en_US/crust.ssml'];
    const { project } = await loadProject(writeProject(files));
    // Act / Assess
    expect(() => exportBot(project, 'Shop')).toThrow(/ssml\/en_US\/crust\.ssml/);
  });
});

describe('zipFiles and readExport', () => {
  const files = new Map([
    ['Manifest.json', '{"metaData":{}}'],
    ['Bot/Bot.json', '{"name":"Bot","description":"é ü 中"}'],
    ['Bot/BotLocales/en_US/BotLocale.json', '{}'],
  ]);

  it('reads back what zipFiles wrote', async () => {
    // Prepare
    const zip = join(mkdtempSync(join(tmpdir(), 'lex-zip-')), 'Bot-DRAFT-LexJson.zip');
    writeFileSync(zip, zipFiles(files));
    // Act
    const read = await readExport(zip);
    // Assess
    expect(read).toEqual(files);
  });

  it('reads a zip whose files sit in one top folder, and an unzipped folder, the same way', async () => {
    // Prepare
    const nested = Object.fromEntries([...files].map(([p, t]) => [`Bot-DRAFT-ABCDEFGHIJ-LexJson/${p}`, strToU8(t)]));
    const zip = join(mkdtempSync(join(tmpdir(), 'lex-zip-')), 'nested.zip');
    writeFileSync(zip, zipSync(nested));
    // Act
    const fromZip = await readExport(zip);
    const fromFolder = await readExport(writeTemp(files));
    // Assess
    expect(fromZip).toEqual(files);
    expect(fromFolder).toEqual(files);
  });

  it('fails clearly on a file that is not a zip', async () => {
    // Prepare
    const bad = join(mkdtempSync(join(tmpdir(), 'lex-zip-')), 'bad.zip');
    writeFileSync(bad, 'not a zip');
    // Act / Assess
    await expect(readExport(bad)).rejects.toThrow(/not a readable zip/);
  });
});
