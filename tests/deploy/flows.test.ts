/**
 * Deploy of the shipped contact flows through the real `@aws-sdk/client-connect` against the
 * emulator's Connect subset: the local target (flows into the emulator), and an AWS region whose
 * bot target names a Connect instance (queues, hours and prompts found by name). First deploy
 * creates both flows (the queue flow first), a second makes 0 writes (counted at the SDK and at
 * HTTP), a changed flow makes exactly one UpdateContactFlowContent; nothing is written when a
 * reference cannot be resolved or a bot failed.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectClient, DescribeContactFlowCommand, ListContactFlowsCommand } from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConnectResources } from '../../scripts/emulator/connect/routes.js';
import { formatFlowPlan, formatSummary } from '../../scripts/deploy/format.js';
import { LOCAL_CONNECT_INSTANCE_ID, LOCAL_CONNECT_LAMBDA_ARN } from '../../scripts/deploy/targets.js';
import { CREDENTIALS, type TestEmulator } from '../helpers/emulator.js';
import { changeUtterances, copyShipped, deployAws, deployLocal, readYaml, ROOT, startDeployEmulator, writeFiles } from './helpers.js';

/** The shipped project with its flows. */
function shippedWithFlows(): string {
  const root = copyShipped();
  cpSync(join(ROOT, 'flows'), join(root, 'flows'), { recursive: true });
  return root;
}

/** HTTP requests the emulator served, as `METHOD operation`. */
function startLogged(): Promise<TestEmulator & { log: string[] }> {
  const log: string[] = [];
  return startDeployEmulator({ log: (line) => log.push(line.split(' ').slice(0, 3).join(' ')) }).then((e) => Object.assign(e, { log }));
}

const CONNECT_WRITES = /^(PUT|POST) \S+ (CreateContactFlow|UpdateContactFlowContent)$/;

function connectClient(endpoint: string, region = 'us-east-1'): ConnectClient {
  return new ConnectClient({ endpoint, region, credentials: CREDENTIALS });
}

async function flowContent(connect: ConnectClient, instanceId: string, name: string): Promise<Record<string, any>> {
  const list = await connect.send(new ListContactFlowsCommand({ InstanceId: instanceId }));
  const id = list.ContactFlowSummaryList!.find((f) => f.Name === name)!.Id!;
  const d = await connect.send(new DescribeContactFlowCommand({ InstanceId: instanceId, ContactFlowId: id }));
  return JSON.parse(d.ContactFlow!.Content!);
}

const actionOf = (content: Record<string, any>, id: string) => (content.Actions as { Identifier: string; Parameters: Record<string, any> }[]).find((a) => a.Identifier === id)!;

