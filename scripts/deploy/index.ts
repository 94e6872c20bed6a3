/**
 * `bots deploy` as a library: validate, plan every bot in every target, then (unless a dry run)
 * apply the plans, AWS regions in parallel and the bots of one target one after the other.
 *
 * Targets: the local emulator by default (started in this process on the project's `.bots/local`,
 * or the one `BOTS_LOCAL_ENDPOINT` names), or AWS regions from the bots' `targets`.
 *
 * An AWS target whose bot file names no code-hook Lambda or no Lex role takes them from the
 * region's fulfillment stack outputs (`BotsFulfillment-<region>`, `stack-outputs.ts`).
 *
 * Test hooks (documented in docs/deploy.md): `BOTS_LEX_ENDPOINT`, `BOTS_LAMBDA_ENDPOINT`,
 * `BOTS_CONNECT_ENDPOINT` and `BOTS_CLOUDFORMATION_ENDPOINT` point AWS targets at other endpoints
 * (the emulator, fakes); the
 * `endpoints`, `credentials`, `retry`, `waiter`, `lease` and `onCall` options do the same from code.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/versions-aliases.html
 * @module
 */
import { join } from 'node:path';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { Diagnostic } from '../definitions/diagnostics.js';
import { loadProject } from '../definitions/load.js';
import type { Bot, Project } from '../definitions/model.js';
import { validateProject } from '../validate/index.js';
import { ApplyError, applyPlan, BuildFailedError, type ApplyResult, type WaiterTiming } from './apply.js';
import { createClients, emptyStats, type CallInfo, type DeployClients, type ServiceName } from './clients.js';
import { Lease, LeaseBusyError, type LeaseOptions } from './lease.js';
import { planBot, type PlannedBot } from './plan.js';
import { silentProgress, type Progress } from './progress.js';
import type { RetryOptions } from './retry.js';
import { readStackOutputs, resolveFromStack } from './stack-outputs.js';
import { allRegions, awsTarget, localTarget, LOCAL_REGION } from './targets.js';
import type { BotResult, CallStats, Plan, ResolvedTarget, TargetResult } from './types.js';

export type { BotResult, CallStats, Change, MappedFailure, Plan, TargetResult } from './types.js';

/** The emulator data folder of a project, relative to its root. */
export const LOCAL_DATA_DIR = join('.bots', 'local');

/** Environment variables that override endpoints (test hooks). */
export const ENDPOINT_ENV: Record<ServiceName, string> = {
  lex: 'BOTS_LEX_ENDPOINT',
  lambda: 'BOTS_LAMBDA_ENDPOINT',
  connect: 'BOTS_CONNECT_ENDPOINT',
  cloudformation: 'BOTS_CLOUDFORMATION_ENDPOINT',
};

/** Environment variable naming a running emulator for the local target (`bots local serve`). */
export const LOCAL_ENDPOINT_ENV = 'BOTS_LOCAL_ENDPOINT';

/** Where to deploy. */
export type DeployTargetSpec = { kind: 'local' } | { kind: 'aws'; regions: string[] } | { kind: 'aws'; allRegions: true };

/** An endpoint for every region, or per region. */
export type EndpointFor = string | ((region: string) => string | undefined);

/** Options of {@link deploy}. */
export interface DeployOptions {
  /** Project folder (holding `bots/`). */
  root: string;
  /** Default: the local target. */
  target?: DeployTargetSpec;
  /** Only this bot (default: every bot). */
  bot?: string;
  /** Plan only. */
  dryRun?: boolean;
  /** Numbered versions to keep per bot (default 5); versions an alias uses are always kept. */
  keepVersions?: number;
  /** How long to wait for another deploy's lease, s (default 300). */
  leaseWaitSeconds?: number;
  /** AWS shared config profile. */
  profile?: string;
  /** Progress lines (default: none). */
  progress?: Progress;
  /** Called with each plan as soon as it is computed. */
  onPlan?: (plan: Plan) => void;
  /** Called before applying AWS targets with changes; false cancels (the CLI asks on a terminal). */
  confirm?: (plans: Plan[]) => Promise<boolean>;

