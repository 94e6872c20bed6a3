/**
 * Deploy of the contact flows of `flows/` to one target's Amazon Connect instance, after the bots
 * and Lambdas they name: read what exists by name (ListContactFlows, DescribeContactFlow), resolve
 * every `{{kind:Name}}` reference for the region, then CreateContactFlow for a missing flow and
 * UpdateContactFlowContent for one whose content differs (compared as normalised JSON: key order
 * and white space do not count), and UpdateContactFlowMetadata for one whose description is not
 * `Metadata.description`. Unchanged flows get no write.
 *
 * Never half-applied: every reference of every flow must resolve before the first write, and the
 * flows of a target are not touched when one of its bots failed. A flow another flow names
 * (`{{flow:SelfServiceQueue}}`) is written first, so its ARN is known.
 *
 * The instance is the `connectInstanceId` of the region's bot targets (the local target: the
 * emulator's {@link LOCAL_CONNECT_INSTANCE_ID}). Queues, hours of operation and prompts are found
 * by name in it (ListQueues, ListHoursOfOperations, ListPrompts); Lambdas come from
 * `flows/instance.yaml` (`arns.<region>`, else the fulfillment stack output); bot aliases from the
 * bots' deploy.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateContactFlow.html
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_UpdateContactFlowContent.html
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_UpdateContactFlowMetadata.html
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html
 * @module
 */
import type { ConnectClient } from '@aws-sdk/client-connect';
import type { ContactFlow, FlowInstance, ProjectFlows } from '../flows/model.js';
import { findReferences, resolveReferences, UnresolvedReferenceError, type FlowReference, type ReferenceKind } from '../flows/references.js';
import { ApplyError } from './apply.js';
import { canonicalJson } from './compare.js';
import { fulfillmentStackName, STACK_OUTPUT, type StackOutputs } from './stack-outputs.js';
import { listAll } from './state.js';
import { LOCAL_CONNECT_INSTANCE_ID, LOCAL_CONNECT_LAMBDA_ARN, LOCAL_LAMBDA_ARN, LOCAL_REGION } from './targets.js';
import type { Change, FlowPlan, FlowPlanEntry } from './types.js';

/** A bot as the flows of a target see it. */
export interface FlowBot {
  name: string;
  /** The target's alias name. */
  alias: string;
  /** The alias ARN, when known (the alias exists, or this deploy created it). */
  aliasArn?: string;
}

/** What {@link planFlows} needs about the target. */
export interface FlowTarget {
  /** `local` or the region. */
  target: string;
  region: string;
  kind: 'local' | 'aws';
  instanceId: string;
  bots: FlowBot[];
  /** Reads the region's fulfillment stack (AWS targets; absent when deploy must not read stacks). */
  readStack?: (stackName: string) => Promise<{ outputs: StackOutputs } | undefined>;
  /** `MaxResults` of List* calls (default 100; Connect allows 1-1000). */
  pageSize?: number;
}

/** A flow as Connect has it. */
export interface CurrentFlow {
  id: string;
  arn: string;
  name: string;
  type: string;
  /** The content and description (only read for the flows of `flows/`). */
  content?: string;
  description?: string;
}

/** A plan with what apply needs. */
export interface PlannedFlows {
  plan: FlowPlan;
  /** Project flows in write order. */
  order: ContactFlow[];
  /** Every flow of the instance by name. */
  current: Map<string, CurrentFlow>;
  /** Resolved values of the references, except flows (by reference text). */
  values: Map<string, string>;
}

/** References that cannot be resolved in the target; nothing was written. */
export class FlowReferenceError extends Error {
  constructor(
    readonly unresolved: { file: string; references: string[]; why: string[] }[],
    target: string,
  ) {
    super(
      `Cannot resolve ${unresolved.map((u) => `${u.references.join(', ')} in ${u.file}`).join('; ')} for ${target}` +
        `${unresolved.some((u) => u.why.length) ? ` (${[...new Set(unresolved.flatMap((u) => u.why))].join('; ')})` : ''}; no flow was written.`,
    );
    this.name = 'FlowReferenceError';
  }
}

/** Text shown for an ARN this deploy will create (the plan's content then differs, so the flow is an update). */
const pending = (what: string) => `(${what}: created by this deploy)`;

