/**
 * Errors of the emulator's model-building API, checked as the SDK raises them: the exception
 * class (instanceof), status and message. Also failing builds and resource-policy revisions.
 */
import {
  BuildBotLocaleCommand,
  ConflictException,
  CreateBotAliasCommand,
  CreateBotCommand,
  CreateBotLocaleCommand,
  CreateBotVersionCommand,
  CreateIntentCommand,
  CreateResourcePolicyCommand,
  CreateResourcePolicyStatementCommand,
  CreateSlotCommand,
  CreateSlotTypeCommand,
  DeleteIntentCommand,
  DeleteResourcePolicyCommand,
  DeleteResourcePolicyStatementCommand,
  DeleteSlotTypeCommand,
  DescribeBotCommand,
  DescribeBotLocaleCommand,
  DescribeBotVersionCommand,
  DescribeIntentCommand,
  DescribeResourcePolicyCommand,
  InternalServerException,
  LexModelsV2ServiceException,
  ListBotsCommand,
  PreconditionFailedException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  UpdateBotCommand,
  UpdateIntentCommand,
  UpdateResourcePolicyCommand,
  ValidationException,
  waitUntilBotLocaleBuilt,
  type CreateBotCommandInput,
  type CreateResourcePolicyStatementCommandInput,
} from '@aws-sdk/client-lex-models-v2';
import { beforeAll, describe, expect, it } from 'vitest';
import { INJECTED_BUILD_FAILURE } from '../../scripts/emulator/faults.js';
import { modelsClient, ROLE_ARN, startTestEmulator, useEmulator } from '../helpers/emulator.js';

const lex = useEmulator();
const WAIT = { minDelay: 0.02, maxDelay: 0.2, maxWaitTime: 5 };
const botInput = (botName: string, over: Partial<CreateBotCommandInput> = {}): CreateBotCommandInput => ({
  botName,
  roleArn: ROLE_ARN,
  dataPrivacy: { childDirected: false },
  idleSessionTTLInSeconds: 300,
  ...over,
});

/** The rejection of `p`, for assertions on the error object. */
async function failure(p: Promise<unknown>): Promise<LexModelsV2ServiceException> {
  try {
    await p;
  } catch (err) {
    return err as LexModelsV2ServiceException;
  }
  throw new Error('expected the call to fail');
}

let botId: string;
const at = () => ({ botId, botVersion: 'DRAFT', localeId: 'en_US' });
const prompt = { messageGroups: [{ message: { plainTextMessage: { value: 'Which one?' } } }], maxRetries: 1 };

beforeAll(async () => {
  botId = (await lex.models.send(new CreateBotCommand(botInput('ErrorsBot')))).botId!;
  await lex.models.send(new CreateBotLocaleCommand({ ...at(), nluIntentConfidenceThreshold: 0.4 }));
});

