/**
 * Fault injection for the emulator: throttle or fail the next N calls of an operation, slow
 * operations down, make the next builds fail. Off unless configured. Tests drive it through the
 * {@link FaultController} that `startEmulator` returns; `bots local serve --fault` and the
 * `BOTS_LOCAL_FAULTS` environment variable take the same rules as text (see {@link parseFaults}).
 * @module
 */
import { internal, throttled, type LexError } from './errors.js';

/** Operation name (`CreateBot`, `RecognizeText`, ...) or `*` for every operation. */
export type OperationSelector = string;

/** Faults to start with. Counts are "the next N calls"; latency applies to every call until changed. */
export interface FaultConfig {
  /** Answer the next N calls of the operation with ThrottlingException (429). */
  throttle?: Record<OperationSelector, number>;
  /** Answer the next N calls of the operation with InternalServerException (500). */
  serverError?: Record<OperationSelector, number>;
  /** Delay every call of the operation by this many milliseconds. */
  latencyMs?: Record<OperationSelector, number>;
  /** Fail the next N BuildBotLocale builds (the locale ends Failed with a failure reason). */
  failBuilds?: number;
  /** `Retry-After` seconds sent with injected throttles; default 1 (the SDK waits at least that long before retrying). */
  retryAfterSeconds?: number;
}

/** What the server does for one call, decided before the handler runs. */
export interface FaultEffect {
  latencyMs: number;
  error?: LexError;
}

/** One fault that fired, for tests to assert on. */
export interface InjectedFault {
  operation: string;
  kind: 'throttle' | 'serverError' | 'failBuild';
}

/** The injected build failure reason when none is given. */
export const INJECTED_BUILD_FAILURE = 'Injected fault: the build failed (fault injection is on for this emulator).';

/** Live fault settings of one emulator. */
export class FaultController {
  private throttles = new Map<string, number>();
  private serverErrors = new Map<string, number>();
  private latencies = new Map<string, number>();
  private buildFailures: string[] = [];
  private retryAfter = 1;
  /** Faults that fired, oldest first. */
  readonly injected: InjectedFault[] = [];

  constructor(config: FaultConfig = {}) {
    this.configure(config);
  }

  /** Adds the faults of `config` to the current ones. */
  configure(config: FaultConfig): this {
    for (const [op, n] of Object.entries(config.throttle ?? {})) this.throttle(op, n);
    for (const [op, n] of Object.entries(config.serverError ?? {})) this.serverError(op, n);
    for (const [op, ms] of Object.entries(config.latencyMs ?? {})) this.latency(op, ms);
    if (config.failBuilds) this.failNextBuild(config.failBuilds);
    if (config.retryAfterSeconds !== undefined) this.retryAfter = config.retryAfterSeconds;
    return this;
  }

  /** Throttles the next `count` calls of `operation` (`*` = any). `retryAfterSeconds` 0 lets SDK retries start at once. */
  throttle(operation: OperationSelector, count = 1, opts: { retryAfterSeconds?: number } = {}): this {
    this.throttles.set(operation, (this.throttles.get(operation) ?? 0) + count);
    if (opts.retryAfterSeconds !== undefined) this.retryAfter = opts.retryAfterSeconds;
    return this;
  }

  /** Answers the next `count` calls of `operation` with a 500 InternalServerException. */
  serverError(operation: OperationSelector, count = 1): this {
    this.serverErrors.set(operation, (this.serverErrors.get(operation) ?? 0) + count);
    return this;
  }

  /** Delays every call of `operation` by `ms` (0 removes the delay). */
  latency(operation: OperationSelector, ms: number): this {
    if (ms > 0) this.latencies.set(operation, ms);
    else this.latencies.delete(operation);
    return this;
  }

  /** Makes the next `count` builds fail with `reason`. */
  failNextBuild(count = 1, reason: string = INJECTED_BUILD_FAILURE): this {
    for (let i = 0; i < count; i++) this.buildFailures.push(reason);
    return this;
  }

