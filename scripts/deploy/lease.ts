/**
 * A lease on a bot, so that two deploys to the same bot and region never interleave their writes.
 *
 * Lex has no lock and tags have no compare-and-swap, so each deploy writes its own tag
 * `bots:deploy-lease:<id>` = `<owner>@<expiry ISO>` and then reads the tags back: it holds the
 * lease only if no other live lease tag is there; otherwise it removes its tag, waits and tries
 * again. Two deploys can never both win: the later writer's read-back necessarily sees the earlier
 * writer's tag (which stays until released). A new bot gets the tag in CreateBot's `botTags`, so a
 * bot never exists without its creator's lease.
 *
 * A lease expires (default 15 minutes; renewed while the deploy runs), so a deploy that was killed
 * blocks the next one at most that long; a lease held by a process that no longer runs on this
 * machine is taken over at once.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_TagResource.html
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListTagsForResource.html
 * @module
 */
import { ListTagsForResourceCommand, TagResourceCommand, UntagResourceCommand, type LexModelsV2Client } from '@aws-sdk/client-lex-models-v2';
import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { sleep } from './concurrency.js';

/** Prefix of lease tag keys. */
export const LEASE_TAG_PREFIX = 'bots:deploy-lease:';

/** Lease timing. */
export interface LeaseOptions {
  /** How long a lease lasts without renewal, s (default 900). */
  ttlSeconds?: number;
  /** How long to wait for another deploy's lease, s (default 300; 0: fail at once). */
  waitSeconds?: number;
  /** Poll interval while waiting, ms (default 5,000). */
  pollMs?: number;
  /** Who holds it (default `<user>@<host>:<pid>`). */
  owner?: string;
  /** Called while waiting, with the holder. */
  onWait?: (holder: LeaseHolder) => void;
}

/** A lease read from a tag. */
export interface LeaseHolder {
  id: string;
  owner: string;
  expires: Date;
}

/** Another deploy holds the lease and did not release it in time. */
export class LeaseBusyError extends Error {
  constructor(
    readonly bot: string,
    readonly region: string,
    readonly holder: LeaseHolder,
  ) {
    super(
      `${bot} in ${region} is being deployed by ${holder.owner} (lease until ${holder.expires.toISOString()}). ` +
        `Wait for it to finish and run the deploy again, or raise --lease-wait. A lease left by a killed deploy expires at that time; ` +
        `to remove it earlier: aws lexv2-models untag-resource --resource-arn <bot ARN> --tag-keys ${LEASE_TAG_PREFIX}${holder.id}`,
    );
    this.name = 'LeaseBusyError';
  }
}

/** Leases this process holds now (by id): a lease with this process's pid but not in here is stale. */
const heldHere = new Set<string>();

const HOST = hostname();

function defaultOwner(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No user entry (some containers).
  }
  return `${user}@${HOST}:${process.pid}`;
}

/** Parses a lease tag; undefined when it is not one. */
export function parseLease(key: string, value: string): LeaseHolder | undefined {
  if (!key.startsWith(LEASE_TAG_PREFIX)) return undefined;
  const at = value.lastIndexOf('@');
  const expires = new Date(value.slice(at + 1));
  if (at < 0 || Number.isNaN(expires.getTime())) return undefined;
  return { id: key.slice(LEASE_TAG_PREFIX.length), owner: value.slice(0, at), expires };
}

