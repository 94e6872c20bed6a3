/**
 * Applies a plan in the order Lex needs: the bot; per locale the locale, removed slots and
 * intents, slot types, new intents (without the settings that may name slots), slots, then
 * UpdateIntent with slot priorities and prompts, removed slot types; removed locales; builds (at
 * most 5 at once, Lex's quota, waiting with the SDK waiter); a version only when none holds the
 * definitions; the alias; the Lambda permission, the alias resource policy for Amazon Connect and
 * AssociateBot; old versions.
 *
 * Every write to the bot goes through one mutex, so writes are strictly serial even while builds
 * are awaited in parallel. A failed build stops the deploy before the version and the alias: the
 * alias keeps serving what it served.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/building-bots.html
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_BuildBotLocale.html
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/contact-center-connect.html
 * @module
 */
import {
  BatchCreateCustomVocabularyItemCommand,
  BatchDeleteCustomVocabularyItemCommand,
  BatchUpdateCustomVocabularyItemCommand,
  BuildBotLocaleCommand,
  CreateBotAliasCommand,
  CreateBotCommand,
  CreateBotLocaleCommand,
  CreateBotVersionCommand,
  CreateIntentCommand,
  CreateResourcePolicyStatementCommand,
  DeleteResourcePolicyStatementCommand,
  CreateSlotCommand,
  CreateSlotTypeCommand,
  DeleteBotLocaleCommand,
  DeleteBotVersionCommand,
  DeleteIntentCommand,
  DeleteSlotCommand,
  DeleteSlotTypeCommand,
  DescribeBotLocaleCommand,
  ListBotAliasesCommand,
  TagResourceCommand,
  UpdateBotAliasCommand,
  UpdateBotCommand,
  UpdateBotLocaleCommand,
  UpdateIntentCommand,
  UpdateSlotCommand,
  UpdateSlotTypeCommand,
  waitUntilBotAliasAvailable,
  waitUntilBotAvailable,
  waitUntilBotLocaleBuilt,
  waitUntilBotLocaleCreated,
  waitUntilBotVersionAvailable,
  type DescribeBotLocaleResponse,
  type FailedCustomVocabularyItem,
} from '@aws-sdk/client-lex-models-v2';
import type { Project } from '../definitions/model.js';
import {
  createBotInput,
  createBotLocaleInput,
  createBotVersionInput,
  createIntentFullInput,
  createIntentInput,
  createSlotInput,
  createSlotTypeInput,
  DRAFT,
  FALLBACK_INTENT_ID,
  updateBotInput,
  updateBotLocaleInput,
  updateIntentInput,
  updateSlotInput,
  updateSlotTypeInput,
} from '../lex/api.js';
import type { DeployClients } from './clients.js';
import { Limiter, Mutex } from './concurrency.js';
import { mapFailureReasons } from './failures.js';
import { vocabularyKey } from './desired.js';
import { accountOf, desiredAlias, localeChanged, type PlannedBot } from './plan.js';
import type { Progress } from './progress.js';
import { retryBusy } from './retry.js';
import { aliasArn as aliasArnOf, botArn as botArnOf, connectStatement, lambdaStatementId } from './state.js';
import type { LocalePlan, MappedFailure } from './types.js';

/** Items per custom vocabulary batch call (Lex allows 1-10). */
const VOCABULARY_BATCH = 10;

/** SDK waiter timing, in seconds. */
export interface WaiterTiming {
  minDelay: number;
  maxDelay: number;
  maxWaitTime: number;
}

/** What apply needs besides the plan. */
export interface ApplyContext {
  clients: DeployClients;
  project: Project;
  progress: Progress;
  /** Progress scope, e.g. `us-east-1 SelfService`. */
  scope: string;
  waiter: WaiterTiming;
  /** Builds at once (default 5, Lex's default quota per account and region). */
  buildConcurrency?: number;
  /** Tags CreateBot adds besides the bot's own (the creator's lease). */
  creationTags?: Record<string, string>;
  /** Called right after CreateBot with the new bot's ARN. */
  onBotCreated?: (botArn: string) => void;
}

/** What apply did. */
export interface ApplyResult {
  botId: string;
  botVersion?: string;
  aliasId?: string;
  aliasArn?: string;
  warnings: string[];
}

