/**
 * Loads `flows/*.json` (contact flows in the Amazon Connect Flow language) and `flows/instance.yaml`
 * (the Connect resources they name) into the {@link ProjectFlows} model. JSON is read with the same
 * YAML parser as the definitions (JSON is YAML 1.2), so every finding has `file:line:col`.
 * Never throws on bad input: shape problems are `flows/format` diagnostics.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html
 * @module
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { z } from 'zod';
import type { Diagnostic } from '../definitions/diagnostics.js';
import { parseYamlSource, type NodePath, type YamlSource } from '../definitions/source.js';
import { issuesToDiagnostics } from '../definitions/zod-errors.js';
import { FLOW_LANGUAGE_VERSION, FLOW_TYPES, type ContactFlow, type FlowAction, type FlowInstance, type FlowType, type ProjectFlows } from './model.js';

/** The folder of the flows, relative to the project root. */
export const FLOWS_DIR = 'flows';

/** The resources file, relative to the project root. */
export const INSTANCE_FILE = 'flows/instance.yaml';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** zod schema of `flows/instance.yaml`. */
export const instanceFileSchema = z.strictObject({
  queues: z.array(z.strictObject({ name: z.string().min(1), description: z.string().optional() })).default([]).describe('Queues the flows name ({{queue:Name}}); deploy finds each by name in the region.'),
  hoursOfOperation: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        timeZone: z.string().min(1).describe('IANA time zone, e.g. America/New_York.'),
        config: z.array(z.strictObject({ day: z.enum(DAYS), start: z.string().regex(HHMM, 'HH:MM'), end: z.string().regex(HHMM, 'HH:MM') })).min(1),
      }),
    )
    .default([]),
  prompts: z.array(z.strictObject({ name: z.string().min(1) })).default([]),
  lambdas: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        function: z.enum(['connect', 'lex']).describe('Which fulfillment Lambda (its stack output in each region; local: the in-process handler).'),
        arns: z.record(z.string(), z.string().regex(/^arn:aws[a-z-]*:lambda:/, 'a Lambda function ARN')).optional().describe('Per region, an ARN instead of the stack output.'),
      }),
    )
    .default([]),
  phoneNumbers: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        number: z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number'),
        regions: z.record(z.string(), z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number')).optional(),
        flow: z.string().optional().describe('The flow the number is associated with (what `bots call --to` runs).'),
      }),
    )
    .default([]),
});

type Report = (d: Omit<Diagnostic, 'file' | 'line' | 'column' | 'severity' | 'ruleId'> & { path: NodePath; ruleId?: string }) => void;

/**
 * Reads the project's flows. Parsed sources go into `sources` (for positions), problems into
 * `diagnostics`.
 * @param root - project root.
 * @returns the flows (those that could be read) and the instance resources, when the file exists.
 */
