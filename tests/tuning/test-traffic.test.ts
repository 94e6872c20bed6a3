/**
 * `bots test` traffic is not caller traffic: the conversations `bots test` runs against the local
 * emulator must not come back from `bots tune` as missed utterances to add.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, describe, expect, it } from 'vitest';
import { openLexTarget } from '../../scripts/conversation/target.js';
import { runTests } from '../../scripts/conversation/test-run.js';
import { runTune, withoutTurns } from '../../scripts/tuning/index.js';
import { baseFiles, writeProject } from '../helpers/project.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

const TEST_FILE = `bot: Demo
locale: en_US
conversations:
  - name: an unknown phrase falls back
    turns:
      - user: do you sell car insurance
        expect: { intent: FallbackIntent }
  - name: another unknown phrase
    turns:
      - user: what's my dosh
        expect: { intent: FallbackIntent }
`;

describe('bots tune leaves bots test traffic out', () => {
  it('reports only the callers’ misses after bots test ran on the same local emulator', async () => {
    // Prepare: bots test runs two conversations on the local emulator's data folder; a caller misses once.
    const root = writeProject(baseFiles({ 'tests/conversations/demo.yaml': TEST_FILE }));
    roots.push(root);
    const dataDir = join(root, '.bots', 'local');
    const run = await runTests({ root, target: { local: { dataDir } } });
    expect(run.summary?.failed, JSON.stringify(run.summary)).toBe(0);
    expect(run.summary?.passed).toBe(2);
    const t = await openLexTarget({ root, bot: 'Demo', local: { dataDir }, deploy: false });
    try {
      await t.runtime.send(new RecognizeTextCommand({ botId: t.botId, botAliasId: t.botAliasId, localeId: t.localeId, sessionId: 'caller-1', text: "what's my dosh" }));
    } finally {
      await t.close();
    }

    // Act
    const report = await runTune({ root, local: { dataDir } });
    const all = await runTune({ root, local: { dataDir }, includeToolTraffic: true });

    // Assess: one missed turn (the caller's); the test inputs are neither clustered nor aggregated.
    expect(report.totals).toMatchObject({ turns: 1, missed: 1, sessions: 1 });
    expect(report.clusters.flatMap((c) => c.members.map((m) => m.text))).toEqual(["what's my dosh"]);
    expect(report.aggregated).toEqual([expect.objectContaining({ utterance: "what's my dosh", missedCount: 1, hitCount: 0 })]);
    expect(report.notes).toContainEqual({ source: 'ListUtteranceAnalyticsData', message: expect.stringMatching(/^2 utterance\(s\) of 2 bots test \/ bots eval session\(s\)/) });
    expect(all.totals).toMatchObject({ turns: 3, missed: 3, sessions: 3 });
  }, 120_000);

  it('subtracts the left-out turns from the aggregated counts', () => {
    const rows = [
      { utterance: 'a', hitCount: 2, missedCount: 3 },
      { utterance: 'b', hitCount: 0, missedCount: 1 },
    ];
    const turns = [
      { timestamp: 0, sessionId: 'bots-test-1', utterance: 'a', missed: true },
      { timestamp: 0, sessionId: 'bots-test-1', utterance: 'a', missed: false },
      { timestamp: 0, sessionId: 'bots-eval-2', utterance: 'b', missed: true },
    ];
    expect(withoutTurns(rows, turns)).toEqual([{ utterance: 'a', hitCount: 1, missedCount: 2 }]);
  });
});
