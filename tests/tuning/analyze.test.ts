/**
 * The analysis: clustering, nearest intent and suggestions, variants, per-intent rates, confused
 * pairs, outcomes, filters; and the Markdown / HTML renderings of the report.
 */
import { describe, expect, it } from 'vitest';
import { trainClassifier } from '../../scripts/nlu/classifier.js';
import { TuningAccumulator, type TuningContext } from '../../scripts/tuning/analyze.js';
import { clusterUtterances } from '../../scripts/tuning/cluster.js';
import { renderHtml } from '../../scripts/tuning/html.js';
import { renderMarkdown } from '../../scripts/tuning/markdown.js';
import type { Turn } from '../../scripts/tuning/types.js';
import { BALANCE_UTTERANCES, GOODBYE_UTTERANCES } from '../helpers/project.js';

const AGENT_UTTERANCES = [
  'talk to an agent', 'I want a human', 'let me speak to a person', 'representative please', 'transfer me to someone', 'can I talk to somebody',
  'get me a real person', 'operator', 'I need to speak with an agent', 'connect me to customer service', 'agent please', 'human please',
  'put me through to a representative', 'speak to a live person', 'customer service rep',
];

function context(minUtterances = 15): TuningContext {
  const intents = [
    { name: 'Balance', utterances: BALANCE_UTTERANCES },
    { name: 'Goodbye', utterances: GOODBYE_UTTERANCES },
    { name: 'TalkToAgent', utterances: AGENT_UTTERANCES },
  ];
  const classifier = trainClassifier({ localeId: 'en_US', intents: intents.map((i) => ({ ...i, slots: [] })), slotTypes: [] });
  return { bot: 'Demo', localeId: 'en_US', language: 'en', intents, classifier, minUtterances, maxUtterances: 20 };
}
const CTX = context();
const T0 = Date.parse('2026-11-20T09:00:00Z');

let seq = 0;
function turn(sessionId: string, utterance: string, missed: boolean, extra: Partial<Turn> = {}): Turn {
  seq++;
  return { timestamp: T0 + seq * 1000, sessionId, utterance, missed, ...(missed ? { intent: 'FallbackIntent' } : {}), ...extra };
}

