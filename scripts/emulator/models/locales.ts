/**
 * CreateBotLocale, DescribeBotLocale, UpdateBotLocale, DeleteBotLocale, ListBotLocales and
 * BuildBotLocale.
 *
 * A build is asynchronous as in Lex: BuildBotLocale answers `Building`, and the locale becomes
 * `Built` (or `Failed` with `failureReasons`) after the emulator's build delay, so SDK waiters such
 * as `waitUntilBotLocaleBuilt` behave as they do against Lex. The outcome is decided when the build
 * is submitted, from the DRAFT content at that moment.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_BuildBotLocale.html
 * @module
 */
import type {
  AudioFillerSettings,
  BotLocaleSummary,
  BuildBotLocaleResponse,
  CreateBotLocaleResponse,
  DeleteBotLocaleResponse,
  DescribeBotLocaleResponse,
  GenerativeAISettings,
  ListBotLocalesResponse,
  SpeechDetectionSensitivity,
  SpeechRecognitionSettings,
  UnifiedSpeechSettings,
  UpdateBotLocaleResponse,
  VoiceSettings,
} from '@aws-sdk/client-lex-models-v2';
import { LOCALE_NAMES } from '../../definitions/model.js';
import type { Route } from '../contracts.js';
import { conflict, constraint } from '../errors.js';
import { buildFailureReasons, snapshotOf } from './build.js';
import { requireSupportedLocale } from './builtins.js';
import { param, regionOf, reply, route, type ModelsContext } from './context.js';
import { applyFilters, applySort, bodyOf, checkLength, checkRange, optObj, optStr, paginate, reqNum, reqStr, type Body } from './input.js';
import { checkQuota, QUOTAS } from './quotas.js';
import { date } from './shapes.js';
import { DRAFT, FALLBACK_INTENT_ID, requireDraft } from './store.js';
import type { IntentRecord, LocaleRecord } from './types.js';

/** The FallbackIntent Lex creates in every new locale. */
export function fallbackIntent(now: number): IntentRecord {
  return {
    intentId: FALLBACK_INTENT_ID,
    intentName: 'FallbackIntent',
    description: 'Default intent when no other intent matches',
    parentIntentSignature: 'AMAZON.FallbackIntent',
    dialogCodeHook: { enabled: false },
    fulfillmentCodeHook: { enabled: false },
    creationDateTime: now,
    lastUpdatedDateTime: now,
  };
}

/** The settings members of CreateBotLocale and UpdateBotLocale, checked, written onto `locale`. */
function applySettings(locale: LocaleRecord, b: Body): void {
  const threshold = reqNum(b, 'nluIntentConfidenceThreshold');
  checkRange('nluIntentConfidenceThreshold', threshold, 0, 1);
  const description = optStr(b, 'description');
  checkLength('description', description, 0, 200);
  const voiceSettings = optObj<VoiceSettings>(b, 'voiceSettings');
  if (voiceSettings && typeof voiceSettings.voiceId !== 'string') throw constraint('voiceSettings.voiceId', voiceSettings.voiceId, 'Member must not be null');
  locale.nluIntentConfidenceThreshold = threshold;
  // PUT semantics: what the request leaves out is cleared.
  const optional = {
    description,
    voiceSettings,
    unifiedSpeechSettings: optObj<UnifiedSpeechSettings>(b, 'unifiedSpeechSettings'),
    audioFillerSettings: optObj<AudioFillerSettings>(b, 'audioFillerSettings'),
    speechRecognitionSettings: optObj<SpeechRecognitionSettings>(b, 'speechRecognitionSettings'),
    generativeAISettings: optObj<GenerativeAISettings>(b, 'generativeAISettings'),
    speechDetectionSensitivity: optStr(b, 'speechDetectionSensitivity') as SpeechDetectionSensitivity | undefined,
  };
  for (const [k, v] of Object.entries(optional)) {
    if (v === undefined) delete (locale as unknown as Record<string, unknown>)[k];
    else (locale as unknown as Record<string, unknown>)[k] = v;
  }
}

/** The settings members every locale output repeats. */
function settingsOut(l: LocaleRecord) {
  return {
    localeId: l.localeId,
    localeName: l.localeName,
    description: l.description,
    nluIntentConfidenceThreshold: l.nluIntentConfidenceThreshold,
    voiceSettings: l.voiceSettings,
    unifiedSpeechSettings: l.unifiedSpeechSettings,
    audioFillerSettings: l.audioFillerSettings,
    speechRecognitionSettings: l.speechRecognitionSettings,
    generativeAISettings: l.generativeAISettings,
    speechDetectionSensitivity: l.speechDetectionSensitivity,
  };
}

