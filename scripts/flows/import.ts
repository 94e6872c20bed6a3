/**
 * Import of a contact flow exported from the Amazon Connect console (Save > Export flow: the Flow
 * language JSON with `Version` 2019-10-30, `StartAction`, `Actions` and the console's `Metadata`)
 * into `flows/<Name>.json`. Lossless: everything is kept as exported (Metadata included, key order
 * included); only values that are ARNs (or phone numbers) of resources the project names are
 * replaced by references, `{{queue:VIP}}`, `{{bot:SelfService}}`, ..., so that the file deploys
 * to every region. Resolving the references with the values they replaced gives the export back.
 *
 * Names come from the console's own metadata (`Metadata.ActionMetadata.<id>.parameters.<param>`
 * `.displayName`, `lexV2BotName`), from `flows/instance.yaml` (Lambda ARNs per region, phone
 * numbers), from the local instance's ARNs (`.../queue/VIP`) and from values the caller knows
 * (a deployed region's ARNs). A value with no name the project knows stays as it is, and is reported.
 *
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-import-export.html
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html
 * @module
 */
import type { NodePath } from '../definitions/source.js';
import { FLOW_LANGUAGE_VERSION, type FlowInstance } from './model.js';

/** What the project knows, to name the resources of an export. */
export interface FlowImportContext {
  /** `flows/instance.yaml`, when the project has one. */
  instance?: FlowInstance;
  /** The project's bots with their default alias name (the first target's). */
  bots: { name: string; alias: string }[];
  /** The names of the project's flows (the imported one counts). */
  flowNames: ReadonlySet<string>;
  /** Exact values → reference text, checked first (e.g. the ARNs a deploy resolved in a region, the local Lambda ARNs). */
  known?: ReadonlyMap<string, string>;
  /** A Connect instance whose ARNs end in the resource's name (the local target's: `.../queue/VIP`). */
  localInstanceId?: string;
}

/** A value replaced by a reference. */
export interface ReplacedValue {
  path: NodePath;
  value: string;
  reference: string;
}

/** A value that looks like a resource but was kept as exported, and why. */
export interface KeptValue {
  path: NodePath;
  value: string;
  why: string;
}

/** Outcome of {@link importFlow}. */
export interface FlowImportResult {
  /** The flow's name (Metadata.name, else the name given). */
  name: string;
  /** `flows/<name>.json`. */
  file: string;
  /** The file text (JSON, 2-space indentation, keys in the export's order). */
  text: string;
  /** The parsed content written (with references). */
  content: Record<string, unknown>;
  replaced: ReplacedValue[];
  kept: KeptValue[];
}

/** The input is not a Flow language export. */
export class FlowImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowImportError';
  }
}

const LEX_ALIAS = /^arn:aws[a-z-]*:lex:[a-z0-9-]+:\d{12}:bot-alias\/[^/]+\/[^/]+$/;
const LAMBDA = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([^:]+)(:[^:]+)?$/;
const CONNECT = /^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/([^/]+)\/(queue|operating-hours|prompt|contact-flow)\/([^/]+)$/;
const E164 = /^\+[1-9]\d{6,14}$/;
/** A name that can be a file name and a reference (no path separators, braces or colons). */
const SAFE_NAME = /^[^/\\{}:]{1,127}$/;

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether `value` parses as a Flow language document (what `bots import` uses to tell a flow from a Lex export). */
export function looksLikeFlow(value: unknown): boolean {
  return isObject(value) && typeof value.Version === 'string' && Array.isArray(value.Actions) && 'StartAction' in value;
}

/**
 * The file of a console-exported flow, with the resources the project names as references.
 * @param text - the exported JSON.
 * @param opts.name - the flow's name when `Metadata.name` is absent (else it must match).
 * @throws FlowImportError when `text` is not a Flow language document, or it has no usable name.
 */
