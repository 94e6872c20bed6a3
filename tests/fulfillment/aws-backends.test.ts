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
  it('sends the knowledge base and model, answers with sources by title, continues the Bedrock session', async () => {
    const c = new Conversation(lexOnAws(), { sessionId: 'aws-kb' });
    const r = await c.send('AskQuestion', 'What are your fees for wire transfers', { source: 'FulfillmentCodeHook' });
    const req = fake.requests.find((q) => q.service === 'bedrock')!;
    expect(req.body).toMatchObject({
      input: { text: 'What are your fees for wire transfers' },
      retrieveAndGenerateConfiguration: { type: 'KNOWLEDGE_BASE', knowledgeBaseConfiguration: { knowledgeBaseId: 'KBID123456', modelArn: MODEL } },
    });
    expect(req.body.sessionId).toBeUndefined();
    expect(textOf(r)).toContain('Outgoing domestic wires cost $25.');
    expect(r.messages?.[1]?.content).toBe('Source: Fees.');
    expect(c.attrs.kbSessionId).toBe('bedrock-session-1');

    await c.send('AskQuestion', 'And for international ones?', { source: 'FulfillmentCodeHook' });
    expect(fake.requests.filter((q) => q.service === 'bedrock')[1]?.body.sessionId).toBe('bedrock-session-1');
  });

  it('on voice: two sentences at most, SSML-escaped, sources by title never by URL', async () => {
    fake.bedrock = () => ({
      status: 200,
      body: ragResponse('Fees & charges: wires <$25> cost $25 [1]. See https://example.com/fees for more. A third sentence. A fourth.', [
        { uri: 's3://kb-bucket/en_US/fees.md', title: 'Fees & charges' },
        { uri: 's3://kb-bucket/en_US/online-banking.md' },
      ]),
    });
    const r = valid(await lexOnAws()(lexEvent({ intent: 'FallbackIntent', sessionId: 'aws-kb-voice', transcript: 'wire fees', inputMode: 'Speech', source: 'FulfillmentCodeHook' })));
    expect(r.messages?.[0]?.content).toBe('<speak>Fees &amp; charges: wires &lt;$25&gt; cost $25. See for more.</speak>');
    expect(r.messages?.[1]?.content).toBe('<speak>Sources: Fees &amp; charges and Online banking.</speak>');
  });

  it('no citation, or a guardrail intervention, is no good answer: the caller is offered an agent', async () => {
    for (const body of [ragResponse('Sorry, I am unable to assist you with this request.', []), { ...ragResponse('Something', [{}]), guardrailAction: 'INTERVENED' }]) {
      fake.bedrock = () => ({ status: 200, body });
      const r = valid(await lexOnAws()(lexEvent({ intent: 'AskQuestion', sessionId: `aws-kb-none-${fake.requests.length}`, transcript: 'what is the meaning of life', source: 'FulfillmentCodeHook' })));
      expect(r.sessionState.dialogAction.type).toBe('ElicitIntent');
      expect(textOf(r)).toMatch(/agent/);
    }
  });

  it('an expired Bedrock session id is dropped and the question asked again', async () => {
    fake.bedrock = (body) => (body.sessionId ? bedrockError('ValidationException', 400) : { status: 200, body: ragResponse('Incoming wires are free.', [{}], 'bedrock-session-2') });
    const r = valid(await lexOnAws()(lexEvent({ intent: 'AskQuestion', sessionId: 'aws-kb-expired', transcript: 'incoming wire fees', source: 'FulfillmentCodeHook', sessionAttributes: { kbSessionId: 'old-session' } })));
    expect(textOf(r)).toContain('Incoming wires are free.');
    expect(r.sessionState.sessionAttributes?.kbSessionId).toBe('bedrock-session-2');
    expect(fake.requests.filter((q) => q.service === 'bedrock')).toHaveLength(2);
  });

  it('KNOWLEDGE_BASE_LOCALE_KEY filters retrieval to the caller\'s locale', async () => {
    await lexOnAws({ KNOWLEDGE_BASE_LOCALE_KEY: 'locale' })(lexEvent({ intent: 'AskQuestion', locale: 'fr_CA', sessionId: 'aws-kb-filter', transcript: 'frais de virement', source: 'FulfillmentCodeHook' }));
    expect(fake.requests[0]?.body).toMatchObject({
      retrieveAndGenerateConfiguration: { knowledgeBaseConfiguration: { retrievalConfiguration: { vectorSearchConfiguration: { filter: { equals: { key: 'locale', value: 'fr_CA' } } } } } },
    });
  });

  it('without KNOWLEDGE_BASE_ID the caller is offered an agent', async () => {
    const r = valid(await lexOnAws({ KNOWLEDGE_BASE_ID: '' })(lexEvent({ intent: 'AskQuestion', sessionId: 'aws-kb-unset', transcript: 'wire fees', source: 'FulfillmentCodeHook' })));
    expect(r.sessionState.sessionAttributes?.transferReason).toBe('knowledgeUnavailable');
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
