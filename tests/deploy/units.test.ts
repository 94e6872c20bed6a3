/**
 * The pure parts of deploy: normalising and comparing Lex shapes, the retry strategy, lease tags,
 * failure mapping, plan text, concurrency helpers.
 */
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { canonicalJson, diffFields, normalise, normalisePriorities, normaliseResource } from '../../scripts/deploy/compare.js';
import { Limiter, Mutex, sleep } from '../../scripts/deploy/concurrency.js';
import { desiredBot } from '../../scripts/deploy/desired.js';
import { DEFAULT_PROMPT_ATTEMPT_INPUT, type PromptAttemptInput } from '../../scripts/lex/lexjson.js';
import { mapFailureReasons } from '../../scripts/deploy/failures.js';
import { formatChange, formatPlan } from '../../scripts/deploy/format.js';
import { isStale, LEASE_TAG_PREFIX, parseLease } from '../../scripts/deploy/lease.js';
import { computePlan } from '../../scripts/deploy/plan.js';
import { DeployRetryStrategy, retryBusy } from '../../scripts/deploy/retry.js';
import { localTarget } from '../../scripts/deploy/targets.js';
import { contentHashOf, createBotVersionInput } from '../../scripts/lex/api.js';
import { ROOT, smallProject } from './helpers.js';

describe('normalise and compare', () => {
  it('treats null, absent, [] and {} alike, drops Lex defaults and unmanaged members, sorts keys', () => {
    expect(normalise(null)).toBeUndefined();
    expect(normalise([])).toBeUndefined();
    expect(normalise({ promptAttemptsSpecification: { Initial: {} } })).toBeUndefined();
    expect(
      normalise({ messageGroups: [{ message: { plainTextMessage: { value: 'Hi' } }, variations: [] }], maxRetries: 2, allowInterrupt: true, messageSelectionStrategy: 'Random', promptAttemptsSpecification: { Initial: { ...DEFAULT_PROMPT_ATTEMPT_INPUT, allowInterrupt: true } } }),
    ).toEqual({ maxRetries: 2, messageGroups: [{ message: { plainTextMessage: { value: 'Hi' } } }] });
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
  });

  it('keeps only the prompt attempt settings that differ from the console defaults (Lex fills the rest in)', () => {
    const changed = structuredClone(DEFAULT_PROMPT_ATTEMPT_INPUT) as PromptAttemptInput;
    changed.audioAndDTMFInputSpecification.dtmfSpecification.maxLength = 6;
    changed.textInputSpecification.startTimeoutMs = 4000; // the audio default, not the text one
    expect(normalise({ promptAttemptsSpecification: { Initial: changed, Retry1: DEFAULT_PROMPT_ATTEMPT_INPUT } })).toEqual({
      promptAttemptsSpecification: { Initial: { audioAndDTMFInputSpecification: { dtmfSpecification: { maxLength: 6 } }, textInputSpecification: { startTimeoutMs: 4000 } } },
    });
  });

  it('names the top-level fields that differ, ignoring ids and timestamps', () => {
    const desired = normaliseResource('intent', { intentName: 'A', sampleUtterances: [{ utterance: 'hi' }], dialogCodeHook: { enabled: false } });
    const actual = normaliseResource('intent', {
      intentId: 'ABCDEFGHIJ',
      intentName: 'A',
      sampleUtterances: [{ utterance: 'hello' }],
      dialogCodeHook: { enabled: false },
      creationDateTime: new Date(),
      intentClosingSetting: { closingResponse: { messageGroups: [{ message: { plainTextMessage: { value: 'Bye' } } }] }, active: true },
    });
    expect(diffFields('intent', desired, actual)).toEqual(['sampleUtterances', 'intentClosingSetting']);
    expect(diffFields('intent', desired, desired)).toEqual([]);
  });

  it('compares slot priorities by order, whatever their numbers', () => {
    const names = new Map([['S1', '@A'], ['S2', '@B']]);
    expect(normalisePriorities([{ priority: 5, slotId: 'S2' }, { priority: 0, slotId: 'S1' }], (id) => names.get(id)!)).toEqual([
      { priority: 1, slotId: '@A' },
      { priority: 2, slotId: '@B' },
    ]);
  });

  it('keeps the locale keys of botAliasLocaleSettings (data, not member names)', () => {
    const alias = normaliseResource('alias', { botAliasName: 'live', botAliasLocaleSettings: { en_US: { enabled: true }, fr_CA: { enabled: true } } });
    expect(Object.keys(alias.botAliasLocaleSettings as object)).toEqual(['en_US', 'fr_CA']);
  });
});

