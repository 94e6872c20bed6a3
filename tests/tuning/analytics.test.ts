/**
 * The analytics source through the real LexModelsV2Client against an HTTP-level fake of the two
 * Lex V2 operations (restJson1: JSON bodies, epoch-second timestamps, nextToken pagination).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWindow, readAnalytics } from '../../scripts/tuning/analytics.js';
import type { Turn } from '../../scripts/tuning/types.js';
import { modelsClient } from '../helpers/emulator.js';

interface Call {
  path: string;
  body: Record<string, unknown>;
}

const NOW = Date.parse('2026-11-20T12:00:00Z');

/** Seven utterances in pages of `maxResults`; aggregated rows in pages too (or an error / nothing). */
function fakeLex(mode: { aggregated: 'rows' | 'empty' | 'denied' }) {
  const calls: Call[] = [];
  const utterances = Array.from({ length: 7 }, (_, i) => ({
    botAliasId: 'ALIAS1',
    botVersion: '2',
    localeId: 'en_US',
    sessionId: `s${i % 3}`,
    utterance: i === 6 ? '{Passcode}' : `phrase ${i}`,
    utteranceTimestamp: (NOW - (7 - i) * 60_000) / 1000,
    utteranceUnderstood: i % 2 === 0,
    associatedIntentName: i % 2 === 0 ? 'CheckBalance' : 'FallbackIntent',
    mode: 'Text',
  }));
  const rows = Array.from({ length: 5 }, (_, i) => ({ utterance: `phrase ${i}`, hitCount: i, missedCount: 5 - i, utteranceFirstRecordedInAggregationDuration: (NOW - 3_600_000) / 1000 }));
  const page = <T>(items: T[], body: Record<string, unknown>) => {
    const start = Number(body.nextToken ?? 0);
    const size = Number(body.maxResults);
    const next = start + size < items.length ? String(start + size) : undefined;
    return { items: items.slice(start, start + size), ...(next ? { nextToken: next } : {}) };
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      calls.push({ path: req.url ?? '', body });
      const send = (status: number, payload: unknown, type?: string) => {
        res.writeHead(status, { 'content-type': 'application/json', ...(type ? { 'x-amzn-errortype': type } : {}) });
        res.end(JSON.stringify(payload));
      };
      if (req.url?.endsWith('/analytics/utterances')) {
        const p = page(utterances, body);
        return send(200, { botId: 'BOT1', utterances: p.items, nextToken: p.nextToken });
      }
      if (req.url?.includes('/aggregatedutterances')) {
        if (mode.aggregated === 'denied') return send(403, { message: 'User is not authorized to perform: lex:ListAggregatedUtterances' }, 'AccessDeniedException');
        const p = page(mode.aggregated === 'rows' ? rows : [], body);
        return send(200, { botId: 'BOT1', localeId: 'en_US', aggregatedUtterancesSummaries: p.items, nextToken: p.nextToken });
      }
      send(404, { message: 'unknown' }, 'UnknownOperationException');
    });
  });
  return { server, calls };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('readAnalytics', () => {
  const fakes: Server[] = [];
  afterAll(() => fakes.forEach((s) => s.close()));
  let endpoint = '';
  let calls: Call[] = [];
  beforeAll(async () => {
    const f = fakeLex({ aggregated: 'rows' });
    fakes.push(f.server);
    calls = f.calls;
    endpoint = await listen(f.server);
  });

  it('follows nextToken through every page of both operations and maps the records to turns', async () => {
    // Prepare
    const client = modelsClient(endpoint, { maxAttempts: 1 });
    const turns: Turn[] = [];

    // Act
    const result = await readAnalytics(client, { botId: 'BOT1', botAliasId: 'ALIAS1', localeId: 'en_US', window: parseWindow('1d'), now: NOW, pageSize: 3 }, (t) => turns.push(t));
    client.destroy();

    // Assess: 7 utterances in 3 pages, 5 aggregated rows in 2 pages.
    expect(result.pages).toEqual({ ListUtteranceAnalyticsData: 3, ListAggregatedUtterances: 2 });
    expect(turns.map((t) => t.utterance)).toEqual(['phrase 0', 'phrase 1', 'phrase 2', 'phrase 3', 'phrase 4', 'phrase 5', '{Passcode}']);
    expect(turns[1]).toMatchObject({ sessionId: 's1', missed: true, intent: 'FallbackIntent', localeId: 'en_US', timestamp: NOW - 6 * 60_000 });
    expect(turns[6]!.slotAnswer).toBe(true);
    expect(result.aggregated).toHaveLength(5);
    expect(result.aggregated[0]).toMatchObject({ utterance: 'phrase 0', hitCount: 0, missedCount: 5, firstSeen: NOW - 3_600_000 });
    // The requests say what Lex needs: the window, alias and locale filters, the fixed aggregation window.
    const data = calls.find((c) => c.path.endsWith('/analytics/utterances'))!;
    expect(data.body).toMatchObject({ startDateTime: (NOW - 24 * 3_600_000) / 1000, endDateTime: NOW / 1000, maxResults: 3 });
    expect(data.body.filters).toEqual([
      { name: 'BotAliasId', operator: 'EQ', values: ['ALIAS1'] },
      { name: 'LocaleId', operator: 'EQ', values: ['en_US'] },
    ]);
    const agg = calls.find((c) => c.path.includes('/aggregatedutterances'))!;
    expect(agg.path).toMatch(/^\/bots\/BOT1\/aggregatedutterances\/?$/);
    expect(agg.body).toMatchObject({ botAliasId: 'ALIAS1', localeId: 'en_US', aggregationDuration: { relativeAggregationDuration: { timeDimension: 'Hours', timeValue: 24 } } });
    expect(result.notes).toEqual([]);
  });

  it('says why aggregated statistics are missing instead of showing empty numbers', async () => {
    const f = fakeLex({ aggregated: 'empty' });
    fakes.push(f.server);
    const client = modelsClient(await listen(f.server), { maxAttempts: 1 });
    const result = await readAnalytics(client, { botId: 'BOT1', botAliasId: 'ALIAS1', localeId: 'en_US', window: parseWindow('2w'), now: NOW }, () => {}, 'slot obfuscation is on for VerifyIdentity.Passcode (en_US)');
    client.destroy();
    expect(result.notes).toEqual([{ source: 'ListAggregatedUtterances', message: expect.stringMatching(/no aggregated statistics for this bot: slot obfuscation is on for VerifyIdentity\.Passcode.*ListUtteranceAnalyticsData/) }]);
  });

  it('turns a denied operation into a note when the other one worked', async () => {
    const f = fakeLex({ aggregated: 'denied' });
    fakes.push(f.server);
    const client = modelsClient(await listen(f.server), { maxAttempts: 1 });
    const turns: Turn[] = [];
    const result = await readAnalytics(client, { botId: 'BOT1', botAliasId: 'ALIAS1', localeId: 'en_US', window: parseWindow('3d'), now: NOW }, (t) => turns.push(t));
    client.destroy();
    expect(turns).toHaveLength(7);
    expect(result.notes).toEqual([{ source: 'ListAggregatedUtterances', message: expect.stringMatching(/AccessDeniedException/) }]);
  });
});

