import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { botFileSchema, intentFileSchema, slotTypeFileSchema } from '../../scripts/definitions/schema.js';
import { exportBot, readExport } from '../../scripts/lex/export.js';
import { importExport } from '../../scripts/lex/import.js';
import { writeProject } from '../helpers/project.js';
import { comparable, FIXTURES, writeTemp } from './helpers.js';

const lexHelper = () => readExport(join(FIXTURES, 'aws-lex-helper'));

/** Edits one JSON file of an export in place. */
function editJson(files: Map<string, string>, path: string, edit: (json: any) => void): void {
  const json = JSON.parse(files.get(path)!);
  edit(json);
  files.set(path, JSON.stringify(json));
}

describe('importExport', () => {
  it('reports files it does not understand by name, and writes nothing for them', async () => {
    // Prepare
    const files = await lexHelper();
    const flow = 'LexBot/BotLocales/en_US/Intents/BookFlight/ConversationFlow.json';
    files.set(flow, '{"intentName":"BookFlight","identifier":"CONVFLOWID","conversationFlowData":{"blocks":[]}}');
    files.set('notes.txt', 'hello');
    // Act
    const { report, files: out } = importExport(files);
    // Assess
    expect(report.unknownFiles).toEqual([flow, 'notes.txt']);
    expect([...out.keys()].some((p) => p.includes('ConversationFlow'))).toBe(false);
    expect(report.lossy).toEqual([]);
  });

  it('writes readable YAML: the schema comment first, keys in schema order, FallbackIntent listed last', async () => {
    // Act
    const { files } = importExport(await lexHelper());
    // Assess
    const schemas = { 'bots/': botFileSchema, 'intents/': intentFileSchema, 'slot-types/': slotTypeFileSchema };
    for (const [path, text] of files) {
      const [prefix, schema] = Object.entries(schemas).find(([p]) => path.startsWith(p))!;
      expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+schemas\/(bot|intent|slot-type)\.schema\.json$/);
      const data = parse(text);
      expect(schema.safeParse(data).success, path).toBe(true);
      const order = Object.keys(schema.shape);
      expect(Object.keys(data), `${prefix} ${path}`).toEqual(Object.keys(data).sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    }
    const bot = parse(files.get('bots/LexBot.yaml')!);
    expect(bot.locales.en_US.intents.at(-1)).toBe('FallbackIntent');
    expect(bot.locales.en_US.intents).toHaveLength(10);
    expect(bot.locales.en_US.voice).toEqual({ id: 'Danielle', engine: 'neural' });
  });

  it('orders slots by priority and writes priority: only where it differs from the position', async () => {
    // Act
    const { files } = importExport(await lexHelper());
    // Assess
    const book = parse(files.get('intents/en_US/BookFlight.yaml')!);
    expect(book.slots.map((s: any) => [s.name, s.priority])).toEqual([
      ['TripType', 0], ['OriginCity', 1], ['DestinationCity', 2], ['DepartureDate', 3],
      ['ReturnDate', 4], ['NumberOfPassengers', 5], ['Origin_Airport_Code', 6], ['Destination_Airport_Code', 7],
    ]);
    const change = parse(files.get('intents/en_US/ChangeFlight.yaml')!);
    expect(change.slots.map((s: any) => s.name)).toEqual(['ReservationNumber', 'NewDepartureDate']);
    expect(change.slots.every((s: any) => s.priority === undefined)).toBe(true);
  });

  it('keeps SSML messages inline and round-trips them', async () => {
    // Prepare
    const files = await lexHelper();
    const slot = 'LexBot/BotLocales/en_US/Intents/Authenticate/Slots/AccountId/Slot.json';
    editJson(files, slot, (j) => {
      j.valueElicitationSetting.promptSpecification.messageGroupsList[0].message = {
        ssmlMessage: { value: '<speak>Your <emphasis>account</emphasis> id?</speak>' }, plainTextMessage: null, customPayload: null, imageResponseCard: null,
      };
    });
    // Act
    const { files: out, report } = importExport(files);
    // Assess
    const auth = parse(out.get('intents/en_US/Authenticate.yaml')!);
    expect(auth.slots[0].prompt.messages[0]).toEqual({ ssmlInline: '<speak>Your <emphasis>account</emphasis> id?</speak>' });
    expect(auth.slots[0].lex).toBeUndefined();
    expect(report.lossy).toEqual([]);
  });

  it('reads voice and DTMF input settings from the Initial attempt; a retry that differs stays under lex:', async () => {
    // Prepare
    const files = await lexHelper();
    const slot = 'LexBot/BotLocales/en_US/Intents/Authenticate/Slots/AccountId/Slot.json';
    editJson(files, slot, (j) => {
      const attempts = j.valueElicitationSetting.promptSpecification.promptAttemptsSpecification;
      for (const a of Object.values(attempts) as any[]) {
        a.allowedInputTypes.allowAudioInput = false;
        a.audioAndDTMFInputSpecification.dtmfSpecification.maxLength = 6;
      }
      attempts.Retry1.audioAndDTMFInputSpecification.dtmfSpecification.endCharacter = '*';
    });
    // Act
    const { files: out, report } = importExport(files);
    // Assess
    const auth = parse(out.get('intents/en_US/Authenticate.yaml')!);
    expect(auth.slots[0].prompt.allowedInputTypes).toEqual({ allowAudioInput: false });
    expect(auth.slots[0].prompt.audioAndDtmfInputSpecification).toEqual({ dtmfSpecification: { maxLength: 6 } });
    expect(auth.slots[0].lex.valueElicitationSetting.promptSpecification.promptAttemptsSpecification.Retry1.audioAndDTMFInputSpecification.dtmfSpecification).toEqual({ endCharacter: '*' });
    expect(report.lossy).toEqual([]);
  });

  it('keeps what does not fit the format (a 250-character description, an unknown message kind) under lex:', async () => {
    // Prepare
    const files = await lexHelper();
    const intent = 'LexBot/BotLocales/en_US/Intents/Greeting/Intent.json';
    const long = 'x'.repeat(250);
    editJson(files, intent, (j) => {
      j.description = long;
      j.intentClosingSetting = { isActive: true, closingResponse: { messageGroupsList: [{ message: { futureMessage: { value: 'hi' } } }], allowInterrupt: true } };
    });
    // Act
    const { files: out, report } = importExport(files);
    // Assess
    const greeting = parse(out.get('intents/en_US/Greeting.yaml')!);
    expect(greeting.description).toBeUndefined();
    expect(greeting.lex.description).toBe(long);
    expect(greeting.lex.intentClosingSetting).toEqual({ isActive: true, closingResponse: { messageGroupsList: [{ message: { futureMessage: { value: 'hi' } } }], allowInterrupt: true } });
    expect(report.kept.find((k) => k.resource === 'intent en_US/Greeting')?.keys).toEqual(['description', 'intentClosingSetting']);
    expect(report.lossy).toEqual([]);
  });

  it('is the inverse of exportBot for what the format models: a hand-written project comes back with no lex:', async () => {
    // Prepare
    const { project } = await loadProject(
      writeProject({
        'bots/Shop.yaml': { name: 'Shop', locales: { en_US: { voice: { id: 'Joanna', engine: 'standard' }, intents: ['Order'], customVocabulary: [{ phrase: 'calzone', weight: 1, displayAs: 'Calzone' }] } } },
        'intents/en_US/Order.yaml': {
          name: 'Order',
          description: 'Order food',
          sampleUtterances: ['order {Dish}', 'I want food'],
          slots: [
            { name: 'Dish', type: 'Dish', prompt: { messages: ['Which dish?', { message: 'What would you like?', variations: ['Your order?'] }], maxRetries: 1, messageSelectionStrategy: 'Ordered' }, codeHook: true },
            { name: 'Note', type: 'AMAZON.FreeFormInput', required: false, prompt: { customPayload: '{"x":1}' }, allowMultipleValues: false, priority: 5 },
          ],
          confirmation: { prompt: { messages: [{ ssmlInline: '<speak>Sure?</speak>' }], allowInterrupt: false }, declination: 'Cancelled.' },
          closing: { messages: ['Bye.'], allowInterrupt: false },
          dialogCodeHook: true,
          fulfillment: { enabled: true, updates: { update: { frequencySeconds: 5, messages: 'Still working' }, timeoutSeconds: 60 }, timeout: 'Too slow.' },
          inputContexts: ['menu'],
          outputContexts: [{ name: 'ordered', timeToLiveInSeconds: 60, turnsToLive: 2 }],
        },
        'slot-types/en_US/Dish.yaml': { name: 'Dish', description: 'Dishes', values: ['pizza', { value: 'calzone', synonyms: ['folded pizza'] }] },
      }),
    );
    const exported = exportBot(project, 'Shop');
    // Act
    const { files, report } = importExport(exported);
    const again = await loadProject(writeTemp(files));
    // Assess
    expect(report.kept).toEqual([]);
    expect(report.lossy).toEqual([]);
    expect(comparable(exportBot(again.project, 'Shop'))).toEqual(comparable(exported));
    const order = parse(files.get('intents/en_US/Order.yaml')!);
    expect(order.slots[1]).toEqual({ name: 'Note', type: 'AMAZON.FreeFormInput', required: false, prompt: { customPayload: '{"x":1}' }, priority: 5, allowMultipleValues: false });
    expect(order.fulfillment.updates).toEqual({ update: { frequencySeconds: 5, messages: 'Still working' }, timeoutSeconds: 60 });
  });

  it('refuses what is not one bot export, and names that would escape the project', async () => {
    // Prepare
    const files = await lexHelper();
    editJson(files, 'LexBot/BotLocales/en_US/Intents/Greeting/Intent.json', (j) => (j.name = '../../evil'));
    // Act / Assess
    expect(() => importExport(new Map([['Manifest.json', '{}']]))).toThrow(/No <Bot>\/Bot\.json/);
    expect(() => importExport(files)).toThrow(/"\.\.\/\.\.\/evil" is not a valid Lex name/);
  });
});
