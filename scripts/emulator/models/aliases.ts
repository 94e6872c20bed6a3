/**
 * CreateBotAlias, DescribeBotAlias, UpdateBotAlias (PUT: full replace, tags excepted),
 * DeleteBotAlias, ListBotAliases. Every bot has `TestBotAlias` (`TSTALIASID`), which always
 * points to DRAFT; other aliases point to numbered versions.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateBotAlias.html
 * @module
 */
import type {
  BotAliasLocaleSettings,
  BotAliasSummary,
  ConversationLogSettings,
  CreateBotAliasResponse,
  DeleteBotAliasResponse,
  DescribeBotAliasResponse,
  ListBotAliasesResponse,
  SentimentAnalysisSettings,
  UpdateBotAliasResponse,
} from '@aws-sdk/client-lex-models-v2';
import type { Route } from '../contracts.js';
import { conflict, constraint, notFound, validation } from '../errors.js';
import { param, regionOf, reply, route, type ModelsContext } from './context.js';
import { applySort, bodyOf, checkLength, checkName, optObj, optStr, paginate, reqStr, type Body } from './input.js';
import { date } from './shapes.js';
import { DRAFT, TEST_ALIAS } from './store.js';
import { checkTags } from './tags.js';
import type { AliasRecord, BotRecord } from './types.js';

type AliasFields = Pick<AliasRecord, 'botAliasName' | 'description' | 'botVersion' | 'botAliasLocaleSettings' | 'conversationLogSettings' | 'sentimentAnalysisSettings'>;

/** Reads and checks the alias members of a Create/UpdateBotAlias body. */
function aliasFields(b: Body, bot: BotRecord, aliasId: string | undefined): AliasFields {
  const botAliasName = reqStr(b, 'botAliasName');
  checkName('botAliasName', botAliasName);
  const clash = Object.values(bot.aliases).find((a) => a.botAliasName === botAliasName && a.botAliasId !== aliasId);
  if (clash) throw conflict(`An alias with the name '${botAliasName}' already exists for bot ${bot.botId} (alias ID ${clash.botAliasId}).`);
  const description = optStr(b, 'description');
  checkLength('description', description, 0, 200);
  const isTest = aliasId === TEST_ALIAS.id;
  const botVersion = optStr(b, 'botVersion') ?? (isTest ? DRAFT : undefined);
  if (botVersion === undefined) throw constraint('botVersion', null, 'Member must not be null');
  if (isTest && botVersion !== DRAFT) throw validation('TestBotAlias can only point to the DRAFT version.');
  if (!isTest && botVersion === DRAFT) throw validation('Only TestBotAlias can point to the DRAFT version; create a version with CreateBotVersion.');
  const version = bot.versions[botVersion];
  if (!version) throw notFound(`Could not find version ${botVersion} of bot ${bot.botId}`);
  const settings = optObj<Record<string, BotAliasLocaleSettings>>(b, 'botAliasLocaleSettings');
  for (const [localeId, s] of Object.entries(settings ?? {})) {
    if (!version.locales[localeId]) throw validation(`Locale ${localeId} in botAliasLocaleSettings is not a locale of version ${botVersion}.`);
    if (typeof s?.enabled !== 'boolean') throw constraint(`botAliasLocaleSettings.${localeId}.enabled`, null, 'Member must not be null');
    const hook = s.codeHookSpecification?.lambdaCodeHook;
    if (s.codeHookSpecification && !hook) throw constraint(`botAliasLocaleSettings.${localeId}.codeHookSpecification.lambdaCodeHook`, null, 'Member must not be null');
    if (hook) {
      if (typeof hook.lambdaARN !== 'string') throw constraint(`botAliasLocaleSettings.${localeId}.codeHookSpecification.lambdaCodeHook.lambdaARN`, null, 'Member must not be null');
      checkLength(`botAliasLocaleSettings.${localeId}.codeHookSpecification.lambdaCodeHook.lambdaARN`, hook.lambdaARN, 20, 2048);
      if (!hook.lambdaARN.startsWith('arn:')) throw constraint(`botAliasLocaleSettings.${localeId}.codeHookSpecification.lambdaCodeHook.lambdaARN`, hook.lambdaARN, 'Member must be a Lambda function ARN');
      if (typeof hook.codeHookInterfaceVersion !== 'string') {
        throw constraint(`botAliasLocaleSettings.${localeId}.codeHookSpecification.lambdaCodeHook.codeHookInterfaceVersion`, null, 'Member must not be null');
      }
      checkLength(`botAliasLocaleSettings.${localeId}.codeHookSpecification.lambdaCodeHook.codeHookInterfaceVersion`, hook.codeHookInterfaceVersion, 1, 5);
    }
  }
  const fields: AliasFields = { botAliasName, botVersion };
  if (description !== undefined) fields.description = description;
  if (settings) fields.botAliasLocaleSettings = settings;
  const logs = optObj<ConversationLogSettings>(b, 'conversationLogSettings');
  if (logs) fields.conversationLogSettings = logs;
  const sentiment = optObj<SentimentAnalysisSettings>(b, 'sentimentAnalysisSettings');
  if (sentiment) fields.sentimentAnalysisSettings = sentiment;
  return fields;
}

