/**
 * The deploy plan: what must change in one region for Lex to hold the definitions. Computed from
 * the desired state (`desired.ts`) and what Lex has (`state.ts`), resource by resource, by name:
 * create what is missing, update what differs (naming the fields), delete what the definitions no
 * longer have; build every changed locale; create a version only when no version holds the
 * definitions yet (its content hash is in the version's description); point the alias at it.
 *
 * {@link computePlan} is pure; {@link planBot} reads the current state first (read calls only).
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/building-bots.html
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/versions-aliases.html
 * @module
 */
import type { Bot, Project } from '../definitions/model.js';
import { aliasLocaleSettings, contentHashOf, conversationLogSettings, sentimentAnalysisSettings } from '../lex/api.js';
import type { DeployClients } from './clients.js';
import { diffFields, normalisePriorities, normaliseResource, ref } from './compare.js';
import { desiredBot, type DesiredBot, type DesiredLocale } from './desired.js';
import { findBotId, readBot, type CurrentBot, type CurrentIntent, type CurrentLocale, type ReadOptions } from './state.js';
import type { Change, LocalePlan, Plan, ResolvedTarget, ResourceChanges } from './types.js';

/** Tag keys deploy writes for itself (the lease); never compared with the definitions' tags. */
export const OWN_TAG_PREFIX = 'bots:';

/** Options of {@link computePlan}. */
export interface PlanOptions {
  /** Numbered versions to keep (default 5); versions an alias uses are always kept. */
  keepVersions?: number;
}

/** The placeholder for the version a deploy is about to create. */
export const NEW_VERSION = '(new)';

const empty = (): ResourceChanges => ({ create: [], update: [], delete: [] });

/** The account and partition ARNs are built with: from the bot's role, else the target's role. */
export function accountOf(current: CurrentBot | undefined, target: ResolvedTarget): { partition: string; account: string } {
  if (current) return { partition: current.partition, account: current.account };
  const m = target.roleArn ? /^arn:(aws[a-z-]*):iam::(\d{12}):role\//.exec(target.roleArn) : null;
  return m ? { partition: m[1]!, account: m[2]! } : { partition: 'aws', account: '000000000000' };
}

/**
 * The alias the definitions want, as UpdateBotAlias members (without ids): the version, every
 * locale enabled with the target's code-hook Lambda, text conversation logs to the target's log
 * group, sentiment analysis as the target says.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UpdateBotAlias.html
 */
export function desiredAlias(desired: DesiredBot, botVersion: string, ids: { partition: string; account: string }) {
  const t = desired.target;
  const alias = {
    botAliasName: t.alias,
    botVersion,
    botAliasLocaleSettings: aliasLocaleSettings([...desired.locales.keys()], t.codeHookLambdaArn),
    ...(t.conversationLogGroup
      ? { conversationLogSettings: conversationLogSettings(`arn:${ids.partition}:logs:${t.region}:${ids.account}:log-group:${t.conversationLogGroup}`, `${desired.bot.name}/`) }
      : {}),
    ...(t.sentimentAnalysis !== undefined ? { sentimentAnalysisSettings: sentimentAnalysisSettings(t.sentimentAnalysis) } : {}),
  };
  return alias;
}

/** The normalised intent Lex has, with slot references by name. */
function actualIntent(i: CurrentIntent): Record<string, unknown> {
  const names = new Map([...i.slots].map(([name, s]) => [s.slotId, ref(name)]));
  const priorities = normalisePriorities(i.describe.slotPriorities, (id) => names.get(id) ?? id);
  return normaliseResource('intent', { ...i.describe, slotPriorities: priorities });
}

