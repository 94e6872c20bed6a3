/**
 * ListAggregatedUtterances and ListUtteranceAnalyticsData, answered from the turns the runtime
 * records ({@link ModelStore.recordUtterance}). A turn that fell to FallbackIntent is "missed".
 *
 * As in Lex, ListAggregatedUtterances returns no statistics for a child-directed bot or when any
 * slot of the bot version uses obfuscation.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListAggregatedUtterances.html
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListUtteranceAnalyticsData.html
 * @module
 */
import { createHash } from 'node:crypto';
import type {
  AggregatedUtterancesSummary,
  AnalyticsUtteranceFilter,
  ListAggregatedUtterancesResponse,
  ListUtteranceAnalyticsDataResponse,
  UtteranceAggregationDuration,
  UtteranceSpecification,
} from '@aws-sdk/client-lex-models-v2';
import type { Route, UtteranceRecord } from '../contracts.js';
import { constraint, validation } from '../errors.js';
import { param, regionOf, reply, route, type ModelsContext } from './context.js';
import { applyFilters, applySort, bodyOf, optArr, optStr, paginate, reqNum, reqObj, reqStr } from './input.js';
import type { BotRecord } from './types.js';

/** Aggregation windows Lex accepts, in hours. */
const WINDOWS: Record<string, Record<number, number>> = {
  Hours: { 1: 1, 3: 3, 6: 6, 12: 12, 24: 24 },
  Days: { 3: 72 },
  Weeks: { 1: 168, 2: 336 },
};

/** Whether Lex withholds aggregated statistics for this bot version. */
function statisticsWithheld(bot: BotRecord, botVersion: string | undefined, localeId: string): boolean {
  if (bot.dataPrivacy.childDirected) return true;
  const locale = botVersion ? bot.versions[botVersion]?.locales[localeId] : undefined;
  return Object.values(locale?.slots ?? {}).some((s) => s.obfuscationSetting?.obfuscationSettingType === 'DefaultObfuscation');
}

