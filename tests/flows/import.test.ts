/**
 * `bots import` of a contact flow exported from the Connect console: resources the project names
 * become references, everything else (Metadata included, key order included) stays; resolving the
 * references with the values they replaced gives the export back. Also the flow a local deploy
 * wrote, read back from the emulator, imports to the shipped file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectClient, DescribeContactFlowCommand } from '@aws-sdk/client-connect';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCAL_CONNECT_INSTANCE_ID, LOCAL_CONNECT_LAMBDA_ARN } from '../../scripts/deploy/targets.js';
import { FlowImportError, importFlow, type FlowImportContext, type FlowImportResult } from '../../scripts/flows/import.js';
import { resolveReferences } from '../../scripts/flows/references.js';
import type { FlowInstance } from '../../scripts/flows/model.js';
import { runBots } from '../helpers/cli.js';
import { CREDENTIALS } from '../helpers/emulator.js';
import { baseFiles, writeProject } from '../helpers/project.js';
import { copyShipped, deployLocal, ROOT, startDeployEmulator } from '../deploy/helpers.js';
import { cpSync } from 'node:fs';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'flows', 'console-export.json');
const exported = readFileSync(FIXTURE, 'utf8');
const LOOKUP_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:demo-lookup';

const at = { file: 'flows/instance.yaml', path: [] };
const INSTANCE: FlowInstance = {
  file: 'flows/instance.yaml',
  queues: [{ name: 'General', at }],
  hoursOfOperation: [{ name: 'Office', timeZone: 'America/New_York', config: [{ day: 'MONDAY', start: '09:00', end: '17:00' }], at }],
  prompts: [],
  lambdas: [{ name: 'Lookup', function: 'connect', arns: { 'us-east-1': LOOKUP_ARN }, at }],
  phoneNumbers: [{ name: 'MainLine', number: '+18005550100', regions: {}, at }],
};
const CTX: FlowImportContext = { instance: INSTANCE, bots: [{ name: 'Demo', alias: 'live' }], flowNames: new Set() };

/** The export again: every reference resolved to the value it replaced. */
function exportAgain(r: FlowImportResult): unknown {
  const values = new Map(r.replaced.map((x) => [x.reference, x.value]));
  return resolveReferences(r.content, (ref) => values.get(`{{${ref.kind}:${ref.name}${ref.alias ? `/${ref.alias}` : ''}}}`), r.file);
}

describe('importFlow', () => {
  const result = importFlow(exported, CTX);

  it('names the flow from Metadata.name and replaces the resources the project names by references', () => {
    expect(result.name).toBe('DemoInbound');
    expect(result.file).toBe('flows/DemoInbound.json');
    expect(result.replaced.map((r) => r.reference).sort()).toEqual(['{{bot:Demo}}', '{{hoursOfOperation:Office}}', '{{lambda:Lookup}}', '{{phoneNumber:MainLine}}', '{{queue:General}}']);
    const bot = result.replaced.find((r) => r.reference === '{{bot:Demo}}')!;
    expect(bot.path).toEqual(['Actions', 3, 'Parameters', 'LexV2Bot', 'AliasArn']);
    expect(result.text).not.toContain('bot-alias/ABCDEFGHIJ');
  });

  it('keeps what it cannot name, saying why', () => {
    expect(result.kept.map((k) => k.why)).toEqual(['flow Demo queue music is not in flows/', 'prompt Beep.wav is not in flows/instance.yaml']);
    expect(result.text).toContain('/prompt/3e4f5a6b-7c8d-4e9f-8a0b-2c3d4e5f6a7b');
  });

  it('round trip: resolving the references gives the export back, Metadata and key order included', () => {
    const input = JSON.parse(exported);
    const back = exportAgain(result);
    expect(back).toEqual(input);
    expect(JSON.stringify(back)).toBe(JSON.stringify(input));
    expect((JSON.parse(result.text) as { Metadata: unknown }).Metadata).toEqual(input.Metadata);
  });

  it('an alias other than the bot target\'s is kept in the reference', () => {
    const other = exported.replaceAll('"displayName": "live"', '"displayName": "beta"');
    expect(importFlow(other, CTX).replaced.map((r) => r.reference)).toContain('{{bot:Demo/beta}}');
  });

  it('refuses what is not a flow, and a flow without a name', () => {
    expect(() => importFlow('{"Manifest": 1}', CTX)).toThrow(/not a contact flow in the Flow language/);
    expect(() => importFlow('not json', CTX)).toThrow(FlowImportError);
    const nameless = JSON.parse(exported);
    delete nameless.Metadata.name;
    expect(() => importFlow(JSON.stringify(nameless), CTX)).toThrow(/pass --name/);
    expect(importFlow(JSON.stringify(nameless), CTX, { name: 'Other' }).file).toBe('flows/Other.json');
  });

  it('fuzz: any JSON is imported or refused with FlowImportError; any flow round-trips', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        try {
          importFlow(JSON.stringify(v), CTX, { name: 'Fuzz' });
        } catch (err) {
          expect(err).toBeInstanceOf(FlowImportError);
        }
      }),
      { numRuns: 300 },
    );
    const value = fc.oneof(
      fc.constantFrom(LOOKUP_ARN, '+18005550100', 'arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST', '$.Attributes.x'),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof(value, fc.array(value, { maxLength: 3 }))), { maxLength: 5 }), (params) => {
        const flow = {
          Version: '2019-10-30',
          StartAction: 'a0',
          Metadata: { name: 'Fuzz', ActionMetadata: { a0: { parameters: { LexV2Bot: { AliasArn: { lexV2BotName: 'Demo' } } } } } },
          Actions: params.map((p, i) => ({ Identifier: `a${i}`, Type: 'MessageParticipant', Parameters: p, Transitions: {} })),
        };
        const text = JSON.stringify(flow);
        expect(exportAgain(importFlow(text, CTX))).toEqual(JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });
});