describe('flows: local target', () => {
  let emu: TestEmulator & { log: string[] };
  let root: string;
  let connect: ConnectClient;
  beforeAll(async () => {
    emu = await startLogged();
    root = shippedWithFlows();
    connect = connectClient(emu.emulator.endpoint);
  });
  afterAll(async () => {
    connect.destroy();
    await emu.stop();
  });

  it('first deploy creates both flows after the bot, the queue flow first, references resolved', async () => {
    const { result, writes } = await deployLocal(emu, root);
    const t = result.targets[0]!;
    expect(t.bots[0]!.status).toBe('applied');
    expect(t.flows?.status).toBe('applied');
    expect(t.flows?.plan?.instanceId).toBe(LOCAL_CONNECT_INSTANCE_ID);
    const flowWrites = writes.filter((w) => /ContactFlow/.test(w));
    expect(flowWrites).toEqual(['CreateContactFlow', 'CreateContactFlow']);
    // The flows come after every bot write.
    expect(writes.indexOf('CreateContactFlow')).toBeGreaterThan(writes.lastIndexOf('UpdateBotAlias') === -1 ? writes.lastIndexOf('CreateBotAlias') : writes.lastIndexOf('UpdateBotAlias'));
    expect(t.flows?.plan?.flows.map((f) => [f.name, f.type])).toEqual([
      ['SelfServiceQueue', 'CUSTOMER_QUEUE'],
      ['SelfServiceInbound', 'CONTACT_FLOW'],
    ]);

    const inbound = await flowContent(connect, LOCAL_CONNECT_INSTANCE_ID, 'SelfServiceInbound');
    const queueFlow = t.flows!.plan!.flows.find((f) => f.name === 'SelfServiceQueue')!;
    const text = JSON.stringify(inbound);
    expect(text).not.toContain('{{');
    expect(text).toContain(t.bots[0]!.aliasArn!);
    expect(text).toContain(queueFlow.arn!);
    expect(text).toContain(LOCAL_CONNECT_LAMBDA_ARN);
    expect(text).toContain(`instance/${LOCAL_CONNECT_INSTANCE_ID}/queue/VIP`);
    // Everything else is sent as written, Metadata included.
    const file = JSON.parse(readFileSync(join(root, 'flows/SelfServiceInbound.json'), 'utf8'));
    expect(inbound.Metadata).toEqual(file.Metadata);
    expect(inbound.Actions.length).toBe(file.Actions.length);
    expect(formatSummary(result)).toMatch(/local +flows +✔ deployed 2 created, 0 updated of 2/);
  });

  it('a second deploy makes no write call, counted at the SDK and at HTTP', async () => {
    emu.log.length = 0;
    const { result, writes } = await deployLocal(emu, root);
    expect(writes).toEqual([]);
    expect(result.targets[0]!.flows?.status).toBe('no-changes');
    expect(emu.log.filter((l) => CONNECT_WRITES.test(l))).toEqual([]);
    expect(emu.log.some((l) => /DescribeContactFlow$/.test(l))).toBe(true);
    expect(formatFlowPlan(result.targets[0]!.flows!.plan!)).toMatch(/contact flows → local .*: no changes/);
  });

  it('the same flow reformatted (indentation, key order) is unchanged', async () => {
    const path = join(root, 'flows/SelfServiceQueue.json');
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    const reordered = { Actions: doc.Actions, Metadata: doc.Metadata, StartAction: doc.StartAction, Version: doc.Version };
    writeFileSync(path, JSON.stringify(reordered, null, 4));
    const { writes } = await deployLocal(emu, root);
    expect(writes).toEqual([]);
  });

  it('a changed flow makes exactly one UpdateContactFlowContent', async () => {
    const path = join(root, 'flows/SelfServiceQueue.json');
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    doc.Actions.find((a: { Type: string }) => a.Type === 'Loop').Parameters.LoopCount = '30';
    writeFileSync(path, JSON.stringify(doc, null, 2));
    emu.log.length = 0;
    const { result, writes } = await deployLocal(emu, root);
    expect(writes).toEqual(['UpdateContactFlowContent']);
    const http = emu.log.filter((l) => CONNECT_WRITES.test(l));
    expect(http).toHaveLength(1);
    expect(http[0]).toMatch(new RegExp(`^POST /contact-flows/${LOCAL_CONNECT_INSTANCE_ID}/[0-9a-f-]{36}/content UpdateContactFlowContent$`));
    expect(result.targets[0]!.flows?.plan?.changes).toEqual([{ action: 'update', kind: 'flow', name: 'SelfServiceQueue', fields: ['Content'], file: 'flows/SelfServiceQueue.json' }]);
    const content = await flowContent(connect, LOCAL_CONNECT_INSTANCE_ID, 'SelfServiceQueue');
    expect(content.Actions.find((a: { Type: string }) => a.Type === 'Loop').Parameters.LoopCount).toBe('30');
  });

  it('a changed Metadata.description also updates the flow\'s description (UpdateContactFlowMetadata)', async () => {
    const path = join(root, 'flows/SelfServiceQueue.json');
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    doc.Metadata.description = 'Customer queue flow: hold music in a loop.';
    writeFileSync(path, JSON.stringify(doc, null, 2));
    const { result, writes } = await deployLocal(emu, root);
    expect(writes).toEqual(['UpdateContactFlowContent', 'UpdateContactFlowMetadata']);
    expect(result.targets[0]!.flows?.plan?.changes[0]?.fields).toEqual(['Content', 'Description']);
    const list = await connect.send(new ListContactFlowsCommand({ InstanceId: LOCAL_CONNECT_INSTANCE_ID }));
    const id = list.ContactFlowSummaryList!.find((f) => f.Name === 'SelfServiceQueue')!.Id!;
    const d = await connect.send(new DescribeContactFlowCommand({ InstanceId: LOCAL_CONNECT_INSTANCE_ID, ContactFlowId: id }));
    expect(d.ContactFlow?.Description).toBe('Customer queue flow: hold music in a loop.');
    expect((await deployLocal(emu, root)).writes).toEqual([]);
  });

  it('--bot deploys no flow', async () => {
    const { result, writes } = await deployLocal(emu, root, { bot: 'SelfService' });
    expect(writes).toEqual([]);
    expect(result.targets[0]!.flows?.status).toBe('skipped');
  });
});

