/**
 * The Amazon Connect subset the emulator serves, for `bots deploy` of contact flows: flows
 * (ListContactFlows, DescribeContactFlow, CreateContactFlow, UpdateContactFlowContent,
 * UpdateContactFlowMetadata), the bot
 * associations (ListBots, AssociateBot; operations `ConnectListBots`/`ConnectAssociateBot` in
 * fault rules and logs, beside Lex's ListBots) and the
 * name lookups deploy resolves `{{queue:...}}`, `{{hoursOfOperation:...}}` and `{{prompt:...}}`
 * with (ListQueues, ListHoursOfOperations, ListPrompts). restJson1 as the
 * `@aws-sdk/client-connect` schemas define it; errors carry `Message` (Connect's spelling) and
 * InvalidContactFlowException its `problems`.
 *
 * Instances are not created: any instance id holds whatever was written to it in the region of
 * the request. Queues, hours of operation and prompts are seeded with {@link seedConnectResources}
 * (tests); Connect's default flows are not there.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateContactFlow.html
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_UpdateContactFlowContent.html
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_ListContactFlows.html
 * @module
 */
import { createHash, randomUUID } from 'node:crypto';
import type { EmulatorRequest, Route } from '../contracts.js';
import { LexError } from '../errors.js';
import { regionOf, reply, type ModelsContext } from '../models/context.js';
import { ACCOUNT_ID, type ModelStore } from '../models/store.js';
import type { ConnectFlowRecord, ConnectInstanceRecord, ConnectNamedRecord } from '../models/types.js';

/** The flow types CreateContactFlow accepts. */
const FLOW_TYPES = ['CONTACT_FLOW', 'CUSTOMER_QUEUE', 'CUSTOMER_HOLD', 'CUSTOMER_WHISPER', 'AGENT_HOLD', 'AGENT_WHISPER', 'OUTBOUND_WHISPER', 'AGENT_TRANSFER', 'QUEUE_TRANSFER', 'CAMPAIGN'];

/** Content length limit of CreateContactFlow / UpdateContactFlowContent, characters. */
export const MAX_FLOW_CONTENT = 256_000;

/** An error as Connect sends it (`Message`, the status of the error shape in the SDK's schema). */
function connectError(type: string, status: number, message: string, fields: Record<string, unknown> = {}): LexError {
  const err = new LexError(type, message, { status, fields: { Message: message, ...fields } });
  return err;
}

const notFound = (what: string) => connectError('ResourceNotFoundException', 404, `${what} not found.`);
const invalidParameter = (message: string) => connectError('InvalidParameterException', 400, message);

/** The instance record of `region`/`instanceId` (created empty on first use). */
export function connectInstance(store: ModelStore, region: string, instanceId: string): ConnectInstanceRecord {
  const all = (store.state.connect ??= {});
  const key = `${region}/${instanceId}`;
  return (all[key] ??= { region, instanceId, flows: {}, queues: [], hoursOfOperation: [], prompts: [] });
}

/** `arn:aws:connect:<region>:000000000000:instance/<id>` and below it `/<kind>/<resourceId>`. */
export function connectArn(region: string, instanceId: string, kind?: string, id?: string): string {
  const base = `arn:aws:connect:${region}:${ACCOUNT_ID}:instance/${instanceId}`;
  return kind ? `${base}/${kind}/${id}` : base;
}

