/**
 * Conversation-log reading: real-format Lex V2 records (as the emulator and Lex write them), plain
 * and gzipped files, CloudWatch S3-export timestamps, malformed lines reported with file:line.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { confidenceOf, expandLogPaths, globToRegExp, parseLogLine, readLogFiles } from '../../scripts/tuning/logs.js';
import type { LogLineProblem, Turn } from '../../scripts/tuning/types.js';

/** A record in the shape the Lex V2 text logs use (https://docs.aws.amazon.com/lexv2/latest/dg/conversation-logs-cw.html). */
function record(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'message-version': '2.0',
    bot: { id: 'BOTID12345', name: 'SelfService', aliasId: 'ALIASID123', aliasName: 'live', localeId: 'en_US', version: '3' },
    messages: [{ contentType: 'PlainText', content: 'Sorry, can you say that again?' }],
    sessionState: {
      dialogAction: { type: 'ElicitIntent' },
      intent: { name: 'FallbackIntent', slots: {}, state: 'InProgress', confirmationState: 'None' },
      originatingRequestId: 'c7f1a1f4-1111-2222-3333-444455556666',
      sessionAttributes: {},
    },
    interpretations: [{ intent: { name: 'FallbackIntent', slots: {} } }, { nluConfidence: 0.32, intent: { name: 'CheckBalance', slots: {} } }],
    sessionId: 'session-1',
    inputTranscript: "what's my dosh",
    missedUtterance: true,
    requestId: 'b2b2b2b2-0000-4000-8000-000000000001',
    timestamp: '2026-11-20T10:15:30.123Z',
    developerOverride: false,
    inputMode: 'Text',
    requestAttributes: {},
    operationName: 'RecognizeText',
    ...over,
  };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bots-tune-logs-'));
  dirs.push(dir);
  return dir;
}

