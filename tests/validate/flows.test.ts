/**
 * The flow rules of `bots validate`: the shipped flows are clean, the small fixture flow is clean,
 * and each rule fires on one change, at the file:line:col of the offending JSON value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { validateProject } from '../../scripts/validate/index.js';
import { action, flowFiles, flowJson, smallFlowActions } from '../flows/helpers.js';
import { only, validateFiles } from '../helpers/project.js';

const ROOT = join(import.meta.dirname, '..', '..');
const flowDiagnostics = (ds: Awaited<ReturnType<typeof validateFiles>>) => ds.filter((d) => d.ruleId.startsWith('flows/'));

/** The line of the first occurrence of `needle` in the fixture flow text (1-based). */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('flow validation', () => {
  it('passes the shipped flows and the fixture flow', async () => {
    // Prepare
    const { project, diagnostics } = await loadProject(ROOT);
    // Act
    const shipped = validateProject(project, diagnostics).filter((d) => d.file.startsWith('flows/'));
    const fixture = await validateFiles(flowFiles());
    // Assess
    expect(project.flows?.flows.map((f) => [f.name, f.type])).toEqual([
      ['SelfServiceInbound', 'CONTACT_FLOW'],
      ['SelfServiceQueue', 'CUSTOMER_QUEUE'],
    ]);
    expect(shipped).toEqual([]);
    expect(flowDiagnostics(fixture)).toEqual([]);
  });

  it('flows/format: wrong Version, no Actions, duplicate Identifier, malformed JSON', async () => {
    const version = await validateFiles(flowFiles(undefined, { 'flows/Inbound.json': flowJson(smallFlowActions(), { Version: '2020-01-01' }) }));
    expect(only(version, 'flows/format')[0]).toMatchObject({ file: 'flows/Inbound.json', line: 2, message: expect.stringContaining('2019-10-30') });
    const dup = await validateFiles(flowFiles((a) => [...a, { ...a[0]!, Transitions: {} }]));
    expect(only(dup, 'flows/format')[0]!.message).toContain('"start" is used by two actions');
    const broken = await validateFiles(flowFiles(undefined, { 'flows/Inbound.json': '{ "Version": "2019-10-30", "Actions": [ }' }));
    expect(only(broken, 'flows/format').length).toBeGreaterThan(0);
    expect(only(broken, 'flows/format')[0]!.message).toMatch(/^JSON syntax/);
  });

  it('flows/unknown-action: a misspelt Type, with a suggestion', async () => {
    const ds = only(await validateFiles(flowFiles((a) => void (action(a, 'bye').Type = 'DisconectParticipant'))), 'flows/unknown-action');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toBe('Unknown action type "DisconectParticipant": did you mean "DisconnectParticipant"?');
  });

  it('flows/unknown-parameter: a parameter the action does not take, at its key', async () => {
    const files = flowFiles((a) => void (action(a, 'lookup').Parameters.TimeoutSeconds = '3'));
    const ds = only(await validateFiles(files), 'flows/unknown-parameter');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain('InvokeLambdaFunction takes no parameter "TimeoutSeconds"');
    expect(ds[0]!.line).toBe(lineOf(files['flows/Inbound.json'] as string, '"TimeoutSeconds"'));
  });

  it('flows/parameter-value: Lambda timeout over 8 s, hours without a False branch, two prompts', async () => {
    const ds = only(
      await validateFiles(
        flowFiles((a) => {
          action(a, 'lookup').Parameters.InvocationTimeLimitSeconds = '30';
          (action(a, 'hours').Transitions.Conditions as unknown[]).pop();
          action(a, 'bot').Parameters.SSML = '<speak>Hi</speak>';
        }),
      ),
      'flows/parameter-value',
    );
    expect(ds.map((d) => d.message)).toEqual([
      expect.stringContaining('CheckHoursOfOperation needs exactly one condition Equals True and one Equals False'),
      expect.stringContaining('InvocationTimeLimitSeconds is "30"'),
      expect.stringContaining('sets Text and SSML; only one may be given'),
    ]);
  });

  it('flows/missing-action: a transition to an action that does not exist', async () => {
    const files = flowFiles((a) => void (action(a, 'queue').Transitions.NextAction = 'transfr'));
    const ds = only(await validateFiles(files), 'flows/missing-action');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toBe('Action queue goes to "transfr", which is not an action of Inbound.');
    expect(ds[0]!.hint).toContain('did you mean "transfer"?');
    expect(ds[0]!.line).toBe(lineOf(files['flows/Inbound.json'] as string, '"transfr"'));
  });

  it('flows/no-next-action: an action that does not end the flow and goes nowhere', async () => {
    const ds = only(await validateFiles(flowFiles((a) => void delete action(a, 'lookup').Transitions.NextAction)), 'flows/no-next-action');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain('InvokeLambdaFunction lookup has no NextAction');
  });

  it('flows/unreachable-action: an action no transition leads to (a warning)', async () => {
    const extra = { Identifier: 'orphan', Type: 'MessageParticipant', Parameters: { Text: 'never heard' }, Transitions: { NextAction: 'bye', Errors: [{ NextAction: 'bye', ErrorType: 'NoMatchingError' }] } };
    const ds = only(await validateFiles(flowFiles((a) => [...a, extra])), 'flows/unreachable-action');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: 'warning', message: 'Action orphan (MessageParticipant) cannot be reached from StartAction.' });
  });

  it('flows/missing-error-branch: a Lambda block without its error branch, a transfer without QueueAtCapacity', async () => {
    const ds = only(
      await validateFiles(
        flowFiles((a) => {
          action(a, 'lookup').Transitions.Errors = [];
          action(a, 'transfer').Transitions.Errors = [{ NextAction: 'bye', ErrorType: 'NoMatchingError' }];
        }),
      ),
      'flows/missing-error-branch',
    );
    expect(ds.map((d) => d.message)).toEqual(['InvokeLambdaFunction lookup has no branch for error NoMatchingError.', 'TransferContactToQueue transfer has no branch for error QueueAtCapacity.']);
  });

  it('flows/unknown-reference: a bot, queue and Lambda that do not exist, and a malformed placeholder', async () => {
    const ds = only(
      await validateFiles(
        flowFiles((a) => {
          action(a, 'bot').Parameters.LexV2Bot = { AliasArn: '{{bot:Dem}}' };
          action(a, 'queue').Parameters.QueueId = '{{queue:Generl}}';
          action(a, 'lookup').Parameters.LambdaFunctionARN = '{{lambda:Missing}}';
          action(a, 'start').Parameters.Attributes = { greeting: '{{greeting}}' };
        }),
      ),
      'flows/unknown-reference',
    );
    expect(ds.map((d) => d.message)).toEqual([
      '"{{greeting}}" is not a reference.',
      '{{lambda:Missing}}: there is no lambda named Missing in flows/instance.yaml.',
      '{{bot:Dem}}: there is no bot named Dem in bots/: did you mean "Demo"?',
      '{{queue:Generl}}: there is no queue named Generl in flows/instance.yaml: did you mean "General"?',
    ]);
  });

  it('flows/missing-locale: the flow sets a language the bot has no locale for', async () => {
    const setLanguage = { Identifier: 'language', Type: 'UpdateContactData', Parameters: { LanguageCode: 'es-US' }, Transitions: { NextAction: 'hours', Errors: [{ NextAction: 'hours', ErrorType: 'NoMatchingError' }] } };
    const ds = only(await validateFiles(flowFiles((a) => ((action(a, 'start').Transitions.NextAction = 'language'), [...a, setLanguage]))), 'flows/missing-locale');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toBe('Action bot connects to Demo, which has no locale es_US, but Inbound can set the language to es-US.');
  });

  it('flows/unset-attribute: an attribute read but never set (a warning)', async () => {
    const ds = only(await validateFiles(flowFiles((a) => void (action(a, 'bot').Parameters.Text = '$.Attributes.greting'))), 'flows/unset-attribute');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: 'warning', message: 'Action bot reads contact attribute "greting", which no flow sets.' });
    expect(ds[0]!.hint).toContain('did you mean "greeting"?');
  });

  it('flows/instance.yaml is checked against its schema', async () => {
    const ds = await validateFiles(flowFiles(undefined, { 'flows/instance.yaml': { queues: [{ name: 'General', colour: 'blue' }] } }));
    expect(only(ds, 'definitions/unknown-key')[0]).toMatchObject({ file: 'flows/instance.yaml', message: 'Unknown key "colour".' });
  });

  it('the shipped flow files are the formatted JSON the console exports (2-space indent, final newline)', () => {
    for (const name of ['SelfServiceInbound', 'SelfServiceQueue']) {
      const text = readFileSync(join(ROOT, 'flows', `${name}.json`), 'utf8');
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
  });
});