/** Project flows, flows named by others first. @throws Error on a cycle of `{{flow:...}}` references. */
export function flowOrder(flows: readonly ContactFlow[]): ContactFlow[] {
  const byName = new Map(flows.map((f) => [f.name, f]));
  const out: ContactFlow[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (f: ContactFlow, chain: string[]) => {
    if (state.get(f.name) === 'done') return;
    if (state.get(f.name) === 'visiting') throw new Error(`The flows ${[...chain, f.name].join(' → ')} name each other in a cycle: Connect needs one to exist before the other.`);
    state.set(f.name, 'visiting');
    for (const r of findReferences(f.content).references) {
      const dep = r.kind === 'flow' ? byName.get(r.name) : undefined;
      if (dep && dep !== f) visit(dep, [...chain, f.name]);
    }
    state.set(f.name, 'done');
    out.push(f);
  };
  for (const f of flows) visit(f, []);
  return out;
}

/** The name → ARN lists of the kinds Connect looks up by name. */
type NamedKind = Extract<ReferenceKind, 'queue' | 'hoursOfOperation' | 'prompt'>;

/** The ARN kind segment Connect uses for each. */
const ARN_KIND: Record<NamedKind, string> = { queue: 'queue', hoursOfOperation: 'operating-hours', prompt: 'prompt' };

/**
 * Reads the flows of the instance (every page of ListContactFlows) and the content of those
 * `names` lists (DescribeContactFlow).
 */
export async function readFlows(connect: ConnectClient, instanceId: string, names: Set<string>, pageSize = 100): Promise<Map<string, CurrentFlow>> {
  const { DescribeContactFlowCommand, ListContactFlowsCommand } = await import('@aws-sdk/client-connect');
  const summaries = await listAll((NextToken) =>
    connect.send(new ListContactFlowsCommand({ InstanceId: instanceId, MaxResults: pageSize, NextToken })).then((r) => ({ items: r.ContactFlowSummaryList, nextToken: r.NextToken })),
  );
  const out = new Map<string, CurrentFlow>();
  for (const s of summaries) if (s.Name && s.Id && s.Arn) out.set(s.Name, { id: s.Id, arn: s.Arn, name: s.Name, type: s.ContactFlowType ?? '' });
  await Promise.all(
    [...out.values()]
      .filter((f) => names.has(f.name))
      .map(async (f) => {
        const r = await connect.send(new DescribeContactFlowCommand({ InstanceId: instanceId, ContactFlowId: f.id }));
        f.content = r.ContactFlow?.Content ?? '';
        if (r.ContactFlow?.Description) f.description = r.ContactFlow.Description;
        if (r.ContactFlow?.Type) f.type = r.ContactFlow.Type;
      }),
  );
  return out;
}

/** Name → ARN of the queues (standard), hours of operation or prompts of an instance. */
async function readNamed(connect: ConnectClient, instanceId: string, kind: NamedKind, pageSize: number): Promise<Map<string, string>> {
  const sdk = await import('@aws-sdk/client-connect');
  const pairs = (list: { Name?: string; Arn?: string }[] | undefined) => (list ?? []).flatMap((x) => (x.Name && x.Arn ? [[x.Name, x.Arn] as const] : []));
  const items =
    kind === 'queue'
      ? await listAll((NextToken) => connect.send(new sdk.ListQueuesCommand({ InstanceId: instanceId, QueueTypes: ['STANDARD'], MaxResults: pageSize, NextToken })).then((r) => ({ items: pairs(r.QueueSummaryList), nextToken: r.NextToken })))
      : kind === 'hoursOfOperation'
        ? await listAll((NextToken) => connect.send(new sdk.ListHoursOfOperationsCommand({ InstanceId: instanceId, MaxResults: pageSize, NextToken })).then((r) => ({ items: pairs(r.HoursOfOperationSummaryList), nextToken: r.NextToken })))
        : await listAll((NextToken) => connect.send(new sdk.ListPromptsCommand({ InstanceId: instanceId, MaxResults: pageSize, NextToken })).then((r) => ({ items: pairs(r.PromptSummaryList), nextToken: r.NextToken })));
  return new Map(items);
}

/** `{{kind:Name}}` without the braces' optional spaces, as the resolver is asked. */
const keyOf = (r: Pick<FlowReference, 'kind' | 'name' | 'alias'>) => `${r.kind}:${r.name}${r.alias ? `/${r.alias}` : ''}`;

/**
 * The values of every non-flow reference of `flows` in the target (reads: List* of the kinds the
 * flows name, the fulfillment stack for Lambdas without `arns.<region>`). Unresolvable ones are
 * left out, with the reason in `why`.
 */
async function resolveValues(connect: ConnectClient, flows: ProjectFlows, t: FlowTarget): Promise<{ values: Map<string, string>; why: Map<string, string> }> {
  const refs = new Map<string, FlowReference>();
  for (const f of flows.flows) for (const r of findReferences(f.content).references) if (r.kind !== 'flow') refs.set(keyOf(r), r);
  const instance: FlowInstance | undefined = flows.instance;
  const values = new Map<string, string>();
  const why = new Map<string, string>();
  const kinds = new Set([...refs.values()].map((r) => r.kind));
  const named = new Map<NamedKind, Map<string, string>>();
  for (const kind of ['queue', 'hoursOfOperation', 'prompt'] as const) {
    if (!kinds.has(kind)) continue;
    if (t.kind === 'local') {
      const declared = kind === 'queue' ? instance?.queues : kind === 'hoursOfOperation' ? instance?.hoursOfOperation : instance?.prompts;
      const arn = (name: string) => `arn:aws:connect:${LOCAL_REGION}:000000000000:instance/${t.instanceId}/${ARN_KIND[kind]}/${name}`;
      named.set(kind, new Map((declared ?? []).map((d) => [d.name, arn(d.name)])));
    } else named.set(kind, await readNamed(connect, t.instanceId, kind, t.pageSize ?? 100));
  }
  const stack = t.readStack && [...refs.values()].some((r) => r.kind === 'lambda') ? await t.readStack(fulfillmentStackName(t.region)) : undefined;
  for (const [key, r] of refs) {
    let v: string | undefined;
    switch (r.kind) {
      case 'bot': {
        const bot = t.bots.find((b) => b.name === r.name);
        if (!bot) why.set(key, `bot ${r.name} is not deployed to ${t.target}`);
        else if (r.alias && r.alias !== bot.alias) why.set(key, `the alias of ${r.name} in ${t.target} is ${bot.alias}, not ${r.alias}`);
        else v = bot.aliasArn ?? pending(`alias ${bot.alias} of ${bot.name}`);
        break;
      }
      case 'lambda': {
        const l = instance?.lambdas.find((x) => x.name === r.name);
        if (!l) why.set(key, `${r.name} is not in flows/instance.yaml lambdas`);
        else if (t.kind === 'local') v = l.function === 'connect' ? LOCAL_CONNECT_LAMBDA_ARN : LOCAL_LAMBDA_ARN;
        else {
          const output = l.function === 'connect' ? STACK_OUTPUT.connectFunctionArn : STACK_OUTPUT.lexFunctionArn;
          v = l.arns[t.region] ?? stack?.outputs[output];
          if (!v) why.set(key, `set lambdas[${r.name}].arns.${t.region} in flows/instance.yaml or deploy the stack ${fulfillmentStackName(t.region)} (output ${output})`);
        }
        break;
      }
      case 'phoneNumber': {
        const p = instance?.phoneNumbers.find((x) => x.name === r.name);
        if (!p) why.set(key, `${r.name} is not in flows/instance.yaml phoneNumbers`);
        else v = p.regions[t.region] ?? p.number;
        break;
      }
      default: {
        v = named.get(r.kind as NamedKind)?.get(r.name);
        if (!v) why.set(key, t.kind === 'local' ? `${r.name} is not in flows/instance.yaml` : `instance ${t.instanceId} has no ${r.kind === 'hoursOfOperation' ? 'hours of operation' : r.kind} named ${r.name}: create it in the Connect console`);
      }
    }
    if (v !== undefined) values.set(key, v);
  }
  return { values, why };
}

/** A flow's content with references resolved; flows not created yet resolve to a placeholder unless `strict`. */
function resolveContent(flow: ContactFlow, values: Map<string, string>, flowArns: Map<string, string>, projectFlows: Set<string>, strict: boolean): Record<string, unknown> {
  return resolveReferences(
    flow.content,
    (r) => {
      if (r.kind !== 'flow') return values.get(keyOf(r));
      return flowArns.get(r.name) ?? (!strict && projectFlows.has(r.name) ? pending(`flow ${r.name}`) : undefined);
    },
    flow.file,
  );
}

/** Whether Connect's content is the same flow as `wanted` (normalised JSON; unparsable content differs). */
export function sameContent(actual: string | undefined, wanted: unknown): boolean {
  if (actual === undefined) return false;
  try {
    return canonicalJson(JSON.parse(actual)) === canonicalJson(wanted);
  } catch {
    return false;
  }
}

/**
 * Reads the instance and plans the flows (read calls only).
 * @throws FlowReferenceError when a reference cannot be resolved in the target.
 * @throws Error on a cycle of flow references, or when a flow exists with another type.
 */
export async function planFlows(connect: ConnectClient, flows: ProjectFlows, t: FlowTarget): Promise<PlannedFlows> {
  const order = flowOrder(flows.flows);
  const names = new Set(order.map((f) => f.name));
  const [current, { values, why }] = await Promise.all([readFlows(connect, t.instanceId, names, t.pageSize), resolveValues(connect, flows, t)]);
  const flowArns = new Map([...current.values()].map((f) => [f.name, f.arn]));
  const unresolved: FlowReferenceError['unresolved'] = [];
  const entries: FlowPlanEntry[] = [];
  const changes: Change[] = [];
  for (const flow of order) {
    let wanted: Record<string, unknown>;
    try {
      wanted = resolveContent(flow, values, flowArns, names, false);
    } catch (err) {
      if (!(err instanceof UnresolvedReferenceError)) throw err;
      const keys = err.references.map((text) => text.replace(/^\{\{\s*|\s*\}\}$/g, '').replace(/\s*:\s*/, ':'));
      unresolved.push({ file: flow.file, references: err.references, why: keys.flatMap((k) => (why.has(k) ? [why.get(k)!] : [])) });
      continue;
    }
    const cur = current.get(flow.name);
    if (cur && cur.type !== flow.type) {
      throw new Error(`Flow ${flow.name} exists in instance ${t.instanceId} as ${cur.type}, but ${flow.file} is ${flow.type}: Connect cannot change a flow's type. Rename the file or delete the flow in the console.`);
    }
    const fields = cur ? [...(sameContent(cur.content, wanted) ? [] : ['Content']), ...((cur.description ?? '') === (flow.description ?? '') ? [] : ['Description'])] : [];
    const action = !cur ? 'create' : fields.length ? 'update' : 'none';
    entries.push({ name: flow.name, file: flow.file, type: flow.type, action, ...(fields.length ? { fields } : {}), ...(cur ? { flowId: cur.id, arn: cur.arn } : {}) });
    if (action === 'create') changes.push({ action, kind: 'flow', name: flow.name, file: flow.file, detail: flow.type });
    if (action === 'update') changes.push({ action, kind: 'flow', name: flow.name, fields, file: flow.file });
  }
  if (unresolved.length) throw new FlowReferenceError(unresolved, t.target);
  const plan: FlowPlan = {
    target: t.target,
    region: t.region,
    instanceId: t.instanceId,
    flows: entries,
    changes,
    summary: { create: changes.filter((c) => c.action === 'create').length, update: changes.filter((c) => c.action === 'update').length, delete: 0 },
    noChanges: changes.length === 0,
    notes: t.kind === 'local' ? [`local Connect instance ${LOCAL_CONNECT_INSTANCE_ID} in the emulator; queues, hours and prompts by name`] : [],
  };
  return { plan, order, current, values };
}

/**
 * Applies a plan from {@link planFlows} made after the bots were deployed (so no bot ARN is
 * pending): flows in order, each content resolved again with the ARNs of the flows created
 * before it, and written only when it still differs.
 * @param say - one progress line per write.
 * @throws ApplyError naming the call and the flow (InvalidContactFlowException: Connect's problems).
 */
export async function applyFlows(connect: ConnectClient, planned: PlannedFlows, say: (line: string) => void): Promise<void> {
  const { CreateContactFlowCommand, UpdateContactFlowContentCommand, UpdateContactFlowMetadataCommand } = await import('@aws-sdk/client-connect');
  const { plan, order, current, values } = planned;
  const flowArns = new Map([...current.values()].map((f) => [f.name, f.arn]));
  const names = new Set(order.map((f) => f.name));
  const write = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      const problems = (err as { problems?: { message?: string }[] }).problems;
      const detail = problems?.length ? new Error(`${(err as Error).message} ${problems.map((p) => p.message).join(' ')}`) : err;
      if (detail !== err) (detail as Error).name = (err as Error).name;
      throw new ApplyError(step, detail);
    }
  };
  for (const flow of order) {
    const entry = plan.flows.find((e) => e.name === flow.name)!;
    if (entry.action === 'none') continue;
    const content = resolveContent(flow, values, flowArns, names, true);
    const cur = current.get(flow.name);
    if (cur) {
      if (!sameContent(cur.content, content)) {
        await write(`UpdateContactFlowContent ${flow.name}`, () => connect.send(new UpdateContactFlowContentCommand({ InstanceId: plan.instanceId, ContactFlowId: cur.id, Content: JSON.stringify(content) })));
        say(`~ contact flow ${flow.name} (Content)`);
      }
      if (entry.fields?.includes('Description')) {
        // An empty Description clears it.
        await write(`UpdateContactFlowMetadata ${flow.name}`, () => connect.send(new UpdateContactFlowMetadataCommand({ InstanceId: plan.instanceId, ContactFlowId: cur.id, Description: flow.description ?? '' })));
        say(`~ contact flow ${flow.name} (Description)`);
      }
    } else {
      const out = await write(`CreateContactFlow ${flow.name}`, () =>
        connect.send(
          new CreateContactFlowCommand({
            InstanceId: plan.instanceId,
            Name: flow.name,
            Type: flow.type,
            ...(flow.description ? { Description: flow.description } : {}),
            Content: JSON.stringify(content),
            Status: 'PUBLISHED',
          }),
        ),
      );
      flowArns.set(flow.name, out.ContactFlowArn!);
      entry.flowId = out.ContactFlowId!;
      entry.arn = out.ContactFlowArn!;
      say(`+ contact flow ${flow.name} (${out.ContactFlowId})`);
    }
  }
}