describe('error classes', () => {
  it('ResourceNotFoundException (404) for a bot, intent or version that does not exist', async () => {
    const e = await failure(lex.models.send(new DescribeBotCommand({ botId: 'NOSUCHBOT1' })));
    expect(e).toBeInstanceOf(ResourceNotFoundException);
    expect(e.$metadata.httpStatusCode).toBe(404);
    expect(e.$fault).toBe('client');
    expect(e.message).toContain('NOSUCHBOT1');
    expect(e.$metadata.requestId).toBeTruthy();
    await expect(lex.models.send(new DescribeIntentCommand({ ...at(), intentId: 'NOSUCHINT1' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(lex.models.send(new DescribeBotVersionCommand({ botId, botVersion: '7' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it("PreconditionFailedException (412) for Create/Update/Delete on something missing, Lex's answer there", async () => {
    const e = await failure(lex.models.send(new CreateIntentCommand({ botId: 'NOSUCHBOT1', botVersion: 'DRAFT', localeId: 'en_US', intentName: 'X' })));
    expect(e).toBeInstanceOf(PreconditionFailedException);
    expect(e.$metadata.httpStatusCode).toBe(412);
    expect(e.message).toMatch(/does not exist/);
    await expect(lex.models.send(new DeleteIntentCommand({ ...at(), intentId: 'NOSUCHINT1' }))).rejects.toBeInstanceOf(PreconditionFailedException);
    await expect(lex.models.send(new BuildBotLocaleCommand({ ...at(), localeId: 'de_DE' }))).rejects.toBeInstanceOf(PreconditionFailedException);
  });

  it('ConflictException (409) for duplicate names and a second fallback intent', async () => {
    const e = await failure(lex.models.send(new CreateBotCommand(botInput('ErrorsBot'))));
    expect(e).toBeInstanceOf(ConflictException);
    expect(e.$metadata.httpStatusCode).toBe(409);
    await lex.models.send(new CreateIntentCommand({ ...at(), intentName: 'Dup', sampleUtterances: [{ utterance: 'dup' }] }));
    await expect(lex.models.send(new CreateIntentCommand({ ...at(), intentName: 'Dup' }))).rejects.toBeInstanceOf(ConflictException);
    await expect(lex.models.send(new CreateIntentCommand({ ...at(), intentName: 'FallbackIntent' }))).rejects.toBeInstanceOf(ConflictException);
    await expect(lex.models.send(new CreateIntentCommand({ ...at(), intentName: 'Other', parentIntentSignature: 'AMAZON.FallbackIntent' }))).rejects.toBeInstanceOf(
      ConflictException,
    );
    await expect(lex.models.send(new CreateBotLocaleCommand({ ...at(), nluIntentConfidenceThreshold: 0.4 }))).rejects.toBeInstanceOf(ConflictException);
    await expect(lex.models.send(new CreateBotAliasCommand({ botId, botAliasName: 'TestBotAlias' }))).rejects.toBeInstanceOf(ConflictException);
  });

  it('ValidationException (400) for names, ranges, versions and reserved names, worded like Lex', async () => {
    const bad = await failure(lex.models.send(new CreateBotCommand(botInput('my bot'))));
    expect(bad).toBeInstanceOf(ValidationException);
    expect(bad.$metadata.httpStatusCode).toBe(400);
    expect(bad.message).toBe(
      "1 validation error detected: Value 'my bot' at 'botName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([0-9a-zA-Z][_-]?){1,100}$",
    );
    for (const name of ['a__b', '_a', 'a.b', 'x'.repeat(101)]) {
      await expect(lex.models.send(new CreateBotCommand(botInput(name)))).rejects.toBeInstanceOf(ValidationException);
    }
    for (const ttl of [59, 86401]) {
      const e = await failure(lex.models.send(new CreateBotCommand(botInput(`Ttl${ttl}`, { idleSessionTTLInSeconds: ttl }))));
      expect(e).toBeInstanceOf(ValidationException);
      expect(e.message).toContain("at 'idleSessionTTLInSeconds'");
    }
    await expect(lex.models.send(new UpdateBotCommand({ botId, ...botInput('ErrorsBot', { idleSessionTTLInSeconds: 10 }) }))).rejects.toBeInstanceOf(ValidationException);
    await expect(lex.models.send(new CreateBotCommand(botInput('NoRole', { roleArn: 'not-a-role' })))).rejects.toBeInstanceOf(ValidationException);
    // Only DRAFT can change; DescribeBotVersion wants a number.
    const v = await failure(lex.models.send(new CreateIntentCommand({ ...at(), botVersion: '1', intentName: 'Later' })));
    expect(v).toBeInstanceOf(ValidationException);
    expect(v.message).toContain("Value '1' at 'botVersion'");
    await expect(lex.models.send(new DescribeBotVersionCommand({ botId, botVersion: 'DRAFT' }))).rejects.toBeInstanceOf(ValidationException);
    const reserved = await failure(lex.models.send(new CreateIntentCommand({ ...at(), intentName: 'QnAIntent' })));
    expect(reserved.message).toBe('The specified intent name conflicts with a built-in intent name. Please use a different name.');
    await expect(lex.models.send(new CreateBotLocaleCommand({ ...at(), localeId: 'xx_XX', nluIntentConfidenceThreshold: 0.4 }))).rejects.toBeInstanceOf(ValidationException);
    await expect(lex.models.send(new CreateBotLocaleCommand({ ...at(), localeId: 'en_GB', nluIntentConfidenceThreshold: 1.5 }))).rejects.toBeInstanceOf(ValidationException);
    await expect(lex.models.send(new DeleteIntentCommand({ ...at(), intentId: 'FALLBCKINT' }))).rejects.toBeInstanceOf(ValidationException);
    await expect(lex.models.send(new CreateBotAliasCommand({ botId, botAliasName: 'live', botVersion: 'DRAFT' }))).rejects.toBeInstanceOf(ValidationException);
    await expect(lex.models.send(new CreateBotVersionCommand({ botId, botVersionLocaleSpecification: { en_US: { sourceBotVersion: 'DRAFT' } } }))).rejects.toBeInstanceOf(
      ValidationException,
    );
  });

  it('ServiceQuotaExceededException (402) past 100 bots in a region', async () => {
    const own = await startTestEmulator();
    try {
      await Promise.all(Array.from({ length: 100 }, (_, i) => own.models.send(new CreateBotCommand(botInput(`Quota${i}`)))));
      const e = await failure(own.models.send(new CreateBotCommand(botInput('Quota100'))));
      expect(e).toBeInstanceOf(ServiceQuotaExceededException);
      expect(e.$metadata.httpStatusCode).toBe(402);
      // Quotas are per region.
      const canada = modelsClient(own.emulator.endpoint, { region: 'ca-central-1' });
      await expect(canada.send(new CreateBotCommand(botInput('Quota100')))).resolves.toMatchObject({ botName: 'Quota100' });
      canada.destroy();
    } finally {
      await own.stop();
    }
  });

  it('ThrottlingException (429) with retryAfterSeconds from Retry-After, when retries are off', async () => {
    const once = modelsClient(lex.emulator.endpoint, { maxAttempts: 1 });
    lex.emulator.faults.throttle('ListBots', 1, { retryAfterSeconds: 3 });
    const e = await failure(once.send(new ListBotsCommand({})));
    expect(e).toBeInstanceOf(ThrottlingException);
    expect(e.$metadata.httpStatusCode).toBe(429);
    expect((e as ThrottlingException).retryAfterSeconds).toBe(3);
    await expect(once.send(new ListBotsCommand({}))).resolves.toBeDefined();
    once.destroy();
    lex.emulator.faults.reset();
  });

  it('InternalServerException (500), a server fault', async () => {
    const once = modelsClient(lex.emulator.endpoint, { maxAttempts: 1 });
    lex.emulator.faults.serverError('DescribeBot', 1);
    const e = await failure(once.send(new DescribeBotCommand({ botId })));
    expect(e).toBeInstanceOf(InternalServerException);
    expect(e.$fault).toBe('server');
    expect(e.$metadata.httpStatusCode).toBe(500);
    once.destroy();
    lex.emulator.faults.reset();
  });
});

describe('failing builds', () => {
  /** A fresh bot with one locale; returns the locale path. */
  async function freshLocale(name: string) {
    const id = (await lex.models.send(new CreateBotCommand(botInput(name)))).botId!;
    const path = { botId: id, botVersion: 'DRAFT', localeId: 'en_US' };
    await lex.models.send(new CreateBotLocaleCommand({ ...path, nluIntentConfidenceThreshold: 0.4 }));
    return path;
  }

  /** Builds, expects the waiter to give up, returns the failure reasons. */
  async function buildFails(path: { botId: string; botVersion: string; localeId: string }): Promise<string[]> {
    expect((await lex.models.send(new BuildBotLocaleCommand(path))).botLocaleStatus).toBe('Building');
    await expect(waitUntilBotLocaleBuilt({ client: lex.models, ...WAIT }, path)).rejects.toThrow();
    const d = await lex.models.send(new DescribeBotLocaleCommand(path));
    expect(d.botLocaleStatus).toBe('Failed');
    expect(d.recommendedActions?.length).toBeGreaterThan(0);
    return d.failureReasons ?? [];
  }

  it('fails a locale whose only intent is FallbackIntent', async () => {
    const reasons = await buildFails(await freshLocale('OnlyFallback'));
    expect(reasons).toEqual([expect.stringMatching(/no intent other than FallbackIntent/)]);
  });

  it('fails on an intent without utterances, a missing slot type, a required slot without prompt, an unknown {slot}', async () => {
    const path = await freshLocale('BrokenBot');
    const intentId = (await lex.models.send(new CreateIntentCommand({ ...path, intentName: 'Order', sampleUtterances: [{ utterance: 'order {Size} pizza' }] }))).intentId!;
    await lex.models.send(new CreateIntentCommand({ ...path, intentName: 'Empty' }));
    await lex.models.send(new CreateSlotCommand({ ...path, intentId, slotName: 'Crust', slotTypeId: 'NOSUCHTYPE', valueElicitationSetting: { slotConstraint: 'Optional' } }));
    await lex.models.send(new CreateSlotCommand({ ...path, intentId, slotName: 'When', slotTypeId: 'AMAZON.Date', valueElicitationSetting: { slotConstraint: 'Required' } }));
    await lex.models.send(new CreateSlotCommand({ ...path, intentId, slotName: 'Postcode', slotTypeId: 'AMAZON.UKPostalCode', valueElicitationSetting: { slotConstraint: 'Optional' } }));
    const reasons = await buildFails(path);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Intent 'Empty' has no sample utterances/),
        expect.stringMatching(/uses slot \{Size\}, which the intent does not have/),
        expect.stringMatching(/Slot 'Crust' of intent 'Order' uses slot type 'NOSUCHTYPE', which does not exist/),
        expect.stringMatching(/Slot 'When' of intent 'Order' is required but has no prompt/),
        // AMAZON.UKPostalCode is en_GB only.
        expect.stringMatching(/Slot 'Postcode' .* 'AMAZON\.UKPostalCode'/),
      ]),
    );
    expect(reasons).toHaveLength(5);
    expect(lex.emulator.store.getBuiltLocale(path.botId, 'DRAFT', 'en_US')).toBeUndefined();
  });

  it('fails the next build when a fault says so, then builds again', async () => {
    const path = await freshLocale('FaultyBuild');
    await lex.models.send(new CreateIntentCommand({ ...path, intentName: 'Hello', sampleUtterances: [{ utterance: 'hello' }] }));
    lex.emulator.faults.failNextBuild();
    expect(await buildFails(path)).toEqual([INJECTED_BUILD_FAILURE]);
    await lex.models.send(new BuildBotLocaleCommand(path));
    await waitUntilBotLocaleBuilt({ client: lex.models, ...WAIT }, path);
    expect(lex.emulator.faults.injected).toEqual([{ operation: 'BuildBotLocale', kind: 'failBuild' }]);
    lex.emulator.faults.reset();
  });

  it('refuses a second build while one is running', async () => {
    // A slow build, so the second request surely finds the first one running.
    const slow = await startTestEmulator({ buildDelayMs: 1000 });
    try {
      const id = (await slow.models.send(new CreateBotCommand(botInput('SlowBuild')))).botId!;
      const path = { botId: id, botVersion: 'DRAFT', localeId: 'en_US' };
      await slow.models.send(new CreateBotLocaleCommand({ ...path, nluIntentConfidenceThreshold: 0.4 }));
      await slow.models.send(new CreateIntentCommand({ ...path, intentName: 'Hello', sampleUtterances: [{ utterance: 'hello' }] }));
      await slow.models.send(new BuildBotLocaleCommand(path));
      await expect(slow.models.send(new BuildBotLocaleCommand(path))).rejects.toBeInstanceOf(ConflictException);
    } finally {
      await slow.stop();
    }
  });

  it('refuses deleting a slot type in use and priorities of foreign slots', async () => {
    const path = await freshLocale('BusyBot');
    const intentId = (await lex.models.send(new CreateIntentCommand({ ...path, intentName: 'Pick', sampleUtterances: [{ utterance: 'pick {Colour}' }] }))).intentId!;
    const slotTypeId = (
      await lex.models.send(
        new CreateSlotTypeCommand({ ...path, slotTypeName: 'Colour', slotTypeValues: [{ sampleValue: { value: 'red' } }], valueSelectionSetting: { resolutionStrategy: 'OriginalValue' } }),
      )
    ).slotTypeId!;
    await lex.models.send(new CreateSlotCommand({ ...path, intentId, slotName: 'Colour', slotTypeId, valueElicitationSetting: { slotConstraint: 'Required', promptSpecification: prompt } }));
    await expect(lex.models.send(new DeleteSlotTypeCommand({ ...path, slotTypeId }))).rejects.toBeInstanceOf(PreconditionFailedException);
    await lex.models.send(new BuildBotLocaleCommand(path));
    await waitUntilBotLocaleBuilt({ client: lex.models, ...WAIT }, path);
    await expect(lex.models.send(new UpdateIntentCommand({ ...path, intentId, intentName: 'Pick', slotPriorities: [{ priority: 1, slotId: 'NOTASLOT00' }] }))).rejects.toBeInstanceOf(
      ValidationException,
    );
  });
});

describe('resource policies', () => {
  const arn = () => `arn:aws:lex:us-east-1:000000000000:bot-alias/${botId}/TSTALIASID`;
  const statement: Omit<CreateResourcePolicyStatementCommandInput, 'resourceArn'> = {
    statementId: 'connect-us-east-1-instance',
    effect: 'Allow',
    principal: [{ service: 'connect.amazonaws.com' }],
    action: ['lex:RecognizeText', 'lex:StartConversation'],
    condition: {
      StringEquals: { 'AWS:SourceAccount': '000000000000' },
      ArnEquals: { 'AWS:SourceArn': 'arn:aws:connect:us-east-1:000000000000:instance/11111111-2222-3333-4444-555555555555' },
    },
  };

  it('counts revisions and refuses stale expectedRevisionId with PreconditionFailedException', async () => {
    const resourceArn = arn();
    await expect(lex.models.send(new DescribeResourcePolicyCommand({ resourceArn }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(lex.models.send(new CreateResourcePolicyCommand({ resourceArn, policy: 'not json' }))).rejects.toBeInstanceOf(ValidationException);

    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'first', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::000000000000:root'] }, Action: ['lex:RecognizeText'] }] });
    expect((await lex.models.send(new CreateResourcePolicyCommand({ resourceArn, policy }))).revisionId).toBe('1');
    await expect(lex.models.send(new CreateResourcePolicyCommand({ resourceArn, policy }))).rejects.toBeInstanceOf(PreconditionFailedException);
    await expect(lex.models.send(new UpdateResourcePolicyCommand({ resourceArn, policy, expectedRevisionId: '7' }))).rejects.toBeInstanceOf(PreconditionFailedException);
    expect((await lex.models.send(new UpdateResourcePolicyCommand({ resourceArn, policy, expectedRevisionId: '1' }))).revisionId).toBe('2');

    // A service principal needs both confused-deputy conditions.
    await expect(lex.models.send(new CreateResourcePolicyStatementCommand({ ...statement, resourceArn, condition: undefined }))).rejects.toBeInstanceOf(ValidationException);
    await expect(lex.models.send(new CreateResourcePolicyStatementCommand({ ...statement, resourceArn, expectedRevisionId: '1' }))).rejects.toBeInstanceOf(
      PreconditionFailedException,
    );
    const added = await lex.models.send(new CreateResourcePolicyStatementCommand({ ...statement, resourceArn, expectedRevisionId: '2' }));
    expect(added).toMatchObject({ resourceArn, revisionId: '3' });
    await expect(lex.models.send(new CreateResourcePolicyStatementCommand({ ...statement, resourceArn }))).rejects.toBeInstanceOf(ConflictException);

    const d = await lex.models.send(new DescribeResourcePolicyCommand({ resourceArn }));
    expect(d.revisionId).toBe('3');
    const doc = JSON.parse(d.policy!) as { Statement: { Sid: string; Principal: unknown; Resource: string }[] };
    expect(doc.Statement.map((s) => s.Sid)).toEqual(['first', 'connect-us-east-1-instance']);
    expect(doc.Statement[1]).toMatchObject({ Principal: { Service: ['connect.amazonaws.com'] }, Resource: resourceArn });

    await expect(
      lex.models.send(new DeleteResourcePolicyStatementCommand({ resourceArn, statementId: 'connect-us-east-1-instance', expectedRevisionId: '2' })),
    ).rejects.toBeInstanceOf(PreconditionFailedException);
    await expect(lex.models.send(new DeleteResourcePolicyStatementCommand({ resourceArn, statementId: 'nope' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    const removed = await lex.models.send(new DeleteResourcePolicyStatementCommand({ resourceArn, statementId: 'connect-us-east-1-instance', expectedRevisionId: '3' }));
    expect(removed.revisionId).toBe('4');
    const gone = await lex.models.send(new DeleteResourcePolicyCommand({ resourceArn, expectedRevisionId: '4' }));
    expect(gone.resourceArn).toBe(resourceArn);
    await expect(lex.models.send(new DescribeResourcePolicyCommand({ resourceArn }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('creates the policy with the first statement, and names only existing bots and aliases', async () => {
    const resourceArn = `arn:aws:lex:us-east-1:000000000000:bot/${botId}`;
    expect((await lex.models.send(new CreateResourcePolicyStatementCommand({ ...statement, resourceArn }))).revisionId).toBe('1');
    await expect(
      lex.models.send(new CreateResourcePolicyCommand({ resourceArn: 'arn:aws:lex:us-east-1:000000000000:bot-alias/NOSUCHBOT1/TSTALIASID', policy: '{"Statement":[]}' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