describe('parseLogLine', () => {
  it('reads a Lex V2 conversation-log record', () => {
    // Act
    const parsed = parseLogLine(JSON.stringify(record()));

    // Assess
    expect(parsed).toEqual({
      kind: 'turn',
      turn: {
        timestamp: Date.parse('2026-11-20T10:15:30.123Z'),
        sessionId: 'session-1',
        utterance: "what's my dosh",
        missed: true,
        intent: 'FallbackIntent',
        intentState: 'InProgress',
        dialogActionType: 'ElicitIntent',
        botId: 'BOTID12345',
        botName: 'SelfService',
        botAliasId: 'ALIASID123',
        botVersion: '3',
        localeId: 'en_US',
        inputMode: 'Text',
        interpretations: [{ intent: 'FallbackIntent' }, { intent: 'CheckBalance', confidence: 0.32 }],
      },
    });
  });

  it('strips the timestamp a CloudWatch Logs S3 export puts in front of each line', () => {
    const parsed = parseLogLine(`2026-11-20T10:15:30.123Z ${JSON.stringify(record({ missedUtterance: false }))}`);
    expect(parsed.kind === 'turn' && parsed.turn.missed).toBe(false);
  });

  it('reads nluConfidence as a number, a string or {score}', () => {
    expect(confidenceOf(0.5)).toBe(0.5);
    expect(confidenceOf('0.25')).toBe(0.25);
    expect(confidenceOf({ score: 0.75 })).toBe(0.75);
    expect(confidenceOf('high')).toBeUndefined();
    expect(confidenceOf(3)).toBeUndefined();
  });

  it('marks a transcript Lex replaced by {Slot} (obfuscation) as a slot answer', () => {
    const parsed = parseLogLine(JSON.stringify(record({ inputTranscript: '{Passcode}' })));
    expect(parsed.kind === 'turn' && parsed.turn.slotAnswer).toBe(true);
  });

  it('marks a missed turn after which Lex elicits a slot again as a slot answer, not an intent request', () => {
    const retry = record({ inputTranscript: 'the blue one', sessionState: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'AccountType' }, intent: { name: 'CheckBalance', state: 'InProgress' } } });
    const parsed = parseLogLine(JSON.stringify(retry));
    expect(parsed.kind === 'turn' && parsed.turn).toMatchObject({ missed: true, slotAnswer: true, intent: 'CheckBalance', botName: 'SelfService' });
    const fallback = parseLogLine(JSON.stringify(record()));
    expect(fallback.kind === 'turn' && fallback.turn.slotAnswer).toBeUndefined();
  });

  it.each([
    ['{not json', /not JSON/],
    ['[1,2]', /not a JSON object/],
    [JSON.stringify({ hello: 'world' }), /no "sessionId"/],
    [JSON.stringify(record({ timestamp: 'yesterday' })), /timestamp/],
    [JSON.stringify(record({ inputTranscript: 5 })), /inputTranscript/],
    [JSON.stringify(record({ missedUtterance: 'maybe' })), /missedUtterance/],
  ])('says why %s is not a record', (line, why) => {
    const parsed = parseLogLine(line);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toMatch(why);
  });

  it('skips blank lines', () => {
    expect(parseLogLine('   ')).toEqual({ kind: 'blank' });
  });

  it('never throws, whatever the line (fuzz)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), (line) => {
        const parsed = parseLogLine(line);
        expect(['turn', 'blank', 'error']).toContain(parsed.kind);
      }),
      { numRuns: 500 },
    );
  });

  it('reads back the fields of any well-formed record (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.record({
          sessionId: fc.string({ minLength: 1, maxLength: 40 }),
          inputTranscript: fc.string({ maxLength: 200 }),
          missedUtterance: fc.boolean(),
          timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }).map((t) => new Date(t).toISOString()),
          intent: fc.option(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,20}$/), { nil: undefined }),
          confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
          prefix: fc.boolean(),
        }),
        (r) => {
          const doc = record({
            sessionId: r.sessionId,
            inputTranscript: r.inputTranscript,
            missedUtterance: r.missedUtterance,
            timestamp: r.timestamp,
            sessionState: r.intent ? { intent: { name: r.intent } } : {},
            interpretations: r.intent ? [{ intent: { name: r.intent }, ...(r.confidence !== undefined ? { nluConfidence: r.confidence } : {}) }] : [],
          });
          const parsed = parseLogLine(`${r.prefix ? `${r.timestamp} ` : ''}${JSON.stringify(doc)}`);
          expect(parsed.kind).toBe('turn');
          const turn = (parsed as { turn: Turn }).turn;
          expect(turn.sessionId).toBe(r.sessionId);
          expect(turn.utterance).toBe(r.inputTranscript);
          expect(turn.missed).toBe(r.missedUtterance);
          expect(turn.timestamp).toBe(Date.parse(r.timestamp));
          expect(turn.intent).toBe(r.intent);
          if (r.intent) expect(turn.interpretations?.[0]?.confidence).toBe(r.confidence);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('readLogFiles', () => {
  it('streams plain and gzipped files, and reports a malformed line with file:line and skips it', async () => {
    // Prepare: two files, one gzipped (S3 export style), one plain with a broken line 2.
    const dir = tempDir();
    const gz = join(dir, '000000.gz');
    const plain = join(dir, 'export.jsonl');
    const lines = (n: number, first: number) => Array.from({ length: n }, (_, i) => JSON.stringify(record({ sessionId: `s${first + i}` })));
    writeFileSync(gz, gzipSync(lines(3, 0).map((l) => `2026-11-20T10:15:30.123Z ${l}`).join('\n') + '\n'));
    writeFileSync(plain, [lines(1, 3)[0], '{"sessionId": "cut off', '', lines(1, 4)[0]].join('\r\n'));
    const turns: Turn[] = [];
    const problems: LogLineProblem[] = [];

    // Act
    const stats = await readLogFiles([gz, plain], { onTurn: (t) => turns.push(t), onProblem: (p) => problems.push(p) });

    // Assess
    expect(turns.map((t) => t.sessionId)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(problems).toEqual([{ file: plain, line: 2, message: expect.stringMatching(/not JSON/) }]);
    expect(stats).toMatchObject({ files: 2, lines: 7, turns: 5, problems: 1 });
  });

  it('names the file when a gzip stream is corrupt', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.gz');
    writeFileSync(bad, Buffer.concat([gzipSync('x'.repeat(1000)).subarray(0, 12), Buffer.from('garbage')]));
    await expect(readLogFiles([bad], { onTurn: () => {} })).rejects.toThrow(/bad\.gz: cannot read \(gzip\)/);
  });
});

describe('expandLogPaths', () => {
  it('expands folders, globs and files; errors on a pattern that matches nothing', () => {
    // Prepare
    const dir = tempDir();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    for (const f of ['a/1.gz', 'a/b/2.gz', 'a/b/3.jsonl', 'top.log']) writeFileSync(join(dir, f), '');

    // Act / Assess
    expect(expandLogPaths(['a/**/*.gz'], dir)).toEqual([join(dir, 'a/1.gz'), join(dir, 'a/b/2.gz')]);
    expect(expandLogPaths(['a/b', 'top.log'], dir)).toEqual([join(dir, 'a/b/2.gz'), join(dir, 'a/b/3.jsonl'), join(dir, 'top.log')]);
    expect(expandLogPaths(['a/*.gz', 'a/1.gz'], dir)).toEqual([join(dir, 'a/1.gz')]);
    expect(() => expandLogPaths(['nothing/*.gz'], dir)).toThrow(/matches no file/);
    expect(() => expandLogPaths(['missing.log'], dir)).toThrow(/no such file/);
  });

  it('translates glob syntax', () => {
    expect(globToRegExp('x/**/y?.[gj]z').test('x/p/q/y1.gz')).toBe(true);
    expect(globToRegExp('*.gz').test('d/a.gz')).toBe(false);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });
});
