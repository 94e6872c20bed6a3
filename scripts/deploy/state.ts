/**
 * Reads what exists in Lex, by name: the bot (ListBots with a `BotName EQ` filter), its tags, its
 * DRAFT locales with every slot type, intent and slot (List* with pagination, then Describe* of
 * each), its versions and aliases, and for AWS targets the Lambda's resource policy, the alias's
 * resource policy and the Amazon Connect instance's bot associations. Only read calls; several at
 * once (a {@link Limiter}), because a locale with 50 intents takes over 100 reads.
 *
 * Resolving by name on every run is what makes an interrupted deploy safe to re-run: whatever the
 * last run created is found again and updated, never created twice.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListBots.html
 * @module
 */
import {
  DescribeBotAliasCommand,
  DescribeBotCommand,
  DescribeBotLocaleCommand,
  DescribeIntentCommand,
  DescribeResourcePolicyCommand,
  DescribeSlotCommand,
  DescribeSlotTypeCommand,
  ListBotAliasesCommand,
  ListBotLocalesCommand,
  ListBotsCommand,
  ListBotVersionsCommand,
  ListCustomVocabularyItemsCommand,
  ListIntentsCommand,
  ListSlotsCommand,
  ListSlotTypesCommand,
  ListTagsForResourceCommand,
  type BotAliasSummary,
  type CustomVocabularyItem,
  type DescribeBotAliasResponse,
  type DescribeBotLocaleResponse,
  type DescribeBotResponse,
  type DescribeIntentResponse,
  type DescribeSlotResponse,
  type DescribeSlotTypeResponse,
} from '@aws-sdk/client-lex-models-v2';
import { DRAFT } from '../lex/api.js';
import type { DeployClients } from './clients.js';
import { Limiter } from './concurrency.js';
import type { ResolvedTarget } from './types.js';

/** A slot as Lex has it. */
export interface CurrentSlot {
  slotId: string;
  describe: DescribeSlotResponse;
}

/** An intent as Lex has it, with its slots by name. */
export interface CurrentIntent {
  intentId: string;
  describe: DescribeIntentResponse;
  slots: Map<string, CurrentSlot>;
}

/** A custom slot type as Lex has it. */
export interface CurrentSlotType {
  slotTypeId: string;
  describe: DescribeSlotTypeResponse;
}

/** A DRAFT locale as Lex has it. */
export interface CurrentLocale {
  localeId: string;
  describe: DescribeBotLocaleResponse;
  slotTypes: Map<string, CurrentSlotType>;
  intents: Map<string, CurrentIntent>;
  /** Custom vocabulary items by the lower-cased phrase (empty when the locale has no vocabulary). */
  vocabulary: Map<string, CustomVocabularyItem>;
}

/** A numbered version. */
export interface CurrentVersion {
  botVersion: string;
  description?: string;
}

/** The bot as Lex has it in one region. */
export interface CurrentBot {
  botId: string;
  describe: DescribeBotResponse;
  /** From the bot's role ARN: ARNs of the bot, its aliases and log groups need them. */
  partition: string;
  account: string;
  arn: string;
  tags: Record<string, string>;
  locales: Map<string, CurrentLocale>;
  /** Numbered versions, ascending. */
  versions: CurrentVersion[];
  aliases: BotAliasSummary[];
  /** The target's alias, when it exists. */
  alias?: DescribeBotAliasResponse;
  aliasArn?: string;
  /** Whether the code-hook Lambda lets this alias invoke it (AWS targets with a Lambda and an alias). */
  lambdaPermission?: boolean;
  /**
   * The alias resource policy's statement for the Connect instance: `ok` (as deploy writes it),
   * `drifted` (the statement id is there with another principal, actions or conditions: too broad
   * or for another instance), `missing`.
   */
  connectPolicy?: 'ok' | 'drifted' | 'missing';
  /** The alias policy's revision when it exists (the expectedRevisionId of a change). */
  connectPolicyRevision?: string;
  /** Whether the Connect instance lists the alias among its bots. */
  connectAssociated?: boolean;
}

/** Reading options. */
export interface ReadOptions {
  /** Parallel read calls (default 8). */
  concurrency?: number;
  /** `maxResults` of list calls (default 100). */
  pageSize?: number;
}

/** `arn:<partition>:iam::<account>:role/...` → partition and account. */
export function accountOfRole(roleArn: string | undefined): { partition: string; account: string } | undefined {
  const m = roleArn ? /^arn:(aws[a-z-]*):iam::(\d{12}):role\//.exec(roleArn) : null;
  return m ? { partition: m[1]!, account: m[2]! } : undefined;
}

