/**
 * Done means: chat with the shipped bot (a temp copy of the project, local emulator) using phrases
 * it does not know, `bots tune` clusters them with sensible suggestions, `--apply` adds them, and
 * after a redeploy the same phrases are understood.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { openLexTarget } from '../../scripts/conversation/target.js';
import { runTune, type ApplyResult, type TuningReport } from '../../scripts/tuning/index.js';
import { runBots } from '../helpers/cli.js';
import { baseFiles, writeProject } from '../helpers/project.js';

const REPO = join(import.meta.dirname, '..', '..');
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function copyShippedProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'bots-tune-e2e-'));
  roots.push(root);
  for (const dir of ['bots', 'intents', 'slot-types', 'ssml']) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
  return root;
}

async function say(root: string, dataDir: string, lines: [session: string, text: string][], deploy: boolean): Promise<string[]> {
  const t = await openLexTarget({ root, bot: 'SelfService', localeId: 'en_US', local: { dataDir }, deploy });
  try {
    const intents: string[] = [];
    for (const [sessionId, text] of lines) {
      const r = await t.runtime.send(new RecognizeTextCommand({ botId: t.botId, botAliasId: t.botAliasId, localeId: t.localeId, sessionId, text }));
      // The NLU's top interpretation: the dialog may move on to another intent (CheckBalance verifies identity first).
      intents.push(r.interpretations?.[0]?.intent?.name ?? '');
    }
    return intents;
  } finally {
    await t.close();
  }
}

describe('bots tune end to end on the local emulator', () => {
  it('clusters unknown phrases, suggests the intent, applies them, and the redeployed bot understands them', async () => {
    // Prepare: a copy of the shipped project, deployed locally, and conversations with unknown phrases.
    const root = copyShippedProject();
    const dataDir = join(root, '.bots', 'local');
    const unknown: [string, string][] = [
      ['s1', "what's my dosh"],
      ['s2', "what's my dosh"],
      ['s3', "what's my dosh"],
      ['s4', 'whats my dosh'],
      ['s5', 'tell me my dosh'],
      ['s6', 'do you sell car insurance'],
      ['s7', 'do you do car insurance'],
      ['s8', 'i need car insurance'],
    ];
    const before = await say(root, dataDir, [...unknown, ['s9', 'when are you open']], true);
    expect(before.slice(0, unknown.length)).toEqual(unknown.map(() => 'FallbackIntent'));
    expect(before.at(-1)).toBe('BusinessHours');
    // However many sample utterances CheckBalance has, --apply may add up to its 20-utterance maximum.
    const room = 20 - (parse(readFileSync(join(root, 'intents/en_US/CheckBalance.yaml'), 'utf8')) as { sampleUtterances: string[] }).sampleUtterances.length;

    // Act: `bots tune --apply` on the local emulator's analytics (the data folder the chat used), twice.
    const env = { BOTS_LOCAL_ENDPOINT: undefined };
    const first = runBots(['tune', '--bot', 'SelfService', '--locale', 'en_US', '--apply', '--json'], root, env);
    const second = runBots(['tune', '--bot', 'SelfService', '--locale', 'en_US', '--apply', '--json'], root, env);

    // Assess: the dosh phrases are one cluster for CheckBalance, car insurance a candidate new intent.
    expect(first.status, first.stderr).toBe(0);
    const { report, apply } = JSON.parse(first.stdout) as { report: TuningReport; apply: ApplyResult };
    const dosh = report.clusters.find((c) => c.members.some((m) => m.text === "what's my dosh"))!;
    expect(dosh.members.map((m) => m.text).sort()).toEqual(['tell me my dosh', "what's my dosh", 'whats my dosh']);
    expect(dosh.count).toBe(5);
    expect(dosh.sessions).toBe(5);
    expect(dosh.nearest?.intent).toBe('CheckBalance');
    expect(dosh.action).toEqual({ kind: 'add-to-intent', intent: 'CheckBalance' });
    expect(dosh.evidence?.reason).toMatch(/^Inside CheckBalance's region/);
    expect([...dosh.suggestedUtterances].sort()).toEqual(['tell me my dosh', "what's my dosh", 'whats my dosh']);
    const insurance = report.clusters.find((c) => c.members.some((m) => m.text.includes('insurance')))!;
    expect(insurance.members).toHaveLength(3);
    expect(insurance.action.kind).toBe('new-intent');
    expect(report.notes.some((n) => n.source === 'ListAggregatedUtterances' && /obfuscation/.test(n.message))).toBe(true);
    expect(report.totals.missed).toBe(8);
    expect(report.intents.find((i) => i.intent === 'BusinessHours')?.hits).toBe(1);
    expect(report.intents.find((i) => i.intent === 'CheckBalance')?.misses).toBe(5);

    // Assess: the suggestions were added once, most frequent first, up to the 20-utterance maximum; the rest skipped with the reason.
    expect(room, 'CheckBalance needs room for one more sample utterance').toBeGreaterThan(0);
    const order = dosh.suggestedUtterances; // most frequent first
    expect(order[0]).toBe("what's my dosh");
    const added = order.slice(0, room);
    expect(apply.changes).toEqual([expect.objectContaining({ intent: 'CheckBalance', file: 'intents/en_US/CheckBalance.yaml', added, total: 20 - room + added.length })]);
    for (const u of order.slice(room)) expect(apply.skipped.some((s) => s.utterance === u && /maximum of 20/.test(s.reason)), u).toBe(true);
    expect(second.status, second.stderr).toBe(0);
    expect((JSON.parse(second.stdout) as { apply: ApplyResult }).apply.changes).toEqual([]);
    const yaml = readFileSync(join(root, 'intents/en_US/CheckBalance.yaml'), 'utf8');
    expect(yaml).toContain('# yaml-language-server'); // comments kept
    expect(yaml).toContain("  - what's my dosh\n");

    // Act: redeploy and say the phrases again.
    const after = await say(root, dataDir, added.map((u, i) => [`t${i}`, u]), true);

    // Assess: the added phrases are now understood.
    expect(after).toEqual(added.map(() => 'CheckBalance'));
  }, 240_000);

  it('reads both analytics APIs of the emulator page by page when Lex produces aggregated statistics', async () => {
    // Prepare: the Demo bot (no obfuscated slot), deployed locally in memory, 5 turns.
    const root = writeProject(baseFiles());
    roots.push(root);
    const dataDir = join(root, '.bots', 'local');
    const t = await openLexTarget({ root, bot: 'Demo', local: { dataDir } });
    try {
      for (const [sessionId, text] of [['a', "what's my dosh"], ['b', "what's my dosh"], ['c', 'whats my dosh'], ['c', 'goodbye'], ['d', 'balance please']]) {
        await t.runtime.send(new RecognizeTextCommand({ botId: t.botId, botAliasId: t.botAliasId, localeId: t.localeId, sessionId: sessionId!, text: text! }));
      }
    } finally {
      await t.close();
    }

    // Act: two rows per page.
    const progress: string[] = [];
    const report = await runTune({ root, local: { dataDir }, pageSize: 2, progress: (l) => progress.push(l) });

    // Assess
    expect(report.notes).toEqual([]);
    expect(report.totals).toMatchObject({ turns: 5, missed: 3, hits: 2, sessions: 4, sessionsWithMiss: 3 });
    expect(report.aggregated).toEqual([
      expect.objectContaining({ utterance: "what's my dosh", missedCount: 2, hitCount: 0 }),
      expect.objectContaining({ utterance: 'whats my dosh', missedCount: 1, hitCount: 0 }),
    ]);
    expect(report.clusters).toHaveLength(1);
    // Two intents leave little to compare with: Balance is nearest but far, so a candidate new intent.
    expect(report.clusters[0]).toMatchObject({ count: 3, sessions: 3, nearest: { intent: 'Balance' }, action: { kind: 'new-intent' } });
    expect(report.outcomes).toEqual({ sessions: 3, agentTransfer: 0, recovered: 1, hangUp: 2 });
    expect(report.sources[0]).toMatch(/Lex analytics of alias .* in local emulator \(5 utterances in 3 page\(s\), 4 aggregated rows in 2 page\(s\)\)/);
  }, 120_000);
});