function aliasOut(bot: BotRecord, a: AliasRecord) {
  return {
    botAliasId: a.botAliasId,
    botAliasName: a.botAliasName,
    description: a.description,
    botVersion: a.botVersion,
    botAliasLocaleSettings: a.botAliasLocaleSettings,
    conversationLogSettings: a.conversationLogSettings,
    sentimentAnalysisSettings: a.sentimentAnalysisSettings,
    botId: bot.botId,
    creationDateTime: date(a.creationDateTime),
  };
}

/** The alias operations. */
export function aliasRoutes(ctx: ModelsContext): Route[] {
  const { store } = ctx;
  const aliasOf = (bot: BotRecord, id: string) => {
    const a = bot.aliases[id];
    if (!a) throw notFound(`Could not find alias ${id} of bot ${bot.botId}`);
    return a;
  };
  return [
    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateBotAlias.html
    route('PUT', '/bots/{botId}/botaliases', 'CreateBotAlias', (req) => {
      const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
      const b = bodyOf(req);
      const fields = aliasFields(b, bot, undefined);
      const tags = checkTags('tags', optObj(b, 'tags'));
      const now = store.now();
      const alias: AliasRecord = {
        ...fields,
        botAliasId: store.newId((id) => id in bot.aliases),
        creationDateTime: now,
        lastUpdatedDateTime: now,
        history: [{ botVersion: fields.botVersion, startDate: now }],
      };
      bot.aliases[alias.botAliasId] = alias;
      if (tags) store.state.tags[store.aliasArn(bot, alias.botAliasId)] = tags;
      store.touch();
      const out: CreateBotAliasResponse = { ...aliasOut(bot, alias), botAliasStatus: 'Creating', tags };
      return reply(202, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DescribeBotAlias.html
    route('GET', '/bots/{botId}/botaliases/{botAliasId}', 'DescribeBotAlias', (req) => {
      const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
      const a = aliasOf(bot, param(req, 'botAliasId'));
      const out: DescribeBotAliasResponse = {
        ...aliasOut(bot, a),
        botAliasStatus: 'Available',
        lastUpdatedDateTime: date(a.lastUpdatedDateTime),
        botAliasHistoryEvents: a.history.map((h) => ({ botVersion: h.botVersion, startDate: new Date(h.startDate), endDate: date(h.endDate) })),
      };
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UpdateBotAlias.html
    route('PUT', '/bots/{botId}/botaliases/{botAliasId}', 'UpdateBotAlias', (req) => {
      const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
      const old = aliasOf(bot, param(req, 'botAliasId'));
      const fields = aliasFields(bodyOf(req), bot, old.botAliasId);
      const now = store.now();
      const history = old.history.map((h) => ({ ...h }));
      if (fields.botVersion !== old.botVersion) {
        const current = history[history.length - 1];
        if (current && current.endDate === undefined) current.endDate = now;
        history.push({ botVersion: fields.botVersion, startDate: now });
      }
      const alias: AliasRecord = { ...fields, botAliasId: old.botAliasId, creationDateTime: old.creationDateTime, lastUpdatedDateTime: now, history };
      bot.aliases[old.botAliasId] = alias;
      store.touch();
      const out: UpdateBotAliasResponse = { ...aliasOut(bot, alias), botAliasStatus: 'Available', lastUpdatedDateTime: date(now) };
      return reply(202, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DeleteBotAlias.html
    route('DELETE', '/bots/{botId}/botaliases/{botAliasId}', 'DeleteBotAlias', (req) => {
      const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
      const a = aliasOf(bot, param(req, 'botAliasId'));
      if (a.botAliasId === TEST_ALIAS.id) throw validation('TestBotAlias cannot be deleted.');
      delete bot.aliases[a.botAliasId];
      store.forgetArns(store.aliasArn(bot, a.botAliasId));
      store.touch();
      const out: DeleteBotAliasResponse = { botAliasId: a.botAliasId, botId: bot.botId, botAliasStatus: 'Deleting' };
      return reply(202, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListBotAliases.html
    route('POST', '/bots/{botId}/botaliases', 'ListBotAliases', (req) => {
      const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
      const b = bodyOf(req);
      const sorted = applySort(Object.values(bot.aliases), b, { BotAliasName: (a) => a.botAliasName }, 'BotAliasName');
      const page = paginate(sorted, b);
      const out: ListBotAliasesResponse = {
        botId: bot.botId,
        botAliasSummaries: page.items.map(
          (a): BotAliasSummary => ({
            botAliasId: a.botAliasId,
            botAliasName: a.botAliasName,
            description: a.description,
            botVersion: a.botVersion,
            botAliasStatus: 'Available',
            creationDateTime: date(a.creationDateTime),
            lastUpdatedDateTime: date(a.lastUpdatedDateTime),
          }),
        ),
        nextToken: page.nextToken,
      };
      return reply(200, out);
    }),
  ];
}