/** `arn:<partition>:lex:<region>:<account>:bot/<botId>`. */
export function botArn(partition: string, region: string, account: string, botId: string): string {
  return `arn:${partition}:lex:${region}:${account}:bot/${botId}`;
}

/** `arn:<partition>:lex:<region>:<account>:bot-alias/<botId>/<aliasId>`. */
export function aliasArn(partition: string, region: string, account: string, botId: string, aliasId: string): string {
  return `arn:${partition}:lex:${region}:${account}:bot-alias/${botId}/${aliasId}`;
}

/** The statement id deploy gives the Lambda permission for an alias. */
export const lambdaStatementId = (botId: string, aliasId: string) => `bots-lexv2-${botId}-${aliasId}`;

/** The statement id deploy gives the alias policy statement for a Connect instance. */
export const connectStatementId = (instanceId: string) => `bots-connect-${instanceId}`;

/** Runtime operations Amazon Connect calls on the alias: RecognizeText (chat), StartConversation (voice). */
export const CONNECT_RUNTIME_ACTIONS = ['lex:RecognizeText', 'lex:StartConversation'] as const;

/**
 * The alias policy statement that lets only the given Connect instance of the account use the
 * alias: service principal `connect.amazonaws.com` with both confused-deputy conditions,
 * `AWS:SourceAccount` and `AWS:SourceArn` (the instance ARN).
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/security_iam_resource-based-policy-examples.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
export function connectStatement(partition: string, region: string, account: string, instanceId: string) {
  return {
    statementId: connectStatementId(instanceId),
    effect: 'Allow' as const,
    principal: [{ service: 'connect.amazonaws.com' }],
    action: [...CONNECT_RUNTIME_ACTIONS],
    condition: {
      StringEquals: { 'AWS:SourceAccount': account },
      ArnEquals: { 'AWS:SourceArn': `arn:${partition}:connect:${region}:${account}:instance/${instanceId}` },
    },
  };
}

const isNotFound = (err: unknown) => err instanceof Error && (err.name === 'ResourceNotFoundException' || err.name === 'NotFoundException');

/** All pages of a list call. */
export async function listAll<T>(page: (nextToken: string | undefined) => Promise<{ items: T[] | undefined; nextToken: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const p = await page(token);
    out.push(...(p.items ?? []));
    token = p.nextToken;
  } while (token);
  return out;
}

/**
 * The id of the bot named `botName` in the client's region, or undefined.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListBots.html
 */
export async function findBotId(clients: DeployClients, botName: string, opts: ReadOptions = {}): Promise<string | undefined> {
  const bots = await listAll((nextToken) =>
    clients.lex
      .send(new ListBotsCommand({ filters: [{ name: 'BotName', operator: 'EQ', values: [botName] }], maxResults: opts.pageSize ?? 100, nextToken }))
      .then((r) => ({ items: r.botSummaries, nextToken: r.nextToken })),
  );
  // EQ is exact in Lex; filter again in case a service treats it as a prefix.
  return bots.find((b) => b.botName === botName)?.botId;
}

/**
 * Reads the bot `botId` with everything deploy compares.
 * @param target - its alias name, Lambda and Connect instance decide the extra reads.
 */
export async function readBot(clients: DeployClients, botId: string, target: ResolvedTarget, opts: ReadOptions = {}): Promise<CurrentBot> {
  const limiter = new Limiter(opts.concurrency ?? 8);
  const pageSize = opts.pageSize ?? 100;
  const lex = clients.lex;
  const read = <T>(fn: () => Promise<T>) => limiter.run(fn);

  const describe = await read(() => lex.send(new DescribeBotCommand({ botId })));
  const ids = accountOfRole(describe.roleArn) ?? { partition: 'aws', account: '000000000000' };
  const arn = botArn(ids.partition, target.region, ids.account, botId);

  const [tags, localeSummaries, versions, aliases] = await Promise.all([
    read(() => lex.send(new ListTagsForResourceCommand({ resourceARN: arn }))).then((r) => r.tags ?? {}),
    listAll((nextToken) => read(() => lex.send(new ListBotLocalesCommand({ botId, botVersion: DRAFT, maxResults: pageSize, nextToken }))).then((r) => ({ items: r.botLocaleSummaries, nextToken: r.nextToken }))),
    listAll((nextToken) => read(() => lex.send(new ListBotVersionsCommand({ botId, maxResults: pageSize, nextToken }))).then((r) => ({ items: r.botVersionSummaries, nextToken: r.nextToken }))),
    listAll((nextToken) => read(() => lex.send(new ListBotAliasesCommand({ botId, maxResults: pageSize, nextToken }))).then((r) => ({ items: r.botAliasSummaries, nextToken: r.nextToken }))),
  ]);

  const locales = new Map<string, CurrentLocale>();
  await Promise.all(
    localeSummaries.map(async (s) => {
      const localeId = s.localeId!;
      locales.set(localeId, await readLocale(lex, botId, localeId, read, pageSize));
    }),
  );

  const current: CurrentBot = {
    botId,
    describe,
    ...ids,
    arn,
    tags,
    locales: new Map([...locales].sort(([a], [b]) => (a < b ? -1 : 1))),
    versions: versions
      .filter((v) => v.botVersion && v.botVersion !== DRAFT)
      .map((v) => ({ botVersion: v.botVersion!, ...(v.description !== undefined ? { description: v.description } : {}) }))
      .sort((a, b) => Number(a.botVersion) - Number(b.botVersion)),
    aliases,
  };

  const summary = aliases.find((a) => a.botAliasName === target.alias);
  if (summary?.botAliasId) {
    current.alias = await read(() => lex.send(new DescribeBotAliasCommand({ botId, botAliasId: summary.botAliasId })));
    current.aliasArn = aliasArn(ids.partition, target.region, ids.account, botId, summary.botAliasId);
    if (target.kind === 'aws') await readIntegrations(clients, current, target, read);
  }
  return current;
}

