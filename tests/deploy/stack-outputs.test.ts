/**
 * `bots deploy --region <r>` takes the code-hook Lambda ARN and the Lex role ARN from the region's
 * fulfillment stack outputs (CloudFormation DescribeStacks) when the bot file names none: through
 * the real CloudFormationClient against an HTTP fake, the emulator as Lex, and the Lambda/Connect
 * fakes.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeBotAliasCommand, DescribeBotCommand } from '@aws-sdk/client-lex-models-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deploy } from '../../scripts/deploy/index.js';
import { fulfillmentStackName, readStackOutputs, STACK_OUTPUT, StackOutputsError } from '../../scripts/deploy/stack-outputs.js';
import { CREDENTIALS, type TestEmulator } from '../helpers/emulator.js';
import { startFakeCloudFormation, type FakeCloudFormation } from './fake-cloudformation.js';
import { startFakeLambdaConnect, type FakeLambdaConnect } from './fake-lambda-connect.js';
import { deployAws, FAST, SMALL_FILES, smallProject, startDeployEmulator, writeFiles } from './helpers.js';

const STACK_LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:BotsFulfillment-us-east-1-LexCodeHook2D286228-AbCdEf123456';
const STACK_ROLE = 'arn:aws:iam::000000000000:role/BotsFulfillment-us-east-1-LexBotRole0FBFF464-AbCdEf123456';
const FILE_LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:from-the-bot-file';
const FILE_ROLE = 'arn:aws:iam::000000000000:role/FromTheBotFile';

let emu: TestEmulator;
let lambdaFake: FakeLambdaConnect;
let cfn: FakeCloudFormation;

beforeAll(async () => {
  [emu, lambdaFake, cfn] = await Promise.all([startDeployEmulator(), startFakeLambdaConnect(), startFakeCloudFormation()]);
});
afterAll(async () => {
  await Promise.all([emu.stop(), lambdaFake.close(), cfn.close()]);
});
beforeEach(() => {
  cfn.stacks.clear();
  cfn.requests.length = 0;
  cfn.failWith = undefined;
});

const endpoints = () => ({ lex: emu.emulator.endpoint, lambda: lambdaFake.endpoint, connect: lambdaFake.endpoint, cloudformation: cfn.endpoint });

/** A Demo project (its Balance intent has a dialog code hook) with one target. */
function project(botName: string, region: string, target: Record<string, unknown> = {}): string {
  const root = smallProject(botName);
  writeFiles(root, { [`bots/${botName}.yaml`]: { ...(SMALL_FILES['bots/Demo.yaml'] as object), name: botName, targets: { [region]: { alias: 'live', ...target } } } });
  return root;
}

function client(): CloudFormationClient {
  return new CloudFormationClient({ region: 'us-east-1', endpoint: cfn.endpoint, credentials: CREDENTIALS, maxAttempts: 1 });
}