  /** Removes every fault and forgets what fired. */
  reset(): void {
    this.throttles.clear();
    this.serverErrors.clear();
    this.latencies.clear();
    this.buildFailures = [];
    this.retryAfter = 1;
    this.injected.length = 0;
  }

  /** Decides the fault for one call of `operation` and consumes counted faults. */
  take(operation: string): FaultEffect {
    const latencyMs = this.latencies.get(operation) ?? this.latencies.get('*') ?? 0;
    if (consume(this.throttles, operation)) {
      this.injected.push({ operation, kind: 'throttle' });
      return { latencyMs, error: throttled(this.retryAfter) };
    }
    if (consume(this.serverErrors, operation)) {
      this.injected.push({ operation, kind: 'serverError' });
      return { latencyMs, error: internal('Injected fault: internal server error.') };
    }
    return { latencyMs };
  }

  /** The failure reason for the build being submitted, or undefined when no failure is pending. */
  takeBuildFailure(): string | undefined {
    const reason = this.buildFailures.shift();
    if (reason !== undefined) this.injected.push({ operation: 'BuildBotLocale', kind: 'failBuild' });
    return reason;
  }
}

/** Takes one from the operation's count, else from `*`; true when a fault fires. */
function consume(counts: Map<string, number>, operation: string): boolean {
  for (const key of [operation, '*']) {
    const n = counts.get(key) ?? 0;
    if (n > 0) {
      if (n === 1) counts.delete(key);
      else counts.set(key, n - 1);
      return true;
    }
  }
  return false;
}

/**
 * Parses fault rules written as text, separated by commas or given as several strings:
 *
 * - `throttle:<Operation|*>[:N]` - throttle the next N calls (default 1)
 * - `error:<Operation|*>[:N]` - answer the next N calls with a 500
 * - `latency:<Operation|*>:<ms>` - delay every call
 * - `fail-build[:N]` - fail the next N builds
 * - `retry-after:<seconds>` - `Retry-After` of injected throttles
 *
 * @throws Error naming the rule that does not parse.
 * @example parseFaults('throttle:CreateBot:2,latency:*:100')
 */
export function parseFaults(spec: string | readonly string[]): FaultConfig {
  const rules = (typeof spec === 'string' ? [spec] : spec).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const config: FaultConfig = {};
  const count = (text: string | undefined, rule: string, fallback?: number): number => {
    if (text === undefined && fallback !== undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new Error(`Fault "${rule}": "${text ?? ''}" is not a whole number.`);
    return n;
  };
  for (const rule of rules) {
    const [kind, a, b, ...rest] = rule.split(':');
    if (rest.length) throw new Error(`Fault "${rule}" has too many parts.`);
    switch (kind) {
      case 'throttle':
      case 'error': {
        if (!a) throw new Error(`Fault "${rule}" needs an operation name or *, e.g. ${kind}:CreateBot:2.`);
        const key = kind === 'throttle' ? 'throttle' : 'serverError';
        const map = (config[key] ??= {});
        map[a] = (map[a] ?? 0) + count(b, rule, 1);
        break;
      }
      case 'latency':
        if (!a || b === undefined) throw new Error(`Fault "${rule}" needs an operation and milliseconds, e.g. latency:*:200.`);
        (config.latencyMs ??= {})[a] = count(b, rule);
        break;
      case 'fail-build':
        if (b !== undefined) throw new Error(`Fault "${rule}": write fail-build or fail-build:N.`);
        config.failBuilds = (config.failBuilds ?? 0) + count(a, rule, 1);
        break;
      case 'retry-after':
        config.retryAfterSeconds = count(a, rule);
        break;
      default:
        throw new Error(`Unknown fault "${rule}": use throttle:<Op>[:N], error:<Op>[:N], latency:<Op>:<ms>, fail-build[:N] or retry-after:<s>.`);
    }
  }
  return config;
}
