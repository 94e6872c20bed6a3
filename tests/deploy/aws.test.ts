/**
 * AWS-region targets, pointed at emulators (one per region) and at HTTP fakes of Lambda and
 * Amazon Connect through the endpoint test hooks: the Lambda permission, the alias resource
 * policy for Connect and AssociateBot; idempotence of all three; regions in parallel, one failing
 * without stopping the other; the summary per region.
 */
import { DescribeBotAliasCommand, DescribeResourcePolicyCommand, UpdateResourcePolicyCommand } from '@aws-sdk/client-lex-models-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy } from '../../scripts/deploy/index.js';
import { formatSummary } from '../../scripts/deploy/format.js';
import type { TestEmulator } from '../helpers/emulator.js';
import { startFakeLambdaConnect, type FakeLambdaConnect } from './fake-lambda-connect.js';
import { deployAws, FAST, SMALL_FILES, smallProject, startDeployEmulator, writeFiles } from './helpers.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:self-service-lex';
const INSTANCE = '6a3f6bd3-5d4f-4f34-9e3e-0d2a5c3b1e21';
const ROLE = 'arn:aws:iam::000000000000:role/LexBotRole';

let east: TestEmulator;
let canada: TestEmulator;
let fake: FakeLambdaConnect;
let root: string;

beforeAll(async () => {
  [east, canada, fake] = await Promise.all([startDeployEmulator(), startDeployEmulator(), startFakeLambdaConnect()]);
  root = smallProject();
  writeFiles(root, {
    'bots/Demo.yaml': {
      ...(SMALL_FILES['bots/Demo.yaml'] as object),
      targets: {
        'us-east-1': { alias: 'live', roleArn: ROLE, codeHookLambdaArn: LAMBDA, connectInstanceId: INSTANCE, conversationLogGroup: '/aws/lex/Demo', sentimentAnalysis: true },
        'ca-central-1': { alias: 'prod', roleArn: ROLE },
      },
    },
  });
});
afterAll(async () => {
  await Promise.all([east.stop(), canada.stop(), fake.close()]);
});

const endpoints = () => ({ lex: (region: string) => (region === 'ca-central-1' ? canada.emulator.endpoint : east.emulator.endpoint), lambda: fake.endpoint, connect: fake.endpoint });