async function readLocale(
  lex: DeployClients['lex'],
  botId: string,
  localeId: string,
  read: <T>(fn: () => Promise<T>) => Promise<T>,
  pageSize: number,
): Promise<CurrentLocale> {
  const at = { botId, botVersion: DRAFT, localeId };
  const [describe, typeSummaries, intentSummaries, vocabularyItems] = await Promise.all([
    read(() => lex.send(new DescribeBotLocaleCommand(at))),
    listAll((nextToken) => read(() => lex.send(new ListSlotTypesCommand({ ...at, maxResults: pageSize, nextToken }))).then((r) => ({ items: r.slotTypeSummaries, nextToken: r.nextToken }))),
    listAll((nextToken) => read(() => lex.send(new ListIntentsCommand({ ...at, maxResults: pageSize, nextToken }))).then((r) => ({ items: r.intentSummaries, nextToken: r.nextToken }))),
    // A locale without a custom vocabulary answers ResourceNotFoundException.
    listAll((nextToken) => read(() => lex.send(new ListCustomVocabularyItemsCommand({ ...at, maxResults: pageSize, nextToken }))).then((r) => ({ items: r.customVocabularyItems, nextToken: r.nextToken }))).catch(
      (err: unknown) => {
        if (isNotFound(err)) return [] as CustomVocabularyItem[];
        throw err;
      },
    ),
  ]);
  const slotTypes = new Map<string, CurrentSlotType>();
  const intents = new Map<string, CurrentIntent>();
  await Promise.all([
    ...typeSummaries.map(async (t) => {
      const d = await read(() => lex.send(new DescribeSlotTypeCommand({ ...at, slotTypeId: t.slotTypeId })));
      slotTypes.set(d.slotTypeName ?? t.slotTypeName!, { slotTypeId: t.slotTypeId!, describe: d });
    }),
    ...intentSummaries.map(async (i) => {
      const intentId = i.intentId!;
      const [d, slotSummaries] = await Promise.all([
        read(() => lex.send(new DescribeIntentCommand({ ...at, intentId }))),
        listAll((nextToken) => read(() => lex.send(new ListSlotsCommand({ ...at, intentId, maxResults: pageSize, nextToken }))).then((r) => ({ items: r.slotSummaries, nextToken: r.nextToken }))),
      ]);
      const slots = new Map<string, CurrentSlot>();
      await Promise.all(
        slotSummaries.map(async (s) => {
          const sd = await read(() => lex.send(new DescribeSlotCommand({ ...at, intentId, slotId: s.slotId })));
          slots.set(sd.slotName ?? s.slotName!, { slotId: s.slotId!, describe: sd });
        }),
      );
      intents.set(d.intentName ?? i.intentName!, { intentId, describe: d, slots });
    }),
  ]);
  const vocabulary = new Map(vocabularyItems.filter((v) => v.phrase).map((v) => [v.phrase!.trim().toLocaleLowerCase(), v]));
  return { localeId, describe, slotTypes, intents, vocabulary };
}