  // Internals and test hooks.
  /** Local target: a running emulator's URL, or the data folder of the in-process one (`null`: in memory). */
  local?: { endpoint?: string; dataDir?: string | null };
  /** Endpoint overrides for AWS targets (default from `BOTS_*_ENDPOINT`). */
  endpoints?: Partial<Record<ServiceName, EndpointFor>>;
  /** Credentials for AWS targets (default: the SDK's chain). */
  credentials?: AwsCredentialIdentity;
  retry?: RetryOptions;
  waiter?: Partial<WaiterTiming>;
  lease?: Pick<LeaseOptions, 'ttlSeconds' | 'pollMs' | 'owner'>;
  /** Called before every API call. */
  onCall?: (call: CallInfo & { target: string }) => void;
  /** Parallel read calls per target (default 8). */
  readConcurrency?: number;
  /** `maxResults` of list calls (default 100). */
  pageSize?: number;
  /** Builds at once per bot (default 5). */
  buildConcurrency?: number;
  /** Environment for the endpoint variables (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/** Outcome of {@link deploy}. */
export interface DeployResult {
  /** True when validation passed and every target succeeded. */
  ok: boolean;
  dryRun: boolean;
  /** Validation findings when validation failed (no API call was made). */
  validation?: Diagnostic[];
  targets: TargetResult[];
  /** True when the confirmation was declined. */
  cancelled?: boolean;
  /** Total calls over all targets. */
  calls: CallStats;
  durationMs: number;
}

/** A usage mistake (unknown bot, region without targets): the CLI exits 2. */
export class DeployUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployUsageError';
  }
}

/** Dummy credentials for the emulator (it accepts any signature). */
const LOCAL_CREDENTIALS = { accessKeyId: 'AKIABOTSLOCAL0000000', secretAccessKey: 'bots-local' };

const LOCAL_WAITER: WaiterTiming = { minDelay: 0.05, maxDelay: 1, maxWaitTime: 300 };
const AWS_WAITER: WaiterTiming = { minDelay: 5, maxDelay: 30, maxWaitTime: 1800 };

/** One target's run. */
interface Run {
  name: string;
  kind: 'local' | 'aws';
  region: string;
  bots: { bot: Bot; target: ResolvedTarget }[];
  clients?: DeployClients;
  endpoint?: string;
  results: BotResult[];
  planned: Map<string, PlannedBot>;
  error?: string;
  /** Reads the region's fulfillment stack once (AWS targets that may read stack outputs). */
  readStack?: (stackName: string) => Promise<{ outputs: Record<string, string> } | undefined>;
}

/**
 * Validates the project and deploys its bots.
 * @throws DeployUsageError for an unknown bot or a region no selected bot targets.
 * @example
 * const result = await deploy({ root: '.', dryRun: true });
 * for (const t of result.targets) for (const b of t.bots) console.log(b.plan?.changes);
 */