/** A stable request id for a recorded turn. */
function requestId(r: UtteranceRecord): string {
  const h = createHash('sha256').update(`${r.sessionId}\u0000${r.timestamp}\u0000${r.utterance}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The value of an analytics filter field for a record. */
const FIELD: Record<string, (r: UtteranceRecord) => string | undefined> = {
  BotAliasId: (r) => r.botAliasId,
  BotVersion: (r) => r.botVersion,
  LocaleId: (r) => r.localeId,
  Modality: (r) => r.mode,
  Channel: (r) => r.channel,
  SessionId: (r) => r.sessionId,
  OriginatingRequestId: (r) => requestId(r),
  UtteranceState: (r) => (r.utteranceUnderstood ? 'Detected' : 'Missed'),
  UtteranceText: (r) => r.utterance,
};

/** The analytics operations. */
export function analyticsRoutes(ctx: ModelsContext): Route[] {
  const { store } = ctx;
  return [
    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListAggregatedUtterances.html
    route('POST', '/bots/{botId}/aggregatedutterances', 'ListAggregatedUtterances', (req) => {
      const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
      const b = bodyOf(req);
      const localeId = reqStr(b, 'localeId');
      const botAliasId = optStr(b, 'botAliasId');
      const botVersion = optStr(b, 'botVersion');
      if ((botAliasId === undefined) === (botVersion === undefined)) throw validation('Specify either botAliasId or botVersion, not both.');
      const duration = reqObj<UtteranceAggregationDuration>(b, 'aggregationDuration');
      const rel = duration.relativeAggregationDuration;
      const hours = rel?.timeDimension ? WINDOWS[rel.timeDimension]?.[rel.timeValue ?? -1] : undefined;
      if (hours === undefined) {
        throw constraint('aggregationDuration.relativeAggregationDuration', rel, 'Must be 1, 3, 6, 12 or 24 Hours, 3 Days, or 1 or 2 Weeks');
      }
      const end = store.now();
      const start = end - hours * 3_600_000;
      const version = botVersion ?? (botAliasId ? bot.aliases[botAliasId]?.botVersion : undefined);
      const records = statisticsWithheld(bot, version, localeId)
        ? []
        : store
            .utteranceRecords()
            .filter(
              (r) =>
                r.botId === bot.botId &&
                r.localeId === localeId &&
                (botAliasId ? r.botAliasId === botAliasId : r.botVersion === botVersion) &&
                r.timestamp >= start &&
                r.timestamp <= end,
            );
      const byText = new Map<string, { utterance: string; hitCount: number; missedCount: number; first: number; last: number }>();
      for (const r of records) {
        const s = byText.get(r.utterance) ?? { utterance: r.utterance, hitCount: 0, missedCount: 0, first: r.timestamp, last: r.timestamp };
        if (r.utteranceUnderstood) s.hitCount++;
        else s.missedCount++;
        s.first = Math.min(s.first, r.timestamp);
        s.last = Math.max(s.last, r.timestamp);
        byText.set(r.utterance, s);
      }
      let summaries = applyFilters([...byText.values()], b, { Utterance: (s) => s.utterance }, ['EQ', 'CO']);
      if (b.sortBy) summaries = applySort(summaries, b, { HitCount: (s) => s.hitCount, MissedCount: (s) => s.missedCount }, 'HitCount');
      else summaries.sort((x, y) => y.hitCount + y.missedCount - (x.hitCount + x.missedCount) || x.utterance.localeCompare(y.utterance));
      const page = paginate(summaries, b, 1000);
      const out: ListAggregatedUtterancesResponse = {
        botId: bot.botId,
        botAliasId,
        botVersion,
        localeId,
        aggregationDuration: duration,
        aggregationWindowStartTime: new Date(start),
        aggregationWindowEndTime: new Date(end),
        aggregationLastRefreshedDateTime: new Date(end),
        aggregatedUtterancesSummaries: page.items.map(
          (s): AggregatedUtterancesSummary => ({
            utterance: s.utterance,
            hitCount: s.hitCount,
            missedCount: s.missedCount,
            utteranceFirstRecordedInAggregationDuration: new Date(s.first),
            utteranceLastRecordedInAggregationDuration: new Date(s.last),
            containsDataFromDeletedResources: false,
          }),
        ),
        nextToken: page.nextToken,
      };
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListUtteranceAnalyticsData.html
    route('POST', '/bots/{botId}/analytics/utterances', 'ListUtteranceAnalyticsData', (req) => {
      const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
      const b = bodyOf(req);
      // Timestamps arrive as epoch seconds.
      const start = reqNum(b, 'startDateTime') * 1000;
      const end = reqNum(b, 'endDateTime') * 1000;
      if (start >= end) throw validation('startDateTime must be before endDateTime.');
      const filters = optArr<AnalyticsUtteranceFilter>(b, 'filters') ?? [];
      if (filters.length > 9) throw constraint('filters', `${filters.length} items`, 'Member must have length less than or equal to 9');
      filters.forEach((f, i) => {
        if (!f?.name || !FIELD[f.name]) throw constraint(`filters.${i + 1}.member.name`, f?.name, `Member must satisfy enum value set: [${Object.keys(FIELD).join(', ')}]`);
        if (!['EQ', 'GT', 'LT', 'CO'].includes(f.operator ?? '')) throw constraint(`filters.${i + 1}.member.operator`, f.operator, 'Member must satisfy enum value set: [EQ, GT, LT]');
        if (!Array.isArray(f.values) || !f.values.length) throw constraint(`filters.${i + 1}.member.values`, null, 'Member must not be null');
      });
      const all = store.utteranceRecords().filter((r) => r.botId === bot.botId);
      // Conversation bounds: first and last turn of the session (a session lives on one alias and locale).
      const conversation = (r: UtteranceRecord) => `${r.botAliasId}/${r.localeId}/${r.sessionId}`;
      const sessions = new Map<string, { start: number; end: number }>();
      for (const r of all) {
        const s = sessions.get(conversation(r)) ?? { start: r.timestamp, end: r.timestamp };
        s.start = Math.min(s.start, r.timestamp);
        s.end = Math.max(s.end, r.timestamp);
        sessions.set(conversation(r), s);
      }
      const matches = (r: UtteranceRecord) =>
        filters.every((f) => {
          const v = FIELD[f.name!]!(r) ?? '';
          // CO is documented for UtteranceText though the SDK's enum lacks it.
          const op: string | undefined = f.operator;
          return f.values!.some((want) => {
            if (op === 'EQ') return v === want;
            if (op === 'CO') return v.includes(want);
            if (op === 'GT') return v > want;
            return v < want;
          });
        });
      const selected = all.filter((r) => r.timestamp >= start && r.timestamp <= end && matches(r));
      const sorted = applySort(selected, b, { UtteranceTimestamp: (r) => r.timestamp }, 'UtteranceTimestamp', { attributeMember: 'name' });
      const page = paginate(sorted, b, 1000);
      const out: ListUtteranceAnalyticsDataResponse = {
        botId: bot.botId,
        utterances: page.items.map((r): UtteranceSpecification => {
          const session = sessions.get(conversation(r))!;
          return {
            botAliasId: r.botAliasId,
            botVersion: r.botVersion,
            localeId: r.localeId,
            sessionId: r.sessionId,
            channel: r.channel,
            mode: r.mode,
            conversationStartTime: new Date(session.start),
            conversationEndTime: new Date(session.end),
            utterance: r.utterance,
            utteranceTimestamp: new Date(r.timestamp),
            utteranceUnderstood: r.utteranceUnderstood,
            inputType: r.mode,
            outputType: r.mode === 'Speech' ? 'Speech' : 'Text',
            associatedIntentName: r.associatedIntentName,
            associatedSlotName: r.associatedSlotName,
            intentState: r.intentState as UtteranceSpecification['intentState'],
            dialogActionType: r.dialogActionType,
            utteranceRequestId: requestId(r),
            botResponses: r.botResponses.map((x) => ({ content: x.content, contentType: x.contentType as 'PlainText' })),
          };
        }),
        nextToken: page.nextToken,
      };
      return reply(200, out);
    }),
  ];
}
