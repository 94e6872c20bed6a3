/**
 * ListAggregatedUtterances and ListUtteranceAnalyticsData through the SDK, answering from turns
 * the test records the way the runtime does (store.recordUtterance).
 */
import {
  CreateBotAliasCommand,
  CreateBotVersionCommand,
  ListAggregatedUtterancesCommand,
  ListUtteranceAnalyticsDataCommand,
  paginateListUtteranceAnalyticsData,
  PreconditionFailedException,
  ValidationException,
  type UtteranceSpecification,
} from '@aws-sdk/client-lex-models-v2';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UtteranceRecord } from '../../scripts/emulator/contracts.js';
import { loadProject } from '../../scripts/definitions/load.js';
import { createBotFromDefinitions } from '../helpers/create-bot.js';
import { useEmulator } from '../helpers/emulator.js';
import { baseFiles, writeProject } from '../helpers/project.js';

const lex = useEmulator();
const ROOT = new URL('../..', import.meta.url).pathname;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let botId: string;
let aliasId: string;
let selfServiceId: string;
const now = Date.now();

/** A recorded turn on alias `live`, version 1, en_US. */
function turn(utterance: string, understood: boolean, agoMs: number, over: Partial<UtteranceRecord> = {}): UtteranceRecord {
  return {
    botId,
    botAliasId: aliasId,
    botVersion: '1',
    localeId: 'en_US',
    sessionId: 'session-1',
    utterance,
    timestamp: now - agoMs,
    utteranceUnderstood: understood,
    associatedIntentName: understood ? 'Balance' : 'FallbackIntent',
    intentState: understood ? 'Fulfilled' : 'Failed',
    dialogActionType: 'Close',
    mode: 'Text',
    channel: 'Connect',
    botResponses: [{ content: 'Your balance is 10 dollars.', contentType: 'PlainText' }],
    ...over,
  };
}

beforeAll(async () => {
  const { project } = await loadProject(writeProject(baseFiles()));
  botId = (await createBotFromDefinitions(lex.models, project, 'Demo')).botId;
  await lex.models.send(new CreateBotVersionCommand({ botId, botVersionLocaleSpecification: { en_US: { sourceBotVersion: 'DRAFT' } } }));
  aliasId = (await lex.models.send(new CreateBotAliasCommand({ botId, botAliasName: 'live', botVersion: '1' }))).botAliasId!;

  const store = lex.emulator.store;
  store.recordUtterance(turn('check my balance', true, 10 * MINUTE));
  store.recordUtterance(turn('check my balance', true, 20 * MINUTE));
  store.recordUtterance(turn('check my balance', false, 30 * MINUTE));
  store.recordUtterance(turn('wire money to mexico', false, 5 * MINUTE, { sessionId: 'session-2', mode: 'Speech' }));
  store.recordUtterance(turn('wire money to mexico', false, 6 * MINUTE, { sessionId: 'session-2', mode: 'Speech' }));
  store.recordUtterance(turn('goodbye', true, 2 * MINUTE, { associatedIntentName: 'Goodbye' }));
  // Outside a 1-hour window, another locale, and the test alias.
  store.recordUtterance(turn('old question', false, 5 * HOUR));
  store.recordUtterance(turn('bonjour', false, MINUTE, { localeId: 'fr_CA' }));
  store.recordUtterance(turn('from the console', false, MINUTE, { botAliasId: 'TSTALIASID', botVersion: 'DRAFT' }));

  // The shipped bot obfuscates slots: Lex produces no aggregated statistics for it.
  const { project: shipped } = await loadProject(ROOT);
  selfServiceId = (await createBotFromDefinitions(lex.models, shipped, 'SelfService', { locales: ['en_US'] })).botId;
  store.recordUtterance({ ...turn('what is my balance', true, MINUTE), botId: selfServiceId, botAliasId: 'TSTALIASID', botVersion: 'DRAFT' });
});