export async function loadFlows(root: string, sources: Map<string, YamlSource>, diagnostics: Diagnostic[]): Promise<ProjectFlows> {
  let names: string[];
  try {
    names = (await readdir(join(root, FLOWS_DIR), { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => e.name).sort();
  } catch {
    return { flows: [] };
  }
  const out: ProjectFlows = { flows: [] };
  const texts = await Promise.all(names.map((n) => readFile(join(root, FLOWS_DIR, n), 'utf8')));
  names.forEach((n, i) => {
    const file = posix.join(FLOWS_DIR, n);
    const flow = parseFlow(file, texts[i]!, sources, diagnostics);
    if (flow) out.flows.push(flow);
  });
  let instanceText: string | undefined;
  try {
    instanceText = await readFile(join(root, INSTANCE_FILE), 'utf8');
  } catch {
    instanceText = undefined;
  }
  if (instanceText !== undefined) {
    const instance = parseInstance(INSTANCE_FILE, instanceText, sources, diagnostics);
    if (instance) out.instance = instance;
  }
  return out;
}

/** Parses one flow file; undefined when it is not a usable flow (diagnostics say why). */
export function parseFlow(file: string, text: string, sources: Map<string, YamlSource>, diagnostics: Diagnostic[]): ContactFlow | undefined {
  const { source, diagnostics: syntax } = parseYamlSource(file, text);
  sources.set(file, source);
  if (syntax.some((d) => d.severity === 'error')) {
    diagnostics.push(...syntax.map((d) => ({ ...d, ruleId: 'flows/format', message: d.message.replace(/^YAML/, 'JSON') })));
    return undefined;
  }
  const report: Report = ({ path, ruleId, ...d }) => diagnostics.push({ ruleId: ruleId ?? 'flows/format', severity: 'error', ...d, ...source.positionOf(path) });
  const raw = source.toJS() as unknown;
  if (!isObject(raw)) {
    report({ path: [], message: 'A flow file holds one JSON object.', hint: 'Export the flow from the Connect console (Save > Export flow) or start from flows/SelfServiceInbound.json.' });
    return undefined;
  }
  const name = posix.basename(file, '.json');
  if (raw.Version !== FLOW_LANGUAGE_VERSION) {
    report({ path: ['Version'], message: `"Version" is ${JSON.stringify(raw.Version)}; the Flow language version is "${FLOW_LANGUAGE_VERSION}".`, hint: `Set "Version": "${FLOW_LANGUAGE_VERSION}".` });
  }
  if (!Array.isArray(raw.Actions)) {
    report({ path: ['Actions'], message: '"Actions" must be an array of actions.', hint: 'Each action has Identifier, Type, Parameters and Transitions.' });
    return undefined;
  }
  if (typeof raw.StartAction !== 'string') {
    report({ path: ['StartAction'], message: '"StartAction" must name the first action.', hint: 'Set "StartAction" to the Identifier of the action a contact starts at.' });
  }
  const metadata = isObject(raw.Metadata) ? raw.Metadata : {};
  if (metadata.name !== undefined && metadata.name !== name) {
    diagnostics.push({ ruleId: 'definitions/file-name', severity: 'error', message: `Metadata.name is "${String(metadata.name)}" but the file is ${name}.json.`, hint: `Rename the file to ${String(metadata.name)}.json or change Metadata.name.`, ...source.positionOf(['Metadata', 'name']) });
  }
  let type: FlowType = 'CONTACT_FLOW';
  if (metadata.type !== undefined) {
    const t = FLOW_TYPES[String(metadata.type) as keyof typeof FLOW_TYPES];
    if (t) type = t;
    else report({ path: ['Metadata', 'type'], message: `Unknown flow type "${String(metadata.type)}".`, hint: `Use one of ${Object.keys(FLOW_TYPES).join(', ')}.` });
  }
  const actions: FlowAction[] = [];
  const byId = new Map<string, FlowAction>();
  raw.Actions.forEach((a: unknown, index: number) => {
    const path = ['Actions', index];
    if (!isObject(a)) return report({ path, message: `Actions[${index}] is not an object.` });
    if (typeof a.Identifier !== 'string' || !a.Identifier) return report({ path, message: `Actions[${index}] has no "Identifier".`, hint: 'Give every action a unique Identifier.' });
    if (typeof a.Type !== 'string') return report({ path: [...path, 'Type'], message: `Action ${a.Identifier} has no "Type".` });
    if (byId.has(a.Identifier)) return report({ path: [...path, 'Identifier'], message: `Identifier "${a.Identifier}" is used by two actions.`, hint: 'Identifiers must be unique in a flow.' });
    const t = isObject(a.Transitions) ? a.Transitions : {};
    const action: FlowAction = {
      id: a.Identifier,
      type: a.Type,
      parameters: isObject(a.Parameters) ? a.Parameters : {},
      ...(typeof t.NextAction === 'string' ? { next: t.NextAction } : {}),
      errors: (Array.isArray(t.Errors) ? t.Errors : []).flatMap((e: unknown, i: number) =>
        isObject(e) && typeof e.ErrorType === 'string' && typeof e.NextAction === 'string' ? [{ errorType: e.ErrorType, next: e.NextAction, at: { file, path: [...path, 'Transitions', 'Errors', i] } }] : [],
      ),
      conditions: (Array.isArray(t.Conditions) ? t.Conditions : []).flatMap((c: unknown, i: number) => {
        if (!isObject(c) || typeof c.NextAction !== 'string' || !isObject(c.Condition)) {
          report({ path: [...path, 'Transitions', 'Conditions', i], message: `A condition of ${String(a.Identifier)} needs "NextAction" and "Condition": {"Operator", "Operands"}.` });
          return [];
        }
        const operands = Array.isArray(c.Condition.Operands) ? c.Condition.Operands.map(String) : [];
        return [{ next: c.NextAction, operator: String(c.Condition.Operator ?? ''), operands, at: { file, path: [...path, 'Transitions', 'Conditions', i] } }];
      }),
      index,
      at: { file, path },
    };
    if (a.Parameters !== undefined && !isObject(a.Parameters)) report({ path: [...path, 'Parameters'], message: `"Parameters" of ${action.id} must be an object.` });
    actions.push(action);
    byId.set(action.id, action);
  });
  return {
    name,
    file,
    type,
    ...(typeof metadata.description === 'string' && metadata.description ? { description: metadata.description } : {}),
    startAction: typeof raw.StartAction === 'string' ? raw.StartAction : '',
    actions,
    byId,
    content: raw,
    at: { file, path: [] },
  };
}

function parseInstance(file: string, text: string, sources: Map<string, YamlSource>, diagnostics: Diagnostic[]): FlowInstance | undefined {
  const { source, diagnostics: syntax } = parseYamlSource(file, text);
  sources.set(file, source);
  diagnostics.push(...syntax);
  if (syntax.some((d) => d.severity === 'error')) return undefined;
  const parsed = instanceFileSchema.safeParse(source.toJS() ?? {});
  if (!parsed.success) {
    diagnostics.push(...issuesToDiagnostics(parsed.error.issues, source, ['queues', 'hoursOfOperation', 'prompts', 'lambdas', 'phoneNumbers', 'name', 'description', 'timeZone', 'config', 'day', 'start', 'end', 'function', 'arns', 'number', 'regions', 'flow']));
    return undefined;
  }
  const d = parsed.data;
  const at = (key: string, i: number) => ({ file, path: [key, i] });
  return {
    file,
    queues: d.queues.map((q, i) => ({ name: q.name, ...(q.description ? { description: q.description } : {}), at: at('queues', i) })),
    hoursOfOperation: d.hoursOfOperation.map((h, i) => ({ ...h, at: at('hoursOfOperation', i) })),
    prompts: d.prompts.map((p, i) => ({ name: p.name, at: at('prompts', i) })),
    lambdas: d.lambdas.map((l, i) => ({ name: l.name, function: l.function, arns: l.arns ?? {}, at: at('lambdas', i) })),
    phoneNumbers: d.phoneNumbers.map((p, i) => ({ name: p.name, number: p.number, regions: p.regions ?? {}, ...(p.flow ? { flow: p.flow } : {}), at: at('phoneNumbers', i) })),
  };
}

function isObject(v: unknown): v is Record<string, unknown> & { [k: string]: any } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