describe('bots import <flow.json>', () => {
  const files = () =>
    baseFiles({
      'flows/instance.yaml': {
        queues: [{ name: 'General' }],
        hoursOfOperation: [{ name: 'Office', timeZone: 'America/New_York', config: [{ day: 'MONDAY', start: '09:00', end: '17:00' }] }],
        lambdas: [{ name: 'Lookup', function: 'connect', arns: { 'us-east-1': LOOKUP_ARN } }],
        phoneNumbers: [{ name: 'MainLine', number: '+18005550100' }],
      },
    });

  it('writes flows/<Name>.json that validates, refuses to overwrite without --force', () => {
    const root = writeProject(files());
    const r = runBots(['import', FIXTURE], root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Imported contact flow DemoInbound');
    expect(r.stdout).toContain('{{queue:General}}');
    expect(r.stdout).toContain('prompt Beep.wav is not in flows/instance.yaml');
    const written = readFileSync(join(root, 'flows', 'DemoInbound.json'), 'utf8');
    expect(written).toBe(importFlow(exported, CTX).text);
    const v = runBots(['validate', '--format', 'json'], root);
    const errors = (JSON.parse(v.stdout) as { diagnostics?: { severity: string }[] } | { severity: string }[]);
    const list = Array.isArray(errors) ? errors : (errors.diagnostics ?? []);
    expect(list.filter((d) => d.severity === 'error')).toEqual([]);
    const again = runBots(['import', FIXTURE], root);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('flows/DemoInbound.json exists');
    expect(runBots(['import', FIXTURE, '--force', '--json'], root).status).toBe(0);
  });

  it('a JSON file that is no flow is refused with exit 1', () => {
    const root = writeProject(files());
    const path = join(root, 'x.json');
    writeFileSync(path, '{"Version": "2019-10-30", "Actions": "nope", "StartAction": "a"}');
    const r = runBots(['import', path], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Cannot import');
  });
});

describe('round trip through a deploy', () => {
  it('the flows a local deploy wrote, read back from Connect, import to the shipped files', async () => {
    const emu = await startDeployEmulator();
    const connect = new ConnectClient({ endpoint: emu.emulator.endpoint, region: 'us-east-1', credentials: CREDENTIALS });
    try {
      const root = copyShipped();
      cpSync(join(ROOT, 'flows'), join(root, 'flows'), { recursive: true });
      const { result } = await deployLocal(emu, root);
      const t = result.targets[0]!;
      expect(t.flows?.status).toBe('applied');
      const known = new Map<string, string>([
        [t.bots[0]!.aliasArn!, '{{bot:SelfService}}'],
        [LOCAL_CONNECT_LAMBDA_ARN, '{{lambda:CustomerLookup}}'],
        ...t.flows!.plan!.flows.map((f) => [f.arn!, `{{flow:${f.name}}}`] as [string, string]),
      ]);
      const { loadProject } = await import('../../scripts/definitions/load.js');
      const { project } = await loadProject(root);
      for (const f of t.flows!.plan!.flows) {
        const d = await connect.send(new DescribeContactFlowCommand({ InstanceId: LOCAL_CONNECT_INSTANCE_ID, ContactFlowId: f.flowId! }));
        const imported = importFlow(d.ContactFlow!.Content!, {
          instance: project.flows!.instance!,
          bots: [{ name: 'SelfService', alias: 'live' }],
          flowNames: new Set(project.flows!.flows.map((x) => x.name)),
          known,
          localInstanceId: LOCAL_CONNECT_INSTANCE_ID,
        });
        expect(imported.kept).toEqual([]);
        expect(imported.content).toEqual(JSON.parse(readFileSync(join(root, f.file), 'utf8')));
      }
    } finally {
      connect.destroy();
      await emu.stop();
    }
  });
});