describe('ListAggregatedUtterances', () => {
  const oneHour = { relativeAggregationDuration: { timeDimension: 'Hours' as const, timeValue: 1 } };

  it('counts hits and misses per utterance in the window, most frequent first', async () => {
    const out = await lex.models.send(new ListAggregatedUtterancesCommand({ botId, botAliasId: aliasId, localeId: 'en_US', aggregationDuration: oneHour }));
    expect(out.aggregatedUtterancesSummaries?.map((s) => [s.utterance, s.hitCount, s.missedCount])).toEqual([
      ['check my balance', 2, 1],
      ['wire money to mexico', 0, 2],
      ['goodbye', 1, 0],
    ]);
    const balance = out.aggregatedUtterancesSummaries![0]!;
    expect(balance.utteranceFirstRecordedInAggregationDuration?.getTime()).toBe(now - 30 * MINUTE);
    expect(balance.utteranceLastRecordedInAggregationDuration?.getTime()).toBe(now - 10 * MINUTE);
    expect(balance.containsDataFromDeletedResources).toBe(false);
    expect(out.aggregationWindowEndTime!.getTime() - out.aggregationWindowStartTime!.getTime()).toBe(HOUR);
    expect(out).toMatchObject({ botAliasId: aliasId, localeId: 'en_US', aggregationDuration: oneHour });
  });

  it('widens with the window, and selects by version instead of alias', async () => {
    const day = await lex.models.send(
      new ListAggregatedUtterancesCommand({ botId, botVersion: '1', localeId: 'en_US', aggregationDuration: { relativeAggregationDuration: { timeDimension: 'Hours', timeValue: 24 } } }),
    );
    expect(day.aggregatedUtterancesSummaries?.map((s) => s.utterance)).toContain('old question');
    expect(day.aggregatedUtterancesSummaries?.map((s) => s.utterance)).not.toContain('from the console');
    const draft = await lex.models.send(new ListAggregatedUtterancesCommand({ botId, botVersion: 'DRAFT', localeId: 'en_US', aggregationDuration: oneHour }));
    expect(draft.aggregatedUtterancesSummaries?.map((s) => s.utterance)).toEqual(['from the console']);
  });

  it('filters, sorts by missed count and pages', async () => {
    const missed = await lex.models.send(
      new ListAggregatedUtterancesCommand({ botId, botAliasId: aliasId, localeId: 'en_US', aggregationDuration: oneHour, sortBy: { attribute: 'MissedCount', order: 'Descending' }, maxResults: 1 }),
    );
    expect(missed.aggregatedUtterancesSummaries?.map((s) => s.utterance)).toEqual(['wire money to mexico']);
    expect(missed.nextToken).toBeTruthy();
    const co = await lex.models.send(
      new ListAggregatedUtterancesCommand({ botId, botAliasId: aliasId, localeId: 'en_US', aggregationDuration: oneHour, filters: [{ name: 'Utterance', operator: 'CO', values: ['money'] }] }),
    );
    expect(co.aggregatedUtterancesSummaries?.map((s) => s.utterance)).toEqual(['wire money to mexico']);
  });

  it('returns nothing for a bot with obfuscated slots, as Lex does', async () => {
    const out = await lex.models.send(new ListAggregatedUtterancesCommand({ botId: selfServiceId, botAliasId: 'TSTALIASID', localeId: 'en_US', aggregationDuration: oneHour }));
    expect(out.aggregatedUtterancesSummaries).toEqual([]);
  });

  it('rejects bad requests', async () => {
    const both = new ListAggregatedUtterancesCommand({ botId, botAliasId: aliasId, botVersion: '1', localeId: 'en_US', aggregationDuration: oneHour });
    await expect(lex.models.send(both)).rejects.toBeInstanceOf(ValidationException);
    const twoDays = new ListAggregatedUtterancesCommand({ botId, botVersion: '1', localeId: 'en_US', aggregationDuration: { relativeAggregationDuration: { timeDimension: 'Days', timeValue: 2 } } });
    await expect(lex.models.send(twoDays)).rejects.toBeInstanceOf(ValidationException);
    const noBot = new ListAggregatedUtterancesCommand({ botId: 'NOSUCHBOT1', botVersion: '1', localeId: 'en_US', aggregationDuration: oneHour });
    await expect(lex.models.send(noBot)).rejects.toBeInstanceOf(PreconditionFailedException);
  });
});

