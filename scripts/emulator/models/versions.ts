/**
 * CreateBotVersion, DescribeBotVersion, DeleteBotVersion, ListBotVersions. A version freezes the
 * bot's settings and, per locale, the last build of the source version's locale; numbers start at
 * 1 and are never reused.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateBotVersion.html
 * @module
 */
import type {
  BotVersionLocaleDetails,
  BotVersionSummary,
  CreateBotVersionResponse,
  DeleteBotVersionResponse,
  DescribeBotVersionResponse,
  ListBotVersionsResponse,
} from '@aws-sdk/client-lex-models-v2';
import type { Route } from '../contracts.js';
import { constraint, notFound, preconditionFailed, validation } from '../errors.js';
import { param, regionOf, reply, route, type ModelsContext } from './context.js';
import { applySort, bodyOf, checkLength, optStr, paginate, reqObj } from './input.js';
import { checkQuota, QUOTAS } from './quotas.js';
import { settingsOut } from './bots.js';
import { date } from './shapes.js';
import { DRAFT } from './store.js';
import type { BotRecord, LocaleRecord, VersionRecord } from './types.js';

/** Lex accepts only numbers where a published version is meant (DescribeBotVersion, DeleteBotVersion). */
function requireNumbered(botVersion: string): void {
  if (!/^[0-9]+$/.test(botVersion)) throw constraint('botVersion', botVersion, 'Member must satisfy regular expression pattern: ^[0-9]+$');
}

/** The frozen locale of a new version, copied from the source version's last build. */
function frozenLocale(source: LocaleRecord, botVersion: string, now: number): LocaleRecord {
  const built = source.built!;
  const locale: LocaleRecord = {
    ...structuredClone(source),
    intents: structuredClone(built.intents),
    slots: structuredClone(built.slots),
    slotTypes: structuredClone(built.slotTypes),
    nluIntentConfidenceThreshold: built.nluIntentConfidenceThreshold,
    botLocaleStatus: 'Built',
    creationDateTime: now,
    lastUpdatedDateTime: now,
    history: [],
    built: { ...structuredClone(built), buildId: `${built.buildId}-v${botVersion}` },
  };
  delete locale.pendingBuild;
  delete locale.failureReasons;
  if (built.voiceSettings) locale.voiceSettings = structuredClone(built.voiceSettings);
  else delete locale.voiceSettings;
  return locale;
}

function summary(bot: BotRecord, v: VersionRecord): BotVersionSummary {
  return {
    botName: v.settings?.botName ?? bot.botName,
    botVersion: v.botVersion,
    description: v.description,
    botStatus: 'Available',
    creationDateTime: date(v.creationDateTime),
  };
}

/** The version operations. */
export function versionRoutes(ctx: ModelsContext): Route[] {
  const { store } = ctx;
  return [
    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateBotVersion.html
    route('PUT', '/bots/{botId}/botversions', 'CreateBotVersion', (req) => {
      const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
      const b = bodyOf(req);
      const spec = reqObj<Record<string, BotVersionLocaleDetails>>(b, 'botVersionLocaleSpecification');
      const description = optStr(b, 'description');
      checkLength('description', description, 0, 2000);
      if (!Object.keys(spec).length) throw constraint('botVersionLocaleSpecification', '{}', 'Member must have at least 1 entry');
      checkQuota(Object.keys(bot.versions).filter((v) => v !== DRAFT).length, QUOTAS.versionsPerBot, `versions of bot ${bot.botName}`);
      const now = store.now();
      const botVersion = String(bot.nextVersion);
      const locales: Record<string, LocaleRecord> = {};
      for (const [localeId, details] of Object.entries(spec)) {
        const sourceVersion = details?.sourceBotVersion;
        if (typeof sourceVersion !== 'string') throw constraint(`botVersionLocaleSpecification.${localeId}.sourceBotVersion`, null, 'Member must not be null');
        const source = bot.versions[sourceVersion]?.locales[localeId];
        if (!source) throw notFound(`Could not find locale ${localeId} in version ${sourceVersion} of bot ${bot.botId}`);
        if (source.botLocaleStatus !== 'Built' || !source.built) {
          throw validation(`Locale ${localeId} of version ${sourceVersion} is ${source.botLocaleStatus}, not Built. Build it before creating a version.`);
        }
        locales[localeId] = frozenLocale(source, botVersion, now);
      }
      const version: VersionRecord = {
        botVersion,
        creationDateTime: now,
        settings: structuredClone(settingsOut(bot)),
        botVersionLocaleSpecification: structuredClone(spec) as Record<string, { sourceBotVersion: string }>,
        locales,
      };
      if (description !== undefined) version.description = description;
      bot.versions[botVersion] = version;
      bot.nextVersion += 1;
      store.touch();
      // Lex answers Versioning; DescribeBotVersion then shows Available (waitUntilBotVersionAvailable).
      const out: CreateBotVersionResponse = {
        botId: bot.botId,
        description,
        botVersion,
        botVersionLocaleSpecification: spec,
        botStatus: 'Versioning',
        creationDateTime: date(now),
      };
      return reply(202, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DescribeBotVersion.html
    route('GET', '/bots/{botId}/botversions/{botVersion}', 'DescribeBotVersion', (req) => {
      const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
      const botVersion = param(req, 'botVersion');
      requireNumbered(botVersion);
      const v = store.version(bot, botVersion);
      const s = v.settings!;
      const out: DescribeBotVersionResponse = {
        botId: bot.botId,
        botName: s.botName,
        botVersion,
        description: v.description,
        roleArn: s.roleArn,
        dataPrivacy: s.dataPrivacy,
        idleSessionTTLInSeconds: s.idleSessionTTLInSeconds,
        botStatus: 'Available',
        creationDateTime: date(v.creationDateTime),
        botType: s.botType,
        botMembers: s.botMembers,
      };
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DeleteBotVersion.html
    route('DELETE', '/bots/{botId}/botversions/{botVersion}', 'DeleteBotVersion', (req) => {
      const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
      const botVersion = param(req, 'botVersion');
      requireNumbered(botVersion);
      store.version(bot, botVersion);
      const users = Object.values(bot.aliases).filter((a) => a.botVersion === botVersion);
      if (users.length && req.query.get('skipResourceInUseCheck') !== 'true') {
        throw preconditionFailed(`Version ${botVersion} is in use by alias(es) ${users.map((a) => a.botAliasName).join(', ')}. Point them elsewhere or set skipResourceInUseCheck.`);
      }
      delete bot.versions[botVersion];
      store.touch();
      const out: DeleteBotVersionResponse = { botId: bot.botId, botVersion, botStatus: 'Deleting' };
      return reply(202, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListBotVersions.html
    route('POST', '/bots/{botId}/botversions', 'ListBotVersions', (req) => {
      const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
      const b = bodyOf(req);
      // DRAFT is listed too, as Lex does; it sorts before 1.
      const sorted = applySort(Object.values(bot.versions), b, { BotVersion: (v) => (v.botVersion === DRAFT ? 0 : Number(v.botVersion)) }, 'BotVersion');
      const page = paginate(sorted, b);
      const out: ListBotVersionsResponse = { botId: bot.botId, botVersionSummaries: page.items.map((v) => summary(bot, v)), nextToken: page.nextToken };
      return reply(200, out);
    }),
  ];
}