/** The plan of one locale. */
function planLocale(d: DesiredLocale, c: CurrentLocale | undefined): LocalePlan {
  const plan: LocalePlan = { localeId: d.locale.localeId, action: 'none', slotTypes: empty(), intents: empty(), slots: empty(), vocabulary: empty(), build: false };
  if (!c) {
    plan.action = 'create';
    plan.slotTypes.create = [...d.slotTypes.keys()];
    plan.vocabulary.create = [...d.vocabulary.values()].map((v) => v.phrase);
    for (const [name, i] of d.intents) {
      if (i.fallback) {
        const fields = i.implicit ? [] : diffFields('intent', i.compare, d.defaultFallback);
        if (fields.length) plan.intents.update.push({ name, fields });
      } else plan.intents.create.push(name);
      for (const s of i.slots.keys()) plan.slots.create.push(`${name}.${s}`);
    }
    plan.build = true;
    return plan;
  }
  plan.status = c.describe.botLocaleStatus;
  const localeFields = diffFields('locale', d.compare, normaliseResource('locale', c.describe));
  if (localeFields.length) {
    plan.action = 'update';
    plan.fields = localeFields;
  }

  const typeNames = new Map([...c.slotTypes].map(([name, t]) => [t.slotTypeId, ref(name)]));
  for (const [name, t] of d.slotTypes) {
    const cur = c.slotTypes.get(name);
    if (!cur) plan.slotTypes.create.push(name);
    else {
      const fields = diffFields('slotType', t.compare, normaliseResource('slotType', cur.describe));
      if (fields.length) plan.slotTypes.update.push({ name, fields });
    }
  }
  for (const name of c.slotTypes.keys()) if (!d.slotTypes.has(name)) plan.slotTypes.delete.push(name);

  for (const [name, i] of d.intents) {
    const cur = c.intents.get(name);
    if (!cur) {
      // A FallbackIntent is always there; a missing one (renamed in the console) cannot be created.
      if (!i.fallback) plan.intents.create.push(name);
      for (const s of i.slots.keys()) plan.slots.create.push(`${name}.${s}`);
      continue;
    }
    if (!i.implicit) {
      const fields = diffFields('intent', i.compare, actualIntent(cur));
      if (fields.length) plan.intents.update.push({ name, fields });
    }
    for (const [slotName, s] of i.slots) {
      const cs = cur.slots.get(slotName);
      if (!cs) plan.slots.create.push(`${name}.${slotName}`);
      else {
        const typeId = cs.describe.slotTypeId;
        const actual = normaliseResource('slot', { ...cs.describe, slotTypeId: typeId ? (typeNames.get(typeId) ?? typeId) : undefined });
        const fields = diffFields('slot', s.compare, actual);
        if (fields.length) plan.slots.update.push({ name: `${name}.${slotName}`, fields });
      }
    }
    for (const slotName of cur.slots.keys()) if (!i.slots.has(slotName)) plan.slots.delete.push(`${name}.${slotName}`);
  }
  for (const [name, cur] of c.intents) {
    if (d.intents.has(name)) continue;
    if (cur.describe.parentIntentSignature === 'AMAZON.FallbackIntent') continue;
    plan.intents.delete.push(name);
  }

  for (const [key, v] of d.vocabulary) {
    const cur = c.vocabulary.get(key);
    if (!cur) plan.vocabulary.create.push(v.phrase);
    else {
      const fields = (['phrase', 'weight', 'displayAs'] as const).filter((f) => (v[f] ?? null) !== (cur[f] ?? null));
      if (fields.length) plan.vocabulary.update.push({ name: v.phrase, fields });
    }
  }
  for (const [key, cur] of c.vocabulary) if (!d.vocabulary.has(key)) plan.vocabulary.delete.push(cur.phrase!);

  plan.build = localeChanged(plan) || c.describe.botLocaleStatus !== 'Built';
  return plan;
}

/** Whether the plan writes to the locale (settings, slot types, intents, slots or vocabulary). */
export function localeChanged(lp: LocalePlan): boolean {
  return lp.action !== 'none' || [lp.slotTypes, lp.intents, lp.slots, lp.vocabulary].some((r) => r.create.length + r.update.length + r.delete.length > 0);
}

/**
 * The plan for `desired` given `current` (undefined: the bot does not exist in the region).
 * Pure: no API call.
 */
