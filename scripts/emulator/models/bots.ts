/**
 * CreateBot, DescribeBot, UpdateBot, DeleteBot, ListBots.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateBot.html
 * @module
 */
import type {
  BotMember,
  BotSummary,
  BotType,
  CreateBotResponse,
  DataPrivacy,
  DeleteBotResponse,
  DescribeBotResponse,
  ErrorLogSettings,
  ListBotsResponse,
  UpdateBotResponse,
} from '@aws-sdk/client-lex-models-v2';
import type { Route } from '../contracts.js';
import { conflict, constraint, preconditionFailed } from '../errors.js';
import { param, regionOf, reply, route, type ModelsContext } from './context.js';
import { applyFilters, applySort, bodyOf, checkLength, checkName, checkRange, optArr, optObj, optStr, paginate, reqNum, reqObj, reqStr, type Body } from './input.js';
import { checkQuota, QUOTAS } from './quotas.js';
import { date } from './shapes.js';
import { DRAFT, TEST_ALIAS, type ModelStore } from './store.js';
import { checkTags } from './tags.js';
import type { BotRecord, BotSettings } from './types.js';

/** Lex's pattern for the bot's IAM role. */
const ROLE_ARN = /^arn:aws[a-zA-Z-]*:iam::[0-9]{12}:role\/.*$/;

/** The settings members CreateBot and UpdateBot share, checked. */
function botSettings(b: Body): BotSettings {
  const botName = reqStr(b, 'botName');
  checkName('botName', botName);
  const description = optStr(b, 'description');
  checkLength('description', description, 0, 200);
  const roleArn = reqStr(b, 'roleArn');
  checkLength('roleArn', roleArn, 32, 2048);
  if (!ROLE_ARN.test(roleArn)) throw constraint('roleArn', roleArn, `Member must satisfy regular expression pattern: ${ROLE_ARN.source}`);
  const dataPrivacy = reqObj<DataPrivacy>(b, 'dataPrivacy');
  if (typeof dataPrivacy.childDirected !== 'boolean') throw constraint('dataPrivacy.childDirected', dataPrivacy.childDirected, 'Member must not be null');
  const idleSessionTTLInSeconds = reqNum(b, 'idleSessionTTLInSeconds');
  checkRange('idleSessionTTLInSeconds', idleSessionTTLInSeconds, 60, 86400);
  const settings: BotSettings = { botName, roleArn, dataPrivacy: { childDirected: dataPrivacy.childDirected }, idleSessionTTLInSeconds };
  if (description !== undefined) settings.description = description;
  const botType = optStr(b, 'botType') as BotType | undefined;
  if (botType !== undefined) settings.botType = botType;
  const botMembers = optArr<BotMember>(b, 'botMembers');
  if (botMembers) settings.botMembers = botMembers;
  const errorLogSettings = optObj<ErrorLogSettings>(b, 'errorLogSettings');
  if (errorLogSettings) settings.errorLogSettings = errorLogSettings;
  return settings;
}

function requireUniqueName(store: ModelStore, region: string, botName: string, except?: string): void {
  const clash = Object.values(store.state.bots).find((x) => x.region === region && x.botName === botName && x.botId !== except);
  if (clash) throw conflict(`A bot with the name '${botName}' already exists (bot ID ${clash.botId}).`);
}

/** DescribeBot / UpdateBot response body. */
function botOut(bot: BotRecord): DescribeBotResponse & UpdateBotResponse {
  return {
    ...settingsOut(bot),
    botId: bot.botId,
    botStatus: 'Available',
    creationDateTime: date(bot.creationDateTime),
    lastUpdatedDateTime: date(bot.lastUpdatedDateTime),
  };
}

/** The bot's settings as Describe/Update answer them and as a version snapshots them. */
export function settingsOut(bot: BotRecord): BotSettings {
  return {
    botName: bot.botName,
    description: bot.description,
    roleArn: bot.roleArn,
    dataPrivacy: bot.dataPrivacy,
    idleSessionTTLInSeconds: bot.idleSessionTTLInSeconds,
    botType: bot.botType,
    botMembers: bot.botMembers,
    errorLogSettings: bot.errorLogSettings,
  };
}

/** The latest numbered version, if any. */
export function latestVersion(bot: BotRecord): string | undefined {
  const numbers = Object.keys(bot.versions).filter((v) => v !== DRAFT).map(Number);
  return numbers.length ? String(Math.max(...numbers)) : undefined;
}