export async function deploy(opts: DeployOptions): Promise<DeployResult> {
  const started = Date.now();
  const progress = opts.progress ?? silentProgress;
  const env = opts.env ?? process.env;
  const { project, diagnostics } = await loadProject(opts.root);
  const all = validateProject(project, diagnostics);
  if (all.some((d) => d.severity === 'error')) {
    return { ok: false, dryRun: opts.dryRun ?? false, validation: all, targets: [], calls: emptyStats(), durationMs: Date.now() - started };
  }

  const bots = opts.bot ? project.bots.filter((b) => b.name === opts.bot) : project.bots;
  if (opts.bot && !bots.length) throw new DeployUsageError(`No bot named ${opts.bot} in bots/ (bots: ${project.bots.map((b) => b.name).join(', ') || 'none'}).`);
  const runs = resolveRuns(opts.target ?? { kind: 'local' }, bots);

  let stopEmulator: (() => Promise<void>) | undefined;
  try {
    // Clients
    for (const run of runs) {
      if (run.kind === 'local') {
        let endpoint = opts.local?.endpoint ?? env[LOCAL_ENDPOINT_ENV];
        if (!endpoint) {
          // Loaded here so that AWS deploys never load the emulator.
          const { startEmulator } = await import('../emulator/server.js');
          const dataDir = opts.local?.dataDir === undefined ? join(project.root, LOCAL_DATA_DIR) : opts.local.dataDir;
          const emulator = await startEmulator({ dataDir, port: 0 });
          stopEmulator = () => emulator.close();
          endpoint = emulator.endpoint;
        }
        run.endpoint = endpoint;
        run.clients = createClients({
          region: LOCAL_REGION,
          endpoints: { lex: endpoint },
          credentials: LOCAL_CREDENTIALS,
          retry: { maxAttempts: 5, baseDelayMs: 50, throttleBaseDelayMs: 200, ...opts.retry },
          onCall: opts.onCall && ((c) => opts.onCall!({ ...c, target: run.name })),
        });
      } else {
        const endpoints: Partial<Record<ServiceName, string>> = {};
        for (const service of ['lex', 'lambda', 'connect', 'cloudformation'] as const) {
          const e = opts.endpoints?.[service] ?? env[ENDPOINT_ENV[service]];
          const url = typeof e === 'function' ? e(run.region) : e;
          if (url) endpoints[service] = url;
        }
        if (endpoints.lex) run.endpoint = endpoints.lex;
        run.clients = createClients({
          region: run.region,
          endpoints,
          ...(opts.credentials ? { credentials: opts.credentials } : {}),
          ...(opts.profile ? { profile: opts.profile } : {}),
          ...(opts.retry ? { retry: opts.retry } : {}),
          onCall: opts.onCall && ((c) => opts.onCall!({ ...c, target: run.name })),
        });
        // Stack outputs come from the same place as Lex: with Lex pointed elsewhere (the emulator, a
        // fake) and no CloudFormation endpoint, no stack is read, so a test never reaches AWS.
        if (endpoints.cloudformation || !endpoints.lex) {
          let cached: ReturnType<NonNullable<Run['readStack']>> | undefined;
          const clients = run.clients;
          run.readStack = (name) => (cached ??= clients.cloudformation().then((c) => readStackOutputs(c, name)));
        }
      }
    }

    // Plan: every target in parallel, its bots one after the other.
    const planOpts = { keepVersions: opts.keepVersions ?? 5, concurrency: opts.readConcurrency ?? 8, pageSize: opts.pageSize ?? 100 };
    await Promise.all(
      runs.map(async (run) => {
        for (const { bot, target } of run.bots) {
          const before = run.clients!.counter.snapshot();
          const t0 = Date.now();
          const scope = `${run.name} ${bot.name}`;
          progress.activity(scope, 'reading current state');
          try {
            const fromStack = run.readStack ? await resolveFromStack(bot, target, run.readStack) : { target, notes: [] };
            const planned = await planBot(run.clients!, project, bot, fromStack.target, planOpts);
            planned.plan.notes.push(...fromStack.notes);
            run.planned.set(bot.name, planned);
            const c = planned.current;
            const known = {
              ...(c ? { botId: c.botId } : {}),
              ...(c?.alias?.botAliasId ? { aliasId: c.alias.botAliasId } : {}),
              ...(c?.aliasArn ? { aliasArn: c.aliasArn } : {}),
              ...(c?.alias?.botVersion ? { botVersion: c.alias.botVersion } : {}),
            };
            run.results.push(result(run, bot, { status: 'planned', plan: planned.plan, ...known }, run.clients!.counter.since(before), t0));
            opts.onPlan?.(planned.plan);
          } catch (err) {
            run.results.push(result(run, bot, { status: 'failed', error: messageOf(err) }, run.clients!.counter.since(before), t0));
          } finally {
            progress.activity(scope, undefined);
          }
        }
      }),
    );

    const dryRun = opts.dryRun ?? false;
    let cancelled = false;
    if (!dryRun) {
      const awsChanges = runs.filter((r) => r.kind === 'aws').flatMap((r) => r.results.filter((b) => b.plan && !b.plan.noChanges).map((b) => b.plan!));
      if (awsChanges.length && opts.confirm && !(await opts.confirm(awsChanges))) {
        cancelled = true;
        for (const r of runs) for (const b of r.results) if (b.status === 'planned') b.status = 'cancelled';
      }
    }

    // Apply: every target in parallel (one region's failure does not stop another), bots in turn.
    if (!dryRun && !cancelled) {
      await Promise.all(
        runs.map(async (run) => {
          for (const res of run.results) {
            if (res.status !== 'planned') continue;
            const planned = run.planned.get(res.bot)!;
            if (planned.plan.noChanges) {
              res.status = 'no-changes';
              continue;
            }
            const before = run.clients!.counter.snapshot();
            const t0 = Date.now();
            try {
              const out = await applyBot(run, project, planned, opts, progress);
              Object.assign(res, out);
            } catch (err) {
              res.status = 'failed';
              res.error = messageOf(err);
              if (err instanceof BuildFailedError) res.failures = err.failures;
            } finally {
              res.calls = addStats(res.calls, run.clients!.counter.since(before));
              res.durationMs += Date.now() - t0;
            }
          }
        }),
      );
    }

    const targets: TargetResult[] = runs.map((run) => ({
      target: run.name,
      region: run.region,
      kind: run.kind,
      ...(run.endpoint ? { endpoint: run.endpoint } : {}),
      bots: run.results,
      ok: run.results.every((b) => b.status !== 'failed'),
      ...(run.error ? { error: run.error } : {}),
    }));
    const calls = targets.flatMap((t) => t.bots.map((b) => b.calls)).reduce(addStats, emptyStats());
    return { ok: !cancelled && targets.every((t) => t.ok), dryRun, targets, ...(cancelled ? { cancelled } : {}), calls, durationMs: Date.now() - started };
  } finally {
    progress.close();
    for (const run of runs) run.clients?.destroy();
    await stopEmulator?.();
  }
}