describe('desired state and plan', () => {
  it('hashes the definitions independently of ids and stable across loads', async () => {
    const [a, b] = (await Promise.all(
      [1, 2].map(async () => {
        const { project } = await loadProject(ROOT);
        return desiredBot(project, project.bots[0]!, localTarget(project.bots[0]!));
      }),
    )) as [ReturnType<typeof desiredBot>, ReturnType<typeof desiredBot>];
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.contentHash).toBe(b.contentHash);
    expect(contentHashOf(createBotVersionInput('B', ['en_US'], a.contentHash).description)).toBe(a.contentHash);
  });

  it('plans everything as new for a bot that does not exist, with the alias on the new version', async () => {
    const { project } = await loadProject(smallProject());
    const bot = project.bots[0]!;
    const plan = computePlan(desiredBot(project, bot, localTarget(bot)), undefined);
    expect(plan.changes.map((c) => formatChange(c))).toEqual([
      '+ bot Demo  bots/Demo.yaml',
      '+ locale en_US  bots/Demo.yaml',
      '+ slot type en_US/AccountKind  slot-types/en_US/AccountKind.yaml',
      '+ intent en_US/Balance  intents/en_US/Balance.yaml',
      '+ intent en_US/Goodbye  intents/en_US/Goodbye.yaml',
      '+ slot en_US/Balance.Account  intents/en_US/Balance.yaml',
      '+ slot en_US/Balance.Pin  intents/en_US/Balance.yaml',
      '~ build en_US',
      `+ version (new) from DRAFT, bots:sha256:${plan.contentHash.slice(0, 12)}…`,
      '+ alias live → new version',
    ]);
    expect(plan.summary).toEqual({ create: 9, update: 0, delete: 0 });
    expect(plan.pruneVersions).toEqual([]);
    const text = formatPlan(plan);
    expect(text.split('\n')[0]).toBe('Demo → local (us-east-1)');
    expect(text).toContain('  note: Lambda permission and Amazon Connect: skipped: local target');
    expect(text).toContain('  Plan: 9 to create, 0 to update, 0 to delete; 1 locale build.');
  });
});