describe('ListUtteranceAnalyticsData', () => {
  const window = () => ({ botId, startDateTime: new Date(now - 2 * HOUR), endDateTime: new Date(now + MINUTE) });

  it('returns the turns in the time range with their conversation, oldest first', async () => {
    const out = await lex.models.send(new ListUtteranceAnalyticsDataCommand({ ...window(), maxResults: 100 }));
    expect(out.utterances).toHaveLength(8);
    const first = out.utterances![0]!;
    expect(first).toMatchObject({
      utterance: 'check my balance',
      utteranceUnderstood: false,
      botAliasId: aliasId,
      botVersion: '1',
      localeId: 'en_US',
      sessionId: 'session-1',
      mode: 'Text',
      channel: 'Connect',
      associatedIntentName: 'FallbackIntent',
      intentState: 'Failed',
      dialogActionType: 'Close',
      botResponses: [{ content: 'Your balance is 10 dollars.', contentType: 'PlainText' }],
    });
    expect(first.utteranceTimestamp?.getTime()).toBe(now - 30 * MINUTE);
    // session-1 spans from 5 hours ago (the old question) to 2 minutes ago (goodbye).
    expect(first.conversationStartTime?.getTime()).toBe(now - 5 * HOUR);
    expect(first.conversationEndTime?.getTime()).toBe(now - 2 * MINUTE);
    expect(first.utteranceRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('filters missed Speech turns and text, and sorts newest first', async () => {
    const missedSpeech = await lex.models.send(
      new ListUtteranceAnalyticsDataCommand({
        ...window(),
        filters: [
          { name: 'UtteranceState', operator: 'EQ', values: ['Missed'] },
          { name: 'Modality', operator: 'EQ', values: ['Speech'] },
        ],
      }),
    );
    expect(missedSpeech.utterances?.map((u) => [u.utterance, u.sessionId])).toEqual([
      ['wire money to mexico', 'session-2'],
      ['wire money to mexico', 'session-2'],
    ]);
    const text = await lex.models.send(
      new ListUtteranceAnalyticsDataCommand({
        ...window(),
        filters: [
          { name: 'UtteranceText', operator: 'CO' as 'EQ', values: ['balance'] },
          { name: 'LocaleId', operator: 'EQ', values: ['en_US'] },
        ],
        sortBy: { name: 'UtteranceTimestamp', order: 'Descending' },
      }),
    );
    expect(text.utterances?.map((u) => u.utteranceTimestamp?.getTime())).toEqual([now - 10 * MINUTE, now - 20 * MINUTE, now - 30 * MINUTE]);
    const aliases = await lex.models.send(new ListUtteranceAnalyticsDataCommand({ ...window(), filters: [{ name: 'BotAliasId', operator: 'EQ', values: ['TSTALIASID', 'NOPE'] }] }));
    expect(aliases.utterances?.map((u) => u.utterance)).toEqual(['from the console']);
  });

  it('pages with the SDK paginator', async () => {
    const all: UtteranceSpecification[] = [];
    for await (const page of paginateListUtteranceAnalyticsData({ client: lex.models, pageSize: 3 }, window())) all.push(...(page.utterances ?? []));
    expect(all).toHaveLength(8);
  });

  it('rejects a reversed range and unknown filters', async () => {
    await expect(lex.models.send(new ListUtteranceAnalyticsDataCommand({ botId, startDateTime: new Date(now), endDateTime: new Date(now - HOUR) }))).rejects.toBeInstanceOf(
      ValidationException,
    );
    await expect(
      lex.models.send(new ListUtteranceAnalyticsDataCommand({ ...window(), filters: [{ name: 'Mood' as 'LocaleId', operator: 'EQ', values: ['happy'] }] })),
    ).rejects.toBeInstanceOf(ValidationException);
  });
});
