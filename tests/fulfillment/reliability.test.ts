/**
 * Reliability: the Lex handler never throws and always answers with a valid Lex V2 response —
 * 10,000 random and malformed events (fast-check), backends that are down, slow, throttled or
 * failing, and a missing configuration.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsLexDeps } from '../../fulfillment/aws/lex.js';
import { LocalKnowledgeBase } from '../../fulfillment/clients/kb-local.js';
import type { KnowledgeBase } from '../../fulfillment/clients/knowledge-base.js';
import { createLogger, readLexConfig } from '../../fulfillment/config.js';
import { createLexHandler, handler as lambdaHandler } from '../../fulfillment/lex/handler.js';
import { lexResponseSchema } from '../../fulfillment/lex/response-schema.js';
import { KNOWLEDGE_BASE_DIR, loadCustomers, type LocalHandlers } from '../../fulfillment/local.js';
import { MemoryCustomerStore, MemoryStateStore } from '../../fulfillment/stores/memory.js';
import { Conversation, lexEvent, localHandlers, valid } from './helpers.js';
import { bedrockError, snsError, startFakeAws, type FakeAws } from './fake-aws.js';

const quiet = createLogger('selfservice-lex', 'SILENT');

describe('property: 10,000 random and malformed events', () => {
  it('never throws; every response is a valid Lex V2 response', async () => {
    // Cheap backends (the in-memory stores share the DynamoDB stores' behaviour suite), one handler
    // instance reused for every run.
    let sent = 0;
    const lex = createLexHandler({
      customers: new MemoryCustomerStore(await loadCustomers()),
      state: new MemoryStateStore(),
      sms: { send: async () => void sent++ },
      knowledgeBase: await LocalKnowledgeBase.fromDirectory(KNOWLEDGE_BASE_DIR),
      otpHashKey: Buffer.alloc(32, 5),
      logger: quiet,
    });

    const intents = ['CheckBalance', 'VerifyIdentity', 'AskQuestion', 'TalkToAgent', 'RequestCallback', 'BusinessHours', 'EndConversation', 'FallbackIntent'];
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.stringMatching(/^[0-9 +()\-]{0,20}$/),
      fc.constantFrom('123456', '012345', '+1 202 555 0143', '4001002001', 'send a new code', 'one two three four five six', '<speak>&</speak>', "l'été & <b>", 'What are your fees for wire transfers', '\u0000\uE000\uE001', ''),
    );
    const slotValue = fc.oneof(
      fc.constant(null),
      text.map((v) => ({ shape: 'Scalar', value: { originalValue: v, interpretedValue: v, resolvedValues: [v] } })),
      fc.record({ shape: fc.constantFrom('Scalar', 'List', 'Weird'), value: fc.option(fc.record({ interpretedValue: fc.option(text), originalValue: fc.option(text) })) }),
      fc.anything({ maxDepth: 2 }),
    );
    const attrs = fc.dictionary(fc.oneof(fc.constantFrom('verified', 'customerId', 'phone', 'pendingIntent', 'pendingAccountType', 'contactId', 'kbSessionId', 'kbMisses', 'nextAction'), fc.string({ maxLength: 10 })), fc.oneof(text, fc.constantFrom('true', 'CheckBalance', 'savings', 'C-1001', '+12025550143', '-1', 'NaN')), { maxKeys: 6 });
    const structured = fc.record(
      {
        messageVersion: fc.constant('1.0'),
        invocationSource: fc.oneof(fc.constantFrom('DialogCodeHook', 'FulfillmentCodeHook'), fc.string({ maxLength: 5 })),
        inputMode: fc.constantFrom('Text', 'Speech', 'DTMF', 'Telepathy'),
        sessionId: fc.oneof(fc.constantFrom('s1', 's2', 's3'), fc.string({ minLength: 1, maxLength: 60 })),
        inputTranscript: text,
        invocationLabel: fc.option(fc.string({ maxLength: 8 })),
        bot: fc.record({ id: fc.constant('B'), name: fc.constant('SelfService'), localeId: fc.constantFrom('en_US', 'es_US', 'fr_CA', 'de_DE', '') }),
        requestAttributes: fc.option(fc.dictionary(fc.constantFrom('x-amz-lex:channels:platform', 'verified', 'x'), fc.constantFrom('Connect', 'Connect Chat', 'true'))),
        sessionState: fc.record({
          sessionAttributes: fc.option(attrs),
          intent: fc.record({
            name: fc.oneof(fc.constantFrom(...intents), fc.string({ maxLength: 12 })),
            slots: fc.option(fc.dictionary(fc.constantFrom('AccountType', 'Passcode', 'CallbackNumber', 'CallbackTime', 'Other'), slotValue, { maxKeys: 4 })),
            state: fc.constantFrom('InProgress', 'ReadyForFulfillment'),
            confirmationState: fc.constantFrom('None', 'Confirmed', 'Denied', 'Maybe'),
          }),
        }),
      },
      { requiredKeys: ['sessionId', 'bot', 'sessionState'] },
    );
    // A valid event with one path replaced by an arbitrary value.
    const mutated = fc
      .tuple(fc.constantFrom(...intents), fc.constantFrom('sessionId', 'bot', 'bot.localeId', 'sessionState', 'sessionState.intent', 'sessionState.intent.slots', 'sessionState.sessionAttributes', 'requestAttributes', 'inputTranscript', 'inputMode'), fc.anything({ maxDepth: 2 }))
      .map(([intent, path, value]) => {
        const e = lexEvent({ intent, slots: { AccountType: 'checking' }, transcript: '123456' }) as Record<string, unknown>;
        const keys = path.split('.');
        let o = e;
        for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
        o[keys.at(-1)!] = value;
        return e;
      });
    const event = fc.oneof({ weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) }, { weight: 5, arbitrary: structured }, { weight: 2, arbitrary: mutated });

    let runs = 0;
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        runs++;
        const r = await lex(e);
        const parsed = lexResponseSchema.safeParse(r);
        if (!parsed.success) throw new Error(`invalid response ${JSON.stringify(r)} for ${JSON.stringify(e)}: ${JSON.stringify(parsed.error.issues)}`);
      }),
      { numRuns: 10_000 },
    );
    expect(runs).toBe(10_000);
    expect(sent).toBeGreaterThan(0); // the structured events reached the verification flow
  }, 120_000);
});

describe('failing backends', () => {
  let h: LocalHandlers;
  let fake: FakeAws;
  beforeAll(async () => {
    h = await localHandlers();
    fake = await startFakeAws();
  });
  afterAll(async () => {
    await fake.close();
    await h.close();
  });

  const env = (extra: Record<string, string> = {}) => ({
    AWS_REGION: 'us-east-1',
    CUSTOMERS_TABLE: h.dynamodb.customersTable,
    STATE_TABLE: h.dynamodb.stateTable,
    OTP_HASH_KEY: 'ab'.repeat(32),
    KNOWLEDGE_BASE_ID: 'KBID123456',
    KNOWLEDGE_BASE_MODEL_ARN: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
    KNOWLEDGE_BASE_GUARDRAIL_ID: 'gr1abcd2efgh',
    KNOWLEDGE_BASE_GUARDRAIL_VERSION: '1',
    SDK_CONNECT_TIMEOUT_MS: '200',
    SDK_REQUEST_TIMEOUT_MS: '300',
    ...extra,
  });
  const creds = { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const awsLex = (dynamoEndpoint: string, extra: Record<string, string> = {}) =>
    createLexHandler({
      ...createAwsLexDeps(readLexConfig(env(extra)), { dynamodb: { endpoint: dynamoEndpoint, ...creds }, sns: { endpoint: fake.snsEndpoint, ...creds }, bedrock: { endpoint: fake.bedrockEndpoint, ...creds } }),
      logger: quiet,
    });

  async function deadPort(): Promise<string> {
    const s = createServer();
    await new Promise<void>((ok) => s.listen(0, '127.0.0.1', () => ok()));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((ok) => s.close(() => ok()));
    return `http://127.0.0.1:${port}`;
  }

  it('DynamoDB unreachable: apology, transfer to an agent, no throw', async () => {
    const lex = awsLex(await deadPort());
    const r = valid(await lex(lexEvent({ intent: 'CheckBalance', slots: { AccountType: 'checking' } })));
    expect(r.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, intent: { state: 'Failed' }, sessionAttributes: { nextAction: 'TransferToAgent', transferReason: 'error' } });
  });

  it('DynamoDB hanging: the SDK request timeout answers within about a second', async () => {
    const hanging: Server = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((ok) => hanging.listen(0, '127.0.0.1', () => ok()));
    try {
      const lex = awsLex(`http://127.0.0.1:${(hanging.address() as AddressInfo).port}`);
      const t0 = Date.now();
      const r = valid(await lex(lexEvent({ intent: 'CheckBalance', slots: { AccountType: 'checking' } })));
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(r.sessionState.sessionAttributes?.nextAction).toBe('TransferToAgent');
    } finally {
      hanging.closeAllConnections();
      await new Promise<void>((ok) => hanging.close(() => ok()));
    }
  });

  it('Bedrock hanging: the knowledge base times out and the caller is offered an agent', async () => {
    fake.requests.length = 0;
    fake.bedrock = () => 'hang';
    const r = valid(await awsLex(h.dynamodb.endpoint)(lexEvent({ intent: 'AskQuestion', transcript: 'What are your wire fees', source: 'FulfillmentCodeHook' })));
    expect(r.sessionState.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', transferReason: 'knowledgeUnavailable' });
    expect(fake.requests.filter((q) => q.service === 'bedrock').length).toBeGreaterThan(0);
  });

  it('Bedrock throttling: retried once by the SDK, then degraded gracefully', async () => {
    fake.requests.length = 0;
    fake.bedrock = () => bedrockError('ThrottlingException', 429);
    const r = valid(await awsLex(h.dynamodb.endpoint)(lexEvent({ intent: 'AskQuestion', transcript: 'What are your wire fees', source: 'FulfillmentCodeHook' })));
    expect(fake.requests.filter((q) => q.service === 'bedrock')).toHaveLength(2);
    expect(r.sessionState.sessionAttributes?.transferReason).toBe('knowledgeUnavailable');
  });

  it('SMS provider failing: the caller hears an apology and is offered an agent', async () => {
    fake.sns = () => snsError('InternalError', 500);
    const c = new Conversation(awsLex(h.dynamodb.endpoint), { sessionId: 'sms-down' });
    await c.send('VerifyIdentity', 'verify me');
    const r = await c.reply('(202) 555-0143');
    expect(r.sessionState.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', transferReason: 'verificationUnavailable' });
  });

  it('a backend slower than the turn deadline: the deadline answers', async () => {
    const never: KnowledgeBase = { ask: () => new Promise(() => {}) };
    const lex = createLexHandler({ customers: new MemoryCustomerStore([]), state: new MemoryStateStore(), sms: { send: async () => {} }, knowledgeBase: never, otpHashKey: undefined, logger: quiet, deadlineMs: 150 });
    const t0 = Date.now();
    const r = valid(await lex(lexEvent({ intent: 'AskQuestion', transcript: 'wire fees', source: 'FulfillmentCodeHook' })));
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.sessionState.sessionAttributes?.transferReason).toBe('timeout');
  });

  it('the remaining Lambda time caps the deadline', async () => {
    const never: KnowledgeBase = { ask: () => new Promise(() => {}) };
    const lex = createLexHandler({ customers: new MemoryCustomerStore([]), state: new MemoryStateStore(), sms: { send: async () => {} }, knowledgeBase: never, otpHashKey: undefined, logger: quiet });
    const t0 = Date.now();
    valid(await lex(lexEvent({ intent: 'AskQuestion', transcript: 'wire fees', source: 'FulfillmentCodeHook' }), { getRemainingTimeInMillis: () => 1200 }));
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('a store that throws: failure response, not an exception', async () => {
    const state = new MemoryStateStore();
    state.getSession = () => Promise.reject(new Error('boom'));
    const lex = createLexHandler({ customers: new MemoryCustomerStore([]), state, sms: { send: async () => {} }, knowledgeBase: new LocalKnowledgeBase([]), otpHashKey: undefined, logger: quiet });
    for (const intent of ['CheckBalance', 'VerifyIdentity', 'TalkToAgent', 'BusinessHours']) {
      const r = valid(await lex(lexEvent({ intent })));
      expect(r.sessionState.sessionAttributes?.nextAction).toBe('TransferToAgent');
    }
  });

  it('the Lambda entry point without configuration answers with the failure response', async () => {
    const saved = { ...process.env };
    delete process.env.CUSTOMERS_TABLE;
    delete process.env.STATE_TABLE;
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    try {
      const r = valid(await lambdaHandler(lexEvent({ intent: 'CheckBalance', locale: 'fr_CA' })));
      expect(r.sessionState.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', transferReason: 'configuration' });
    } finally {
      process.env = saved;
    }
  });

  it('configuration is validated', () => {
    expect(() => readLexConfig({})).toThrow(/CUSTOMERS_TABLE/);
    expect(() => readLexConfig(env({ SDK_REQUEST_TIMEOUT_MS: 'soon' }))).toThrow(/SDK_REQUEST_TIMEOUT_MS/);
    const c = readLexConfig(env());
    expect(c.sdk).toEqual({ connectionTimeoutMs: 200, requestTimeoutMs: 300, maxAttempts: 2 });
    expect(c.otpHashKey?.length).toBe(32);
    expect(readLexConfig(env({ OTP_HASH_KEY: 'short' })).otpHashKey).toBeUndefined();
    expect(readLexConfig(env({ KNOWLEDGE_BASE_ID: '' })).knowledgeBase).toBeUndefined();
    const d = readLexConfig({ CUSTOMERS_TABLE: 'c', STATE_TABLE: 's' });
    expect(d.sdk).toEqual({ connectionTimeoutMs: 1000, requestTimeoutMs: 2500, maxAttempts: 2 });
    expect(d.deadlineMs).toBe(6000);
  });
});
