/**
 * Small concurrency tools: a limit on parallel tasks (reads, builds) and a mutex (writes to one bot).
 * @module
 */

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Runs at most `limit` of the tasks given to {@link Limiter.run} at once, in submission order. */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`Limiter: limit must be a positive integer, not ${limit}`);
  }

  /** Runs `task` when a slot is free. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  /** Maps `items` through `fn` with this limiter; rejects with the first failure after all settled. */
  async map<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
    const settled = await Promise.allSettled(items.map((item, i) => this.run(() => fn(item, i))));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
  }
}

/** A mutex: {@link Mutex.lock} runs one task at a time, in order. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task locked before it has finished. */
  lock<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    // Keep the chain alive whatever the task's outcome.
    this.tail = run.catch(() => undefined);
    return run;
  }
}