describe('readStackOutputs (real CloudFormationClient, awsQuery fake)', () => {
  it('returns the outputs of a usable stack, sending Action=DescribeStacks with the stack name', async () => {
    cfn.stacks.set('BotsFulfillment-us-east-1', { status: 'UPDATE_COMPLETE', outputs: { [STACK_OUTPUT.lexFunctionArn]: STACK_LAMBDA, [STACK_OUTPUT.lexRoleArn]: STACK_ROLE } });
    const c = client();
    const r = await readStackOutputs(c, 'BotsFulfillment-us-east-1');
    c.destroy();
    expect(r).toEqual({ status: 'UPDATE_COMPLETE', outputs: { LexCodeHookFunctionArn: STACK_LAMBDA, LexBotRoleArn: STACK_ROLE } });
    expect(cfn.requests[0]).toMatchObject({ Action: 'DescribeStacks', StackName: 'BotsFulfillment-us-east-1', Version: '2010-05-15' });
  });

  it('is undefined for a stack that does not exist or never finished creating', async () => {
    cfn.stacks.set('Failed', { status: 'ROLLBACK_COMPLETE', outputs: { [STACK_OUTPUT.lexFunctionArn]: STACK_LAMBDA } });
    const c = client();
    expect(await readStackOutputs(c, 'Missing')).toBeUndefined();
    expect(await readStackOutputs(c, 'Failed')).toBeUndefined();
    c.destroy();
  });

  it('throws StackOutputsError naming the stack and the error for any other failure', async () => {
    cfn.failWith = { code: 'AccessDenied', status: 403, message: 'User is not authorized to perform: cloudformation:DescribeStacks' };
    const c = client();
    const err = await readStackOutputs(c, 'BotsFulfillment-us-east-1').catch((e: unknown) => e);
    c.destroy();
    expect(err).toBeInstanceOf(StackOutputsError);
    expect((err as Error).message).toMatch(/stack BotsFulfillment-us-east-1 \(AccessDenied: User is not authorized/);
  });
});

describe('bots deploy reads the fulfillment stack outputs', () => {
  it('uses the stack\'s Lambda and Lex role when the bot file names neither (one DescribeStacks per region)', async () => {
    const root = project('StackBot', 'us-east-1');
    cfn.stacks.set(fulfillmentStackName('us-east-1'), {
      status: 'CREATE_COMPLETE',
      outputs: { [STACK_OUTPUT.lexFunctionArn]: STACK_LAMBDA, [STACK_OUTPUT.lexRoleArn]: STACK_ROLE, [STACK_OUTPUT.stateTable]: 'BotsFulfillment-us-east-1-StateTable' },
    });
    const before = lambdaFake.requests.length;

    const { result, bot } = await deployAws(root, { endpoints: endpoints() });

    expect(result.ok).toBe(true);
    expect(bot.status).toBe('applied');
    expect(bot.plan!.notes).toEqual(
      expect.arrayContaining(['code-hook Lambda from stack BotsFulfillment-us-east-1 (output LexCodeHookFunctionArn)', 'Lex role from stack BotsFulfillment-us-east-1 (output LexBotRoleArn)']),
    );
    expect(bot.calls.byOperation['cloudformation.DescribeStacks']).toBe(1);
    expect(cfn.requests.map((r) => r.StackName)).toEqual(['BotsFulfillment-us-east-1']);
    const described = await emu.models.send(new DescribeBotCommand({ botId: bot.botId! }));
    expect(described.roleArn).toBe(STACK_ROLE);
    const alias = await emu.models.send(new DescribeBotAliasCommand({ botId: bot.botId!, botAliasId: bot.aliasId! }));
    expect(alias.botAliasLocaleSettings?.en_US?.codeHookSpecification?.lambdaCodeHook?.lambdaARN).toBe(STACK_LAMBDA);
    const add = lambdaFake.requests.slice(before).find((r) => r.operation === 'AddPermission');
    expect(decodeURIComponent(add!.path)).toBe(`/2015-03-31/functions/${STACK_LAMBDA}/policy`);

    // Idempotent: the same outputs again plan no change.
    const again = await deployAws(root, { endpoints: endpoints() });
    expect(again.bot.status).toBe('no-changes');
    expect(again.writes).toEqual([]);
  });

  it('keeps the ARNs the bot file names and does not read the stack', async () => {
    const root = project('FileBot', 'us-east-1', { codeHookLambdaArn: FILE_LAMBDA, roleArn: FILE_ROLE });
    cfn.stacks.set(fulfillmentStackName('us-east-1'), { status: 'CREATE_COMPLETE', outputs: { [STACK_OUTPUT.lexFunctionArn]: STACK_LAMBDA, [STACK_OUTPUT.lexRoleArn]: STACK_ROLE } });

    const { result, bot } = await deployAws(root, { endpoints: endpoints(), dryRun: true });

    expect(result.ok).toBe(true);
    expect(cfn.requests).toEqual([]);
    expect(bot.plan!.changes.find((c) => c.kind === 'lambdaPermission')?.name).toBe(FILE_LAMBDA);
  });

  it('fails the bot with the fix when neither the bot file nor a stack gives a Lambda; nothing is written', async () => {
    const root = project('NoStackBot', 'eu-west-2', { roleArn: FILE_ROLE });

    const { result, bot, writes } = await deployAws(root, { endpoints: endpoints() });

    expect(result.ok).toBe(false);
    expect(bot.status).toBe('failed');
    expect(bot.error).toBe(
      'NoStackBot uses code hooks but targets.eu-west-2.codeHookLambdaArn in bots/NoStackBot.yaml is empty and stack BotsFulfillment-eu-west-2 does not exist in eu-west-2. ' +
        'Deploy the fulfillment stack first (npx cdk deploy BotsFulfillment-eu-west-2; see docs/infrastructure.md) or set targets.eu-west-2.codeHookLambdaArn in bots/NoStackBot.yaml.',
    );
    expect(writes).toEqual([]);
    expect(cfn.requests.map((r) => r.StackName)).toEqual(['BotsFulfillment-eu-west-2']);
  });

  it('names the missing output when the stack exists without it', async () => {
    const root = project('OldStackBot', 'us-west-2', { roleArn: FILE_ROLE });
    cfn.stacks.set(fulfillmentStackName('us-west-2'), { status: 'CREATE_COMPLETE', outputs: { [STACK_OUTPUT.stateTable]: 'state' } });

    const { bot } = await deployAws(root, { endpoints: endpoints(), dryRun: true });

    expect(bot.status).toBe('failed');
    expect(bot.error).toMatch(/stack BotsFulfillment-us-west-2 has no output LexCodeHookFunctionArn\. Deploy the fulfillment stack first/);
  });

  it('reports a DescribeStacks failure on the bot', async () => {
    const root = project('DeniedBot', 'us-east-1');
    cfn.failWith = { code: 'AccessDenied', status: 403, message: 'not authorized' };

    const { bot } = await deployAws(root, { endpoints: endpoints(), dryRun: true, retry: { maxAttempts: 1 } });

    expect(bot.status).toBe('failed');
    expect(bot.error).toBe('StackOutputsError: could not read the outputs of stack BotsFulfillment-us-east-1 (AccessDenied: not authorized)');
  });

  it('BOTS_CLOUDFORMATION_ENDPOINT points the stack lookup at another endpoint (test hook)', async () => {
    const root = project('EnvBot', 'us-east-1');
    cfn.stacks.set(fulfillmentStackName('us-east-1'), { status: 'CREATE_COMPLETE', outputs: { [STACK_OUTPUT.lexFunctionArn]: STACK_LAMBDA, [STACK_OUTPUT.lexRoleArn]: STACK_ROLE } });

    const result = await deploy({
      root,
      target: { kind: 'aws', regions: ['us-east-1'] },
      dryRun: true,
      credentials: CREDENTIALS,
      env: { BOTS_LEX_ENDPOINT: emu.emulator.endpoint, BOTS_LAMBDA_ENDPOINT: lambdaFake.endpoint, BOTS_CLOUDFORMATION_ENDPOINT: cfn.endpoint },
      ...FAST,
    });

    expect(result.ok).toBe(true);
    expect(cfn.requests).toHaveLength(1);
    expect(result.targets[0]!.bots[0]!.plan!.changes.find((c) => c.kind === 'lambdaPermission')?.name).toBe(STACK_LAMBDA);
  });

  it('reads no stack when Lex is pointed elsewhere without a CloudFormation endpoint (never real AWS from a test)', async () => {
    const root = project('LocalOnlyBot', 'us-east-1', { roleArn: FILE_ROLE });

    const { result, bot } = await deployAws(root, { endpoints: { lex: emu.emulator.endpoint }, dryRun: true });

    expect(result.ok).toBe(true);
    expect(bot.calls.byOperation['cloudformation.DescribeStacks']).toBeUndefined();
    expect(bot.plan!.notes.join('\n')).toMatch(/no code-hook Lambda in targets\.us-east-1/);
  });
});
