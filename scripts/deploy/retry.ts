/**
 * Retries: an SDK retry strategy for every client of a deploy, and a wrapper for the Lex answers
 * that mean "not now" rather than "no" (a build quota reached, a build already running).
 *
 * Why not the SDK's standard strategy: it keeps a retry-token bucket per client (each retried
 * transient error costs 14 of 500 tokens), so a long deploy that meets a throttling burst can run
 * out of retries for the rest of its calls. A deploy is one user's bounded sequence of calls;
 * bounded attempts with exponential backoff and full jitter are enough, and `Retry-After`
 * (Lex's `retryAfterSeconds`) is honoured as the lower bound of the wait.
 *
 * @see https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/CommonErrors.html
 * @module
 */
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { sleep } from './concurrency.js';

/** Retry settings of a deploy. */
export interface RetryOptions {
  /** Attempts per call, the first included (default 8 against AWS, 5 locally). */
  maxAttempts?: number;
  /** Base of the exponential backoff for 5xx and network errors, ms (default 100). */
  baseDelayMs?: number;
  /** Base for throttling errors, ms (default 500). */
  throttleBaseDelayMs?: number;
  /** Longest backoff, ms (default 20,000). */
  maxDelayMs?: number;
  /** Longest `Retry-After` honoured, ms (default 60,000): a server asking for more is treated as this. */
  maxRetryAfterMs?: number;
  /** Called before each retry with the wait chosen. */
  onRetry?: (retry: { errorType: string; attempt: number; delayMs: number }) => void;
}

class Token implements RetryToken {
  constructor(
    private readonly count: number,
    private readonly delay: number,
  ) {}
  getRetryCount(): number {
    return this.count;
  }
  getRetryDelay(): number {
    return this.delay;
  }
}

/**
 * A `RetryStrategyV2` for the SDK clients (`retryStrategy` client option): retries throttling,
 * transient (5xx, timeouts, connection resets) and other server errors up to `maxAttempts`, waiting
 * `random(0, min(max, base × 2^n))` and at least what `Retry-After` asks.
 */
export class DeployRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard';
  private readonly opts: Required<Omit<RetryOptions, 'onRetry'>> & Pick<RetryOptions, 'onRetry'>;

  constructor(opts: RetryOptions = {}) {
    this.opts = {
      maxAttempts: opts.maxAttempts ?? 8,
      baseDelayMs: opts.baseDelayMs ?? 100,
      throttleBaseDelayMs: opts.throttleBaseDelayMs ?? 500,
      maxDelayMs: opts.maxDelayMs ?? 20_000,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 60_000,
      onRetry: opts.onRetry,
    };
  }

  /** Attempts per call. */
  get maxAttempts(): number {
    return this.opts.maxAttempts;
  }

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return new Token(0, 0);
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const retryable = info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT' || info.errorType === 'SERVER_ERROR';
    const attempts = token.getRetryCount() + 1;
    if (!retryable || attempts >= this.opts.maxAttempts) throw new Error('No retry token available');
    const delayMs = this.delayFor(info, token.getRetryCount());
    this.opts.onRetry?.({ errorType: info.errorType, attempt: attempts, delayMs });
    return new Token(attempts, delayMs);
  }

  recordSuccess(): void {}

  /** The wait before retry number `retry + 1`, ms. */
  delayFor(info: Pick<RetryErrorInfo, 'errorType' | 'retryAfterHint'>, retry: number): number {
    const base = info.errorType === 'THROTTLING' ? this.opts.throttleBaseDelayMs : this.opts.baseDelayMs;
    const backoff = Math.floor(Math.random() * Math.min(this.opts.maxDelayMs, base * 2 ** retry));
    const hint = info.retryAfterHint instanceof Date ? Math.min(this.opts.maxRetryAfterMs, info.retryAfterHint.getTime() - Date.now()) : 0;
    return Math.max(backoff, hint);
  }
}

/** Error names that mean "try again later" for the operations wrapped by {@link retryBusy}. */
const BUSY = new Set(['ServiceQuotaExceededException', 'ConflictException']);

/**
 * Retries `fn` while it fails with an error `isBusy` accepts (default: the Lex errors for a full
 * build quota and a build already running), waiting with backoff up to `maxWaitMs` in total.
 * Used for BuildBotLocale: Lex allows 5 builds at once per account and region, and builds of other
 * bots (or another deploy) count against it.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html
 */
export async function retryBusy<T>(
  fn: () => Promise<T>,
  opts: { maxWaitMs: number; baseDelayMs?: number; maxDelayMs?: number; isBusy?: (err: unknown) => boolean; onWait?: (err: unknown, delayMs: number) => void },
): Promise<T> {
  const isBusy = opts.isBusy ?? ((err: unknown) => err instanceof Error && BUSY.has(err.name));
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isBusy(err)) throw err;
      const delay = Math.min(opts.maxDelayMs ?? 10_000, (opts.baseDelayMs ?? 500) * 2 ** Math.min(attempt, 10));
      if (Date.now() - started + delay > opts.maxWaitMs) throw err;
      opts.onWait?.(err, delay);
      await sleep(delay);
    }
  }
}