/** A stable UUID-shaped id for a named resource (so seeded resources keep their ARNs across runs). */
export function nameId(kind: string, name: string): string {
  const h = createHash('sha256').update(`${kind}:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Adds queues, hours of operation and prompts by name to an instance of the emulator (what an
 * administrator creates in the Connect console). Existing names are kept.
 */
export function seedConnectResources(
  store: ModelStore,
  region: string,
  instanceId: string,
  names: { queues?: string[]; hoursOfOperation?: string[]; prompts?: string[] },
): void {
  const inst = connectInstance(store, region, instanceId);
  const add = (list: ConnectNamedRecord[], kind: string, arnKind: string, wanted: string[] = []) => {
    for (const name of wanted) {
      if (list.some((r) => r.name === name)) continue;
      const id = nameId(`${instanceId}/${kind}`, name);
      list.push({ id, name, arn: connectArn(region, instanceId, arnKind, id) });
    }
  };
  add(inst.queues, 'queue', 'queue', names.queues);
  add(inst.hoursOfOperation, 'hours', 'operating-hours', names.hoursOfOperation);
  add(inst.prompts, 'prompt', 'prompt', names.prompts);
  store.touch();
  store.flush();
}

/**
 * The problems Connect's publish-time validation would report that the emulator checks: the
 * content is JSON in the Flow language shape, every transition names an action, and no
 * `{{kind:Name}}` reference was left unresolved (Connect refuses such a value as an ARN).
 */
export function flowContentProblems(content: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return ['The flow content is not valid JSON.'];
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return ['The flow content must be a JSON object.'];
  const d = doc as { Version?: unknown; StartAction?: unknown; Actions?: unknown };
  const problems: string[] = [];
  if (d.Version !== '2019-10-30') problems.push(`Unsupported Version ${JSON.stringify(d.Version)}.`);
  if (!Array.isArray(d.Actions)) return [...problems, 'Actions must be an array.'];
  const ids = new Set<string>();
  for (const a of d.Actions as { Identifier?: unknown }[]) {
    if (typeof a?.Identifier !== 'string') problems.push('Every action needs an Identifier.');
    else if (ids.has(a.Identifier)) problems.push(`Duplicate Identifier ${a.Identifier}.`);
    else ids.add(a.Identifier);
  }
  if (typeof d.StartAction !== 'string' || !ids.has(d.StartAction)) problems.push(`StartAction ${JSON.stringify(d.StartAction)} is not an action of the flow.`);
  for (const a of d.Actions as { Identifier?: string; Transitions?: { NextAction?: unknown; Errors?: { NextAction?: unknown }[]; Conditions?: { NextAction?: unknown }[] } }[]) {
    const t = a?.Transitions;
    const targets = [t?.NextAction, ...(t?.Errors ?? []).map((e) => e?.NextAction), ...(t?.Conditions ?? []).map((c) => c?.NextAction)];
    for (const n of targets) if (typeof n === 'string' && !ids.has(n)) problems.push(`Action ${a.Identifier} goes to ${n}, which is not an action of the flow.`);
  }
  const left = content.match(/\{\{[^}]*\}\}/g);
  if (left) problems.push(`Not a valid ARN or value: ${[...new Set(left)].join(', ')}.`);
  return problems;
}

function checkContent(content: unknown): string {
  if (typeof content !== 'string' || content.length < 1) throw invalidParameter('Content must be a non-empty string.');
  if (content.length > MAX_FLOW_CONTENT) throw invalidParameter(`Content is ${content.length} characters; the maximum is ${MAX_FLOW_CONTENT}.`);
  const problems = flowContentProblems(content);
  if (problems.length) throw connectError('InvalidContactFlowException', 400, 'The flow is not valid.', { problems: problems.map((message) => ({ message })) });
  return content;
}

/** One page of `items` by `maxResults` (1-1000, default 100) and `nextToken` (an offset). */
function page<T>(req: EmulatorRequest, items: T[]): { items: T[]; NextToken?: string } {
  const max = req.query.get('maxResults') === null ? 100 : Number(req.query.get('maxResults'));
  if (!Number.isInteger(max) || max < 1 || max > 1000) throw invalidParameter('maxResults must be between 1 and 1000.');
  const start = req.query.get('nextToken') === null ? 0 : Number(req.query.get('nextToken'));
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('The nextToken is not valid.');
  const slice = items.slice(start, start + max);
  return { items: slice, ...(start + max < items.length ? { NextToken: String(start + max) } : {}) };
}

const body = (req: EmulatorRequest) => (req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body) ? (req.body as Record<string, unknown>) : {});

/** The Connect routes over `ctx.store`. */
export function connectRoutes(ctx: ModelsContext): Route[] {
  const { store } = ctx;
  const inst = (req: EmulatorRequest) => connectInstance(store, regionOf(req, ctx), req.params.InstanceId!);
  const flowOf = (req: EmulatorRequest): ConnectFlowRecord => {
    const f = inst(req).flows[req.params.ContactFlowId!];
    if (!f) throw notFound(`Flow ${req.params.ContactFlowId}`);
    return f;
  };
  const summary = (f: ConnectFlowRecord) => ({ Id: f.id, Arn: f.arn, Name: f.name, ContactFlowType: f.type, ContactFlowState: 'ACTIVE', ContactFlowStatus: f.status });
  const named = (list: (i: ConnectInstanceRecord) => ConnectNamedRecord[], member: string, extra: Record<string, unknown> = {}) => (req: EmulatorRequest) => {
    const p = page(req, list(inst(req)));
    return reply(200, { [member]: p.items.map((r) => ({ Id: r.id, Arn: r.arn, Name: r.name, ...extra, LastModifiedRegion: regionOf(req, ctx) })), ...(p.NextToken ? { NextToken: p.NextToken } : {}) });
  };
  return [
    {
      method: 'GET',
      pattern: '/contact-flows-summary/{InstanceId}',
      operation: 'ListContactFlows',
      handle: (req) => {
        const types = req.query.getAll('contactFlowTypes');
        const flows = Object.values(inst(req).flows).filter((f) => !types.length || types.includes(f.type)).sort((a, b) => a.created - b.created);
        const p = page(req, flows);
        return reply(200, { ContactFlowSummaryList: p.items.map(summary), ...(p.NextToken ? { NextToken: p.NextToken } : {}) });
      },
    },
    {
      method: 'GET',
      pattern: '/contact-flows/{InstanceId}/{ContactFlowId}',
      operation: 'DescribeContactFlow',
      handle: (req) => {
        const f = flowOf(req);
        return reply(200, {
          ContactFlow: {
            Arn: f.arn, Id: f.id, Name: f.name, Type: f.type, State: 'ACTIVE', Status: f.status,
            ...(f.description ? { Description: f.description } : {}),
            Content: f.content, Tags: f.tags, FlowContentSha256: sha256(f.content),
            LastModifiedTime: new Date(f.modified), LastModifiedRegion: f.region,
          },
        });
      },
    },
    {
      method: 'PUT',
      pattern: '/contact-flows/{InstanceId}',
      operation: 'CreateContactFlow',
      handle: (req) => {
        const b = body(req);
        const i = inst(req);
        if (typeof b.Name !== 'string' || !b.Name) throw invalidParameter('Name is required.');
        if (typeof b.Type !== 'string' || !FLOW_TYPES.includes(b.Type)) throw invalidParameter(`Type must be one of ${FLOW_TYPES.join(', ')}.`);
        const status = b.Status === undefined ? 'PUBLISHED' : b.Status;
        if (status !== 'PUBLISHED' && status !== 'SAVED') throw invalidParameter('Status must be PUBLISHED or SAVED.');
        if (Object.values(i.flows).some((f) => f.name === b.Name)) throw connectError('DuplicateResourceException', 409, `A flow named ${b.Name} already exists.`);
        const content = status === 'PUBLISHED' ? checkContent(b.Content) : String(b.Content ?? '');
        const id = randomUUID();
        const now = store.now();
        const flow: ConnectFlowRecord = {
          id, arn: connectArn(i.region, i.instanceId, 'contact-flow', id), name: b.Name, type: b.Type, status,
          ...(typeof b.Description === 'string' && b.Description ? { description: b.Description } : {}),
          content, tags: (b.Tags as Record<string, string> | undefined) ?? {}, region: i.region, created: now, modified: now,
        };
        i.flows[id] = flow;
        store.touch();
        return reply(200, { ContactFlowId: id, ContactFlowArn: flow.arn, FlowContentSha256: sha256(content) });
      },
    },
    {
      method: 'POST',
      pattern: '/contact-flows/{InstanceId}/{ContactFlowId}/content',
      operation: 'UpdateContactFlowContent',
      handle: (req) => {
        const f = flowOf(req);
        f.content = checkContent(body(req).Content);
        f.modified = store.now();
        store.touch();
        return reply(200, {});
      },
    },
    {
      method: 'POST',
      pattern: '/contact-flows/{InstanceId}/{ContactFlowId}/metadata',
      operation: 'UpdateContactFlowMetadata',
      handle: (req) => {
        const f = flowOf(req);
        const b = body(req);
        if (typeof b.Name === 'string' && b.Name && b.Name !== f.name) {
          if (Object.values(inst(req).flows).some((x) => x.name === b.Name)) throw connectError('DuplicateResourceException', 409, `A flow named ${b.Name} already exists.`);
          f.name = b.Name;
        }
        if (typeof b.Description === 'string') {
          if (b.Description) f.description = b.Description;
          else delete f.description;
        }
        f.modified = store.now();
        store.touch();
        return reply(200, {});
      },
    },
    {
      method: 'GET',
      pattern: '/instance/{InstanceId}/bots',
      operation: 'ConnectListBots',
      handle: (req) => {
        if (req.query.get('lexVersion') === null) throw invalidParameter('lexVersion is required.');
        const p = page(req, req.query.get('lexVersion') === 'V2' ? inst(req).lexBots ?? [] : []);
        return reply(200, { LexBots: p.items.map((AliasArn) => ({ LexV2Bot: { AliasArn } })), ...(p.NextToken ? { NextToken: p.NextToken } : {}) });
      },
    },
    {
      method: 'PUT',
      pattern: '/instance/{InstanceId}/bot',
      operation: 'ConnectAssociateBot',
      handle: (req) => {
        const arn = (body(req).LexV2Bot as { AliasArn?: unknown } | undefined)?.AliasArn;
        if (typeof arn !== 'string' || !arn) throw invalidParameter('LexV2Bot.AliasArn is required.');
        const i = inst(req);
        i.lexBots ??= [];
        if (i.lexBots.includes(arn)) throw connectError('ResourceConflictException', 409, 'The bot is already associated with the instance.');
        i.lexBots.push(arn);
        store.touch();
        return reply(200);
      },
    },
    { method: 'GET', pattern: '/queues-summary/{InstanceId}', operation: 'ListQueues', handle: named((i) => i.queues, 'QueueSummaryList', { QueueType: 'STANDARD' }) },
    { method: 'GET', pattern: '/hours-of-operations-summary/{InstanceId}', operation: 'ListHoursOfOperations', handle: named((i) => i.hoursOfOperation, 'HoursOfOperationSummaryList') },
    { method: 'GET', pattern: '/prompts-summary/{InstanceId}', operation: 'ListPrompts', handle: named((i) => i.prompts, 'PromptSummaryList') },
  ];
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
