/**
 * Deploys under faults injected by the emulator: failing builds (the alias stays), throttling and
 * 5xx (retried), and a deploy "killed" at every write call in turn (the Nth write fails for good)
 * that the next run finishes without duplicates.
 */
import {
  DescribeBotAliasCommand,
  ListBotsCommand,
  ListBotVersionsCommand,
  ListIntentsCommand,
  ListSlotsCommand,
  ListSlotTypesCommand,
  type LexModelsV2Client,
} from '@aws-sdk/client-lex-models-v2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary } from '../../scripts/deploy/format.js';
import type { TestEmulator } from '../helpers/emulator.js';
import { ATTEMPTS, deployLocal, GOODBYE, SMALL_FILES, smallProject, startDeployEmulator, writeFiles, type TestDeploy } from './helpers.js';

const HOURS = [
  'what are your hours', 'what are you hours', 'when are you open', 'when r you open', 'are you open today', 'are you open on {Day}',
  'what time do you close', 'what time do you clos', 'opening hours', 'business hours please', 'when do you open on {Day}',
  'are you open this weekend', 'what time does the branch open', 'hours of operation', 'is the office open now',
];

/** The small project after a change touching every kind of write. */
const CHANGED: Record<string, object | string | null> = {
  'bots/Demo.yaml': {
    ...(SMALL_FILES['bots/Demo.yaml'] as object),
    locales: { en_US: { voice: { id: 'Danielle', engine: 'neural' }, nluConfidenceThreshold: 0.5, intents: ['Balance', 'Hours'] } },
  },
  'intents/en_US/Balance.yaml': {
    ...(SMALL_FILES['intents/en_US/Balance.yaml'] as object),
    slots: [{ name: 'Account', type: 'AccountKind', prompt: 'Which account: checking, savings or credit?' }],
  },
  'intents/en_US/Goodbye.yaml': null,
  'ssml/en_US/goodbye.ssml': null,
  'intents/en_US/Hours.yaml': { name: 'Hours', sampleUtterances: HOURS, slots: [{ name: 'Day', type: 'DayKind', required: false }], closing: 'We are open 9 to 5.' },
  'slot-types/en_US/AccountKind.yaml': { name: 'AccountKind', resolution: 'TopResolution', values: [{ value: 'checking', synonyms: ['chequing'] }, 'savings', 'credit'] },
  'slot-types/en_US/DayKind.yaml': { name: 'DayKind', values: ['monday', 'saturday', 'sunday'] },
};

/** Everything is there exactly once: one bot, unique intent, slot type and slot names. */
async function expectNoDuplicates(models: LexModelsV2Client): Promise<string> {
  const bots = await models.send(new ListBotsCommand({ filters: [{ name: 'BotName', operator: 'EQ', values: ['Demo'] }] }));
  expect(bots.botSummaries).toHaveLength(1);
  const botId = bots.botSummaries![0]!.botId!;
  const at = { botId, botVersion: 'DRAFT', localeId: 'en_US', maxResults: 1000 };
  const intents = (await models.send(new ListIntentsCommand(at))).intentSummaries!;
  expect(new Set(intents.map((i) => i.intentName)).size).toBe(intents.length);
  const types = (await models.send(new ListSlotTypesCommand(at))).slotTypeSummaries!;
  expect(new Set(types.map((t) => t.slotTypeName)).size).toBe(types.length);
  for (const i of intents) {
    const slots = (await models.send(new ListSlotsCommand({ ...at, intentId: i.intentId }))).slotSummaries!;
    expect(new Set(slots.map((s) => s.slotName)).size).toBe(slots.length);
  }
  return botId;
}

/** Deploys with the Nth write call failing for good (every SDK attempt gets a 500): a kill at that step. */
async function deployKilledAt(emu: TestEmulator, root: string, n: number): Promise<TestDeploy & { killedAt?: string }> {
  let writes = 0;
  let killedAt: string | undefined;
  const out = await deployLocal(emu, root, {
    onCall: (c) => {
      if (c.kind === 'write' && ++writes === n) {
        killedAt = c.operation;
        emu.emulator.faults.serverError(c.operation, ATTEMPTS);
      }
    },
  });
  return { ...out, ...(killedAt ? { killedAt } : {}) };
}