export function importFlow(text: string, ctx: FlowImportContext, opts: { name?: string } = {}): FlowImportResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new FlowImportError(`The file is not JSON (${(err as Error).message}).`);
  }
  if (!looksLikeFlow(doc)) throw new FlowImportError('The file is not a contact flow in the Flow language: it needs "Version", "StartAction" and "Actions" (export it with Save > Export flow in the flow designer).');
  const flow = doc as Record<string, any>;
  if (flow.Version !== FLOW_LANGUAGE_VERSION) throw new FlowImportError(`"Version" is ${JSON.stringify(flow.Version)}; this project reads the Flow language ${FLOW_LANGUAGE_VERSION}.`);
  const metadata = isObject(flow.Metadata) ? flow.Metadata : {};
  const metaName = typeof metadata.name === 'string' && metadata.name ? metadata.name : undefined;
  if (metaName && opts.name && opts.name !== metaName) throw new FlowImportError(`The export is flow "${metaName}" (Metadata.name), not "${opts.name}": drop --name, or rename the flow in the console.`);
  const name = metaName ?? opts.name;
  if (!name) throw new FlowImportError('The export has no Metadata.name: pass --name <Name> (the flow\'s name in Connect and its file name).');
  if (!SAFE_NAME.test(name)) throw new FlowImportError(`"${name}" cannot be a flow file name: use letters, digits, spaces, - or _ (at most 127 characters).`);

  const flowNames = new Set([...ctx.flowNames, name]);
  const replaced: ReplacedValue[] = [];
  const kept: KeptValue[] = [];
  const actionMeta = isObject(metadata.ActionMetadata) ? metadata.ActionMetadata : {};

  /** The console's metadata object for parameter `paramPath` of action `id`. */
  const metaOf = (id: string, paramPath: (string | number)[]): Record<string, any> | undefined => {
    let m: unknown = isObject(actionMeta[id]) ? actionMeta[id].parameters : undefined;
    for (const k of paramPath) m = isObject(m) ? m[k as string] : undefined;
    return isObject(m) ? m : undefined;
  };

  const name2ref = (value: string, id: string, paramPath: (string | number)[]): { reference?: string; why?: string } => {
    const known = ctx.known?.get(value);
    if (known) return { reference: known };
    const meta = metaOf(id, paramPath);
    const display = typeof meta?.displayName === 'string' ? meta.displayName : undefined;
    if (LEX_ALIAS.test(value)) {
      const botName = meta?.lexV2BotName ?? actionMeta[id]?.lexV2BotName;
      const alias = display ?? actionMeta[id]?.lexV2BotAliasName;
      const bot = ctx.bots.find((b) => b.name === botName);
      if (!botName) return { why: 'a Lex bot alias without lexV2BotName in the metadata' };
      if (!bot) return { why: `bot ${botName} is not in bots/` };
      return { reference: !alias || alias === bot.alias ? `{{bot:${bot.name}}}` : `{{bot:${bot.name}/${alias}}}` };
    }
    const lambda = LAMBDA.exec(value);
    if (lambda) {
      const l = ctx.instance?.lambdas.find((x) => Object.values(x.arns).includes(value));
      return l ? { reference: `{{lambda:${l.name}}}` } : { why: `Lambda ${lambda[1]} is not in flows/instance.yaml lambdas (add it with arns.<region>: ${value})` };
    }
    const connect = CONNECT.exec(value);
    if (connect) {
      const [, instanceId, kind, last] = connect;
      const label = display ?? (instanceId === ctx.localInstanceId ? decodeURIComponent(last!) : undefined);
      if (!label) return { why: `a ${kind} without a displayName in the metadata` };
      if (kind === 'contact-flow') return flowNames.has(label) ? { reference: `{{flow:${label}}}` } : { why: `flow ${label} is not in flows/` };
      const refKind = kind === 'queue' ? 'queue' : kind === 'operating-hours' ? 'hoursOfOperation' : 'prompt';
      const declared = refKind === 'queue' ? ctx.instance?.queues : refKind === 'hoursOfOperation' ? ctx.instance?.hoursOfOperation : ctx.instance?.prompts;
      return declared?.some((d) => d.name === label) ? { reference: `{{${refKind}:${label}}}` } : { why: `${refKind === 'hoursOfOperation' ? 'hours of operation' : refKind} ${label} is not in flows/instance.yaml` };
    }
    if (E164.test(value)) {
      const p = ctx.instance?.phoneNumbers.find((x) => x.number === value || Object.values(x.regions).includes(value));
      return p ? { reference: `{{phoneNumber:${p.name}}}` } : { why: 'a phone number not in flows/instance.yaml phoneNumbers' };
    }
    return {};
  };

  /** Replaces, in place, every string under `node` that names a resource. */
  const visit = (node: Record<string, unknown> | unknown[], key: string | number, path: NodePath, id: string, paramPath: (string | number)[]) => {
    const v = (node as Record<string | number, unknown>)[key];
    if (typeof v === 'string') {
      const { reference, why } = name2ref(v, id, paramPath);
      if (reference) {
        (node as Record<string | number, unknown>)[key] = reference;
        replaced.push({ path, value: v, reference });
      } else if (why) kept.push({ path, value: v, why });
    } else if (Array.isArray(v)) v.forEach((_, i) => visit(v, i, [...path, i], id, [...paramPath, i]));
    else if (isObject(v)) for (const k of Object.keys(v)) visit(v, k, [...path, k], id, [...paramPath, k]);
  };

  (flow.Actions as unknown[]).forEach((a, i) => {
    if (!isObject(a)) return;
    const id = String(a.Identifier ?? '');
    if (isObject(a.Parameters)) for (const k of Object.keys(a.Parameters)) visit(a.Parameters, k, ['Actions', i, 'Parameters', k], id, [k]);
    const conditions = isObject(a.Transitions) && Array.isArray(a.Transitions.Conditions) ? a.Transitions.Conditions : [];
    conditions.forEach((c: unknown, j: number) => {
      const operands = isObject(c) && isObject(c.Condition) && Array.isArray(c.Condition.Operands) ? c.Condition.Operands : undefined;
      operands?.forEach((_: unknown, k: number) => visit(operands, k, ['Actions', i, 'Transitions', 'Conditions', j, 'Condition', 'Operands', k], id, []));
    });
  });
  return { name, file: `flows/${name}.json`, text: `${JSON.stringify(flow, null, 2)}\n`, content: flow, replaced, kept };
}