/** A write failed; names the call and the resource. */
export class ApplyError extends Error {
  constructor(
    readonly step: string,
    override readonly cause: unknown,
  ) {
    super(`${step}: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`);
    this.name = 'ApplyError';
  }
}

/** One or more locales did not build; the alias was not moved. */
export class BuildFailedError extends Error {
  constructor(
    readonly failures: MappedFailure[],
    readonly locales: string[],
  ) {
    super(`Build failed for ${locales.join(', ')}: the alias was not moved.`);
    this.name = 'BuildFailedError';
  }
}

const named = (err: unknown, ...names: string[]) => err instanceof Error && names.includes(err.name);

/** Applies `planned` (see the module comment for the order). */
export async function applyPlan(ctx: ApplyContext, planned: PlannedBot): Promise<ApplyResult> {
  const { plan, desired, current } = planned;
  const { bot, target } = desired;
  const lex = ctx.clients.lex;
  const mutex = new Mutex();
  const warnings: string[] = [];
  const say = (text: string) => ctx.progress.line(ctx.scope, text);
  const doing = (text: string | undefined) => ctx.progress.activity(ctx.scope, text);
  /** A write: serialised, errors named after the step. */
  const write = <T>(step: string, fn: () => Promise<T>): Promise<T> =>
    mutex.lock(async () => {
      try {
        return await fn();
      } catch (err) {
        throw err instanceof ApplyError ? err : new ApplyError(step, err);
      }
    });
  const waiter = { client: lex, ...ctx.waiter };
  const ids = accountOf(current, target);
  const roleArn = target.roleArn ?? current?.describe.roleArn;
  let botId = current?.botId;

  // Bot
  if (plan.botSettings.action === 'create') {
    doing(`creating bot ${bot.name}`);
    const input = createBotInput(bot, { roleArn: roleArn! });
    input.botTags = { ...input.botTags, ...ctx.creationTags };
    const out = await write(`CreateBot ${bot.name}`, () => lex.send(new CreateBotCommand(input)));
    botId = out.botId!;
    ctx.onBotCreated?.(botArnOf(ids.partition, target.region, ids.account, botId));
    await waitUntilBotAvailable(waiter, { botId });
    say(`+ bot ${bot.name} (${botId})`);
  } else if (plan.botSettings.action === 'update') {
    await write(`UpdateBot ${bot.name}`, () => lex.send(new UpdateBotCommand(updateBotInput(botId!, bot, { roleArn: roleArn! }))));
    await waitUntilBotAvailable(waiter, { botId: botId! });
    say(`~ bot ${bot.name} (${plan.botSettings.fields?.join(', ')})`);
  }
  const id = botId!;
  const arn = botArnOf(ids.partition, target.region, ids.account, id);
  if (plan.tags.length) {
    const tags = Object.fromEntries(plan.tags.map((k) => [k, bot.tags[k]!]));
    await write('TagResource', () => lex.send(new TagResourceCommand({ resourceARN: arn, tags })));
    say(`~ tags ${plan.tags.join(', ')}`);
  }

  // Locales
  for (const lp of plan.locales) await applyLocale(lp);
  for (const localeId of plan.deleteLocales) {
    await write(`DeleteBotLocale ${localeId}`, () => lex.send(new DeleteBotLocaleCommand({ botId: id, botVersion: DRAFT, localeId })));
    say(`- locale ${localeId}`);
  }

  async function applyLocale(lp: LocalePlan): Promise<void> {
    const localeId = lp.localeId;
    const d = desired.locales.get(localeId)!;
    const c = current?.locales.get(localeId);
    const at = { botId: id, botVersion: DRAFT, localeId };
    if (!localeChanged(lp)) return;
    doing(`updating ${localeId}`);
    // Lex refuses changes while a build runs (one left by an interrupted deploy): let it finish.
    if (c?.describe.botLocaleStatus === 'Building') await waitForBuild(localeId);

    if (lp.action === 'create') {
      await write(`CreateBotLocale ${localeId}`, () => lex.send(new CreateBotLocaleCommand(createBotLocaleInput(id, d.locale))));
      await waitUntilBotLocaleCreated(waiter, at);
      say(`+ locale ${localeId}`);
    } else if (lp.action === 'update') {
      await write(`UpdateBotLocale ${localeId}`, () => lex.send(new UpdateBotLocaleCommand(updateBotLocaleInput(id, d.locale))));
      say(`~ locale ${localeId} (${lp.fields?.join(', ')})`);
    }

    const slotTypeIds = new Map([...(c?.slotTypes ?? [])].map(([n, t]) => [n, t.slotTypeId]));
    const intentIds = new Map([...(c?.intents ?? [])].map(([n, i]) => [n, i.intentId]));
    const slotIds = new Map([...(c?.intents ?? [])].map(([n, i]) => [n, new Map([...i.slots].map(([s, cs]) => [s, cs.slotId]))]));
    for (const [name, i] of d.intents) if (i.fallback && !intentIds.has(name)) intentIds.set(name, FALLBACK_INTENT_ID);
    const split = (qualified: string) => {
      const dot = qualified.indexOf('.');
      return [qualified.slice(0, dot), qualified.slice(dot + 1)] as const;
    };

    for (const q of lp.slots.delete) {
      const [intentName, slotName] = split(q);
      const slotId = slotIds.get(intentName)?.get(slotName);
      await write(`DeleteSlot ${localeId}/${q}`, () => lex.send(new DeleteSlotCommand({ ...at, intentId: intentIds.get(intentName)!, slotId: slotId! })));
      slotIds.get(intentName)?.delete(slotName);
      say(`- slot ${localeId}/${q}`);
    }
    for (const name of lp.intents.delete) {
      await write(`DeleteIntent ${localeId}/${name}`, () => lex.send(new DeleteIntentCommand({ ...at, intentId: intentIds.get(name)! })));
      say(`- intent ${localeId}/${name}`);
    }
    for (const name of lp.slotTypes.create) {
      const st = d.slotTypes.get(name)!.slotType;
      const out = await write(`CreateSlotType ${localeId}/${name}`, () => lex.send(new CreateSlotTypeCommand(createSlotTypeInput(id, localeId, st))));
      slotTypeIds.set(name, out.slotTypeId!);
      say(`+ slot type ${localeId}/${name}`);
    }
    for (const u of lp.slotTypes.update) {
      const st = d.slotTypes.get(u.name)!.slotType;
      await write(`UpdateSlotType ${localeId}/${u.name}`, () => lex.send(new UpdateSlotTypeCommand(updateSlotTypeInput(id, localeId, slotTypeIds.get(u.name)!, st))));
      say(`~ slot type ${localeId}/${u.name} (${u.fields.join(', ')})`);
    }

    const needsUpdate = new Set(lp.intents.update.map((u) => u.name));
    for (const name of lp.intents.create) {
      const intent = d.intents.get(name)!.intent;
      // Without slots one CreateIntent carries everything; with slots the prompts and priorities wait for them.
      const input = intent.slots.length ? createIntentInput(id, localeId, intent, d.ctx) : createIntentFullInput(id, localeId, intent, d.ctx);
      const out = await write(`CreateIntent ${localeId}/${name}`, () => lex.send(new CreateIntentCommand(input)));
      intentIds.set(name, out.intentId!);
      slotIds.set(name, new Map());
      if (intent.slots.length) needsUpdate.add(name);
      say(`+ intent ${localeId}/${name}`);
    }
    for (const q of lp.slots.create) {
      const [intentName, slotName] = split(q);
      const slot = d.intents.get(intentName)!.slots.get(slotName)!.slot;
      const out = await write(`CreateSlot ${localeId}/${q}`, () =>
        lex.send(new CreateSlotCommand(createSlotInput(id, localeId, intentIds.get(intentName)!, slot, d.ctx, slotTypeIds))),
      );
      slotIds.get(intentName)!.set(slotName, out.slotId!);
      say(`+ slot ${localeId}/${q}`);
    }
    for (const u of lp.slots.update) {
      const [intentName, slotName] = split(u.name);
      const slot = d.intents.get(intentName)!.slots.get(slotName)!.slot;
      const input = updateSlotInput(id, localeId, intentIds.get(intentName)!, slotIds.get(intentName)!.get(slotName)!, slot, d.ctx, slotTypeIds);
      await write(`UpdateSlot ${localeId}/${u.name}`, () => lex.send(new UpdateSlotCommand(input)));
      say(`~ slot ${localeId}/${u.name} (${u.fields.join(', ')})`);
    }
    for (const [name, i] of d.intents) {
      if (!needsUpdate.has(name)) continue;
      const input = updateIntentInput(id, localeId, intentIds.get(name)!, i.intent, d.ctx, slotIds.get(name) ?? new Map());
      await write(`UpdateIntent ${localeId}/${name}`, () => lex.send(new UpdateIntentCommand(input)));
      const fields = lp.intents.update.find((u) => u.name === name)?.fields;
      if (fields) say(`~ intent ${localeId}/${name} (${fields.join(', ')})`);
    }
    for (const name of lp.slotTypes.delete) {
      await write(`DeleteSlotType ${localeId}/${name}`, () => lex.send(new DeleteSlotTypeCommand({ ...at, slotTypeId: slotTypeIds.get(name)! })));
      say(`- slot type ${localeId}/${name}`);
    }
    await applyVocabulary(lp, at);
    doing(undefined);
  }

  /**
   * The custom vocabulary changes, in batches of at most 10 items (Lex's limit): deletes first, so
   * that a phrase moved to another item never collides. An item Lex reports in `errors` fails the
   * deploy with its message; the items before it stay applied, and the re-run plans only the rest.
   * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_BatchCreateCustomVocabularyItem.html
   */
  async function applyVocabulary(lp: LocalePlan, at: { botId: string; botVersion: string; localeId: string }): Promise<void> {
    const { localeId } = lp;
    const d = desired.locales.get(localeId)!;
    const cur = current?.locales.get(localeId)?.vocabulary ?? new Map();
    const itemId = (phrase: string) => cur.get(vocabularyKey(phrase))!.itemId!;
    const wanted = (phrase: string) => d.vocabulary.get(vocabularyKey(phrase))!;
    const batches = <T>(list: T[]) => Array.from({ length: Math.ceil(list.length / VOCABULARY_BATCH) }, (_, i) => list.slice(i * VOCABULARY_BATCH, (i + 1) * VOCABULARY_BATCH));
    const check = (step: string, errors: FailedCustomVocabularyItem[] | undefined) => {
      if (errors?.length) throw new ApplyError(step, new Error(errors.map((e) => `${e.itemId}: ${e.errorCode ?? 'error'}${e.errorMessage ? ` (${e.errorMessage})` : ''}`).join('; ')));
    };
    for (const batch of batches(lp.vocabulary.delete)) {
      const step = `BatchDeleteCustomVocabularyItem ${localeId} (${batch.length})`;
      const out = await write(step, () => lex.send(new BatchDeleteCustomVocabularyItemCommand({ ...at, customVocabularyItemList: batch.map((p) => ({ itemId: itemId(p) })) })));
      check(step, out.errors);
      for (const p of batch) say(`- vocabulary ${localeId}/${p}`);
    }
    for (const batch of batches(lp.vocabulary.update)) {
      const step = `BatchUpdateCustomVocabularyItem ${localeId} (${batch.length})`;
      const out = await write(step, () => lex.send(new BatchUpdateCustomVocabularyItemCommand({ ...at, customVocabularyItemList: batch.map((u) => ({ itemId: itemId(u.name), ...wanted(u.name) })) })));
      check(step, out.errors);
      for (const u of batch) say(`~ vocabulary ${localeId}/${u.name} (${u.fields.join(', ')})`);
    }
    for (const batch of batches(lp.vocabulary.create)) {
      const step = `BatchCreateCustomVocabularyItem ${localeId} (${batch.length})`;
      const out = await write(step, () => lex.send(new BatchCreateCustomVocabularyItemCommand({ ...at, customVocabularyItemList: batch.map(wanted) })));
      check(step, out.errors);
      for (const p of batch) say(`+ vocabulary ${localeId}/${p}`);
    }
  }

  async function describeLocale(localeId: string): Promise<DescribeBotLocaleResponse> {
    return lex.send(new DescribeBotLocaleCommand({ botId: id, botVersion: DRAFT, localeId }));
  }

  /** Waits for a running build; never throws for a failed one (the caller reads the status). */
  async function waitForBuild(localeId: string): Promise<DescribeBotLocaleResponse> {
    try {
      await waitUntilBotLocaleBuilt(waiter, { botId: id, botVersion: DRAFT, localeId });
    } catch {
      // Failed, NotBuilt or timed out: the status says which.
    }
    return describeLocale(localeId);
  }

  // Builds
  const toBuild = plan.locales.filter((l) => l.build);
  if (toBuild.length) {
    const building = new Set<string>();
    const show = () => doing(building.size ? `building ${[...building].join(', ')}` : undefined);
    const limiter = new Limiter(ctx.buildConcurrency ?? 5);
    const failures: MappedFailure[] = [];
    const failed: string[] = [];
    const settled = await Promise.allSettled(
      toBuild.map((lp) =>
        limiter.run(async () => {
          const localeId = lp.localeId;
          const changed = localeChanged(lp);
          let status = changed ? undefined : await describeLocale(localeId);
          if (status?.botLocaleStatus === 'Building') status = await waitForBuild(localeId);
          if (status?.botLocaleStatus === 'Built') {
            say(`✓ ${localeId} already built`);
            return;
          }
          const started = Date.now();
          await write(`BuildBotLocale ${localeId}`, () =>
            retryBusy(() => lex.send(new BuildBotLocaleCommand({ botId: id, botVersion: DRAFT, localeId })), {
              maxWaitMs: ctx.waiter.maxWaitTime * 1000,
              baseDelayMs: ctx.waiter.minDelay * 1000,
              maxDelayMs: ctx.waiter.maxDelay * 1000,
              onWait: () => doing(`waiting for a build slot for ${localeId} (Lex builds at most 5 locales at once)`),
            }),
          );
          building.add(localeId);
          show();
          const result = await waitForBuild(localeId);
          building.delete(localeId);
          show();
          if (result.botLocaleStatus === 'Built') say(`✓ built ${localeId} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
          else {
            failed.push(localeId);
            const reasons = result.failureReasons?.length ? result.failureReasons : [`The locale is ${result.botLocaleStatus ?? 'in an unknown state'} after the build.`];
            failures.push(...mapFailureReasons(ctx.project, bot, localeId, reasons));
            say(`✗ build of ${localeId} failed`);
          }
        }),
      ),
    );
    doing(undefined);
    const error = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (error) throw error.reason;
    if (failed.length) throw new BuildFailedError(failures, failed);
  }

  // Version
  let botVersion = plan.version.botVersion;
  if (plan.version.action === 'create') {
    doing('creating a version');
    const out = await write('CreateBotVersion', () => lex.send(new CreateBotVersionCommand(createBotVersionInput(id, [...desired.locales.keys()], desired.contentHash))));
    botVersion = out.botVersion!;
    await waitUntilBotVersionAvailable(waiter, { botId: id, botVersion });
    say(`+ version ${botVersion}`);
  } else if (plan.version.action === 'reuse') say(`= version ${botVersion} already holds the definitions`);

  // Alias
  let aliasId = plan.alias.aliasId;
  if (plan.alias.action !== 'none' && botVersion) {
    const input = { botId: id, ...desiredAlias(desired, botVersion, ids) };
    if (plan.alias.action === 'create') {
      doing(`creating alias ${target.alias}`);
      const out = await write(`CreateBotAlias ${target.alias}`, () => lex.send(new CreateBotAliasCommand(input)));
      aliasId = out.botAliasId!;
      await waitUntilBotAliasAvailable(waiter, { botId: id, botAliasId: aliasId });
      say(`+ alias ${target.alias} (${aliasId}) → version ${botVersion}`);
    } else {
      doing(`updating alias ${target.alias}`);
      await write(`UpdateBotAlias ${target.alias}`, () => lex.send(new UpdateBotAliasCommand({ ...input, botAliasId: aliasId! })));
      await waitUntilBotAliasAvailable(waiter, { botId: id, botAliasId: aliasId! });
      say(`~ alias ${target.alias} → version ${botVersion} (${plan.alias.fields?.join(', ')})`);
    }
  }
  const aliasArn = aliasId ? aliasArnOf(ids.partition, target.region, ids.account, id, aliasId) : undefined;

  // Lambda permission, Amazon Connect
  if (plan.lambdaPermission === 'create' && aliasArn) {
    const { AddPermissionCommand } = await import('@aws-sdk/client-lambda');
    const lambda = await ctx.clients.lambda();
    const added = await write('AddPermission', async () => {
      try {
        await lambda.send(
          new AddPermissionCommand({
            FunctionName: target.codeHookLambdaArn,
            StatementId: lambdaStatementId(id, aliasId!),
            Action: 'lambda:InvokeFunction',
            Principal: 'lexv2.amazonaws.com',
            SourceArn: aliasArn,
            SourceAccount: ids.account,
          }),
        );
        return true;
      } catch (err) {
        // The statement id is already there: an earlier deploy added it.
        if (named(err, 'ResourceConflictException')) return false;
        throw err;
      }
    });
    say(`${added ? '+' : '='} Lambda permission for lexv2.amazonaws.com on ${target.codeHookLambdaArn}`);
  }
  if (target.connectInstanceId && aliasArn && (plan.connectPolicy === 'create' || plan.connectPolicy === 'update' || plan.connectAssociation === 'create')) {
    const instanceId = target.connectInstanceId;
    // Both confused-deputy conditions: Lex requires them for a service principal.
    const statement = connectStatement(ids.partition, target.region, ids.account, instanceId);
    let expectedRevisionId = current?.connectPolicyRevision;
    if (plan.connectPolicy === 'update') {
      // Replace the drifted statement; the other statements of the policy stay as they are.
      const out = await write('DeleteResourcePolicyStatement', () => lex.send(new DeleteResourcePolicyStatementCommand({ resourceArn: aliasArn, statementId: statement.statementId, ...(expectedRevisionId ? { expectedRevisionId } : {}) })));
      expectedRevisionId = out.revisionId;
    }
    if (plan.connectPolicy === 'create' || plan.connectPolicy === 'update') {
      const added = await write('CreateResourcePolicyStatement', async () => {
        try {
          await lex.send(new CreateResourcePolicyStatementCommand({ resourceArn: aliasArn, ...statement, ...(plan.connectPolicy === 'update' && expectedRevisionId ? { expectedRevisionId } : {}) }));
          return true;
        } catch (err) {
          if (named(err, 'ConflictException')) return false;
          throw err;
        }
      });
      say(`${plan.connectPolicy === 'update' ? '~' : added ? '+' : '='} alias resource policy for connect.amazonaws.com (instance ${instanceId})`);
    }
    if (plan.connectAssociation === 'create') {
      const { AssociateBotCommand } = await import('@aws-sdk/client-connect');
      const connect = await ctx.clients.connect();
      const added = await write('AssociateBot', async () => {
        try {
          await connect.send(new AssociateBotCommand({ InstanceId: instanceId, LexV2Bot: { AliasArn: aliasArn } }));
          return true;
        } catch (err) {
          if (named(err, 'ResourceConflictException', 'DuplicateResourceException')) return false;
          throw err;
        }
      });
      say(`${added ? '+' : '='} Amazon Connect instance ${instanceId} ↔ alias ${target.alias}`);
    }
  }

  // Old versions
  if (plan.pruneVersions.length) {
    // Read the aliases again: one may have moved since the plan, and a version in use is never deleted.
    const aliases = await lex.send(new ListBotAliasesCommand({ botId: id, maxResults: 1000 }));
    const used = new Set((aliases.botAliasSummaries ?? []).map((a) => a.botVersion));
    if (botVersion) used.add(botVersion);
    for (const v of plan.pruneVersions) {
      if (used.has(v)) {
        warnings.push(`version ${v} is in use by an alias; kept`);
        continue;
      }
      try {
        await write(`DeleteBotVersion ${v}`, () => lex.send(new DeleteBotVersionCommand({ botId: id, botVersion: v })));
        say(`- version ${v}`);
      } catch (err) {
        if (!(err instanceof ApplyError && named(err.cause, 'PreconditionFailedException'))) throw err;
        warnings.push(`version ${v} is in use; kept`);
      }
    }
  }

  doing(undefined);
  return { botId: id, ...(botVersion ? { botVersion } : {}), ...(aliasId ? { aliasId } : {}), ...(aliasArn ? { aliasArn } : {}), warnings };
}
