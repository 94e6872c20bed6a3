/**
 * Personal data stays out of `bots tune`: reports mask digit runs, card-like numbers and e-mail
 * addresses, and `--apply` refuses utterances holding them, naming why (issue 14 point 6).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { MissCluster, TuningReport } from '../../scripts/tuning/analyze.js';
import { applySuggestions } from '../../scripts/tuning/apply.js';
import { renderHtml, renderMarkdown, runTune } from '../../scripts/tuning/index.js';
import { personalDataReason, redact, redactText } from '../../scripts/tuning/redact.js';
import { BALANCE_UTTERANCES, baseFiles, writeProject } from '../helpers/project.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('redact', () => {
  it.each([
    ['my number is 202-555-0143', 'my number is [digits]', ['digits']],
    ['call me at (202) 555 0143 please', 'call me at [digits] please', ['digits']],
    ['my code is 12 34 56', 'my code is [digits]', ['digits']],
    ['card 4111 1111 1111 1111 was declined', 'card [card] was declined', ['card']],
    ['card 4111-1111-1111-1111', 'card [card]', ['card']],
    ['mail me at jane.doe+bank@example.co.uk', 'mail me at [email]', ['email']],
    ['account 4001002001 and avery@example.com', 'account [digits] and [email]', ['digits', 'email']],
    ['I need 2 cards by 5 pm', 'I need 2 cards by 5 pm', []],
    ['open 24 7', 'open 24 7', []],
  ])('%s → %s', (input, text, kinds) => {
    const r = redact(input);
    expect(r.text).toBe(text);
    expect([...r.kinds].sort()).toEqual([...kinds].sort());
  });

  it('property: no run of 4 digits and no e-mail address survives, whatever surrounds them', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^\d{4,19}$/), fc.string(), fc.emailAddress(), (a, digits, b, email) => {
        const out = redactText(`${a} ${digits} ${b} ${email}`);
        expect(out).not.toMatch(/\d(?:[\s().-]{0,2}\d){3}/);
        expect(out).not.toContain(email);
      }),
      { numRuns: 500 },
    );
  });

  it('names why an utterance cannot be added, also for one a report already masked', () => {
    expect(personalDataReason('my card 4111 1111 1111 1111')).toMatch(/card-like number/);
    expect(personalDataReason('code is [digits]')).toMatch(/run of digits/);
    expect(personalDataReason('what is my balance')).toBeUndefined();
  });
});

function cluster(intent: string, suggestedUtterances: string[]): MissCluster {
  return {
    id: 1, label: suggestedUtterances[0] ?? '', count: suggestedUtterances.length, examples: suggestedUtterances, members: [], distinct: suggestedUtterances.length, variants: 0,
    ranking: [], ambiguous: false, action: { kind: 'add-to-intent', intent }, suggestedUtterances,
  };
}

describe('bots tune reports and --apply', () => {
  it('a conversation log with phone, card, account numbers and e-mails: nothing of them in the JSON, Markdown or HTML report', async () => {
    // Prepare
    const root = writeProject(baseFiles());
    roots.push(root);
    const said = ['my phone is 202-555-0143', 'card 4111 1111 1111 1111 lost', 'account 4001002001 balance', 'email me at avery@example.com', 'the code 123456 failed'];
    const log = join(root, 'logs.jsonl');
    writeFileSync(
      log,
      said
        .flatMap((text, i) => [0, 1].map((k) => ({
          'message-version': '2.0',
          bot: { id: 'BOTID12345', name: 'Demo', aliasId: 'ALIASID123', aliasName: 'live', localeId: 'en_US', version: '1' },
          messages: [],
          sessionState: { dialogAction: { type: 'ElicitIntent' }, intent: { name: 'FallbackIntent', slots: {}, state: 'InProgress' }, sessionAttributes: {} },
          interpretations: [{ intent: { name: 'FallbackIntent', slots: {} } }],
          sessionId: `caller-${i}-${k}`,
          inputTranscript: text,
          missedUtterance: true,
          requestId: `r-${i}-${k}`,
          timestamp: new Date(Date.UTC(2026, 10, 20, 10, i, k)).toISOString(),
          inputMode: 'Text',
          operationName: 'RecognizeText',
        })))
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    // Act
    const report = await runTune({ root, logs: [log] });
    // Assess
    expect(report.totals.missed).toBe(10);
    for (const out of [JSON.stringify(report), renderMarkdown(report), renderHtml(report)]) {
      for (const secret of ['202-555-0143', '4111', '4001002001', 'avery@example.com', '123456', '0143']) expect(out).not.toContain(secret);
    }
    expect(JSON.stringify(report)).toContain('[digits]');
  });

  it('--apply refuses utterances with personal data, naming why, and writes nothing for them', async () => {
    const file = `name: Balance\nsampleUtterances:\n${BALANCE_UTTERANCES.map((u) => `  - ${JSON.stringify(u)}`).join('\n')}\n`;
    const root = writeProject(baseFiles({ 'intents/en_US/Balance.yaml': file }));
    roots.push(root);
    const before = readFileSync(join(root, 'intents/en_US/Balance.yaml'), 'utf8');
    const report = { bot: 'Demo', localeId: 'en_US', clusters: [cluster('Balance', ['balance of 4001002001', 'my card 4111 1111 1111 1111', 'mail avery@example.com', 'code is [digits]'])] } as unknown as TuningReport;
    const result = await applySuggestions(root, report);
    expect(result.changes).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/run of digits/),
      expect.stringMatching(/card-like number/),
      expect.stringMatching(/e-mail address/),
      expect.stringMatching(/run of digits/),
    ]);
    expect(JSON.stringify(result)).not.toMatch(/4001002001|4111|avery@/);
    expect(readFileSync(join(root, 'intents/en_US/Balance.yaml'), 'utf8')).toBe(before);
  });
});
