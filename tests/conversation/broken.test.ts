/**
 * The shipped tests catch mistakes: a broken utterance, a broken expectation (on a temporary copy of
 * a shipped test file) and a broken bot definition (on a temporary copy of the project) each fail
 * with the turn's position and an expected/actual diff.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFailure, formatSummary } from '../../scripts/conversation/report.js';
import { runTests } from '../../scripts/conversation/test-run.js';
import { ROOT } from './helpers.js';

const SHIPPED = readFileSync(join(ROOT, 'tests/conversations/en_US-intents.yaml'), 'utf8');

describe('deliberately broken', () => {
  it('an utterance and an expectation fail with a clear diff at their file:line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broken-'));
    const file = join(dir, 'en_US-intents.yaml');
    const broken = SHIPPED.replace("- user: I'd like to speak to a representative", '- user: what time do you close tonight').replace('equals: "We\'re open Monday to Friday', 'equals: "We\'re open Monday to Sunday');
    expect(broken).not.toBe(SHIPPED);
    writeFileSync(file, broken);
    const lineOf = (text: string) => broken.split('\n').findIndex((l) => l.includes(text)) + 1;

    const { summary, diagnostics } = await runTests({ root: ROOT, paths: [file], filter: 'typed', target: { local: { dataDir: null } } });
    expect(diagnostics).toEqual([]);
    const failed = summary!.conversations.filter((o) => o.status === 'failed');
    expect(failed.map((o) => o.test.name)).toEqual(['TalkToAgent typed', 'BusinessHours typed']);

    const agent = formatFailure(failed[0]!);
    expect(agent).toContain(`turn 1 at ${failed[0]!.test.file}:${lineOf('what time do you close tonight')}:9: user "what time do you close tonight"`);
    expect(agent).toContain('interpretation\n        - expected: "TalkToAgent"\n        + actual:   "BusinessHours');
    const hours = formatFailure(failed[1]!);
    expect(hours).toContain('message equals\n        - expected: "We\'re open Monday to Sunday, 8 AM');
    expect(hours).toContain('+ actual:   "We\'re open Monday to Friday, 8 AM');
    expect(formatSummary(summary!)).toMatch(/\d+ passed, 2 failed/);
  }, 120_000);

  it('a conversation for a bot or locale the definitions lack is an error at its position, and nothing runs', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'broken-')), 'x.yaml');
    writeFileSync(file, 'bot: SelfService\nconversations:\n  - name: german\n    locale: de_DE\n    turns: [{ user: hallo }]\n  - name: other bot\n    bot: Nope\n    locale: en_US\n    turns: [{ user: hi }]\n');
    const r = await runTests({ root: ROOT, paths: [file], target: { local: { dataDir: null } } });
    expect(r.summary).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message} ${d.hint}`)).toEqual([
      '3:5 conversation/unknown-locale Bot SelfService has no locale de_DE. Its locales: en_US, es_US, fr_CA.',
      '6:5 conversation/unknown-bot Conversation "other bot" names bot Nope, which is not in bots/. Use one of: SelfService.',
    ]);
  });

  it('a changed bot definition fails the conversation that hears it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'broken-project-'));
    for (const d of ['bots', 'intents', 'slot-types', 'ssml']) cpSync(join(ROOT, d), join(root, d), { recursive: true });
    writeFileSync(join(root, 'ssml/en_US/business-hours-closing.ssml'), '<speak>We are open every day of the year.</speak>\n');
    const file = join(root, 'hours.yaml');
    writeFileSync(file, SHIPPED);
    const { summary } = await runTests({ root, paths: [file], filter: 'BusinessHours typed', target: { local: { dataDir: null } } });
    expect(summary!.failed).toBe(1);
    // The whole reply is compared, so the changed closing response is all the caller hears.
    expect(formatFailure(summary!.conversations[0]!)).toContain('+ actual:   "We are open every day of the year."');
  }, 120_000);
});
