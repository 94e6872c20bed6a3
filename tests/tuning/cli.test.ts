/** `bots tune` as a user runs it: conversation-log files in, reports out, --apply, exit codes. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runBots } from '../helpers/cli.js';
import { baseFiles, writeProject } from '../helpers/project.js';

const T0 = Date.parse('2026-11-20T09:00:00Z');

/** A Lex V2 conversation-log line (https://docs.aws.amazon.com/lexv2/latest/dg/conversation-logs-cw.html). */
function line(i: number, sessionId: string, text: string, missed: boolean, intent = missed ? 'FallbackIntent' : 'Balance'): string {
  return JSON.stringify({
    'message-version': '2.0',
    bot: { id: 'DEMOBOT123', name: 'Demo', aliasId: 'TSTALIASID', aliasName: 'TestBotAlias', localeId: 'en_US', version: 'DRAFT' },
    messages: [{ contentType: 'PlainText', content: missed ? 'Sorry?' : 'OK.' }],
    sessionState: { dialogAction: { type: missed ? 'ElicitIntent' : 'Close' }, intent: { name: intent, slots: {}, state: missed ? 'InProgress' : 'Fulfilled', confirmationState: 'None' }, originatingRequestId: sessionId },
    interpretations: [{ intent: { name: intent, slots: {} }, ...(missed ? {} : { nluConfidence: 0.9 }) }],
    sessionId,
    inputTranscript: text,
    missedUtterance: missed,
    requestId: `r${i}`,
    timestamp: new Date(T0 + i * 60_000).toISOString(),
    developerOverride: false,
    inputMode: 'Text',
    requestAttributes: {},
    operationName: 'RecognizeText',
  });
}

function projectWithLogs(): string {
  const root = writeProject(baseFiles());
  mkdirSync(join(root, 'logs'));
  const gz = [line(1, 's1', 'how much cash have i got in checking', true), line(2, 's1', 'balance please', false), line(3, 's2', 'how much cash is in checking', true)];
  writeFileSync(join(root, 'logs', '000000.gz'), gzipSync(gz.map((l) => `2026-11-20T09:00:00.000Z ${l}`).join('\n')));
  writeFileSync(join(root, 'logs', 'more.jsonl'), [line(4, 's3', 'how much cash do i have in checking', true), 'not a record', line(5, 's4', 'book a flight to paris', true)].join('\n'));
  return root;
}

describe('bots tune', () => {
  it('writes a JSON report from gzipped and plain log files, and reports the bad line', () => {
    const root = projectWithLogs();
    const r = runBots(['tune', '--logs', 'logs/*.gz', 'logs/more.jsonl', '--format', 'json', '--out', 'report.json'], root);
    expect(r.stderr).toContain('reading 2 conversation-log file(s)');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/json report written to report\.json: 4 missed of 5 turns, 2 clusters/);
    const report = JSON.parse(readFileSync(join(root, 'report.json'), 'utf8'));
    expect(report.clusters[0]).toMatchObject({ count: 3, sessions: 3, action: { kind: 'add-to-intent', intent: 'Balance' } });
    expect(report.problems).toEqual({ count: 1, first: [{ file: join(root, 'logs', 'more.jsonl'), line: 2, message: expect.stringMatching(/not JSON/) }] });
  });

  it('prints Markdown, applies the suggestions once, and prints what it changed', () => {
    const root = projectWithLogs();
    const first = runBots(['tune', '--logs', 'logs', '--apply'], root);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^# Missed utterances: Demo \(en_US\)/);
    expect(first.stdout).toContain('more.jsonl:2');
    expect(first.stderr).toContain('+ intents/en_US/Balance.yaml: Balance +3 (now 18)');
    const yaml = readFileSync(join(root, 'intents/en_US/Balance.yaml'), 'utf8');
    expect(yaml).toContain('how much cash have i got in checking');

    const second = runBots(['tune', '--logs', 'logs', '--apply', '--json'], root);
    expect(second.status).toBe(0);
    const out = JSON.parse(second.stdout);
    expect(out.apply.changes).toEqual([]);
    expect(readFileSync(join(root, 'intents/en_US/Balance.yaml'), 'utf8')).toBe(yaml);
  });

  it('writes a self-contained HTML page', () => {
    const root = projectWithLogs();
    const r = runBots(['tune', '--logs', 'logs', '--format', 'html', '-o', 'tune.html'], root);
    expect(r.status).toBe(0);
    const html = readFileSync(join(root, 'tune.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script/i);
  });

  it('exits 2 with the fix for a bad window, a missing log file or an unknown bot', () => {
    const root = projectWithLogs();
    const window = runBots(['tune', '--logs', 'logs', '--window', 'fortnight'], root);
    expect(window.status).toBe(2);
    expect(window.stderr).toMatch(/--window "fortnight" is not a duration: use a number and h, d or w/);
    const missing = runBots(['tune', '--logs', 'nope.gz'], root);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.gz: no such file or folder');
    const bot = runBots(['tune', '--bot', 'Nope', '--logs', 'logs'], root);
    expect(bot.status).toBe(2);
    expect(bot.stderr).toContain('No bot named Nope');
    expect(existsSync(join(root, 'report.json'))).toBe(false);
  });

  it('has help with examples', () => {
    const r = runBots(['tune', '--help'], writeProject(baseFiles()));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("bots tune --logs 'exports/**/*.gz'");
  });
});
