/**
 * `--apply`: suggested utterances written into the intent files with the yaml Document API —
 * comments kept, the per-intent maximum and the duplicate rule respected, nothing deleted,
 * idempotent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { validateProject } from '../../scripts/validate/index.js';
import type { MissCluster, TuningReport } from '../../scripts/tuning/analyze.js';
import { applySuggestions, withUtterances } from '../../scripts/tuning/apply.js';
import { BALANCE_UTTERANCES, baseFiles, writeProject } from '../helpers/project.js';

const BALANCE_FILE = `# Balance: the caller asks how much money is in an account.
name: Balance
sampleUtterances:
${BALANCE_UTTERANCES.map((u) => `  - ${JSON.stringify(u)}`).join('\n')}
  # keep this comment at the end of the list
`;

function cluster(intent: string, suggestedUtterances: string[]): MissCluster {
  return {
    id: 1, label: suggestedUtterances[0] ?? '', count: suggestedUtterances.length, examples: suggestedUtterances, members: [], distinct: suggestedUtterances.length, variants: 0,
    ranking: [], ambiguous: false, action: { kind: 'add-to-intent', intent }, suggestedUtterances,
  };
}

function report(clusters: MissCluster[]): TuningReport {
  return {
    bot: 'Demo', localeId: 'en_US', generatedAt: '', window: {}, sources: [], notes: [],
    totals: { turns: 0, hits: 0, missed: 0, distinctMissed: 0, sessions: 0, sessionsWithMiss: 0, slotAnswersMissed: 0, otherLocaleTurns: 0 },
    clusters, moreClusters: { clusters: 0, count: 0 }, intents: [], minUtterances: 15, maxUtterances: 20, confusedPairs: [],
    timeline: { bucketHours: 1, points: [] }, problems: { count: 0, first: [] },
  };
}

describe('applySuggestions', () => {
  it('adds up to the per-intent maximum, keeps comments and order, skips duplicates, and adds nothing the second time', async () => {
    // Prepare: Balance has 15 of at most 20 utterances.
    const root = writeProject(baseFiles({ 'intents/en_US/Balance.yaml': BALANCE_FILE }));
    const suggestions = ['how much cash have I got', 'Goodbye', 'BALANCE PLEASE', 'cash left in checking', 'funds in my account', 'money in savings', 'what is my cash', 'cash on my card', 'one too many'];
    const r = report([cluster('Balance', suggestions)]);

    // Act
    const first = await applySuggestions(root, r);
    const text = readFileSync(join(root, 'intents/en_US/Balance.yaml'), 'utf8');
    const second = await applySuggestions(root, r);

    // Assess: 5 added (15 → 20), duplicates of any intent skipped, the rest over the maximum.
    expect(first.changes).toEqual([
      { intent: 'Balance', file: 'intents/en_US/Balance.yaml', added: ['how much cash have I got', 'cash left in checking', 'funds in my account', 'money in savings', 'what is my cash'], total: 20 },
    ]);
    expect(first.skipped).toEqual([
      { intent: 'Balance', utterance: 'Goodbye', reason: 'already a sample utterance of the locale' },
      { intent: 'Balance', utterance: 'BALANCE PLEASE', reason: 'already a sample utterance of the locale' },
      { intent: 'Balance', utterance: 'cash on my card', reason: 'Balance is at the maximum of 20 sample utterances (validation.maxUtterances)' },
      { intent: 'Balance', utterance: 'one too many', reason: 'Balance is at the maximum of 20 sample utterances (validation.maxUtterances)' },
    ]);
    expect(text.startsWith('# Balance: the caller asks how much money is in an account.\nname: Balance\n')).toBe(true);
    expect(text).toContain('# keep this comment at the end of the list');
    expect(text).toContain('  - "account balance"\n  - "how much cash have I got"\n  - "cash left in checking"\n');
    expect(second.changes).toEqual([]);
    expect(readFileSync(join(root, 'intents/en_US/Balance.yaml'), 'utf8')).toBe(text);
    const { project, diagnostics } = await loadProject(root);
    expect(project.intents.get('en_US')!.get('Balance')!.sampleUtterances).toHaveLength(20);
    expect(validateProject(project, diagnostics).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each([
    ['plain', (u: string) => u, '  - how much cash have I got\n  - "yes: cash left"\n'],
    ['double-quoted', (u: string) => JSON.stringify(u), '  - "how much cash have I got"\n  - "yes: cash left"\n'],
    ['single-quoted', (u: string) => `'${u.replace(/'/g, "''")}'`, "  - 'how much cash have I got'\n  - 'yes: cash left'\n"],
  ])('keeps every other line as it was and quotes new items like their %s siblings', async (_style, quote, expectedAdded) => {
    // Prepare: a description longer than 80 characters (the yaml library folds those by default), blank line, comments.
    const original = `# yaml-language-server: $schema=../../schemas/intent.schema.json
name: Balance
description: The caller asks for the balance of one of their accounts (checking, savings or credit card); identity is verified first.

sampleUtterances:
${BALANCE_UTTERANCES.slice(0, 14).map((u) => `  - ${quote(u)}`).join('\n')}
# trailing comment
`;
    const root = writeProject(baseFiles({ 'intents/en_US/Balance.yaml': original }));

    // Act
    await applySuggestions(root, report([cluster('Balance', ['how much cash have I got', 'yes: cash left'])]));

    // Assess: the file is the original with exactly the two new lines after the last item.
    const lastItem = `  - ${quote(BALANCE_UTTERANCES[13]!)}\n`;
    expect(readFileSync(join(root, 'intents/en_US/Balance.yaml'), 'utf8')).toBe(original.replace(lastItem, lastItem + expectedAdded));
  });

  it('skips utterances Lex would read as slot references or that are too long', async () => {
    const root = writeProject(baseFiles());
    const result = await applySuggestions(root, report([cluster('Balance', ['my {Account} balance', 'x'.repeat(501)])]));
    expect(result.changes).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['holds { or }, which Lex reads as a slot reference', 'longer than 500 characters']);
  });

  it('refuses a bot or locale that is not in the project', async () => {
    const root = writeProject(baseFiles());
    await expect(applySuggestions(root, { ...report([]), localeId: 'fr_CA' })).rejects.toThrow(/Bot Demo with locale fr_CA is not in/);
  });

  it('changes no line of any shipped intent file except the one it adds', () => {
    // Prepare: every intent file of the repository.
    const dir = join(import.meta.dirname, '..', '..', 'intents');
    const files = readdirSync(dir).flatMap((l) => readdirSync(join(dir, l)).map((f) => join(dir, l, f)));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const before = readFileSync(file, 'utf8');
      if (!/^sampleUtterances:\n {2}- /m.test(before)) continue;
      // Act
      const after = withUtterances(before, ["what's my dosh"]);
      // Assess: one line more, and removing it gives the file back.
      const lines = after.split('\n');
      const k = lines.findIndex((l) => /^ {2}- "?what's my dosh"?$/.test(l));
      expect(k, file).toBeGreaterThan(0);
      lines.splice(k, 1);
      expect(lines.join('\n'), file).toBe(before);
    }
  });
});
