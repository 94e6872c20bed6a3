/**
 * The deploy lease: two deploys to the same bot and region never interleave their writes; a busy
 * lease stops a deploy with a clear message; a stale lease is taken over.
 */
import { ListBotsCommand, ListTagsForResourceCommand, TagResourceCommand } from '@aws-sdk/client-lex-models-v2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LEASE_TAG_PREFIX } from '../../scripts/deploy/lease.js';
import type { TestEmulator } from '../helpers/emulator.js';
import { deployLocal, GOODBYE, smallProject, startDeployEmulator, writeFiles, type TestDeploy } from './helpers.js';

let lex: TestEmulator;
beforeAll(async () => {
  lex = await startDeployEmulator();
});
afterAll(() => lex.stop());
afterEach(() => lex.emulator.faults.reset());

const botArn = (botId: string) => `arn:aws:lex:us-east-1:000000000000:bot/${botId}`;

/** Two deploys at once; every write call of both, in the order they were sent, tagged a/b. */
async function concurrently(rootA: string, rootB: string): Promise<{ a: TestDeploy; b: TestDeploy; log: string[] }> {
  const log: string[] = [];
  const tagged = (who: string) => ({
    lease: { pollMs: 10, owner: `deploy-${who}@test-host:1` },
    onCall: (c: { kind: string; operation: string }) => {
      if (c.kind === 'write') log.push(`${who}:${c.operation}`);
    },
  });
  const [a, b] = await Promise.all([deployLocal(lex, rootA, tagged('a')), deployLocal(lex, rootB, tagged('b'))]);
  return { a, b, log };
}

/** The writes of `who` other than the lease's own tag writes, with their position in the log. */
const realWrites = (log: string[], who: string) => log.map((w, i) => ({ w, i })).filter(({ w }) => w.startsWith(`${who}:`) && !/:(TagResource|UntagResource)$/.test(w));

describe('two deploys of the same bot at once', () => {
  it('creating the bot: one creates it, the other waits for its lease and finds nothing left to do', async () => {
    // Latency widens the window in which both run.
    lex.emulator.faults.latency('*', 3);
    const root = smallProject();
    const { a, b, log } = await concurrently(root, root);
    const bots = await lex.models.send(new ListBotsCommand({ filters: [{ name: 'BotName', operator: 'EQ', values: ['Demo'] }] }));
    expect(bots.botSummaries).toHaveLength(1);
    const statuses = [a.bot.status, b.bot.status].sort();
    expect(statuses).toEqual(['applied', 'no-changes']);
    const [winner, loser] = a.bot.status === 'applied' ? ['a', 'b'] : ['b', 'a'];
    // The loser's CreateBot (if it got that far) was refused; besides it, it wrote only its own lease
    // tags, and only after the winner released the lease.
    const winnerRelease = log.lastIndexOf(`${winner}:UntagResource`);
    const loserWrites = log.map((w, i) => ({ w, i })).filter(({ w }) => w.startsWith(`${loser}:`) && w !== `${loser}:CreateBot`);
    for (const { w, i } of loserWrites) {
      expect(w).toMatch(/:(TagResource|UntagResource)$/);
      expect(i).toBeGreaterThan(winnerRelease);
    }
  });

  it('changing the bot: the writes of the two deploys never interleave', async () => {
    const rootA = smallProject('Concurrent');
    const rootB = smallProject('Concurrent');
    expect((await deployLocal(lex, rootA)).bot.status).toBe('applied');
    lex.emulator.faults.latency('*', 3);
    writeFiles(rootA, { 'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: [...GOODBYE, 'later then'], closing: { ssml: 'goodbye' } } });
    writeFiles(rootB, { 'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: [...GOODBYE, 'ok bye bye'], closing: { ssml: 'goodbye' } } });
    const { a, b, log } = await concurrently(rootA, rootB);
    expect(a.bot.status).toBe('applied');
    expect(b.bot.status).toBe('applied');
    // Each deploy's own writes form one block: from the TagResource that won the lease to its
    // UntagResource. Earlier TagResource/UntagResource pairs are attempts that met the other's tag.
    const blocks = ['a', 'b'].map((who) => {
      const firstReal = realWrites(log, who)[0]!.i;
      return { who, start: log.lastIndexOf(`${who}:TagResource`, firstReal), end: log.lastIndexOf(`${who}:UntagResource`) };
    });
    const [first, second] = blocks.sort((x, y) => x.start - y.start);
    expect(first!.end).toBeLessThan(second!.start);
    // Inside a block only its holder writes.
    for (const bl of blocks) for (const w of log.slice(bl.start, bl.end + 1)) expect(w.startsWith(`${bl.who}:`), `${w} inside ${bl.who}'s lease`).toBe(true);
    for (const { w, i } of [...realWrites(log, 'a'), ...realWrites(log, 'b')]) {
      const own = blocks.find((bl) => w.startsWith(`${bl.who}:`))!;
      expect(i > own.start && i < own.end, `${w} outside its lease`).toBe(true);
    }
    // The second one read the state again under the lease: it moved the alias once more.
    expect(new Set([a.bot.botVersion, b.bot.botVersion])).toEqual(new Set(['2', '3']));
  });
});

describe('a lease held elsewhere', () => {
  it('stops the deploy after --lease-wait with a message naming the holder', async () => {
    const root = smallProject('Leased');
    const first = await deployLocal(lex, root);
    const botId = first.bot.botId!;
    const expires = new Date(Date.now() + 600_000).toISOString();
    await lex.models.send(new TagResourceCommand({ resourceARN: botArn(botId), tags: { [`${LEASE_TAG_PREFIX}other1`]: `ci@build-host-7:4242@${expires}` } }));
    writeFiles(root, { 'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: [...GOODBYE, 'so long'], closing: { ssml: 'goodbye' } } });

    const { result, bot, writes } = await deployLocal(lex, root, { leaseWaitSeconds: 0 });
    expect(result.ok).toBe(false);
    expect(bot.status).toBe('failed');
    expect(bot.error).toContain(`Leased in us-east-1 is being deployed by ci@build-host-7:4242 (lease until ${expires})`);
    expect(writes).toEqual([]);
  });

  it('takes over an expired lease (a killed deploy) and removes its tag', async () => {
    const root = smallProject('Expired');
    const first = await deployLocal(lex, root);
    const botId = first.bot.botId!;
    await lex.models.send(
      new TagResourceCommand({ resourceARN: botArn(botId), tags: { [`${LEASE_TAG_PREFIX}dead01`]: `ci@build-host-7:4242@${new Date(Date.now() - 1000).toISOString()}` } }),
    );
    writeFiles(root, { 'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: [...GOODBYE, 'farewell now'], closing: { ssml: 'goodbye' } } });
    const { bot, writes } = await deployLocal(lex, root, { leaseWaitSeconds: 0 });
    expect(bot.status).toBe('applied');
    expect(writes.slice(0, 2)).toEqual(['UntagResource', 'TagResource']);
    const tags = await lex.models.send(new ListTagsForResourceCommand({ resourceARN: botArn(botId) }));
    expect(Object.keys(tags.tags ?? {}).filter((k) => k.startsWith(LEASE_TAG_PREFIX))).toEqual([]);
  });
});
