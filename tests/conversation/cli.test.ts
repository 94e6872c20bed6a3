/**
 * `bots chat`, `bots test` and `bots eval` as a user runs them (child processes, in-memory local target).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../scripts/nlu/dataset.js';
import { runBotsWithInput } from './helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'conv-cli-'));

describe('bots chat', () => {
  it('reads turns from piped stdin, prints the replies and the texted code, and exits at the end of input', () => {
    const r = runBotsWithInput(['chat', '--in-memory', '--debug'], "what's my balance\n202-555-0143\n/attrs\n");
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("you: what's my balance");
    expect(r.stdout).toContain('bot: First I need to confirm');
    expect(r.stdout).toMatch(/· interpretations: CheckBalance 1\.00/);
    expect(r.stdout).toContain('· dialog action: ElicitSlot Passcode');
    expect(r.stdout).toMatch(/\[sms to \+12025550143\] Your verification code is \d{6}/);
    expect(r.stdout).toContain('pendingIntent=CheckBalance');
  }, 120_000);

  it('in voice mode runs the Connect lookup for the caller and shows SSML as heard', () => {
    const r = runBotsWithInput(['chat', '--in-memory', '--voice', '--caller', '+14165550199'], "what's my checking balance\n");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[connect\] lookup of \+14165550199: on file \(en_US\)/);
    expect(r.stdout).not.toContain('Priya');
    expect(r.stdout).toContain("if the number you're calling from is on file");
    expect(r.stdout).not.toContain('ending in 9 9');
    expect(r.stdout).not.toContain('<say-as');
  }, 120_000);

  it('rejects a bad --attr as a usage error', () => {
    const r = runBotsWithInput(['chat', '--in-memory', '--attr', 'novalue'], '');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--attr: "novalue" is not key=value.');
  });
});

describe('bots test', () => {
  it('exits 0 when the conversations pass, with JUnit XML and a Test Workbench CSV', () => {
    const dir = tmp();
    const junit = join(dir, 'junit.xml');
    const csv = join(dir, 'testset.csv');
    const r = runBotsWithInput(['test', 'tests/conversations/en_US-intents.yaml', '--filter', 'RequestCallback', '--in-memory', '--junit', junit, '--export-workbench', csv], '');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/5 passed \(5 conversations, 15 turns\)/);
    expect(XMLValidator.validate(readFileSync(junit, 'utf8'))).toBe(true);
    const rows = parseCsv(readFileSync(csv, 'utf8'));
    expect(rows[0]!.slice(0, 5)).toEqual(['Line #', 'Conversation #', 'Source', 'Input', 'Expected Output Intent']);
    expect(rows.filter((row) => row[2] === 'User')).toHaveLength(11);
    expect(rows.find((row) => row[3] === 'two oh two five five five zero one four three')).toEqual(expect.arrayContaining(['User', 'CallbackNumber = 2025550143']));
  }, 120_000);

  it('--export-workbench with only local-only conversations chosen writes nothing, says why and exits 1', () => {
    const dir = tmp();
    const csv = join(dir, 'testset.csv');
    const file = join(dir, 'local.yaml');
    writeFileSync(file, 'bot: SelfService\nlocale: en_US\nconversations:\n  - name: hours here\n    targets: [local]\n    turns:\n      - user: when are you open\n        expect: { interpretation: BusinessHours }\n  - name: agent here\n    turns:\n      - user: agent please\n        expect: { interpretation: TalkToAgent }\n');
    const r = runBotsWithInput(['test', file, '--filter', 'hours', '--in-memory', '--export-workbench', csv], '');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`--export-workbench: nothing written to ${csv}: the 1 conversation(s) matching --filter "hours" cannot run in Test Workbench (runs only on the local target)`);
    expect(existsSync(csv)).toBe(false);
  }, 120_000);

  it('exits 1 with the diff when a conversation fails, and --json reports it', () => {
    const dir = tmp();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'bot: SelfService\nlocale: en_US\nconversations:\n  - name: wrong intent\n    turns:\n      - user: when are you open\n        expect: { interpretation: TalkToAgent }\n');
    const r = runBotsWithInput(['test', file, '--in-memory', '--json'], '');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('interpretation\n        - expected: "TalkToAgent"\n        + actual:   "BusinessHours');
    const json = JSON.parse(r.stdout) as { ok: boolean; failed: number; conversations: { failure: { line: number; mismatches: unknown[] } }[] };
    expect(json).toMatchObject({ ok: false, failed: 1 });
    expect(json.conversations[0]!.failure).toMatchObject({ line: 6, mismatches: [{ field: 'interpretation', expected: 'TalkToAgent' }] });
  }, 120_000);

  it('exits 1 with file:line:col for an invalid test file, and 2 for a bad region', () => {
    const dir = tmp();
    const file = join(dir, 'invalid.yaml');
    writeFileSync(file, 'bot: SelfService\nlocale: en_US\nconversations:\n  - name: x\n    turns:\n      - usr: hi\n');
    const r = runBotsWithInput(['test', file, '--in-memory'], '');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/invalid\.yaml:6:\d+ +error +Unknown key "usr": did you mean "user"\?/);
    expect(runBotsWithInput(['test', '--region', 'nowhere'], '').status).toBe(2);
  }, 120_000);
});

describe('bots eval', () => {
  it('cross-validates a locale and writes JSON, HTML and Markdown', () => {
    const out = tmp();
    const r = runBotsWithInput(['eval', '--locale', 'en_US', '--folds', '3', '--out', out, '--json'], '');
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { locales: { localeId: string; method: { folds: number }; metrics: { accuracy: number; total: number } }[] };
    expect(report.locales).toHaveLength(1);
    expect(report.locales[0]).toMatchObject({ localeId: 'en_US', method: { kind: 'cross-validation', folds: 3 } });
    expect(report.locales[0]!.metrics.total).toBeGreaterThan(100);
    for (const f of ['eval-report.json', 'eval-report.html', 'eval-report.md']) expect(existsSync(join(out, f))).toBe(true);
  }, 120_000);

  it('evaluates a held-out CSV against the local NLU, and refuses cross-validation against an alias', () => {
    const dir = tmp();
    const csv = join(dir, 'heldout.csv');
    writeFileSync(csv, 'text,intent\n"are you open on sunday",BusinessHours\nput me through to a person,TalkToAgent\n');
    const r = runBotsWithInput(['eval', '--test-file', csv, '--locale', 'en_US', '--out', dir], '');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/en_US +accuracy/);
    expect(runBotsWithInput(['eval', '--region', 'us-east-1'], '').stderr).toContain('pass --test-file');
  }, 120_000);
});