describe('failing builds', () => {
  let lex: TestEmulator;
  beforeAll(async () => {
    lex = await startDeployEmulator();
  });
  afterAll(() => lex.stop());
  afterEach(() => lex.emulator.faults.reset());

  it('does not move the alias, fails, and shows the reasons at the files they concern', async () => {
    const root = smallProject();
    const first = await deployLocal(lex, root);
    expect(first.bot.status).toBe('applied');
    const { botId, aliasId } = first.bot;

    writeFiles(root, { 'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: [...GOODBYE, 'cya later'], closing: { ssml: 'goodbye' } } });
    lex.emulator.faults.failNextBuild(1, "Intent 'Balance': sample utterance 'what is in {Acount}' uses slot {Acount}, which the intent does not have.");
    const { result, bot, writes } = await deployLocal(lex, root);
    expect(result.ok).toBe(false);
    expect(bot.status).toBe('failed');
    expect(bot.error).toBe('Build failed for en_US: the alias was not moved.');
    expect(writes).not.toContain('CreateBotVersion');
    expect(writes).not.toContain('UpdateBotAlias');
    expect(writes.at(-1)).toBe('UntagResource');
    expect(bot.failures).toEqual([
      { localeId: 'en_US', file: 'intents/en_US/Balance.yaml', line: 1, column: 1, reason: expect.stringContaining("Intent 'Balance'") },
    ]);
    const summary = formatSummary(result);
    expect(summary).toContain('✖ failed Build failed for en_US');
    expect(summary).toContain("intents/en_US/Balance.yaml:1:1  en_US  Intent 'Balance'");
    const alias = await lex.models.send(new DescribeBotAliasCommand({ botId, botAliasId: aliasId }));
    expect(alias.botVersion).toBe('1');

    // A reason that names nothing of the locale is shown at the locale in the bot file.
    lex.emulator.faults.failNextBuild(1);
    const again = await deployLocal(lex, root);
    expect(again.bot.failures?.[0]).toMatchObject({ file: 'bots/Demo.yaml', line: 5, reason: expect.stringContaining('Injected fault') });

    // Fixed (the fault is gone): the next run builds, versions and moves the alias.
    const fixed = await deployLocal(lex, root);
    expect(fixed.bot.status).toBe('applied');
    expect(fixed.writes).toEqual(['TagResource', 'BuildBotLocale', 'CreateBotVersion', 'UpdateBotAlias', 'UntagResource']);
    expect(fixed.bot.botVersion).toBe('2');
  });
});

describe('throttling and server errors', () => {
  let lex: TestEmulator;
  beforeAll(async () => {
    lex = await startDeployEmulator();
  });
  afterAll(() => lex.stop());
  afterEach(() => lex.emulator.faults.reset());

  it('retries throttled and 5xx calls and succeeds', async () => {
    const f = lex.emulator.faults;
    f.throttle('*', 4, { retryAfterSeconds: 0 });
    f.throttle('CreateIntent', 2);
    f.serverError('CreateSlot', 2);
    f.serverError('BuildBotLocale', 1);
    f.throttle('CreateBotAlias', 1);
    // `*` faults hit the first calls, retries included: allow more attempts than the other tests.
    const { result, bot } = await deployLocal(lex, smallProject(), { retry: { maxAttempts: 8, baseDelayMs: 1, throttleBaseDelayMs: 1 } });
    expect(result.ok).toBe(true);
    expect(bot.status).toBe('applied');
    expect(f.injected.length).toBe(10);
    expect(bot.calls.retries).toBe(10);
    expect(bot.calls.attempts).toBe(bot.calls.total + 10);
    await expectNoDuplicates(lex.models);
  });

  it("waits at least the throttle's Retry-After before retrying", async () => {
    const root = smallProject();
    await deployLocal(lex, root);
    writeFiles(root, { 'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: [...GOODBYE, 'see ya'], closing: { ssml: 'goodbye' } } });
    lex.emulator.faults.throttle('UpdateBotAlias', 1, { retryAfterSeconds: 1 });
    const waits: { errorType: string; delayMs: number }[] = [];
    const { bot } = await deployLocal(lex, root, { retry: { maxAttempts: 3, baseDelayMs: 1, throttleBaseDelayMs: 1, onRetry: (r) => waits.push(r) } });
    expect(bot.status).toBe('applied');
    expect(waits).toHaveLength(1);
    expect(waits[0]!.errorType).toBe('THROTTLING');
    // The backoff alone would be at most 1 ms; Retry-After: 1 makes it about a second.
    expect(waits[0]!.delayMs).toBeGreaterThan(500);
  });

  it('fails a target whose calls keep failing, naming the step', async () => {
    const own = await startDeployEmulator();
    try {
      own.emulator.faults.serverError('CreateSlotType', ATTEMPTS);
      const { result, bot } = await deployLocal(own, smallProject());
      expect(result.ok).toBe(false);
      expect(bot.error).toMatch(/^CreateSlotType en_US\/AccountKind: InternalServerException: Injected fault/);
    } finally {
      await own.stop();
    }
  });
});

describe('a deploy killed at any step is finished by running it again', () => {
  it('first deploy: the Nth write fails for N = 1..all; the re-run converges without duplicates', async () => {
    const root = smallProject();
    const probe = await startDeployEmulator();
    const clean = await deployLocal(probe, root);
    await probe.stop();
    const total = clean.writes.length;
    expect(total).toBeGreaterThanOrEqual(11);

    for (let n = 1; n <= total; n++) {
      const lex = await startDeployEmulator();
      try {
        const killed = await deployKilledAt(lex, root, n);
        expect(killed.killedAt).toBe(clean.writes[n - 1]);
        // Only the lease release can fail without failing the deploy (it expires by itself).
        if (killed.killedAt === 'UntagResource') expect(killed.bot.warnings.join()).toMatch(/could not release the deploy lease/);
        else expect(killed.bot.status, `killed at write ${n} (${killed.killedAt})`).toBe('failed');

        const rerun = await deployLocal(lex, root);
        expect(rerun.result.ok, `re-run after a kill at write ${n} (${killed.killedAt}): ${rerun.bot.error}`).toBe(true);
        const botId = await expectNoDuplicates(lex.models);
        const versions = await lex.models.send(new ListBotVersionsCommand({ botId }));
        expect(versions.botVersionSummaries!.map((v) => v.botVersion)).toEqual(['DRAFT', '1']);
        const third = await deployLocal(lex, root);
        expect(third.bot.status, `third run after a kill at write ${n}`).toBe('no-changes');
        expect(third.writes).toEqual([]);
      } finally {
        await lex.stop();
      }
    }
  });

  it('update deploy: the Nth write fails for N = 1..all; the re-run converges without duplicates', async () => {
    const base = smallProject();
    const changed = smallProject();
    writeFiles(changed, CHANGED);
    const probe = await startDeployEmulator();
    await deployLocal(probe, base);
    const clean = await deployLocal(probe, changed);
    await probe.stop();
    expect(clean.bot.status).toBe('applied');
    // Every kind of write of an update.
    for (const op of ['UpdateBotLocale', 'DeleteSlot', 'DeleteIntent', 'CreateSlotType', 'UpdateSlotType', 'CreateIntent', 'CreateSlot', 'UpdateSlot', 'UpdateIntent', 'BuildBotLocale', 'CreateBotVersion', 'UpdateBotAlias']) {
      expect(clean.writes).toContain(op);
    }
    const total = clean.writes.length;

    for (let n = 1; n <= total; n++) {
      const lex = await startDeployEmulator();
      try {
        await deployLocal(lex, base);
        const killed = await deployKilledAt(lex, changed, n);
        expect(killed.killedAt).toBe(clean.writes[n - 1]);
        if (killed.killedAt !== 'UntagResource') expect(killed.bot.status, `killed at write ${n} (${killed.killedAt})`).toBe('failed');
        const rerun = await deployLocal(lex, changed);
        expect(rerun.result.ok, `re-run after a kill at write ${n} (${killed.killedAt}): ${rerun.bot.error}`).toBe(true);
        const botId = await expectNoDuplicates(lex.models);
        const versions = await lex.models.send(new ListBotVersionsCommand({ botId }));
        expect(versions.botVersionSummaries!.map((v) => v.botVersion)).toEqual(['DRAFT', '1', '2']);
        const alias = await lex.models.send(new DescribeBotAliasCommand({ botId, botAliasId: rerun.bot.aliasId }));
        expect(alias.botVersion).toBe('2');
        const third = await deployLocal(lex, changed);
        expect(third.bot.status, `third run after a kill at write ${n}`).toBe('no-changes');
      } finally {
        await lex.stop();
      }
    }
  });
});
