/**
 * `bots flows graph`: Mermaid from the flow JSON (nodes, labelled transitions, dashed errors,
 * unreachable actions), the pictures in docs/flows.md in step with the shipped flows, and the CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../scripts/definitions/diagnostics.js';
import { loadFlows, parseFlow } from '../../scripts/flows/load.js';
import { flowToMermaid, replaceFlowPictures } from '../../scripts/flows/graph.js';
import { runBots } from '../helpers/cli.js';
import { writeProject } from '../helpers/project.js';
import { action, flowFiles, flowJson, smallFlowActions } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');

function flowOf(text: string) {
  const flow = parseFlow('flows/Inbound.json', text, new Map(), []);
  if (!flow) throw new Error('flow did not parse');
  return flow;
}

describe('flowToMermaid', () => {
  const mermaid = flowToMermaid(flowOf(flowJson(smallFlowActions())));

  it('draws every action with its block and id, and starts at StartAction', () => {
    expect(mermaid.startsWith('flowchart TD\n')).toBe(true);
    expect(mermaid).toContain('a2["<b>Invoke AWS Lambda function</b><br/>lookup<br/>{{lambda:Lookup}}"]');
    // Terminal actions are rounded.
    expect(mermaid).toContain('a7(["<b>Disconnect / hang up</b><br/>bye"])');
    expect(mermaid).toContain('start --> a0');
  });

  it('labels conditions, draws error branches dashed with their type', () => {
    expect(mermaid).toContain('a1 -->|"= True"| a2');
    expect(mermaid).toContain('a1 -->|"= False"| a7');
    expect(mermaid).toContain('a4 -->|"= TransferToAgent"| a5');
    expect(mermaid).toContain('a3 -.->|"InputTimeLimitExceeded"| a5');
    expect(mermaid).toContain('a6 -.->|"QueueAtCapacity"| a7');
    expect(mermaid).toContain('a0 --> a1');
  });

  it('escapes quotes and markup in labels, and marks unreachable actions', () => {
    const actions = smallFlowActions();
    action(actions, 'start').Parameters = { Attributes: { 'say "hi" <now>': 'x' }, TargetContact: 'Current' };
    actions.push({ Identifier: 'orphan', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} });
    const m = flowToMermaid(flowOf(flowJson(actions)));
    expect(m).toContain('say #quot;hi#quot; #lt;now#gt;');
    expect(m).not.toMatch(/say "hi"/);
    expect(m).toContain('class a8 unreachable');
  });
});

describe('docs/flows.md pictures', () => {
  it('are the graphs of the shipped flows (run bots flows graph --docs)', async () => {
    const diagnostics: Diagnostic[] = [];
    const { flows } = await loadFlows(ROOT, new Map(), diagnostics);
    expect(flows.map((f) => f.name)).toEqual(['SelfServiceInbound', 'SelfServiceQueue']);
    const doc = readFileSync(join(ROOT, 'docs', 'flows.md'), 'utf8');
    expect(doc).toBe(replaceFlowPictures(doc, flows));
    for (const f of flows) expect(doc).toContain(flowToMermaid(f).trimEnd());
  });
});

describe('bots flows graph', () => {
  it('prints one flow, refuses an unknown one with exit 2', () => {
    const root = writeProject(flowFiles());
    const one = runBots(['flows', 'graph', 'Inbound'], root);
    expect(one.status).toBe(0);
    expect(one.stdout).toContain('a1 -->|"= True"| a2');
    const bad = runBots(['flows', 'graph', 'Nope'], root);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('No flow named Nope in flows/ (flows: Inbound)');
  });

  it('writes Markdown with --out x.md and JSON with --json', () => {
    const root = writeProject(flowFiles());
    expect(runBots(['flows', 'graph', '--out', 'graph.md'], root).status).toBe(0);
    expect(readFileSync(join(root, 'graph.md'), 'utf8')).toContain('```mermaid\nflowchart TD');
    const json = runBots(['flows', 'graph', '--json'], root);
    expect(JSON.parse(json.stdout).Inbound).toMatch(/^flowchart TD\n/);
  });
});
