/**
 * The analytics APIs of Lex V2 as a source of `bots tune`: ListUtteranceAnalyticsData (every
 * utterance with session, intent and outcome) and ListAggregatedUtterances (hit and missed counts
 * per utterance over a fixed window), both paginated, through the real `LexModelsV2Client`
 * pointed at an AWS region or the local emulator.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListUtteranceAnalyticsData.html
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListAggregatedUtterances.html
 * @module
 */
import {
  ListAggregatedUtterancesCommand,
  ListUtteranceAnalyticsDataCommand,
  type LexModelsV2Client,
  type UtteranceSpecification,
} from '@aws-sdk/client-lex-models-v2';
import type { AggregatedUtterance, SourceNote, Turn } from './types.js';
import type { TuneWindow } from './window.js';

export { AGGREGATION_WINDOWS, parseWindow, type TuneWindow } from './window.js';

/** One analytics record as a {@link Turn}. */
export function turnOfSpecification(u: UtteranceSpecification): Turn | undefined {
  if (!u.sessionId || !u.utteranceTimestamp) return undefined;
  const utterance = u.utterance ?? '';
  const turn: Turn = { timestamp: new Date(u.utteranceTimestamp).getTime(), sessionId: u.sessionId, utterance, missed: u.utteranceUnderstood === false };
  if (u.associatedIntentName) turn.intent = u.associatedIntentName;
  if (u.intentState) turn.intentState = u.intentState;
  if (u.dialogActionType) turn.dialogActionType = u.dialogActionType;
  if (u.botAliasId) turn.botAliasId = u.botAliasId;
  if (u.botVersion) turn.botVersion = u.botVersion;
  if (u.localeId) turn.localeId = u.localeId;
  if (u.mode) turn.inputMode = u.mode;
  if (/^\{[A-Za-z0-9_-]+\}$/.test(utterance) || (turn.missed && u.associatedSlotName)) turn.slotAnswer = true;
  return turn;
}

/** What to read. */
export interface AnalyticsQuery {
  botId: string;
  botAliasId: string;
  localeId: string;
  window: TuneWindow;
  /** End of the window, ms since the epoch (default now). */
  now?: number;
  /** `maxResults` per page (1-1000; default 1000). */
  pageSize?: number;
  /** Called with each page's size (progress). */
  onPage?: (operation: string, items: number) => void;
}

/** What the analytics APIs returned. */
export interface AnalyticsResult {
  turns: number;
  aggregated: AggregatedUtterance[];
  /** Pages read per operation. */
  pages: Record<string, number>;
  notes: SourceNote[];
}

/**
 * Reads the window's utterances (ListUtteranceAnalyticsData, filtered to the alias and locale) into
 * `onTurn`, and the aggregated counts (ListAggregatedUtterances). An API the caller may not call
 * (AccessDeniedException) or Lex does not offer becomes a note, not a failure, unless both fail.
 * @param withheldReason why Lex withholds aggregated statistics for this bot (child-directed, an
 *   obfuscated slot), from the definitions; said in a note when the API returns nothing.
 * @throws the SDK error when neither API could be read.
 */
export async function readAnalytics(client: LexModelsV2Client, query: AnalyticsQuery, onTurn: (turn: Turn) => void, withheldReason?: string): Promise<AnalyticsResult> {
  const end = query.now ?? Date.now();
  const pageSize = query.pageSize ?? 1000;
  const result: AnalyticsResult = { turns: 0, aggregated: [], pages: {}, notes: [] };
  const errors: unknown[] = [];

  try {
    const start = end - query.window.hours * 3_600_000;
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListUtteranceAnalyticsDataCommand({
          botId: query.botId,
          startDateTime: new Date(start),
          endDateTime: new Date(end),
          filters: [
            { name: 'BotAliasId', operator: 'EQ', values: [query.botAliasId] },
            { name: 'LocaleId', operator: 'EQ', values: [query.localeId] },
          ],
          sortBy: { name: 'UtteranceTimestamp', order: 'Ascending' },
          maxResults: pageSize,
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      result.pages.ListUtteranceAnalyticsData = (result.pages.ListUtteranceAnalyticsData ?? 0) + 1;
      for (const u of page.utterances ?? []) {
        const turn = turnOfSpecification(u);
        if (!turn) continue;
        result.turns++;
        onTurn(turn);
      }
      query.onPage?.('ListUtteranceAnalyticsData', page.utterances?.length ?? 0);
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (err) {
    errors.push(err);
    result.notes.push({ source: 'ListUtteranceAnalyticsData', message: `not read: ${describe(err)}. Sessions, intents of hits and conversation outcomes need it.` });
  }

  try {
    const { timeDimension, timeValue, hours } = query.window.aggregation;
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListAggregatedUtterancesCommand({
          botId: query.botId,
          botAliasId: query.botAliasId,
          localeId: query.localeId,
          aggregationDuration: { relativeAggregationDuration: { timeDimension, timeValue } },
          sortBy: { attribute: 'MissedCount', order: 'Descending' },
          maxResults: pageSize,
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      result.pages.ListAggregatedUtterances = (result.pages.ListAggregatedUtterances ?? 0) + 1;
      for (const s of page.aggregatedUtterancesSummaries ?? []) {
        if (!s.utterance) continue;
        result.aggregated.push({
          utterance: s.utterance,
          hitCount: s.hitCount ?? 0,
          missedCount: s.missedCount ?? 0,
          ...(s.utteranceFirstRecordedInAggregationDuration ? { firstSeen: new Date(s.utteranceFirstRecordedInAggregationDuration).getTime() } : {}),
          ...(s.utteranceLastRecordedInAggregationDuration ? { lastSeen: new Date(s.utteranceLastRecordedInAggregationDuration).getTime() } : {}),
        });
      }
      query.onPage?.('ListAggregatedUtterances', page.aggregatedUtterancesSummaries?.length ?? 0);
      nextToken = page.nextToken;
    } while (nextToken);
    if (hours !== query.window.hours) {
      result.notes.push({ source: 'ListAggregatedUtterances', message: `Lex aggregates over fixed windows only; the aggregated counts cover ${timeValue} ${timeDimension.toLowerCase()}, not ${query.window.label}.` });
    }
    if (result.aggregated.length === 0 && withheldReason) {
      result.notes.push({
        source: 'ListAggregatedUtterances',
        message: `Lex produces no aggregated statistics for this bot: ${withheldReason}. The numbers in this report come from ${result.turns ? 'ListUtteranceAnalyticsData' : 'other sources'} instead.`,
      });
    }
  } catch (err) {
    errors.push(err);
    result.notes.push({ source: 'ListAggregatedUtterances', message: `not read: ${describe(err)}.` });
  }
  if (errors.length === 2) throw errors[0];
  return result;
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string };
  return e?.name && e.message ? `${e.name}: ${e.message}` : String(err);
}
