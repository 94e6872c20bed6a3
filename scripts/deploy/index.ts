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
 * The contact flows of `flows/` follow the bots of each target (`flows.ts`): planned with them,
 * applied after them, only when every bot of the target succeeded.
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
import { credentialsProblem, missingCredentials } from './credentials.js';
import { createClients, emptyStats, type CallInfo, type DeployClients, type ServiceName } from './clients.js';
import { Lease, LeaseBusyError, type LeaseOptions } from './lease.js';
import { applyFlows, FlowReferenceError, planFlows, type FlowBot, type PlannedFlows } from './flows.js';
import { planBot, type PlannedBot } from './plan.js';
import { silentProgress, type Progress } from './progress.js';
import type { RetryOptions } from './retry.js';
import { readStackOutputs, resolveFromStack } from './stack-outputs.js';
import { allRegions, awsTarget, LOCAL_CONNECT_INSTANCE_ID, localTarget, LOCAL_REGION } from './targets.js';
import type { BotResult, CallStats, FlowPlan, FlowsResult, Plan, ResolvedTarget, TargetResult } from './types.js';

export type { BotResult, CallStats, Change, FlowPlan, FlowsResult, MappedFailure, Plan, TargetResult } from './types.js';

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
  /** Called with each target's contact-flow plan as soon as it is computed. */
  onFlowPlan?: (plan: FlowPlan) => void;
  /** Called before applying AWS targets with changes (bots or flows); false cancels (the CLI asks on a terminal). */
  confirm?: (plans: Plan[], flowPlans: FlowPlan[]) => Promise<boolean>;

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

/**
 * No AWS credentials for an AWS target (or AWS refused them): thrown before any API call, so
 * nothing is read or written. `fix` says how to sign in.
 */
export class DeployCredentialsError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'DeployCredentialsError';
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
  /** The contact flows' outcome, and their plan while it may still be applied. */
  flows?: FlowsResult;
  flowsPlanned?: PlannedFlows;
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
          // The emulator also serves the Connect subset the flows need.
          endpoints: { lex: endpoint, connect: endpoint },
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

    // Credentials first: without them every call fails after the SDK's own retries, one target at a time.
    for (const run of runs) {
      if (run.kind !== 'aws') continue;
      const why = await missingCredentials(run.clients!.lex);
      if (why) {
        const problem = credentialsProblem(Object.assign(new Error(why), { name: 'CredentialsProviderError' }), run.region, opts.profile)!;
        throw new DeployCredentialsError(`${problem.message} Nothing was deployed.`, problem.fix);
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
        if (project.flows?.flows.length) {
          await planRunFlows(run, project, opts, progress);
          if (run.flows?.plan) opts.onFlowPlan?.(run.flows.plan);
        }
      }),
    );

    const dryRun = opts.dryRun ?? false;
    let cancelled = false;
    if (!dryRun) {
      const awsChanges = runs.filter((r) => r.kind === 'aws').flatMap((r) => r.results.filter((b) => b.plan && !b.plan.noChanges).map((b) => b.plan!));
      const flowChanges = runs.filter((r) => r.kind === 'aws' && r.flows?.status === 'planned' && !r.flows.plan?.noChanges).map((r) => r.flows!.plan!);
      if ((awsChanges.length || flowChanges.length) && opts.confirm && !(await opts.confirm(awsChanges, flowChanges))) {
        cancelled = true;
        for (const r of runs) for (const b of r.results) if (b.status === 'planned') b.status = 'cancelled';
        for (const r of runs) if (r.flows?.status === 'planned') r.flows.status = 'cancelled';
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
          if (run.flows?.status === 'planned') await applyRunFlows(run, project, opts, progress);
        }),
      );
    }

    const targets: TargetResult[] = runs.map((run) => ({
      target: run.name,
      region: run.region,
      kind: run.kind,
      ...(run.endpoint ? { endpoint: run.endpoint } : {}),
      bots: run.results,
      ...(run.flows ? { flows: run.flows } : {}),
      ok: run.results.every((b) => b.status !== 'failed') && run.flows?.status !== 'failed',
      ...(run.error ? { error: run.error } : {}),
    }));
    const calls = targets.flatMap((t) => [...t.bots.map((b) => b.calls), ...(t.flows ? [t.flows.calls] : [])]).reduce(addStats, emptyStats());
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

/** The Connect instance of a run's flows: the local one, or the one `connectInstanceId` of its bot targets. */
function flowInstanceOf(run: Run): { instanceId?: string; error?: string; skip?: string } {
  if (run.kind === 'local') return { instanceId: LOCAL_CONNECT_INSTANCE_ID };
  const ids = [...new Set(run.bots.map((b) => b.target.connectInstanceId).filter((x): x is string => !!x))];
  if (ids.length > 1) return { error: `the bots name different Connect instances in ${run.region} (${ids.join(', ')}); the flows need one` };
  if (!ids.length) return { skip: `no bot target in ${run.region} names a connectInstanceId (targets.${run.region}.connectInstanceId in the bot file)` };
  return { instanceId: ids[0]! };
}

