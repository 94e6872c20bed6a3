/**
 * The SDK clients of one deploy target (Lex Models V2, and for AWS targets Lambda, Amazon Connect
 * and CloudFormation for the fulfillment stack's outputs), all with the deploy's retry strategy and
 * a middleware that counts calls.
 *
 * Credentials and region come from the SDK's standard chain (environment, `AWS_PROFILE` or
 * `--profile`, SSO, instance roles) unless given; the local target uses dummy credentials, which
 * the emulator accepts.
 *
 * @see https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/setting-credentials-node.html
 * @see https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/middleware.html
 * @module
 */
import { LexModelsV2Client } from '@aws-sdk/client-lex-models-v2';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { ConnectClient } from '@aws-sdk/client-connect';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, HandlerExecutionContext, MiddlewareStack } from '@smithy/types';
import { DeployRetryStrategy, type RetryOptions } from './retry.js';
import type { CallStats } from './types.js';

/** Which service a call went to. */
export type ServiceName = 'lex' | 'lambda' | 'connect' | 'cloudformation';

/** One logical API call, reported before it is sent (test hooks use it to inject faults). */
export interface CallInfo {
  service: ServiceName;
  /** Operation name without `Command`, e.g. `CreateIntent`. */
  operation: string;
  kind: 'read' | 'write';
  input: unknown;
}

/** Read operations: everything that only looks. */
export function isReadOperation(operation: string): boolean {
  return /^(Describe|List|Get|Search)/.test(operation);
}

/** Counts calls and attempts of every client it is attached to. */
export class CallCounter {
  private stats: CallStats = emptyStats();

  constructor(private readonly onCall?: (call: CallInfo) => void) {}

  /** Attaches the counting middlewares to a client's stack. */
  attach(stack: MiddlewareStack<any, any>, service: ServiceName): void {
    stack.add(
      (next, context: HandlerExecutionContext) => async (args) => {
        const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
        const kind = isReadOperation(operation) ? 'read' : 'write';
        // Lex operations by name; the others with their service (Lex and Connect both have ListBots).
        const key = service === 'lex' ? operation : `${service}.${operation}`;
        this.stats.total++;
        this.stats[kind === 'read' ? 'reads' : 'writes']++;
        this.stats.byOperation[key] = (this.stats.byOperation[key] ?? 0) + 1;
        if (kind === 'write') this.stats.writeLog.push(key);
        this.onCall?.({ service, operation, kind, input: args.input });
        return next(args);
      },
      { step: 'initialize', name: 'botsDeployCallCounter', priority: 'high' },
    );
    // Inside the retry middleware (same step, lower priority): once per HTTP attempt.
    stack.add(
      (next) => async (args) => {
        this.stats.attempts++;
        return next(args);
      },
      { step: 'finalizeRequest', name: 'botsDeployAttemptCounter', priority: 'low' },
    );
  }

  /** A copy of the counts so far. */
  snapshot(): CallStats {
    const s = structuredClone(this.stats);
    // A call that failed before its first HTTP attempt (no credentials) makes no attempt: not a negative retry.
    s.retries = Math.max(0, s.attempts - s.total);
    return s;
  }

  /** The counts since `before` (a {@link snapshot}). */
  since(before: CallStats): CallStats {
    const now = this.snapshot();
    const byOperation: Record<string, number> = {};
    for (const [op, n] of Object.entries(now.byOperation)) {
      const d = n - (before.byOperation[op] ?? 0);
      if (d) byOperation[op] = d;
    }
    const out: CallStats = {
      total: now.total - before.total,
      reads: now.reads - before.reads,
      writes: now.writes - before.writes,
      attempts: now.attempts - before.attempts,
      retries: 0,
      byOperation,
      writeLog: now.writeLog.slice(before.writeLog.length),
    };
    out.retries = Math.max(0, out.attempts - out.total);
    return out;
  }
}

/** Empty {@link CallStats}. */
export function emptyStats(): CallStats {
  return { total: 0, reads: 0, writes: 0, attempts: 0, retries: 0, byOperation: {}, writeLog: [] };
}

/** How to reach and authenticate to one target's services. */
export interface ClientSettings {
  region: string;
  /** Endpoint overrides (the emulator, or test fakes). */
  endpoints?: Partial<Record<ServiceName, string>>;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Shared config/credentials profile (`--profile`). */
  profile?: string;
  retry?: RetryOptions;
  onCall?: (call: CallInfo) => void;
}

/** The clients of one target. */
export interface DeployClients {
  lex: LexModelsV2Client;
  /** The Lambda client, loaded on first use (only AWS targets with a code-hook Lambda need it). */
  lambda(): Promise<LambdaClient>;
  /** The Amazon Connect client, loaded on first use. */
  connect(): Promise<ConnectClient>;
  /** The CloudFormation client (fulfillment stack outputs), loaded on first use. */
  cloudformation(): Promise<CloudFormationClient>;
  counter: CallCounter;
  /** Attempts per call of the retry strategy. */
  maxAttempts: number;
  destroy(): void;
}

/** Builds the clients of a target. */
export function createClients(settings: ClientSettings): DeployClients {
  const counter = new CallCounter(settings.onCall);
  const retryStrategy = new DeployRetryStrategy(settings.retry);
  const common = (service: ServiceName) => ({
    region: settings.region,
    retryStrategy,
    maxAttempts: retryStrategy.maxAttempts,
    ...(settings.endpoints?.[service] ? { endpoint: settings.endpoints[service] } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
  });
  const lex = new LexModelsV2Client(common('lex'));
  counter.attach(lex.middlewareStack, 'lex');
  let lambda: Promise<LambdaClient> | undefined;
  let connect: Promise<ConnectClient> | undefined;
  let cloudformation: Promise<CloudFormationClient> | undefined;
  return {
    lex,
    counter,
    maxAttempts: retryStrategy.maxAttempts,
    // Loaded lazily: the Connect client alone is several MB of JavaScript.
    lambda: () =>
      (lambda ??= import('@aws-sdk/client-lambda').then(({ LambdaClient }) => {
        const c = new LambdaClient(common('lambda'));
        counter.attach(c.middlewareStack, 'lambda');
        return c;
      })),
    connect: () =>
      (connect ??= import('@aws-sdk/client-connect').then(({ ConnectClient }) => {
        const c = new ConnectClient(common('connect'));
        counter.attach(c.middlewareStack, 'connect');
        return c;
      })),
    cloudformation: () =>
      (cloudformation ??= import('@aws-sdk/client-cloudformation').then(({ CloudFormationClient }) => {
        const c = new CloudFormationClient(common('cloudformation'));
        counter.attach(c.middlewareStack, 'cloudformation');
        return c;
      })),
    destroy: () => {
      lex.destroy();
      void cloudformation?.then((c) => c.destroy());
      void lambda?.then((c) => c.destroy());
      void connect?.then((c) => c.destroy());
    },
  };
}