describe('parseWindow', () => {
  it('maps a window to the smallest fixed ListAggregatedUtterances window that covers it', () => {
    expect(parseWindow('1h').aggregation).toMatchObject({ timeDimension: 'Hours', timeValue: 1 });
    expect(parseWindow('1d').aggregation).toMatchObject({ timeDimension: 'Hours', timeValue: 24 });
    expect(parseWindow('2d').aggregation).toMatchObject({ timeDimension: 'Days', timeValue: 3 });
    expect(parseWindow('1w').aggregation).toMatchObject({ timeDimension: 'Weeks', timeValue: 1 });
    expect(parseWindow('30d')).toMatchObject({ hours: 720, aggregation: { timeDimension: 'Weeks', timeValue: 2 } });
    expect(() => parseWindow('fortnight')).toThrow(/not a duration/);
    expect(() => parseWindow('0d')).toThrow(/not a duration/);
  });
});

describe('withheldReason', () => {
  it('names why Lex withholds aggregated statistics: child-directed, or the obfuscated slots with their locales', async () => {
    const { loadProject } = await import('../../scripts/definitions/load.js');
    const { withheldReason } = await import('../../scripts/tuning/index.js');
    const { baseFiles, writeProject } = await import('../helpers/project.js');
    const base = baseFiles();
    const child = writeProject({ ...base, 'bots/Demo.yaml': { ...(base['bots/Demo.yaml'] as object), childDirected: true } });
    expect(withheldReason((await loadProject(child)).project.bots[0]!)).toBe('the bot is child-directed (childDirected: true)');
    expect(withheldReason((await loadProject(writeProject(base))).project.bots[0]!)).toBeUndefined();
    const shipped = (await loadProject(join(import.meta.dirname, '..', '..'))).project.bots.find((b) => b.name === 'SelfService')!;
    expect(withheldReason(shipped)).toMatch(/^slot obfuscation is on for .*VerifyIdentity\.Passcode \(en_US, es_US, fr_CA\)/);
  });
});