/** The locale operations. */
export function localeRoutes(ctx: ModelsContext): Route[] {
  const { store } = ctx;
  const base = '/bots/{botId}/botversions/{botVersion}/botlocales';
  const find = (req: Parameters<Route['handle']>[0]) => store.bot(param(req, 'botId'), regionOf(req, ctx));

  return [
    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateBotLocale.html
    route('PUT', base, 'CreateBotLocale', (req) => {
      const bot = find(req);
      const botVersion = param(req, 'botVersion');
      requireDraft(botVersion);
      const b = bodyOf(req);
      const localeId = reqStr(b, 'localeId');
      requireSupportedLocale(localeId);
      const draft = store.version(bot, DRAFT);
      if (draft.locales[localeId]) throw conflict(`Locale ${localeId} already exists in bot ${bot.botId}.`);
      const now = store.now();
      const locale: LocaleRecord = {
        localeId,
        localeName: LOCALE_NAMES[localeId] ?? localeId,
        nluIntentConfidenceThreshold: 0,
        botLocaleStatus: 'NotBuilt',
        creationDateTime: now,
        lastUpdatedDateTime: now,
        history: [],
        intents: { [FALLBACK_INTENT_ID]: fallbackIntent(now) },
        slots: {},
        slotTypes: {},
      };
      applySettings(locale, b);
      draft.locales[localeId] = locale;
      store.touch();
      // Lex answers Creating; DescribeBotLocale then shows NotBuilt (waitUntilBotLocaleCreated).
      const out: CreateBotLocaleResponse = { ...settingsOut(locale), botId: bot.botId, botVersion, botLocaleStatus: 'Creating', creationDateTime: date(now) };
      return reply(202, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DescribeBotLocale.html
    route('GET', `${base}/{localeId}`, 'DescribeBotLocale', (req) => {
      const bot = find(req);
      const botVersion = param(req, 'botVersion');
      const l = store.locale(bot, botVersion, param(req, 'localeId'));
      const out: DescribeBotLocaleResponse = {
        ...settingsOut(l),
        botId: bot.botId,
        botVersion,
        intentsCount: Object.keys(l.intents).length,
        slotTypesCount: Object.keys(l.slotTypes).length,
        botLocaleStatus: l.botLocaleStatus,
        failureReasons: l.failureReasons,
        creationDateTime: date(l.creationDateTime),
        lastUpdatedDateTime: date(l.lastUpdatedDateTime),
        lastBuildSubmittedDateTime: date(l.lastBuildSubmittedDateTime),
        botLocaleHistoryEvents: l.history.map((h) => ({ event: h.event, eventDate: new Date(h.eventDate) })),
        recommendedActions: l.botLocaleStatus === 'Failed' ? ['Fix the failure reasons, then build the locale again.'] : undefined,
      };
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UpdateBotLocale.html
    route('PUT', `${base}/{localeId}`, 'UpdateBotLocale', (req) => {
      const bot = find(req);
      const botVersion = param(req, 'botVersion');
      const l = store.draftLocale(bot, botVersion, param(req, 'localeId'));
      applySettings(l, bodyOf(req));
      store.changed(l);
      const out: UpdateBotLocaleResponse = {
        ...settingsOut(l),
        botId: bot.botId,
        botVersion,
        botLocaleStatus: l.botLocaleStatus,
        failureReasons: l.failureReasons,
        creationDateTime: date(l.creationDateTime),
        lastUpdatedDateTime: date(l.lastUpdatedDateTime),
      };
      return reply(202, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DeleteBotLocale.html
    route('DELETE', `${base}/{localeId}`, 'DeleteBotLocale', (req) => {
      const bot = find(req);
      const botVersion = param(req, 'botVersion');
      const localeId = param(req, 'localeId');
      store.draftLocale(bot, botVersion, localeId);
      delete store.version(bot, DRAFT).locales[localeId];
      store.touch();
      const out: DeleteBotLocaleResponse = { botId: bot.botId, botVersion, localeId, botLocaleStatus: 'Deleting' };
      return reply(202, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListBotLocales.html
    route('POST', base, 'ListBotLocales', (req) => {
      const bot = find(req);
      const botVersion = param(req, 'botVersion');
      const b = bodyOf(req);
      const locales = Object.values(store.version(bot, botVersion).locales);
      const filtered = applyFilters(locales, b, { BotLocaleName: (l) => l.localeName }, ['EQ', 'CO']);
      const sorted = applySort(filtered, b, { BotLocaleName: (l) => l.localeName }, 'BotLocaleName');
      const page = paginate(sorted, b);
      const out: ListBotLocalesResponse = {
        botId: bot.botId,
        botVersion,
        botLocaleSummaries: page.items.map(
          (l): BotLocaleSummary => ({
            localeId: l.localeId,
            localeName: l.localeName,
            description: l.description,
            botLocaleStatus: l.botLocaleStatus,
            lastUpdatedDateTime: date(l.lastUpdatedDateTime),
            lastBuildSubmittedDateTime: date(l.lastBuildSubmittedDateTime),
          }),
        ),
        nextToken: page.nextToken,
      };
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_BuildBotLocale.html
    route('POST', `${base}/{localeId}`, 'BuildBotLocale', (req) => {
      const bot = find(req);
      const botVersion = param(req, 'botVersion');
      const l = store.draftLocale(bot, botVersion, param(req, 'localeId'));
      if (l.botLocaleStatus === 'Building') throw conflict(`Locale ${l.localeId} of bot ${bot.botId} is already being built. Wait for the build to finish.`);
      const building = Object.values(store.state.bots)
        .filter((x) => x.region === bot.region)
        .flatMap((x) => Object.values(x.versions[DRAFT]?.locales ?? {}))
        .filter((x) => x.botLocaleStatus === 'Building').length;
      checkQuota(building, QUOTAS.parallelBuilds, 'locales building at the same time');
      const now = store.now();
      const injected = ctx.faults.takeBuildFailure();
      const reasons = injected !== undefined ? [injected] : buildFailureReasons(l);
      l.botLocaleStatus = 'Building';
      l.lastBuildSubmittedDateTime = now;
      l.pendingBuild = { completesAt: Date.now() + ctx.buildDelayMs };
      if (reasons.length) l.pendingBuild.failureReasons = reasons;
      else l.pendingBuild.snapshot = snapshotOf(l, store.newId(), now);
      store.touch();
      const out: BuildBotLocaleResponse = { botId: bot.botId, botVersion, localeId: l.localeId, botLocaleStatus: 'Building', lastBuildSubmittedDateTime: date(now) };
      return reply(202, out);
    }),
  ];
}
