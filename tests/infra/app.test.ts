/**
 * The CDK app over the bot definitions: one stack per targeted region, settings per region from the
 * targets, context handling, and a whole synthesis in-process with no AWS account.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp, lambdaCode, PROJECT_ROOT } from '../../infra/app.js';
import { RegionConflictError, regionSettings } from '../../infra/regions.js';
import type { Bot, Target } from '../../scripts/definitions/model.js';
import { testApp, testCode } from './helpers.js';

const target = (region: string, extra: Partial<Target> = {}): Target => ({ region, alias: 'live', at: { file: 'bots/X.yaml', path: [] }, ...extra }) as Target;
const bot = (name: string, targets: Target[]): Bot => ({ name, file: `bots/${name}.yaml`, targets }) as unknown as Bot;

describe('regionSettings', () => {
  it('merges the targets of every bot per region, in file order', () => {
    const kb = { id: 'KB12345678', modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/m' };
    const r = regionSettings([
      bot('A', [target('us-east-1', { connectInstanceId: 'i-1', conversationLogGroup: '/aws/lex/A', knowledgeBase: kb }), target('ca-central-1')]),
      bot('B', [target('us-east-1', { connectInstanceId: 'i-2', conversationLogGroup: '/aws/lex/A', sentimentAnalysis: true, knowledgeBase: kb })]),
    ]);
    expect(r).toEqual([
      { region: 'us-east-1', bots: ['A', 'B'], connectInstanceIds: ['i-1', 'i-2'], conversationLogGroups: ['/aws/lex/A'], sentimentAnalysis: true, knowledgeBase: kb },
      { region: 'ca-central-1', bots: ['A'], connectInstanceIds: [], conversationLogGroups: [], sentimentAnalysis: false },
    ]);
  });

  it('refuses two knowledge bases in one region, naming both files', () => {
    const a = bot('A', [target('us-east-1', { knowledgeBase: { id: 'KB00000001', modelArn: 'm' } })]);
    const b = bot('B', [target('us-east-1', { knowledgeBase: { id: 'KB00000002', modelArn: 'm' } })]);
    expect(() => regionSettings([a, b])).toThrow(RegionConflictError);
    expect(() => regionSettings([a, b])).toThrow(/targets\.us-east-1\.knowledgeBase differs between bots\/A\.yaml and bots\/B\.yaml/);
  });
});

describe('buildApp on the shipped project', () => {
  it('defines BotsFulfillment-<region> for each region of bots/SelfService.yaml, account unresolved', async () => {
    const { stacks } = await buildApp({ code: testCode(), app: testApp() });
    expect(stacks.map((s) => [s.stackName, s.region])).toEqual([
      ['BotsFulfillment-us-east-1', 'us-east-1'],
      ['BotsFulfillment-ca-central-1', 'ca-central-1'],
    ]);
    for (const s of stacks) expect(s.account).toMatch(/^\$\{Token/);
  });

  it('synthesizes the whole app in-process: one template per region, the conversation log group from the targets', async () => {
    const app0 = testApp();
    const outdir = app0.outdir;
    const { app } = await buildApp({ code: testCode(), app: app0 });
    const assembly = app.synth();
    const stacks = assembly.stacks.map((s) => [s.stackName, s.environment.region, s.environment.account]).sort();
    expect(stacks).toEqual([
      ['BotsFulfillment-ca-central-1', 'ca-central-1', 'unknown-account'],
      ['BotsFulfillment-us-east-1', 'us-east-1', 'unknown-account'],
    ]);
    const template = JSON.parse(readFileSync(join(outdir, 'BotsFulfillment-ca-central-1.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const groups = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Logs::LogGroup' && r.Properties.LogGroupName);
    expect(groups.map((g) => g.Properties.LogGroupName)).toEqual(['/aws/lex/SelfService']);
  });

  it('honours -c regions, and refuses a region no bot targets', async () => {
    const app = testApp({ regions: 'ca-central-1' });
    const { stacks } = await buildApp({ code: testCode(), app });
    expect(stacks.map((s) => s.stackName)).toEqual(['BotsFulfillment-ca-central-1']);
    const bad = testApp({ regions: 'eu-west-9' });
    await expect(buildApp({ code: testCode(), app: bad })).rejects.toThrow(/-c regions: no bot targets eu-west-9 \(targeted: us-east-1, ca-central-1\)/);
  });

  it('reads reserved concurrency and the alarm topic from context', async () => {
    const app = testApp({ regions: 'us-east-1', lexReservedConcurrency: '0', connectReservedConcurrency: '5', alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:ops' });
    const { stacks } = await buildApp({ code: testCode(), app });
    const s = stacks[0]!;
    expect(s.alarms.length).toBe(7);
    const fns = app.synth().getStackByName(s.stackName).template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
    const reserved = Object.values(fns).filter((r) => r.Type === 'AWS::Lambda::Function').map((r) => r.Properties.ReservedConcurrentExecutions);
    expect(reserved.sort()).toEqual([5, undefined]);
  });

  it('rejects a malformed number in context', async () => {
    const app = testApp({ lexReservedConcurrency: 'lots' });
    await expect(buildApp({ code: testCode(), app })).rejects.toThrow('context lexReservedConcurrency must be a whole number, not "lots"');
  });
});

describe('lambdaCode', () => {
  it('uses prebuilt zips from lambdaDir, and names the missing file with the fix', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'bots-lambdas-'));
    await expect(lambdaCode(PROJECT_ROOT, empty)).rejects.toThrow(/lex\.zip is missing: run npm run build:lambdas/);
  });

  it('builds the bundles when no lambdaDir is given; the stacks ship each zip as a file asset', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bots-root-'));
    const code = await lambdaCode(root, undefined);
    expect(code).toEqual({ lex: join(root, 'dist', 'lambdas', 'lex.zip'), connect: join(root, 'dist', 'lambdas', 'connect.zip') });
    expect(existsSync(code.lex) && existsSync(code.connect)).toBe(true);

    const app = testApp({ regions: 'us-east-1' });
    await buildApp({ code, app });
    const assets = JSON.parse(readFileSync(join(app.synth().directory, 'BotsFulfillment-us-east-1.assets.json'), 'utf8')) as { files: Record<string, { source: { path: string; packaging: string } }> };
    const files = Object.values(assets.files).filter((f) => f.source.path.endsWith('.zip'));
    expect(files.map((f) => f.source.packaging)).toEqual(['file', 'file']);
  }, 60_000);
});
