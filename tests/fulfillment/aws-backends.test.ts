/**
 * The AWS backends end to end through the real SDK clients: DynamoDB on dynalite, SNS and Bedrock
 * Agent Runtime on an HTTP-level fake (tests/fulfillment/fake-aws.ts). Checks what goes over the
 * wire (phone number on file, transactional SMS, knowledge base and model ids, session continuity,
 * locale filter) and how answers come back (sources by title, no good answer, guardrail).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAwsLexDeps } from '../../fulfillment/aws/lex.js';
import { createAwsConnectDeps } from '../../fulfillment/aws/connect.js';
import { referenceTitle } from '../../fulfillment/clients/kb-bedrock.js';
import { PHONE_PROMPT_TEMPLATES } from '../../fulfillment/clients/kb-prompt.js';
import type { Locale } from '../../fulfillment/messages/types.js';
import { createLogger, readConnectConfig, readLexConfig } from '../../fulfillment/config.js';
import { createConnectHandler } from '../../fulfillment/connect/handler.js';
import { createLexHandler } from '../../fulfillment/lex/handler.js';
import type { LocalHandlers } from '../../fulfillment/local.js';
import { Conversation, connectEvent, lexEvent, localHandlers, textOf, valid } from './helpers.js';
import { bedrockError, ragResponse, startFakeAws, type FakeAws } from './fake-aws.js';

let h: LocalHandlers;
let fake: FakeAws;
const creds = { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const MODEL = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';
const GUARDRAIL_ID = 'gr1abcd2efgh';

beforeAll(async () => {
  h = await localHandlers();
  fake = await startFakeAws();
});
afterAll(async () => {
  await fake.close();
  await h.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.bedrock = () => ({ status: 200, body: ragResponse('Outgoing domestic wires cost $25. International wires cost $40. Incoming wires are free.', [{ uri: 's3://kb-bucket/en_US/fees.md' }]) });
});

function env(extra: Record<string, string> = {}) {
  return {
    AWS_REGION: 'us-east-1',
    CUSTOMERS_TABLE: h.dynamodb.customersTable,
    STATE_TABLE: h.dynamodb.stateTable,
    OTP_HASH_KEY: Buffer.alloc(32, 4).toString('base64'),
    KNOWLEDGE_BASE_ID: 'KBID123456',
    KNOWLEDGE_BASE_MODEL_ARN: MODEL,
    KNOWLEDGE_BASE_GUARDRAIL_ID: GUARDRAIL_ID,
    KNOWLEDGE_BASE_GUARDRAIL_VERSION: '3',
    SMS_ORIGINATION_NUMBER: '+18005550100',
    ...extra,
  };
}
const lexOnAws = (extra: Record<string, string> = {}) =>
  createLexHandler({
    ...createAwsLexDeps(readLexConfig(env(extra)), {
      dynamodb: { endpoint: h.dynamodb.endpoint, ...creds },
      sns: { endpoint: fake.snsEndpoint, ...creds },
      bedrock: { endpoint: fake.bedrockEndpoint, ...creds },
    }),
    logger: createLogger('selfservice-lex', 'SILENT'),
  });

describe('SNS text messages', () => {
  it('the code goes to the number on file as a Transactional SMS; the spoken code verifies', async () => {
    const c = new Conversation(lexOnAws(), { sessionId: 'aws-sns', locale: 'es_US' });
    await c.send('CheckBalance', 'saldo', { slots: { AccountType: 'checking' } });
    await c.reply('4001003001'); // Marisol's account number
    const publish = fake.requests.find((r) => r.service === 'sns')!;
    expect(publish.body).toMatchObject({
      Action: 'Publish',
      PhoneNumber: '+13055550172',
      'MessageAttributes.entry.1.Name': 'AWS.SNS.SMS.SMSType',
      'MessageAttributes.entry.1.Value.StringValue': 'Transactional',
      'MessageAttributes.entry.2.Name': 'AWS.MM.SMS.OriginationNumber',
    });
    const message = String(publish.body.Message);
    expect(message).toMatch(/^Su código de verificación es \d{6}\./);
    const code = /\d{6}/.exec(message)![0];
    const r = await c.reply(code);
    expect(r.sessionState.intent).toMatchObject({ name: 'CheckBalance', state: 'Fulfilled' });
    expect(textOf(r)).toMatch(/\$987\.65/);
  });
});

describe('Bedrock RetrieveAndGenerate', () => {
  const bedrockRequests = () => fake.requests.filter((q) => q.service === 'bedrock');

  it('sends the knowledge base, model, guardrail, phone-line prompt and inference settings; answers with sources by title', async () => {
    const c = new Conversation(lexOnAws(), { sessionId: 'aws-kb' });
    const r = await c.send('AskQuestion', 'What are your fees for wire transfers', { source: 'FulfillmentCodeHook' });
    const req = bedrockRequests()[0]!;
    expect(req.body).toMatchObject({
      input: { text: 'What are your fees for wire transfers' },
      retrieveAndGenerateConfiguration: {
        type: 'KNOWLEDGE_BASE',
        knowledgeBaseConfiguration: {
          knowledgeBaseId: 'KBID123456',
          modelArn: MODEL,
          generationConfiguration: {
            guardrailConfiguration: { guardrailId: GUARDRAIL_ID, guardrailVersion: '3' },
            promptTemplate: { textPromptTemplate: PHONE_PROMPT_TEMPLATES.en_US },
            inferenceConfig: { textInferenceConfig: { temperature: 0, maxTokens: 200 } },
          },
        },
      },
    });
    expect(PHONE_PROMPT_TEMPLATES.en_US).toContain('$search_results$');
    expect(req.body.sessionId).toBeUndefined();
    expect(textOf(r)).toContain('Outgoing domestic wires cost $25.');
    expect(r.messages?.[1]?.content).toBe('Source: Fees.');
  });

  it('keeps the Bedrock session id server-side: continued within the Lex session, never a session attribute, never taken from the client', async () => {
    const c = new Conversation(lexOnAws(), { sessionId: 'aws-kb-continuity' });
    await c.send('AskQuestion', 'What are your fees for wire transfers', { source: 'FulfillmentCodeHook' });
    expect(c.attrs).not.toHaveProperty('kbSessionId');
    expect(JSON.stringify(c.last)).not.toContain('bedrock-session-1');
    await c.send('AskQuestion', 'And what about international ones?', { source: 'FulfillmentCodeHook' });
    expect(bedrockRequests()[1]?.body.sessionId).toBe('bedrock-session-1');

    // Another Lex session that claims the first one's Bedrock session gets a fresh one.
    const thief = new Conversation(lexOnAws(), { sessionId: 'aws-kb-thief', attrs: { kbSessionId: 'bedrock-session-1' } });
    const r = await thief.send('AskQuestion', 'What did I ask before?', { source: 'FulfillmentCodeHook' });
    expect(bedrockRequests()[2]?.body.sessionId).toBeUndefined();
    expect(r.sessionState.sessionAttributes).not.toHaveProperty('kbSessionId');
  });

  it('redacts digit runs and e-mail addresses before the call, in each locale', async () => {
    const cases: [Locale, string, string][] = [
      ['en_US', 'my number is 202-555-0143 and my email is jane.doe@example.com, how do I reset my password?', 'my number is [number] and my email is [email], how do I reset my password?'],
      ['es_US', '¿Cómo cambio el PIN de la tarjeta cuatro cinco seis siete ocho nueve?', '¿Cómo cambio el PIN de la tarjeta [number]?'],
      ['fr_CA', 'Quels sont les frais pour le compte 4001003001?', 'Quels sont les frais pour le compte [number]?'],
    ];
    for (const [locale, transcript, sent] of cases) {
      fake.requests.length = 0;
      await lexOnAws()(lexEvent({ intent: 'AskQuestion', locale, sessionId: `aws-kb-redact-${locale}`, transcript, source: 'FulfillmentCodeHook' }));
      expect((bedrockRequests()[0]?.body.input as { text: string }).text).toBe(sent);
    }
  });

  it('on voice: two sentences at most, SSML-escaped, sources by title never by URL', async () => {
    fake.bedrock = () => ({
      status: 200,
      body: ragResponse('Fees & charges: wires <$25> cost $25 [1]. See https://example.com/fees for more. A third sentence. A fourth.', [
        { uri: 's3://kb-bucket/en_US/fees.md', title: 'Fees & charges' },
        { uri: 's3://kb-bucket/en_US/online-banking.md' },
      ]),
    });
    const r = valid(await lexOnAws()(lexEvent({ intent: 'FallbackIntent', sessionId: 'aws-kb-voice', transcript: 'how much are wire fees', inputMode: 'Speech', source: 'FulfillmentCodeHook' })));
    expect(r.messages?.[0]?.content).toBe('<speak>Fees &amp; charges: wires &lt;$25&gt; cost $25. See for more.</speak>');
    expect(r.messages?.[1]?.content).toBe('<speak>Sources: Fees &amp; charges and Online banking.</speak>');
  });

  it('no citation or the NO_ANSWER token is no good answer; a guardrail intervention is a refusal in the caller\'s words; both offer an agent', async () => {
    const cases = [
      { body: ragResponse('Sorry, I am unable to assist you with this request.', []), says: /couldn't find an answer/ },
      { body: ragResponse('NO_ANSWER', [{}]), says: /couldn't find an answer/ },
      { body: { ...ragResponse('Sorry, the model cannot answer this question.', [{}]), guardrailAction: 'INTERVENED' }, says: /can't help with that here/ },
    ];
    for (const [i, { body, says }] of cases.entries()) {
      fake.bedrock = () => ({ status: 200, body });
      const r = valid(await lexOnAws()(lexEvent({ intent: 'AskQuestion', sessionId: `aws-kb-none-${i}`, transcript: 'what is the meaning of life', source: 'FulfillmentCodeHook' })));
      expect(r.sessionState.dialogAction.type).toBe('ElicitIntent');
      expect(textOf(r)).toMatch(says);
      expect(textOf(r)).toMatch(/agent/);
      expect(textOf(r)).not.toContain('Sorry, the model');
    }
  });

  it('an expired Bedrock session id is dropped and the question asked again', async () => {
    const c = new Conversation(lexOnAws(), { sessionId: 'aws-kb-expired' });
    await c.send('AskQuestion', 'what are the incoming wire fees', { source: 'FulfillmentCodeHook' });
    fake.requests.length = 0;
    fake.bedrock = (body) => (body.sessionId ? bedrockError('ValidationException', 400) : { status: 200, body: ragResponse('Incoming wires are free.', [{}], 'bedrock-session-2') });
    const r = await c.send('AskQuestion', 'what are the incoming wire fees', { source: 'FulfillmentCodeHook' });
    expect(textOf(r)).toContain('Incoming wires are free.');
    expect(bedrockRequests().map((q) => q.body.sessionId)).toEqual(['bedrock-session-1', undefined]);
    fake.bedrock = () => ({ status: 200, body: ragResponse('Incoming wires are free.', [{}], 'bedrock-session-2') });
    await c.send('AskQuestion', 'and outgoing ones?', { source: 'FulfillmentCodeHook' });
    expect(bedrockRequests()[2]?.body.sessionId).toBe('bedrock-session-2');
  });

  it('KNOWLEDGE_BASE_LOCALE_KEY filters retrieval to the caller\'s locale; the prompt is the caller\'s', async () => {
    await lexOnAws({ KNOWLEDGE_BASE_LOCALE_KEY: 'locale' })(lexEvent({ intent: 'AskQuestion', locale: 'fr_CA', sessionId: 'aws-kb-filter', transcript: 'quels sont les frais de virement', source: 'FulfillmentCodeHook' }));
    expect(fake.requests[0]?.body).toMatchObject({
      retrieveAndGenerateConfiguration: {
        knowledgeBaseConfiguration: {
          retrievalConfiguration: { vectorSearchConfiguration: { filter: { equals: { key: 'locale', value: 'fr_CA' } } } },
          generationConfiguration: { promptTemplate: { textPromptTemplate: PHONE_PROMPT_TEMPLATES.fr_CA } },
        },
      },
    });
  });

  it('without KNOWLEDGE_BASE_ID, or without a guardrail, no model is called and the caller is offered an agent', async () => {
    for (const extra of [{ KNOWLEDGE_BASE_ID: '' }, { KNOWLEDGE_BASE_GUARDRAIL_ID: '' }, { KNOWLEDGE_BASE_GUARDRAIL_VERSION: '' }] as Record<string, string>[]) {
      const r = valid(await lexOnAws(extra)(lexEvent({ intent: 'AskQuestion', sessionId: 'aws-kb-unset', transcript: 'what are the wire fees', source: 'FulfillmentCodeHook' })));
      expect(r.sessionState.sessionAttributes?.transferReason).toBe('knowledgeUnavailable');
    }
    expect(bedrockRequests()).toHaveLength(0);
    expect(readLexConfig(env({ KNOWLEDGE_BASE_GUARDRAIL_ID: '' })).knowledgeBaseProblem).toBe('NoGuardrail');
    expect(() => readLexConfig(env({ KNOWLEDGE_BASE_GUARDRAIL_VERSION: 'latest' }))).toThrow(/KNOWLEDGE_BASE_GUARDRAIL_VERSION/);
  });

  it('titles come from metadata, else from the file name', () => {
    expect(referenceTitle({ metadata: { title: 'Cards' } })).toBe('Cards');
    expect(referenceTitle({ location: { type: 'S3', s3Location: { uri: 's3://b/fr_CA/online-banking.md' } } })).toBe('Online banking');
    expect(referenceTitle({ location: { type: 'WEB', webLocation: { url: 'https://example.com/help/card_fees.html?x=1' } } })).toBe('Card fees');
    expect(referenceTitle({})).toBeUndefined();
  });
});

describe('the Connect lookup on AWS backends', () => {
  it('writes the contact record the Lex code hook then uses', async () => {
    const connect = createConnectHandler({
      ...createAwsConnectDeps(readConnectConfig(env()), { endpoint: h.dynamodb.endpoint, ...creds }),
      logger: createLogger('selfservice-connect', 'SILENT'),
    });
    expect(await connect(connectEvent('aws-contact', '+14165550199'))).toMatchObject({ found: 'true', callerIdSource: 'callerId' });
    const r = valid(await lexOnAws()(lexEvent({ intent: 'CheckBalance', sessionId: 'aws-contact', slots: { AccountType: 'checking' }, inputMode: 'Speech' })));
    expect(r.messages?.[0]?.content).not.toContain('<say-as');
    expect(fake.requests.find((q) => q.service === 'sns')?.body.PhoneNumber).toBe('+14165550199');
  });
});