/** The runs of a target spec: one per region (or the local one), each with the bots it gets. */
function resolveRuns(spec: DeployTargetSpec, bots: Bot[]): Run[] {
  const run = (name: string, kind: 'local' | 'aws', region: string, list: Run['bots']): Run => ({ name, kind, region, bots: list, results: [], planned: new Map() });
  if (spec.kind === 'local') return [run('local', 'local', LOCAL_REGION, bots.map((bot) => ({ bot, target: localTarget(bot) })))];
  const regions = 'allRegions' in spec ? allRegions(bots) : [...new Set(spec.regions)];
  if (!regions.length) throw new DeployUsageError(`No bot has a target region: add targets.<region> to ${bots.map((b) => b.file).join(', ')}.`);
  return regions.map((region) => {
    const list = bots.flatMap((bot) => {
      const target = awsTarget(bot, region);
      return target ? [{ bot, target }] : [];
    });
    if (!list.length) {
      throw new DeployUsageError(`No bot has a target for ${region}: add targets.${region} to ${bots.map((b) => b.file).join(', ')} (regions with targets: ${allRegions(bots).join(', ') || 'none'}).`);
    }
    return run(region, 'aws', region, list);
  });
}

/**
 * Applies one bot's plan under the lease: takes the lease (waiting for another deploy), reads and
 * plans again (the other deploy may have changed the bot), applies, releases. A bot that does not
 * exist is created with the lease already on it.
 */