/** The bot operations. */
export function botRoutes(ctx: ModelsContext): Route[] {
  const { store } = ctx;
  return [
    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateBot.html
    route('PUT', '/bots', 'CreateBot', (req) => {
      const region = regionOf(req, ctx);
      const b = bodyOf(req);
      const settings = botSettings(b);
      const botTags = checkTags('botTags', optObj(b, 'botTags'));
      const testBotAliasTags = checkTags('testBotAliasTags', optObj(b, 'testBotAliasTags'));
      requireUniqueName(store, region, settings.botName);
      checkQuota(Object.values(store.state.bots).filter((x) => x.region === region).length, QUOTAS.botsPerRegion, 'bots in this Region');
      const now = store.now();
      const botId = store.newId((id) => id in store.state.bots);
      const bot: BotRecord = {
        ...settings,
        botId,
        region,
        creationDateTime: now,
        lastUpdatedDateTime: now,
        nextVersion: 1,
        versions: { [DRAFT]: { botVersion: DRAFT, creationDateTime: now, locales: {} } },
        aliases: {
          [TEST_ALIAS.id]: {
            botAliasId: TEST_ALIAS.id,
            botAliasName: TEST_ALIAS.name,
            description: 'test bot alias',
            botVersion: DRAFT,
            creationDateTime: now,
            lastUpdatedDateTime: now,
            history: [{ botVersion: DRAFT, startDate: now }],
          },
        },
      };
      store.state.bots[botId] = bot;
      if (botTags) store.state.tags[store.botArn(bot)] = botTags;
      if (testBotAliasTags) store.state.tags[store.aliasArn(bot, TEST_ALIAS.id)] = testBotAliasTags;
      store.touch();
      // Lex answers Creating; the bot is Available by the first DescribeBot (waitUntilBotAvailable).
      const out: CreateBotResponse = { ...settings, botId, botStatus: 'Creating', creationDateTime: new Date(now), botTags, testBotAliasTags };
      return reply(202, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DescribeBot.html
    route('GET', '/bots/{botId}', 'DescribeBot', (req) => {
      const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
      const out: DescribeBotResponse = botOut(bot);
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UpdateBot.html
    route('PUT', '/bots/{botId}', 'UpdateBot', (req) => {
      const region = regionOf(req, ctx);
      const bot = store.bot(param(req, 'botId'), region);
      const settings = botSettings(bodyOf(req));
      requireUniqueName(store, region, settings.botName, bot.botId);
      // Full replace: members left out are cleared, as with Lex's PUT.
      for (const k of ['description', 'botType', 'botMembers', 'errorLogSettings'] as const) delete bot[k];
      Object.assign(bot, settings, { lastUpdatedDateTime: store.now() });
      store.touch();
      const out: UpdateBotResponse = botOut(bot);
      return reply(202, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DeleteBot.html
    route('DELETE', '/bots/{botId}', 'DeleteBot', (req) => {
      const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
      const aliases = Object.values(bot.aliases).filter((a) => a.botAliasId !== TEST_ALIAS.id);
      if (aliases.length && req.query.get('skipResourceInUseCheck') !== 'true') {
        throw preconditionFailed(
          `Bot ${bot.botId} is in use by alias(es) ${aliases.map((a) => a.botAliasName).join(', ')}. Delete them first or set skipResourceInUseCheck.`,
        );
      }
      delete store.state.bots[bot.botId];
      store.forgetArns(store.botArn(bot));
      store.forgetArns(store.aliasArn(bot, '').replace(/\/$/, ''));
      store.touch();
      const out: DeleteBotResponse = { botId: bot.botId, botStatus: 'Deleting' };
      return reply(202, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListBots.html
    route('POST', '/bots', 'ListBots', (req) => {
      const region = regionOf(req, ctx);
      const b = bodyOf(req);
      const bots = Object.values(store.state.bots).filter((x) => x.region === region);
      const filtered = applyFilters(bots, b, { BotName: (x) => x.botName, BotType: (x) => x.botType ?? 'Bot' }, ['EQ', 'CO', 'NE']);
      const sorted = applySort(filtered, b, { BotName: (x) => x.botName }, 'BotName');
      const page = paginate(sorted, b);
      const out: ListBotsResponse = {
        botSummaries: page.items.map(
          (x): BotSummary => ({
            botId: x.botId,
            botName: x.botName,
            description: x.description,
            botStatus: 'Available',
            latestBotVersion: latestVersion(x),
            lastUpdatedDateTime: date(x.lastUpdatedDateTime),
            botType: x.botType,
          }),
        ),
        nextToken: page.nextToken,
      };
      return reply(200, out);
    }),
  ];
}