describe('flows: AWS region with a Connect instance', () => {
  const INSTANCE = '6a3f6bd3-5d4f-4f34-9e3e-0d2a5c3b1e21';
  const ROLE = 'arn:aws:iam::000000000000:role/LexBotRole';
  const LOOKUP = 'arn:aws:lambda:us-east-1:123456789012:function:connect-lookup';
  let emu: TestEmulator & { log: string[] };
  let root: string;
  let connect: ConnectClient;
  const aws = (extra = {}) =>
    deployAws(root, { target: { kind: 'aws', regions: ['us-east-1'] }, endpoints: { lex: emu.emulator.endpoint, connect: emu.emulator.endpoint }, ...extra });

  beforeAll(async () => {
    emu = await startLogged();
    connect = connectClient(emu.emulator.endpoint);
    root = shippedWithFlows();
    const bot = readYaml<{ targets: Record<string, object> }>(root, 'bots/SelfService.yaml');
    bot.targets['us-east-1'] = { ...bot.targets['us-east-1'], roleArn: ROLE, connectInstanceId: INSTANCE };
    const instance = readYaml<{ lambdas: { name: string; arns?: object }[] }>(root, 'flows/instance.yaml');
    instance.lambdas[0]!.arns = { 'us-east-1': LOOKUP };
    writeFiles(root, { 'bots/SelfService.yaml': bot, 'flows/instance.yaml': instance });
  });
  afterAll(async () => {
    connect.destroy();
    await emu.stop();
  });

  it('a queue the instance lacks fails the flows before any flow write', async () => {
    seedConnectResources(emu.emulator.store, 'us-east-1', INSTANCE, { queues: ['General', 'VIP', 'Spanish', 'Callbacks'], hoursOfOperation: ['ContactCentre'], prompts: ['HoldMusic'] });
    const { result, writes } = await aws();
    const t = result.targets[0]!;
    expect(t.bots[0]!.status).toBe('applied');
    expect(t.flows?.status).toBe('failed');
    expect(t.flows?.error).toContain('{{queue:French}} in flows/SelfServiceInbound.json');
    expect(t.flows?.error).toContain(`instance ${INSTANCE} has no queue named French`);
    expect(writes.filter((w) => /ContactFlow/.test(w))).toEqual([]);
    expect(result.ok).toBe(false);
  });

  it('a failed bot leaves the flows untouched', async () => {
    seedConnectResources(emu.emulator.store, 'us-east-1', INSTANCE, { queues: ['French'] });
    changeUtterances(root, 'en_US', 'CheckBalance', 'what is the balance on my account today');
    emu.emulator.faults.failNextBuild(1);
    const { result, writes } = await aws();
    const t = result.targets[0]!;
    expect(t.bots[0]!.status).toBe('failed');
    expect(t.flows?.status).toBe('skipped');
    expect(t.flows?.error).toContain('SelfService failed');
    expect(writes.filter((w) => /ContactFlow/.test(w))).toEqual([]);
    expect(result.ok).toBe(false);
  });

  it('creates both flows with the region\'s ARNs, then makes 0 writes', async () => {
    const first = await aws();
    const t = first.result.targets[0]!;
    expect(t.flows?.status).toBe('applied');
    expect(first.writes.filter((w) => /ContactFlow/.test(w))).toEqual(['us-east-1:CreateContactFlow', 'us-east-1:CreateContactFlow']);
    const inbound = await flowContent(connect, INSTANCE, 'SelfServiceInbound');
    const text = JSON.stringify(inbound);
    expect(text).not.toContain('{{');
    expect(text).toContain(LOOKUP);
    expect(text).toContain(`arn:aws:connect:us-east-1:000000000000:instance/${INSTANCE}/queue/`);
    expect(text).toContain(`arn:aws:connect:us-east-1:000000000000:instance/${INSTANCE}/operating-hours/`);
    const aliasArn = t.bots[0]!.aliasArn!;
    const lex = inbound.Actions.filter((a: { Type: string }) => a.Type === 'ConnectParticipantWithLexBot');
    expect(lex.length).toBeGreaterThan(0);
    for (const a of lex) expect(a.Parameters.LexV2Bot.AliasArn).toBe(aliasArn);
    // The phone numbers of the region (us-east-1 uses the default numbers).
    expect(text).toContain('+18005550101');

    const again = await aws();
    expect(again.writes).toEqual([]);
    expect(again.result.targets[0]!.flows?.status).toBe('no-changes');
    expect(actionOf(inbound, inbound.StartAction)).toBeDefined();
  });
});