async function applyBot(run: Run, project: Project, planned: PlannedBot, opts: DeployOptions, progress: Progress): Promise<Partial<BotResult>> {
  const clients = run.clients!;
  const { bot, target } = planned.desired;
  const scope = `${run.name} ${bot.name}`;
  const planOpts = { keepVersions: opts.keepVersions ?? 5, concurrency: opts.readConcurrency ?? 8, pageSize: opts.pageSize ?? 100 };
  const lease = new Lease(clients.lex, bot.name, run.region, {
    waitSeconds: opts.leaseWaitSeconds ?? 300,
    ...opts.lease,
    onWait: (h) => progress.activity(scope, `waiting for the deploy lease held by ${h.owner} (until ${h.expires.toISOString()})`),
  });
  const waiter = { ...(run.kind === 'local' ? LOCAL_WAITER : AWS_WAITER), ...opts.waiter };
  const ctx = { clients, project, progress, scope, waiter, buildConcurrency: opts.buildConcurrency ?? 5 };
  const warnings: string[] = [];
  const done = (out: ApplyResult, plan: Plan): Partial<BotResult> => ({
    status: 'applied',
    plan,
    botId: out.botId,
    ...(out.botVersion ? { botVersion: out.botVersion } : {}),
    ...(out.aliasId ? { aliasId: out.aliasId } : {}),
    ...(out.aliasArn ? { aliasArn: out.aliasArn } : {}),
    warnings: out.warnings,
  });
  const release = async (arn: string) => {
    try {
      await lease.release(arn);
    } catch (err) {
      warnings.push(`could not release the deploy lease (${messageOf(err)}); it expires by itself`);
    }
  };

  const underLease = async (arn: string): Promise<Partial<BotResult>> => {
    await lease.acquire(arn);
    try {
      progress.activity(scope, 'reading current state again under the lease');
      const again = await planBot(clients, project, bot, target, planOpts);
      if (again.plan.noChanges) {
        progress.line(scope, 'no changes left: another deploy applied them');
        return { status: 'no-changes', plan: again.plan, ...(again.current ? { botId: again.current.botId } : {}), warnings: [] };
      }
      return done(await applyPlan(ctx, again), again.plan);
    } finally {
      await release(arn);
    }
  };

  const run_ = async (): Promise<Partial<BotResult>> => {
    if (planned.current) return underLease(planned.current.arn);
    let createdArn: string | undefined;
    try {
      const out = await applyPlan({ ...ctx, creationTags: lease.creationTag(), onBotCreated: (arn) => ((createdArn = arn), lease.heldSinceCreation(arn)) }, planned);
      return done(out, planned.plan);
    } catch (err) {
      // Another deploy created the bot first: continue as for an existing bot.
      if (!createdArn && err instanceof ApplyError && err.step.startsWith('CreateBot') && (err.cause as Error | undefined)?.name === 'ConflictException') {
        progress.line(scope, 'another deploy created the bot first; waiting for its lease');
        const again = await planBot(clients, project, bot, target, planOpts);
        if (!again.current) throw err;
        return underLease(again.current.arn);
      }
      throw err;
    } finally {
      if (createdArn) await release(createdArn);
    }
  };
  const out = await run_();
  out.warnings = [...(out.warnings ?? []), ...warnings];
  return out;
}

function result(run: Run, bot: Bot, fields: Partial<BotResult> & { status: BotResult['status'] }, calls: CallStats, t0: number): BotResult {
  const locale = bot.locales[0];
  const text = locale?.intents.flatMap((i) => i.sampleUtterances.map((u) => u.text)).find((t) => !t.includes('{'));
  return {
    bot: bot.name,
    target: run.name,
    region: run.region,
    warnings: [],
    calls,
    durationMs: Date.now() - t0,
    ...(locale && text ? { example: { localeId: locale.localeId, text } } : {}),
    ...fields,
  };
}

/** Sum of two call counts. */
export function addStats(a: CallStats, b: CallStats): CallStats {
  const byOperation = { ...a.byOperation };
  for (const [op, n] of Object.entries(b.byOperation)) byOperation[op] = (byOperation[op] ?? 0) + n;
  return {
    total: a.total + b.total,
    reads: a.reads + b.reads,
    writes: a.writes + b.writes,
    attempts: a.attempts + b.attempts,
    retries: a.retries + b.retries,
    byOperation,
    writeLog: [...a.writeLog, ...b.writeLog],
  };
}

function messageOf(err: unknown): string {
  if (err instanceof LeaseBusyError || err instanceof BuildFailedError || err instanceof ApplyError) return err.message;
  if (err instanceof Error) return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}