describe('deploy to AWS regions', () => {
  let botId: string;
  let aliasId: string;
  let aliasArn: string;

  it('deploys every region in parallel; a failing region does not stop the other; summary per region', async () => {
    canada.emulator.faults.failNextBuild(1);
    const { result, writes } = await deployAws(root, { endpoints: endpoints() });
    expect(result.ok).toBe(false);
    expect(result.targets.map((t) => [t.target, t.kind, t.ok])).toEqual([
      ['us-east-1', 'aws', true],
      ['ca-central-1', 'aws', false],
    ]);
    const [us, ca] = result.targets.map((t) => t.bots[0]!);
    expect(us!.status).toBe('applied');
    expect(ca!.status).toBe('failed');
    expect(ca!.error).toContain('Build failed for en_US');
    // Both regions ran at once: their writes interleave in the log.
    const firstCa = writes.findIndex((w) => w.startsWith('ca-central-1:'));
    const lastUs = writes.map((w) => w.startsWith('us-east-1:')).lastIndexOf(true);
    expect(firstCa).toBeLessThan(lastUs);
    const summary = formatSummary(result);
    expect(summary).toMatch(/us-east-1 +Demo +✔ deployed version 1 on alias live/);
    expect(summary).toMatch(/ca-central-1 +Demo +✖ failed Build failed for en_US/);

    botId = us!.botId!;
    aliasId = us!.aliasId!;
    aliasArn = us!.aliasArn!;
    expect(aliasArn).toBe(`arn:aws:lex:us-east-1:000000000000:bot-alias/${botId}/${aliasId}`);
  });

  it('grants Lex the Lambda, writes the alias policy for Connect and associates the alias (AssociateBot)', async () => {
    const add = fake.requests.find((r) => r.operation === 'AddPermission')!;
    expect(decodeURIComponent(add.path)).toBe(`/2015-03-31/functions/${LAMBDA}/policy`);
    expect(add.body).toEqual({
      StatementId: `bots-lexv2-${botId}-${aliasId}`,
      Action: 'lambda:InvokeFunction',
      Principal: 'lexv2.amazonaws.com',
      SourceArn: aliasArn,
      SourceAccount: '000000000000',
    });
    const assoc = fake.requests.find((r) => r.operation === 'AssociateBot')!;
    expect(assoc.path).toBe(`/instance/${INSTANCE}/bot`);
    expect(assoc.body).toMatchObject({ LexV2Bot: { AliasArn: aliasArn } });
    // A new alias: nothing to look up first.
    expect(fake.requests.map((r) => r.operation)).toEqual(['AddPermission', 'AssociateBot']);

    const policy = await east.models.send(new DescribeResourcePolicyCommand({ resourceArn: aliasArn }));
    expect(JSON.parse(policy.policy!).Statement).toEqual([
      {
        Sid: `bots-connect-${INSTANCE}`,
        Effect: 'Allow',
        Principal: { Service: ['connect.amazonaws.com'] },
        Action: ['lex:RecognizeText', 'lex:StartConversation'],
        Resource: aliasArn,
        Condition: {
          StringEquals: { 'AWS:SourceAccount': '000000000000' },
          ArnEquals: { 'AWS:SourceArn': `arn:aws:connect:us-east-1:000000000000:instance/${INSTANCE}` },
        },
      },
    ]);
    const alias = await east.models.send(new DescribeBotAliasCommand({ botId, botAliasId: aliasId }));
    expect(alias.botAliasLocaleSettings?.en_US?.codeHookSpecification?.lambdaCodeHook?.lambdaARN).toBe(LAMBDA);
    expect(alias.sentimentAnalysisSettings).toEqual({ detectSentiment: true });
    expect(alias.conversationLogSettings?.textLogSettings?.[0]).toEqual({
      enabled: true,
      destination: { cloudWatch: { cloudWatchLogGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/lex/Demo', logPrefix: 'Demo/' } },
    });
  });

  it('a second deploy finds the permission, the policy and the association: no write call', async () => {
    const { result, writes } = await deployAws(root, { endpoints: endpoints(), target: { kind: 'aws', regions: ['us-east-1'] } });
    expect(result.ok).toBe(true);
    expect(result.targets[0]!.bots[0]!.status).toBe('no-changes');
    expect(writes).toEqual([]);
    expect(result.targets[0]!.bots[0]!.calls.byOperation).toMatchObject({ 'lambda.GetPolicy': 1, 'connect.ListBots': 1, ListBots: 1, DescribeResourcePolicy: 1 });
    expect(fake.requests.find((r) => r.operation === 'ListBots')?.path).toBe(`/instance/${INSTANCE}/bots?lexVersion=V2&maxResults=25`);
  });

  it('replaces a drifted Connect statement (same id, wider grant), keeps the other statements, then writes nothing', async () => {
    // Prepare: someone widened our statement (any principal, no SourceArn) and added one of their own.
    const before = await east.models.send(new DescribeResourcePolicyCommand({ resourceArn: aliasArn }));
    const doc = JSON.parse(before.policy!);
    const ours = doc.Statement[0];
    const theirs = { Sid: 'Tester', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:role/Tester' }, Action: ['lex:RecognizeText'], Resource: aliasArn };
    doc.Statement = [{ ...ours, Principal: { Service: ['connect.amazonaws.com'], AWS: '*' }, Condition: { StringEquals: { 'AWS:SourceAccount': '000000000000' } } }, theirs];
    await east.models.send(new UpdateResourcePolicyCommand({ resourceArn: aliasArn, policy: JSON.stringify(doc), expectedRevisionId: before.revisionId }));
    // Act
    const { result, writes, progress } = await deployAws(root, { endpoints: endpoints(), target: { kind: 'aws', regions: ['us-east-1'] } });
    // Assess
    expect(result.ok).toBe(true);
    // (Besides the deploy lease's tag.)
    expect(writes.filter((w) => !/(Tag|Untag)Resource/.test(w))).toEqual(['us-east-1:DeleteResourcePolicyStatement', 'us-east-1:CreateResourcePolicyStatement']);
    expect(progress.lines.join('\n')).toContain('~ alias resource policy for connect.amazonaws.com');
    const after = JSON.parse((await east.models.send(new DescribeResourcePolicyCommand({ resourceArn: aliasArn }))).policy!);
    expect(after.Statement).toHaveLength(2);
    expect(after.Statement).toEqual(expect.arrayContaining([ours, theirs]));
    const again = await deployAws(root, { endpoints: endpoints(), target: { kind: 'aws', regions: ['us-east-1'] } });
    expect(again.writes).toEqual([]);
  });

  it.each([
    ['another instance', (s: any) => ({ ...s, Condition: { ...s.Condition, ArnEquals: { 'AWS:SourceArn': 'arn:aws:connect:us-east-1:000000000000:instance/other' } } })],
    ['more actions', (s: any) => ({ ...s, Action: [...s.Action, 'lex:PutSession'] })],
    ['no SourceAccount', (s: any) => ({ ...s, Condition: { ArnEquals: s.Condition.ArnEquals } })],
  ])('the plan shows a statement for %s as an update of the Connect alias policy', async (_name, widen) => {
    const before = await east.models.send(new DescribeResourcePolicyCommand({ resourceArn: aliasArn }));
    const doc = JSON.parse(before.policy!);
    doc.Statement = doc.Statement.map((s: any) => (s.Sid === `bots-connect-${INSTANCE}` ? widen(s) : s));
    await east.models.send(new UpdateResourcePolicyCommand({ resourceArn: aliasArn, policy: JSON.stringify(doc), expectedRevisionId: before.revisionId }));
    const { result } = await deployAws(root, { endpoints: endpoints(), target: { kind: 'aws', regions: ['us-east-1'] }, dryRun: true });
    const plan = result.targets[0]!.bots[0]!.plan!;
    expect(plan.connectPolicy).toBe('update');
    expect(plan.changes).toContainEqual(expect.objectContaining({ action: 'update', kind: 'connectPolicy', name: INSTANCE }));
    // Put it right for the next test.
    await deployAws(root, { endpoints: endpoints(), target: { kind: 'aws', regions: ['us-east-1'] } });
  });

  it('treats "already there" answers of AddPermission and AssociateBot as done', async () => {
    fake.hidePolicy = true;
    fake.associations.clear();
    const before = fake.requests.length;
    const { result, progress } = await deployAws(root, { endpoints: endpoints(), target: { kind: 'aws', regions: ['us-east-1'] } });
    fake.hidePolicy = false;
    expect(result.ok).toBe(true);
    const ops = fake.requests.slice(before).map((r) => r.operation);
    expect(ops).toContain('AddPermission');
    expect(ops).toContain('AssociateBot');
    expect(progress.lines.join('\n')).toContain('= Lambda permission for lexv2.amazonaws.com');
    expect(fake.statements.get(LAMBDA)).toHaveLength(1);
  });

  it('the failed region finishes on the next run', async () => {
    const { result } = await deployAws(root, { endpoints: endpoints(), target: { kind: 'aws', regions: ['ca-central-1'] } });
    expect(result.ok).toBe(true);
    const ca = result.targets[0]!.bots[0]!;
    expect(ca.status).toBe('applied');
    expect(ca.plan!.changes.map((c) => `${c.action} ${c.kind}`)).toEqual(['update build', 'create version', 'create alias']);
    expect(ca.plan!.notes[0]).toMatch(/no code-hook Lambda in targets\.ca-central-1/);
  });

  it('endpoint environment variables point AWS targets elsewhere (test hooks)', async () => {
    const result = await deploy({
      root,
      target: { kind: 'aws', regions: ['us-east-1'] },
      dryRun: true,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      env: { BOTS_LEX_ENDPOINT: east.emulator.endpoint, BOTS_LAMBDA_ENDPOINT: fake.endpoint, BOTS_CONNECT_ENDPOINT: fake.endpoint },
      ...FAST,
    });
    expect(result.targets[0]!.endpoint).toBe(east.emulator.endpoint);
    expect(result.targets[0]!.bots[0]!.plan!.noChanges).toBe(true);
  });

  it('refuses to create a bot in a region whose target names no role', async () => {
    const noRole = smallProject('NoRole');
    writeFiles(noRole, { 'bots/NoRole.yaml': { ...(SMALL_FILES['bots/Demo.yaml'] as object), name: 'NoRole', targets: { 'eu-west-2': { alias: 'live' } } } });
    const { result } = await deployAws(noRole, { endpoints: { lex: east.emulator.endpoint } });
    expect(result.ok).toBe(false);
    expect(result.targets[0]!.bots[0]!.error).toMatch(/NoRole does not exist in eu-west-2 yet and targets\.eu-west-2\.roleArn in bots\/NoRole\.yaml is empty/);
    expect(result.targets[0]!.bots[0]!.calls.writes).toBe(0);
  });
});