/** The Lambda permission, the alias policy and the Connect association (AWS targets). */
async function readIntegrations(clients: DeployClients, current: CurrentBot, target: ResolvedTarget, read: <T>(fn: () => Promise<T>) => Promise<T>): Promise<void> {
  const aliasArnValue = current.aliasArn!;
  const aliasId = current.alias!.botAliasId!;
  const tasks: Promise<void>[] = [];
  if (target.codeHookLambdaArn) {
    tasks.push(
      (async () => {
        const { GetPolicyCommand } = await import('@aws-sdk/client-lambda');
        const lambda = await clients.lambda();
        try {
          const out = await read(() => lambda.send(new GetPolicyCommand({ FunctionName: target.codeHookLambdaArn })));
          current.lambdaPermission = policyAllows(out.Policy, lambdaStatementId(current.botId, aliasId), (s) => serviceOf(s) === 'lexv2.amazonaws.com' && sourceArnOf(s) === aliasArnValue);
        } catch (err) {
          if (!isNotFound(err)) throw err;
          current.lambdaPermission = false;
        }
      })(),
    );
  }
  if (target.connectInstanceId) {
    const instanceId = target.connectInstanceId;
    tasks.push(
      (async () => {
        try {
          const out = await read(() => clients.lex.send(new DescribeResourcePolicyCommand({ resourceArn: aliasArnValue })));
          if (out.revisionId) current.connectPolicyRevision = out.revisionId;
          const found = statementOf(out.policy, connectStatementId(instanceId));
          current.connectPolicy = !found ? 'missing' : sameStatement(found, connectStatement(current.partition, target.region, current.account, instanceId)) ? 'ok' : 'drifted';
        } catch (err) {
          if (!isNotFound(err)) throw err;
          current.connectPolicy = 'missing';
        }
      })(),
      (async () => {
        const { ListBotsCommand: ConnectListBots } = await import('@aws-sdk/client-connect');
        const connect = await clients.connect();
        const bots = await listAll((NextToken) =>
          read(() => connect.send(new ConnectListBots({ InstanceId: instanceId, LexVersion: 'V2', NextToken, MaxResults: 25 }))).then((r) => ({ items: r.LexBots, nextToken: r.NextToken })),
        );
        current.connectAssociated = bots.some((b) => b.LexV2Bot?.AliasArn === aliasArnValue);
      })(),
    );
  }
  await Promise.all(tasks);
}

interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  Action?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** The statement `sid` of a policy document, or undefined. */
function statementOf(policy: string | undefined, sid: string): PolicyStatement | undefined {
  if (!policy) return undefined;
  try {
    const doc = JSON.parse(policy) as { Statement?: PolicyStatement | PolicyStatement[] };
    const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
    return statements.find((s) => s.Sid === sid);
  } catch {
    return undefined;
  }
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(String).sort();

/**
 * Whether a statement as DescribeResourcePolicy returns it grants exactly `wanted`: the effect,
 * the service principals, the actions and every condition (operator, key case-insensitively, values).
 * A statement with the same id that differs (a wider principal, more actions, a missing or other
 * SourceArn) is drift that deploy replaces.
 */
export function sameStatement(found: PolicyStatement, wanted: ReturnType<typeof connectStatement>): boolean {
  const principal = found.Principal;
  if (typeof principal !== 'object' || principal === null || Object.keys(principal).some((k) => k !== 'Service')) return false;
  const services = list((principal as { Service?: unknown }).Service);
  const conditions = (c: Record<string, Record<string, unknown>> | undefined) =>
    Object.entries(c ?? {})
      .flatMap(([op, block]) => Object.entries(block ?? {}).map(([k, v]) => `${op}|${k.toLowerCase()}|${list(v).join(',')}`))
      .sort();
  return (
    found.Effect === wanted.effect &&
    services.join() === wanted.principal.map((p) => p.service).sort().join() &&
    list(found.Action).join() === [...wanted.action].sort().join() &&
    conditions(found.Condition).join('\n') === conditions(wanted.condition).join('\n')
  );
}

/** Whether a policy document has the statement `sid`, or a statement `matches` accepts. */
function policyAllows(policy: string | undefined, sid: string, matches: (s: PolicyStatement) => boolean): boolean {
  if (!policy) return false;
  let doc: { Statement?: PolicyStatement | PolicyStatement[] };
  try {
    doc = JSON.parse(policy) as typeof doc;
  } catch {
    return false;
  }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  return statements.some((s) => s.Sid === sid || matches(s));
}

function serviceOf(s: PolicyStatement): string | undefined {
  const p = s.Principal as { Service?: string | string[] } | undefined;
  return Array.isArray(p?.Service) ? p.Service[0] : p?.Service;
}

function sourceArnOf(s: PolicyStatement): unknown {
  for (const block of Object.values(s.Condition ?? {})) {
    for (const [k, v] of Object.entries(block ?? {})) if (k.toLowerCase() === 'aws:sourcearn') return v;
  }
  return undefined;
}