describe('TuningAccumulator', () => {
  it('clusters similar misses, suggests the nearest intent, and tells new intents from out-of-scope noise', () => {
    // Prepare
    const acc = new TuningAccumulator({ localeId: 'en_US' });
    const misses: [string, string][] = [
      ['a', 'how much cash have i got in checking'],
      ['b', 'how much cash do i have in checking'],
      ['c', 'how much cash is in checking'],
      ['d', 'book a flight to paris'],
      ['e', 'book a flight to rome'],
      ['f', 'i want to book a flight'],
      ['g', 'what is the weather'],
    ];
    for (const [s, u] of misses) acc.add(turn(s, u, true));

    // Act
    const report = acc.finish(CTX, { sources: ['test'] });

    // Assess
    const cash = report.clusters.find((c) => c.label.includes('cash'))!;
    expect(cash.members.map((m) => m.text).sort()).toEqual(['how much cash do i have in checking', 'how much cash have i got in checking', 'how much cash is in checking']);
    expect(cash.nearest?.intent).toBe('Balance');
    expect(cash.action).toEqual({ kind: 'add-to-intent', intent: 'Balance' });
    expect(cash.suggestedUtterances).toHaveLength(3);
    expect(cash.sessions).toBe(3);
    expect(cash.firstSeen! <= cash.lastSeen!).toBe(true);
    const flights = report.clusters.find((c) => c.label.includes('flight'))!;
    expect(flights.members).toHaveLength(3);
    expect(flights.action).toEqual({ kind: 'new-intent' });
    expect(flights.suggestedUtterances).toEqual([]);
    const weather = report.clusters.find((c) => c.label.includes('weather'))!;
    expect(weather.count).toBe(1);
    expect(weather.action).toEqual({ kind: 'out-of-scope' });
    expect(report.intents.find((i) => i.intent === 'Balance')).toMatchObject({ hits: 0, misses: 3, missRate: 1 });
  });

  it('marks misses that are misspellings or transcription variants of sample utterances', () => {
    const acc = new TuningAccumulator();
    acc.add(turn('a', 'whats my balanse', true));
    acc.add(turn('b', 'tell me my a count balence', true));
    const report = acc.finish(CTX, { sources: ['test'] });
    const members = report.clusters.flatMap((c) => c.members);
    expect(members.find((m) => m.text === 'whats my balanse')?.variantOf).toEqual({ intent: 'Balance', utterance: expect.stringMatching(/^what'?s my balance$/) });
    expect(members.find((m) => m.text === 'tell me my a count balence')?.variantOf?.intent).toBe('Balance');
    expect(report.clusters.every((c) => c.action.kind === 'add-to-intent' && c.action.intent === 'Balance')).toBe(true);
    expect(renderMarkdown(report)).toContain('### Misspellings and transcription variants');
  });

  it('does not suggest an utterance that is already a sample utterance (the deployed bot is older)', () => {
    const acc = new TuningAccumulator();
    acc.add(turn('a', 'Balance please!', true));
    const [cluster] = acc.finish(CTX, { sources: ['test'] }).clusters;
    expect(cluster!.members[0]!.inDefinitions).toBe('Balance');
    expect(cluster!.suggestedUtterances).toEqual([]);
  });

  it('says how missed conversations ended: agent transfer, recovered, hang-up', () => {
    const acc = new TuningAccumulator();
    // s1: miss, then the agent intent. s2: miss, then understood. s3: understood, then a miss, then nothing.
    acc.add(turn('s1', 'blorp', true));
    acc.add(turn('s1', 'agent please', false, { intent: 'TalkToAgent' }));
    acc.add(turn('s2', 'blorp', true));
    acc.add(turn('s2', 'goodbye', false, { intent: 'Goodbye' }));
    acc.add(turn('s3', 'balance please', false, { intent: 'Balance' }));
    acc.add(turn('s3', 'blorp', true));
    acc.add(turn('s4', 'balance please', false, { intent: 'Balance' }));

    const report = acc.finish(CTX, { sources: ['test'] });

    expect(report.outcomes).toEqual({ sessions: 3, agentTransfer: 1, recovered: 1, hangUp: 1 });
    expect(report.totals).toMatchObject({ turns: 7, hits: 4, missed: 3, sessions: 4, sessionsWithMiss: 3 });
    expect(report.intents.find((i) => i.intent === 'Balance')?.hits).toBe(2);
  });

  it('counts intent pairs whose interpretations are within 0.1 of each other', () => {
    const acc = new TuningAccumulator();
    const close = [{ intent: 'Balance', confidence: 0.46 }, { intent: 'Goodbye', confidence: 0.41 }, { intent: 'FallbackIntent' }];
    acc.add(turn('a', 'that is all my money', false, { intent: 'Balance', interpretations: close }));
    acc.add(turn('b', 'that is all my money', false, { intent: 'Balance', interpretations: close }));
    acc.add(turn('c', 'balance', false, { intent: 'Balance', interpretations: [{ intent: 'Balance', confidence: 0.95 }, { intent: 'Goodbye', confidence: 0.01 }] }));
    const report = acc.finish(CTX, { sources: ['test'] });
    expect(report.confusedPairs).toEqual([{ intents: ['Balance', 'Goodbye'], count: 2, examples: ['that is all my money'] }]);
  });

  it('counts a hit for the intent the NLU recognised, even when the dialog moved on to another', () => {
    const acc = new TuningAccumulator();
    acc.add(turn('a', 'balance please', false, { intent: 'Goodbye', interpretations: [{ intent: 'Balance', confidence: 0.9 }] }));
    const report = acc.finish(CTX, { sources: ['test'] });
    expect(report.intents.find((i) => i.intent === 'Balance')?.hits).toBe(1);
    expect(report.intents.find((i) => i.intent === 'Goodbye')?.hits).toBe(0);
  });

  it('keeps only the locale and window asked for, and flags intents under the minimum', () => {
    const acc = new TuningAccumulator({ localeId: 'en_US', botName: 'Demo', window: { start: T0, end: T0 + 3_600_000 } });
    acc.add(turn('a', 'blorp', true, { localeId: 'fr_CA' }));
    acc.add(turn('x', 'blorp', true, { localeId: 'en_US', botName: 'OtherBot' }));
    acc.add({ timestamp: T0 - 1, sessionId: 'b', utterance: 'blorp', missed: true });
    acc.add(turn('c', 'blorp', true, { localeId: 'en_US' }));
    const report = acc.finish(context(16), { sources: ['test'] });
    expect(report.totals).toMatchObject({ turns: 1, missed: 1, otherLocaleTurns: 1 });
    expect(report.notes).toEqual([
      { source: 'logs', message: '1 turn(s) of other bots were left out.' },
      { source: 'logs', message: '1 turn(s) fell outside the window and were left out.' },
    ]);
    expect(report.intents.filter((i) => i.underMinimum).map((i) => i.intent)).toEqual(['Balance', 'Goodbye', 'TalkToAgent']);
  });

  it('counts obfuscated slot answers without clustering them', () => {
    const acc = new TuningAccumulator();
    acc.add(turn('a', '{Passcode}', true, { slotAnswer: true }));
    const report = acc.finish(CTX, { sources: ['test'] });
    expect(report.totals.slotAnswersMissed).toBe(1);
    expect(report.clusters).toEqual([]);
  });

  it('falls back to ListAggregatedUtterances counts when no turn was read, and says what is missing', () => {
    const acc = new TuningAccumulator();
    acc.addAggregated([
      { utterance: 'how much cash is in checking', hitCount: 0, missedCount: 4 },
      { utterance: 'goodbye', hitCount: 9, missedCount: 0 },
    ]);
    const report = acc.finish(CTX, { sources: ['test'] });
    expect(report.totals).toMatchObject({ turns: 13, hits: 9, missed: 4 });
    expect(report.clusters[0]).toMatchObject({ count: 4, action: { kind: 'add-to-intent', intent: 'Balance' } });
    expect(report.clusters[0]!.sessions).toBeUndefined();
    expect(report.notes.map((n) => n.source)).toEqual(['ListAggregatedUtterances']);
    expect(renderMarkdown(report)).toContain('Not available: the source has no sessions');
  });
});

describe('clusterUtterances', () => {
  it('is deterministic and puts the most frequent utterance first', () => {
    const items = ['freeze my card', 'please freeze my card', 'freeze the card now', 'opening hours', 'when do you open'].map((text, i) => ({ text, weight: 10 - i, ranking: [] }));
    const a = clusterUtterances(items, [], 'en');
    const b = clusterUtterances(items, [], 'en');
    expect(a).toEqual(b);
    expect(a[0]).toEqual([0, 1, 2]);
  });
});

describe('renderers', () => {
  const acc = new TuningAccumulator();
  acc.add(turn('a', 'how much <b>cash</b> is in checking', true));
  acc.add(turn('b', 'goodbye', false, { intent: 'Goodbye' }));
  const report = acc.finish(CTX, { sources: ['logs'], notes: [{ source: 'ListAggregatedUtterances', message: 'Lex produces no aggregated statistics for this bot: slot obfuscation is on.' }] });

  it('writes Markdown with the notes, clusters, intents and outcomes', () => {
    const md = renderMarkdown(report);
    expect(md).toMatch(/^# Missed utterances: Demo \(en_US\)/);
    expect(md).toContain('## What this report cannot show');
    expect(md).toContain('slot obfuscation is on');
    expect(md).toMatch(/\| 1 \| 1 \| 1 \| "how much <b>cash<\/b> is in checking" \| Balance/);
    expect(md).toContain('| Goodbye | 1 | 0 | 0.0 % | 15 |');
    expect(md).toContain('## How missed conversations ended');
  });

  it('writes one self-contained HTML page with inline SVG charts and escaped text', () => {
    const html = renderHtml(report);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|<link|src=|href=/i);
    expect(html).toContain('how much &lt;b&gt;cash&lt;/b&gt; is in checking');
    expect(html).not.toContain('<b>cash</b>');
  });
});