export function computePlan(desired: DesiredBot, current: CurrentBot | undefined, opts: PlanOptions = {}): Plan {
  const { bot, target } = desired;
  const keep = opts.keepVersions ?? 5;
  const plan: Plan = {
    bot: bot.name,
    target: target.name,
    region: target.region,
    contentHash: desired.contentHash,
    botSettings: { action: current ? 'none' : 'create' },
    tags: [],
    locales: [],
    deleteLocales: [],
    version: { action: 'none' },
    alias: { name: target.alias, action: 'none' },
    lambdaPermission: 'none',
    connectPolicy: 'none',
    connectAssociation: 'none',
    pruneVersions: [],
    changes: [],
    summary: { create: 0, update: 0, delete: 0 },
    noChanges: true,
    notes: [],
  };
  if (current) {
    plan.botId = current.botId;
    const { roleArn: _r, ...actual } = normaliseResource('bot', current.describe);
    const fields = diffFields('bot', desired.compare, actual);
    if (target.roleArn && target.roleArn !== current.describe.roleArn) fields.push('roleArn');
    if (fields.length) plan.botSettings = { action: 'update', fields };
    plan.tags = Object.entries(bot.tags)
      .filter(([k, v]) => !k.startsWith(OWN_TAG_PREFIX) && current.tags[k] !== v)
      .map(([k]) => k);
  }

  for (const [localeId, d] of desired.locales) plan.locales.push(planLocale(d, current?.locales.get(localeId)));
  if (current) plan.deleteLocales = [...current.locales.keys()].filter((l) => !desired.locales.has(l));

  // Version: only when no version holds exactly these definitions yet.
  const aliasVersion = current?.alias?.botVersion;
  const hashOf = (v: string | undefined) => contentHashOf(current?.versions.find((x) => x.botVersion === v)?.description);
  let targetVersion: string;
  if (aliasVersion && hashOf(aliasVersion) === desired.contentHash) {
    targetVersion = aliasVersion;
  } else {
    const holding = [...(current?.versions ?? [])].reverse().find((v) => contentHashOf(v.description) === desired.contentHash);
    if (holding) {
      // An earlier deploy created it but did not move the alias (interrupted), or the definitions were reverted.
      plan.version = { action: 'reuse', botVersion: holding.botVersion };
      targetVersion = holding.botVersion;
    } else {
      plan.version = { action: 'create' };
      targetVersion = NEW_VERSION;
    }
  }
  if (plan.version.action === 'none') plan.version.botVersion = targetVersion;

  // Alias.
  const ids = accountOf(current, target);
  const wanted = normaliseResource('alias', desiredAlias(desired, targetVersion, ids));
  if (!current?.alias) plan.alias.action = 'create';
  else {
    plan.alias.aliasId = current.alias.botAliasId;
    const fields = diffFields('alias', wanted, normaliseResource('alias', current.alias));
    if (fields.length) {
      plan.alias.action = 'update';
      plan.alias.fields = fields;
    }
  }

  // Lambda permission and Amazon Connect.
  if (target.kind === 'local') {
    plan.lambdaPermission = 'skipped';
    plan.connectPolicy = 'skipped';
    plan.connectAssociation = 'skipped';
    plan.notes.push('Lambda permission and Amazon Connect: skipped: local target');
  } else {
    if (target.codeHookLambdaArn) plan.lambdaPermission = current?.lambdaPermission ? 'none' : 'create';
    else plan.notes.push(`no code-hook Lambda in targets.${target.region} of ${bot.file}: the alias has no Lambda`);
    if (target.connectInstanceId) {
      plan.connectPolicy = current?.connectPolicy === 'ok' ? 'none' : current?.connectPolicy === 'drifted' ? 'update' : 'create';
      plan.connectAssociation = current?.connectAssociated ? 'none' : 'create';
    }
  }

  // Versions beyond the newest `keep` (the new one counts), never one an alias uses after the deploy.
  if (current) {
    const used = new Set(current.aliases.filter((a) => a.botAliasName !== target.alias).map((a) => a.botVersion));
    used.add(targetVersion);
    const newestFirst = [...(plan.version.action === 'create' ? [NEW_VERSION] : []), ...current.versions.map((v) => v.botVersion).reverse()];
    const kept = new Set(newestFirst.slice(0, Math.max(1, keep)));
    plan.pruneVersions = current.versions.map((v) => v.botVersion).filter((v) => !kept.has(v) && !used.has(v));
  }

  plan.changes = changesOf(plan, desired);
  for (const c of plan.changes) if (c.kind !== 'build') plan.summary[c.action]++;
  plan.noChanges = plan.changes.length === 0;
  return plan;
}