describe('retry strategy', () => {
  it('retries throttling, transient and server errors up to maxAttempts; not client errors', async () => {
    const s = new DeployRetryStrategy({ maxAttempts: 3, baseDelayMs: 10 });
    let token = await s.acquireInitialRetryToken();
    token = await s.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT' });
    token = await s.refreshRetryTokenForRetry(token, { errorType: 'SERVER_ERROR' });
    await expect(s.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' })).rejects.toThrow('No retry token available');
    await expect(s.refreshRetryTokenForRetry(await s.acquireInitialRetryToken(), { errorType: 'CLIENT_ERROR' })).rejects.toThrow();
  });

  it('backs off exponentially with jitter, capped, and waits at least Retry-After', () => {
    const s = new DeployRetryStrategy({ baseDelayMs: 100, throttleBaseDelayMs: 500, maxDelayMs: 1000 });
    for (let i = 0; i < 50; i++) {
      expect(s.delayFor({ errorType: 'TRANSIENT' }, 0)).toBeLessThan(100);
      expect(s.delayFor({ errorType: 'THROTTLING' }, 10)).toBeLessThanOrEqual(1000);
      const d = s.delayFor({ errorType: 'THROTTLING', retryAfterHint: new Date(Date.now() + 3000) }, 0);
      expect(d).toBeGreaterThan(2900);
      expect(d).toBeLessThanOrEqual(3000);
    }
    // A server asking for an hour gets the configured maximum.
    expect(new DeployRetryStrategy({ maxRetryAfterMs: 5000 }).delayFor({ errorType: 'THROTTLING', retryAfterHint: new Date(Date.now() + 3_600_000) }, 0)).toBe(5000);
  });

  it('retryBusy waits out "build quota reached" answers and rethrows anything else', async () => {
    let calls = 0;
    const quota = Object.assign(new Error('5 locales building'), { name: 'ServiceQuotaExceededException' });
    const out = await retryBusy(
      async () => {
        if (++calls < 3) throw quota;
        return 'built';
      },
      { maxWaitMs: 5000, baseDelayMs: 1 },
    );
    expect([out, calls]).toEqual(['built', 3]);
    const boom = Object.assign(new Error('bad'), { name: 'ValidationException' });
    await expect(retryBusy(() => Promise.reject(boom), { maxWaitMs: 5000, baseDelayMs: 1 })).rejects.toBe(boom);
  });
});

describe('lease tags', () => {
  it('parses owner and expiry; other tags are not leases', () => {
    expect(parseLease(`${LEASE_TAG_PREFIX}abc`, 'ci@host-1:42@2026-11-22T10:00:00.000Z')).toEqual({ id: 'abc', owner: 'ci@host-1:42', expires: new Date('2026-11-22T10:00:00.000Z') });
    expect(parseLease('team', 'contact-centre')).toBeUndefined();
    expect(parseLease(`${LEASE_TAG_PREFIX}abc`, 'garbage')).toBeUndefined();
  });

  it('is stale when expired, or held by a process of this machine that is gone', () => {
    const future = new Date(Date.now() + 60_000);
    expect(isStale({ id: 'x', owner: 'ci@elsewhere:1', expires: new Date(Date.now() - 1) })).toBe(true);
    expect(isStale({ id: 'x', owner: 'ci@elsewhere:1', expires: future })).toBe(false);
    // This process, but not a lease it holds now (a finished deploy's): stale.
    expect(isStale({ id: 'not-held', owner: `me@${hostname()}:${process.pid}`, expires: future })).toBe(true);
  });
});

describe('failure reasons', () => {
  it('points at the slot, intent or slot type a reason names, else at the locale', async () => {
    const root = smallProject();
    const { project } = await loadProject(root);
    const bot = project.bots[0]!;
    const mapped = mapFailureReasons(project, bot, 'en_US', [
      "Slot 'Account' of intent 'Balance' is required but has no prompt.",
      "Intent 'Goodbye' has no sample utterances.",
      "Slot type 'AccountKind' has no values.",
      'Something else went wrong.',
    ]);
    expect(mapped.map((m) => `${m.file}:${m.line}`)).toEqual(['intents/en_US/Balance.yaml:19', 'intents/en_US/Goodbye.yaml:1', 'slot-types/en_US/AccountKind.yaml:1', 'bots/Demo.yaml:5']);
  });
});

describe('concurrency', () => {
  it('Limiter runs at most N at once; Mutex one at a time, in order', async () => {
    const limiter = new Limiter(2);
    let now = 0;
    let peak = 0;
    await limiter.map([1, 2, 3, 4, 5], async () => {
      peak = Math.max(peak, ++now);
      await sleep(2);
      now--;
    });
    expect(peak).toBe(2);
    const mutex = new Mutex();
    const order: number[] = [];
    await Promise.all([3, 1, 2].map((ms, i) => mutex.lock(async () => (await sleep(ms), order.push(i)))));
    expect(order).toEqual([0, 1, 2]);
    // A failed task does not block the next.
    await expect(mutex.lock(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await mutex.lock(async () => 'next')).toBe('next');
  });
});
