/**
 * The runner's pieces without a bot: expectation checks (pass and fail with the diff), placeholders,
 * JUnit XML (well-formed, counts), the Test Workbench CSV (header, rows, quoting) and SSML as heard.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatFailure, formatSummary, toJUnitXml, toJsonReport } from '../../scripts/conversation/report.js';
import { checkTurn, resolvePlaceholders, summarize, wrongCode, type ConversationOutcome } from '../../scripts/conversation/runner.js';
import type { TurnResult } from '../../scripts/conversation/session.js';
import { heardText } from '../../scripts/conversation/ssml-text.js';
import { parseTestFile, type UserTurn } from '../../scripts/conversation/test-file.js';
import { csvField, toWorkbench } from '../../scripts/conversation/workbench.js';
import { parseCsv } from '../../scripts/nlu/dataset.js';

const result = (over: Partial<TurnResult> = {}): TurnResult => ({
  input: 'what is my balance',
  messages: [{ contentType: 'PlainText', content: 'Which account: checking or savings?', text: 'Which account: checking or savings?' }],
  intent: { name: 'CheckBalance', state: 'InProgress', confirmationState: 'None', slots: { AccountType: null } },
  dialogAction: { type: 'ElicitSlot', slotToElicit: 'AccountType' },
  sessionAttributes: { verified: 'false' },
  interpretations: [{ intent: 'CheckBalance', confidence: 0.93, slots: {} }],
  ...over,
});

const FILE = `bot: Demo
locale: en_US
conversations:
  - name: balance
    turns:
      - user: what is my balance
        expect:
          intent: CheckBalance
          dialogAction: { type: ElicitSlot, slotToElicit: AccountType }
  - name: goodbye, with "quotes"
    sessionAttributes: { channel: chat }
    turns:
      - user: bye, then
        expect: { interpretation: Goodbye, slots: { Reason: done } }
  - name: local only
    phone: "+12025550143"
    turns:
      - user: "{otp}"
`;

function outcomes(): ConversationOutcome[] {
  const { conversations } = parseTestFile('tests/conversations/demo.yaml', FILE);
  const [a, b, c] = conversations;
  const bad = result({ intent: { name: 'FallbackIntent', slots: {} }, interpretations: [{ intent: 'FallbackIntent', slots: {} }], messages: [{ contentType: 'PlainText', content: 'Sorry <&>', text: 'Sorry <&>' }] });
  return [
    { test: a!, status: 'passed', sessionId: 's1', durationMs: 12, turns: [{ index: 0, at: a!.turns[0]!.at, kind: 'user', input: 'what is my balance', passed: true, mismatches: [], result: result() }] },
    {
      test: b!,
      status: 'failed',
      sessionId: 's2',
      durationMs: 8,
      turns: [{ index: 0, at: b!.turns[0]!.at, kind: 'user', input: 'bye, then', passed: false, mismatches: checkTurn((b!.turns[0] as UserTurn).expect, bad), result: bad }],
    },
    { test: c!, status: 'skipped', skipReason: 'reads passcodes from the local SMS outbox', turns: [], durationMs: 0 },
  ];
}

describe('checkTurn', () => {
  it('passes when every expectation holds', () => {
    expect(
      checkTurn(
        {
          intent: 'CheckBalance',
          intentState: 'InProgress',
          interpretation: { intent: 'CheckBalance', minConfidence: 0.9 },
          slots: { AccountType: null },
          dialogAction: { type: 'ElicitSlot', slotToElicit: 'AccountType' },
          message: { contains: ['CHECKING', 'savings'], notContains: 'balance is', regex: '/which account/i', count: 1 },
          sessionAttributes: { verified: 'false', nextAction: null },
        },
        result(),
      ),
    ).toEqual([]);
  });

  it('reports each expectation that fails with what was expected and what came', () => {
    const mismatches = checkTurn(
      { intent: 'TalkToAgent', interpretation: { intent: 'CheckBalance', minConfidence: 0.95 }, slots: { AccountType: 'savings' }, dialogAction: 'Close', message: { contains: 'balance is', regex: '^Sorry' }, sessionAttributes: { verified: 'true' } },
      result(),
    );
    expect(mismatches).toEqual([
      { field: 'intent', expected: 'TalkToAgent', actual: 'CheckBalance' },
      { field: 'interpretation confidence of CheckBalance', expected: '>= 0.95', actual: 0.93 },
      { field: 'slots.AccountType', expected: 'savings', actual: null },
      { field: 'dialogAction.type', expected: 'Close', actual: 'ElicitSlot' },
      { field: 'message contains', expected: 'balance is', actual: 'Which account: checking or savings?' },
      { field: 'message matches', expected: '^Sorry', actual: 'Which account: checking or savings?' },
      { field: 'sessionAttributes.verified', expected: 'true', actual: 'false' },
    ]);
  });
});

describe('placeholders', () => {
  const codes = (phone: string) => (phone === '+12025550143' ? '000999' : undefined);
  it('fills {otp}, {wrongOtp}, {otp:+number} and {sessionId}', () => {
    expect(resolvePlaceholders('code {otp} / {wrongOtp} / {otp:+12025550143} in {sessionId}', { sessionId: 's-1', phone: '+12025550143', lastCodeTo: codes })).toBe('code 000999 / 001000 / 000999 in s-1');
    expect(wrongCode('999999')).toBe('000000');
  });
  it('says why a code is missing', () => {
    expect(() => resolvePlaceholders('{otp}', { sessionId: 's', phone: '+15145550123', lastCodeTo: codes })).toThrow(/No passcode was texted to \+15145550123/);
    expect(() => resolvePlaceholders('{otp}', { sessionId: 's', phone: '+15145550123' })).toThrow(/local SMS outbox/);
  });
});

describe('reports', () => {
  const summary = summarize(outcomes(), { kind: 'local', region: 'us-east-1', alias: 'live' }, 1234);

  it('prints a failure as the turn, its position and an expected/actual diff', () => {
    const text = formatFailure(summary.conversations[1]!);
    expect(text).toContain('tests/conversations/demo.yaml › goodbye, with "quotes"');
    expect(text).toMatch(/turn 1 at tests\/conversations\/demo\.yaml:13:9: user "bye, then"/);
    expect(text).toContain('interpretation\n        - expected: "Goodbye"\n        + actual:   "FallbackIntent"');
    expect(text).toContain('slots.Reason\n        - expected: "done"\n        + actual:   (none)');
    expect(formatSummary(summary)).toMatch(/1 passed, 1 failed, 1 skipped \(3 conversations, 2 turns\)/);
  });

  it('writes well-formed JUnit XML with the counts, the failure text and the skip reason', () => {
    const xml = toJUnitXml(summary);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.testsuites).toMatchObject({ tests: '3', failures: '1', skipped: '1' });
    const cases = doc.testsuites.testsuite.testcase;
    expect(cases).toHaveLength(3);
    expect(cases[1].failure.message).toContain('interpretation: expected "Goodbye", got "FallbackIntent"');
    expect(cases[1].failure['#text']).toContain('Sorry <&>');
    expect(cases[2].skipped.message).toContain('local SMS outbox');
  });

  it('gives JSON with the failing turn', () => {
    const json = toJsonReport(summary) as { ok: boolean; conversations: { status: string; failure?: { line: number } }[] };
    expect(json.ok).toBe(false);
    expect(json.conversations[1]).toMatchObject({ status: 'failed', failure: { line: 13 } });
  });
});

describe('Test Workbench export', () => {
  it('writes one User row per turn with intent and slots, Agent rows from a run, and leaves out local-only conversations', () => {
    const { conversations } = parseTestFile('tests/conversations/demo.yaml', FILE);
    const exp = toWorkbench(conversations, outcomes());
    expect(exp.skipped).toEqual([{ id: 'tests/conversations/demo.yaml › local only', reason: expect.stringContaining('passcodes') }]);
    expect(exp.testSets).toHaveLength(1);
    const rows = parseCsv(exp.testSets[0]!.csv);
    expect(rows[0]).toEqual(['Line #', 'Conversation #', 'Source', 'Input', 'Expected Output Intent', 'Expected Output Slot 1', 'Session Attribute']);
    expect(rows.slice(1)).toEqual([
      ['1', '1', 'User', 'what is my balance', 'CheckBalance', '', ''],
      ['2', '1', 'Agent', 'Which account: checking or savings?', '', '', ''],
      ['3', '2', 'User', 'bye, then', 'Goodbye', 'Reason = done', 'channel = chat'],
      ['4', '2', 'Agent', 'Sorry <&>', '', '', ''],
    ]);
    expect(exp.testSets[0]!.csv.endsWith('\r\n')).toBe(true);
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
  });
});

describe('heardText', () => {
  it('reads SSML as a caller hears it', () => {
    expect(heardText('<speak>Code sent to <say-as interpret-as="digits">43</say-as>.<break time="200ms"/> Call <say-as interpret-as="telephone">+1 202 555 0143</say-as> &amp; <sub alias="World Wide Web">WWW</sub>!</speak>')).toBe(
      'Code sent to 4 3. Call +1 202 555 0143 & World Wide Web!',
    );
    expect(heardText('plain text')).toBe('plain text');
  });
});