/** The plan as display lines, in apply order. */
function changesOf(plan: Plan, desired: DesiredBot): Change[] {
  const out: Change[] = [];
  const bot = desired.bot;
  const file = (f: string | undefined) => (f ? { file: f } : {});
  if (plan.botSettings.action === 'create') out.push({ action: 'create', kind: 'bot', name: bot.name, file: bot.file });
  if (plan.botSettings.action === 'update') out.push({ action: 'update', kind: 'bot', name: bot.name, fields: plan.botSettings.fields, file: bot.file });
  if (plan.tags.length) out.push({ action: 'update', kind: 'tags', name: bot.name, fields: plan.tags, file: bot.file });
  for (const l of plan.locales) {
    const d = desired.locales.get(l.localeId)!;
    const localeId = l.localeId;
    if (l.action !== 'none') out.push({ action: l.action, kind: 'locale', name: localeId, localeId, ...(l.fields ? { fields: l.fields } : {}), file: bot.file });
    const intentFile = (name: string) => file(d.intents.get(name)?.intent.implicit ? undefined : d.intents.get(name)?.intent.file);
    for (const n of l.slotTypes.create) out.push({ action: 'create', kind: 'slotType', name: n, localeId, ...file(d.slotTypes.get(n)?.slotType.file) });
    for (const u of l.slotTypes.update) out.push({ action: 'update', kind: 'slotType', name: u.name, localeId, fields: u.fields, ...file(d.slotTypes.get(u.name)?.slotType.file) });
    for (const n of l.intents.create) out.push({ action: 'create', kind: 'intent', name: n, localeId, ...intentFile(n) });
    for (const u of l.intents.update) out.push({ action: 'update', kind: 'intent', name: u.name, localeId, fields: u.fields, ...intentFile(u.name) });
    for (const n of l.slots.create) out.push({ action: 'create', kind: 'slot', name: n, localeId, ...intentFile(n.split('.')[0]!) });
    for (const u of l.slots.update) out.push({ action: 'update', kind: 'slot', name: u.name, localeId, fields: u.fields, ...intentFile(u.name.split('.')[0]!) });
    for (const n of l.slots.delete) out.push({ action: 'delete', kind: 'slot', name: n, localeId });
    for (const n of l.intents.delete) out.push({ action: 'delete', kind: 'intent', name: n, localeId });
    for (const n of l.slotTypes.delete) out.push({ action: 'delete', kind: 'slotType', name: n, localeId });
    for (const n of l.vocabulary.create) out.push({ action: 'create', kind: 'vocabulary', name: n, localeId, file: bot.file });
    for (const u of l.vocabulary.update) out.push({ action: 'update', kind: 'vocabulary', name: u.name, localeId, fields: u.fields, file: bot.file });
    for (const n of l.vocabulary.delete) out.push({ action: 'delete', kind: 'vocabulary', name: n, localeId });
  }
  for (const l of plan.deleteLocales) out.push({ action: 'delete', kind: 'locale', name: l, localeId: l });
  for (const l of plan.locales) {
    if (l.build) out.push({ action: 'update', kind: 'build', name: l.localeId, localeId: l.localeId, detail: l.status && l.status !== 'Built' && l.action === 'none' ? `(was ${l.status})` : '' });
  }
  if (plan.version.action === 'create') out.push({ action: 'create', kind: 'version', name: NEW_VERSION, detail: `from DRAFT, ${'bots:sha256:'}${plan.contentHash.slice(0, 12)}…` });
  const aliasDetail = plan.version.action === 'create' ? '→ new version' : plan.version.botVersion ? `→ version ${plan.version.botVersion}` : '';
  if (plan.alias.action === 'create') out.push({ action: 'create', kind: 'alias', name: plan.alias.name, detail: aliasDetail });
  if (plan.alias.action === 'update') out.push({ action: 'update', kind: 'alias', name: plan.alias.name, fields: plan.alias.fields, detail: plan.alias.fields?.includes('botVersion') ? aliasDetail : '' });
  const t = desired.target;
  if (plan.lambdaPermission === 'create') out.push({ action: 'create', kind: 'lambdaPermission', name: t.codeHookLambdaArn!, detail: 'lexv2.amazonaws.com may invoke it for the alias' });
  if (plan.connectPolicy === 'create') out.push({ action: 'create', kind: 'connectPolicy', name: t.connectInstanceId!, detail: 'alias resource policy for connect.amazonaws.com' });
  if (plan.connectPolicy === 'update') out.push({ action: 'update', kind: 'connectPolicy', name: t.connectInstanceId!, detail: 'the statement differs (principal, actions or conditions): replaced' });
  if (plan.connectAssociation === 'create') out.push({ action: 'create', kind: 'connectAssociation', name: t.connectInstanceId!, detail: 'AssociateBot' });
  for (const v of plan.pruneVersions) out.push({ action: 'delete', kind: 'version', name: v });
  return out;
}

/** Options of {@link planBot}. */
export interface PlanBotOptions extends PlanOptions, ReadOptions {}

/** A plan with the states it was computed from (apply needs both). */
export interface PlannedBot {
  plan: Plan;
  desired: DesiredBot;
  current: CurrentBot | undefined;
}

/**
 * Reads the bot's current state in the target (read calls only) and computes its plan.
 * @throws Error when the bot does not exist and an AWS target names no role to create it with.
 */
export async function planBot(clients: DeployClients, project: Project, bot: Bot, target: ResolvedTarget, opts: PlanBotOptions = {}): Promise<PlannedBot> {
  const desired = desiredBot(project, bot, target);
  const botId = await findBotId(clients, bot.name, opts);
  const current = botId ? await readBot(clients, botId, target, opts) : undefined;
  if (!current && !target.roleArn) {
    throw new Error(`${bot.name} does not exist in ${target.region} yet and targets.${target.region}.roleArn in ${bot.file} is empty: Lex needs an IAM role to create a bot.`);
  }
  return { plan: computePlan(desired, current, opts), desired, current };
}
