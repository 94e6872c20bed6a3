/**
 * Types shared by the deploy modules: targets, the plan, results and call statistics. Everything
 * in {@link Plan} and {@link DeployResult} is plain JSON (what `bots deploy --json` prints).
 * @module
 */
import type { Target } from '../definitions/model.js';

/** Where one deploy goes: the local emulator or one AWS region. */
export interface ResolvedTarget extends Target {
  /** `local` or the region name; shown in output. */
  name: string;
  kind: 'local' | 'aws';
}

/** What a change does. */
export type ChangeAction = 'create' | 'update' | 'delete';

/** The kind of resource a change applies to. */
export type ChangeKind =
  | 'bot'
  | 'tags'
  | 'locale'
  | 'slotType'
  | 'intent'
  | 'slot'
  | 'vocabulary'
  | 'build'
  | 'version'
  | 'alias'
  | 'lambdaPermission'
  | 'connectPolicy'
  | 'connectAssociation'
  | 'flow';

/** One line of the plan. */
export interface Change {
  action: ChangeAction;
  kind: ChangeKind;
  /** Resource name; slots are `Intent.Slot`. */
  name: string;
  localeId?: string;
  /** For updates: the request members that differ. */
  fields?: string[];
  /** The definition file the change comes from (project-relative). */
  file?: string;
  /** Extra words shown after the change (e.g. "from DRAFT"). */
  detail?: string;
}

/** Create / update / delete name lists of one resource kind. */
export interface ResourceChanges {
  create: string[];
  update: { name: string; fields: string[] }[];
  delete: string[];
}

/** What happens to one locale of the bot's DRAFT. */
export interface LocalePlan {
  localeId: string;
  /** The locale itself. */
  action: 'create' | 'update' | 'none';
  fields?: string[];
  slotTypes: ResourceChanges;
  intents: ResourceChanges;
  /** Slots as `Intent.Slot`. Slots of created or deleted intents are listed under their intent's action. */
  slots: ResourceChanges;
  /** Custom vocabulary items by phrase (update fields: `weight`, `displayAs`). */
  vocabulary: ResourceChanges;
  /** Whether the locale is built (it changed, or its last build is not `Built`). */
  build: boolean;
  /** Status of the locale before the deploy (absent for a new locale). */
  status?: string;
}

/** The plan of one bot in one target. */
export interface Plan {
  bot: string;
  target: string;
  region: string;
  /** Absent when the bot does not exist yet. */
  botId?: string;
  /** sha256 of the definitions as API requests: what a version built from them holds. */
  contentHash: string;
  /** The bot resource itself (settings). */
  botSettings: { action: 'create' | 'update' | 'none'; fields?: string[] };
  /** Tag keys to add or change on the bot. */
  tags: string[];
  locales: LocalePlan[];
  /** DRAFT locales the definitions no longer have. */
  deleteLocales: string[];
  version: { action: 'none' | 'create' | 'reuse'; /** the version the alias will serve, when known */ botVersion?: string };
  alias: { name: string; action: 'none' | 'create' | 'update'; fields?: string[]; aliasId?: string };
  lambdaPermission: 'none' | 'create' | 'skipped';
  /** The alias policy statement for the Connect instance: write it (`create`), replace a drifted one (`update`). */
  connectPolicy: 'none' | 'create' | 'update' | 'skipped';
  connectAssociation: 'none' | 'create' | 'skipped';
  /** Numbered versions deleted after the alias moved (beyond `--keep-versions`, never one an alias uses). */
  pruneVersions: string[];
  /** Every change, in apply order, for display. */
  changes: Change[];
  summary: { create: number; update: number; delete: number };
  /** True when applying would make no write call. */
  noChanges: boolean;
  /** Notes such as "Lambda permission: skipped: local target". */
  notes: string[];
}

/** API calls made against one target, counted by a middleware on each SDK client. */
export interface CallStats {
  /** Logical calls (an SDK retry is not a new call). */
  total: number;
  reads: number;
  writes: number;
  /** HTTP attempts, retries included. */
  attempts: number;
  retries: number;
  /** Calls per operation: Lex operations by name, others as `lambda.GetPolicy`, `connect.ListBots`. */
  byOperation: Record<string, number>;
  /** Write operations in the order they were sent (`CreateIntent`, ..., `lambda.AddPermission`). */
  writeLog: string[];
}

/** A build failure reason next to the definition file it concerns. */
export interface MappedFailure {
  localeId: string;
  file: string;
  line: number;
  column: number;
  reason: string;
}

/** Outcome of one bot in one target. */
export interface BotResult {
  bot: string;
  target: string;
  region: string;
  status: 'applied' | 'no-changes' | 'planned' | 'failed' | 'cancelled';
  plan?: Plan;
  botId?: string;
  botVersion?: string;
  aliasId?: string;
  aliasArn?: string;
  error?: string;
  /** Lex's build failure reasons, mapped to definition files. */
  failures?: MappedFailure[];
  /** Warnings that did not fail the deploy (e.g. a lease that could not be released). */
  warnings: string[];
  /** A sample utterance to try the bot with (first locale, first intent that has a plain one). */
  example?: { localeId: string; text: string };
  calls: CallStats;
  durationMs: number;
}

/** What happens to one contact flow of `flows/` in one target. */
export interface FlowPlanEntry {
  /** The flow's name in Connect (the file name). */
  name: string;
  file: string;
  /** CreateContactFlow `Type`. */
  type: string;
  action: 'create' | 'update' | 'none';
  /** For updates: `Content` and/or `Description` (Metadata.description). */
  fields?: string[];
  /** Connect's id and ARN of the flow, when it exists. */
  flowId?: string;
  arn?: string;
}

/** The contact-flow plan of one target. */
export interface FlowPlan {
  target: string;
  region: string;
  /** The Connect instance the flows go to. */
  instanceId: string;
  /** In dependency order (a flow another one names first). */
  flows: FlowPlanEntry[];
  changes: Change[];
  summary: { create: number; update: number; delete: number };
  noChanges: boolean;
  notes: string[];
}

/** Outcome of the contact flows of one target. */
export interface FlowsResult {
  target: string;
  region: string;
  /** `skipped`: no Connect instance, `--bot`, or a bot of the target failed (nothing written). */
  status: 'applied' | 'no-changes' | 'planned' | 'failed' | 'cancelled' | 'skipped';
  plan?: FlowPlan;
  /** Why the flows were skipped or failed. */
  error?: string;
  calls: CallStats;
  durationMs: number;
}

/** Outcome of one target (all its bots). */
export interface TargetResult {
  target: string;
  region: string;
  kind: 'local' | 'aws';
  /** Lex endpoint used (emulator URL for the local target; absent for AWS defaults). */
  endpoint?: string;
  bots: BotResult[];
  /** The contact flows of `flows/` (absent when the project has none). */
  flows?: FlowsResult;
  ok: boolean;
  error?: string;
}