/** Whether `holder` can be ignored: expired, or held by a process of this machine that is gone. */
export function isStale(holder: LeaseHolder, now = Date.now()): boolean {
  if (holder.expires.getTime() <= now) return true;
  const m = /@([^@:]+):(\d+)$/.exec(holder.owner);
  if (!m || m[1] !== HOST) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return !heldHere.has(holder.id);
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The deploy lease on one bot. */
export class Lease {
  readonly id = randomBytes(6).toString('hex');
  readonly owner: string;
  private readonly ttlMs: number;
  private renewTimer: NodeJS.Timeout | undefined;
  private held = false;

  constructor(
    private readonly lex: LexModelsV2Client,
    readonly botName: string,
    readonly region: string,
    private readonly opts: LeaseOptions = {},
  ) {
    this.owner = opts.owner ?? defaultOwner();
    this.ttlMs = (opts.ttlSeconds ?? 900) * 1000;
  }

  /** The tag key of this lease. */
  get key(): string {
    return `${LEASE_TAG_PREFIX}${this.id}`;
  }

  /** The tag value for a lease that lasts from now. */
  value(): string {
    return `${this.owner}@${new Date(Date.now() + this.ttlMs).toISOString()}`;
  }

  /** The tag to put in CreateBot's `botTags`: the creator holds the lease from the start. */
  creationTag(): Record<string, string> {
    return { [this.key]: this.value() };
  }

  /** Marks the lease held after the bot was created with {@link creationTag}. */
  heldSinceCreation(botArn: string): void {
    this.held = true;
    heldHere.add(this.id);
    this.startRenewal(botArn);
  }

  /**
   * Takes the lease on the bot `botArn`, waiting for another deploy's lease up to `waitSeconds`.
   * @throws LeaseBusyError when another deploy still holds it after the wait.
   */
  async acquire(botArn: string): Promise<void> {
    const deadline = Date.now() + (this.opts.waitSeconds ?? 300) * 1000;
    const poll = this.opts.pollMs ?? 5000;
    for (;;) {
      const others = await this.others(botArn);
      const live = others.filter((h) => !isStale(h));
      if (!live.length) {
        const stale = others.map((h) => `${LEASE_TAG_PREFIX}${h.id}`);
        if (stale.length) await this.lex.send(new UntagResourceCommand({ resourceARN: botArn, tagKeys: stale }));
        // Registered before the tag exists, so that a concurrent deploy in this process never takes it for stale.
        heldHere.add(this.id);
        let after: LeaseHolder[];
        try {
          await this.lex.send(new TagResourceCommand({ resourceARN: botArn, tags: { [this.key]: this.value() } }));
          after = (await this.others(botArn)).filter((h) => !isStale(h));
        } catch (err) {
          heldHere.delete(this.id);
          throw err;
        }
        if (!after.length) {
          this.held = true;
          this.startRenewal(botArn);
          return;
        }
        // Another deploy wrote its tag between our read and our write: step back and retry.
        heldHere.delete(this.id);
        await this.lex.send(new UntagResourceCommand({ resourceARN: botArn, tagKeys: [this.key] }));
        live.push(...after);
      }
      const holder = live.sort((a, b) => b.expires.getTime() - a.expires.getTime())[0]!;
      if (Date.now() + poll > deadline) throw new LeaseBusyError(this.botName, this.region, holder);
      this.opts.onWait?.(holder);
      // Jitter: two waiting deploys do not retry in lockstep.
      await sleep(poll * (0.75 + Math.random() * 0.5));
    }
  }

  /** Removes the lease tag (no call when it is not held). */
  async release(botArn: string): Promise<void> {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = undefined;
    if (!this.held) return;
    this.held = false;
    try {
      await this.lex.send(new UntagResourceCommand({ resourceARN: botArn, tagKeys: [this.key] }));
    } finally {
      heldHere.delete(this.id);
    }
  }

  /** Lease tags other than this one. */
  private async others(botArn: string): Promise<LeaseHolder[]> {
    const out = await this.lex.send(new ListTagsForResourceCommand({ resourceARN: botArn }));
    return Object.entries(out.tags ?? {})
      .map(([k, v]) => parseLease(k, v))
      .filter((h): h is LeaseHolder => h !== undefined && h.id !== this.id);
  }

  private startRenewal(botArn: string): void {
    // Renew at a third of the TTL so that a slow build never lets the lease lapse.
    this.renewTimer = setInterval(() => {
      void this.lex.send(new TagResourceCommand({ resourceARN: botArn, tags: { [this.key]: this.value() } })).catch(() => undefined);
    }, Math.max(1000, this.ttlMs / 3));
    this.renewTimer.unref();
  }
}