/** The bots of a run as the flows see them: after apply (`applied`), or as planned. */
function flowBots(run: Run, applied: boolean): FlowBot[] {
  return run.bots.map(({ bot, target }) => {
    const res = run.results.find((r) => r.bot === bot.name);
    const planned = run.planned.get(bot.name);
    // Before apply the alias ARN is known unless the deploy creates the alias.
    const arn = applied ? res?.aliasArn : planned?.plan.alias.action === 'create' ? undefined : (planned?.current?.aliasArn ?? res?.aliasArn);
    return { name: bot.name, alias: target.alias, ...(arn ? { aliasArn: arn } : {}) };
  });
}

/** Plans a run's contact flows (reads only) into `run.flows`. */
async function planRunFlows(run: Run, project: Project, opts: DeployOptions, progress: Progress): Promise<void> {
  const before = run.clients!.counter.snapshot();
  const t0 = Date.now();
  const done = (fields: Pick<FlowsResult, 'status'> & Partial<FlowsResult>) => {
    run.flows = { target: run.name, region: run.region, calls: run.clients!.counter.since(before), durationMs: Date.now() - t0, ...fields };
  };
  if (opts.bot) return done({ status: 'skipped', error: `only ${opts.bot} is deployed (--bot); the flows are deployed with every bot` });
  const failed = run.results.find((r) => r.status === 'failed');
  if (failed) return done({ status: 'skipped', error: `not planned: ${failed.bot} failed` });
  const where = flowInstanceOf(run);
  if (where.skip) return done({ status: 'skipped', error: where.skip });
  if (where.error) return done({ status: 'failed', error: where.error });
  const scope = `${run.name} flows`;
  progress.activity(scope, 'reading the contact flows');
  try {
    run.flowsPlanned = await planFlows(await run.clients!.connect(), project.flows!, {
      target: run.name,
      region: run.region,
      kind: run.kind,
      instanceId: where.instanceId!,
      bots: flowBots(run, false),
      ...(run.readStack ? { readStack: run.readStack } : {}),
      pageSize: opts.pageSize ?? 100,
    });
    done({ status: 'planned', plan: run.flowsPlanned.plan });
  } catch (err) {
    done({ status: 'failed', error: messageOf(err) });
  } finally {
    progress.activity(scope, undefined);
  }
}

/**
 * Applies a run's planned flows after its bots: skipped when a bot did not succeed; planned again
 * when a bot changed (a new alias has a new ARN); nothing written when a reference fails.
 */
async function applyRunFlows(run: Run, project: Project, opts: DeployOptions, progress: Progress): Promise<void> {
  const flows = run.flows!;
  const before = run.clients!.counter.snapshot();
  const t0 = Date.now();
  const scope = `${run.name} flows`;
  try {
    const notOk = run.results.find((r) => r.status !== 'applied' && r.status !== 'no-changes');
    if (notOk) {
      flows.status = 'skipped';
      flows.error = `not deployed: ${notOk.bot} ${notOk.status === 'failed' ? 'failed' : `is ${notOk.status}`}; no flow was written`;
      return;
    }
    let planned = run.flowsPlanned!;
    if (run.results.some((r) => r.status === 'applied')) {
      progress.activity(scope, 'reading the contact flows again after the bots');
      const connect = await run.clients!.connect();
      planned = await planFlows(connect, project.flows!, {
        target: run.name,
        region: run.region,
        kind: run.kind,
        instanceId: planned.plan.instanceId,
        bots: flowBots(run, true),
        ...(run.readStack ? { readStack: run.readStack } : {}),
        pageSize: opts.pageSize ?? 100,
      });
    }
    flows.plan = planned.plan;
    if (planned.plan.noChanges) {
      flows.status = 'no-changes';
      return;
    }
    await applyFlows(await run.clients!.connect(), planned, (line) => progress.line(scope, line));
    flows.status = 'applied';
  } catch (err) {
    flows.status = 'failed';
    flows.error = messageOf(err);
  } finally {
    progress.activity(scope, undefined);
    flows.calls = addStats(flows.calls, run.clients!.counter.since(before));
    flows.durationMs += Date.now() - t0;
  }
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
  if (err instanceof LeaseBusyError || err instanceof BuildFailedError || err instanceof ApplyError || err instanceof FlowReferenceError) return err.message;
  if (err instanceof Error) return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}
