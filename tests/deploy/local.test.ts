/**
 * `bots deploy` of the shipped SelfService bot into the local emulator, through the real SDK:
 * the first deploy creates everything and the alias serves a version that converses; the second
 * makes no write call; validation errors stop it before any call. The shipped contact flows
 * go with it (their own tests: flows.test.ts).
 */
import {
  DescribeBotAliasCommand,
  DescribeBotVersionCommand,
  ListBotLocalesCommand,
  ListIntentsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-lex-models-v2';
import { RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPlan, formatSummary } from '../../scripts/deploy/format.js';
import type { TestEmulator } from '../helpers/emulator.js';
import { copyShipped, deployLocal, LOCAL_LAMBDA_ARN, readYaml, ROOT, startDeployEmulator, writeFiles } from './helpers.js';

let lex: TestEmulator;
beforeAll(async () => {
  lex = await startDeployEmulator();
});
afterAll(() => lex.stop());

describe('deploy SelfService to the local target', () => {
  let botId: string;
  let aliasId: string;

  it('creates the bot, its locales and resources, builds, versions and aliases it', async () => {
    const { result, bot, writes } = await deployLocal(lex, ROOT);
    expect(result.ok).toBe(true);
    expect(bot.status).toBe('applied');
    expect(bot.plan!.botSettings.action).toBe('create');
    // 3 locales × (1 slot type, 7 intents, 4 slots) and the bot; FallbackIntent files update Lex's default.
    expect(bot.plan!.summary).toEqual({ create: 1 + 3 * (1 + 1 + 7 + 4) + 2, update: 3, delete: 0 });
    const count = (op: string) => writes.filter((w) => w === op).length;
    expect(count('CreateBot')).toBe(1);
    expect(count('CreateBotLocale')).toBe(3);
    expect(count('CreateSlotType')).toBe(3);
    expect(count('CreateIntent')).toBe(21);
    expect(count('CreateSlot')).toBe(12);
    expect(count('BuildBotLocale')).toBe(3);
    expect(count('CreateBotVersion')).toBe(1);
    expect(count('CreateBotAlias')).toBe(1);
    // The lease came with CreateBot's tags and is released at the end; nothing else is tagged.
    expect(count('TagResource')).toBe(0);
    // Then the contact flows of flows/ (tests/deploy/flows.test.ts), after every bot write.
    const botWrites = writes.filter((w) => !w.endsWith('ContactFlow'));
    expect(writes.slice(botWrites.length)).toEqual(['CreateContactFlow', 'CreateContactFlow']);
    expect(result.targets[0]!.flows?.status).toBe('applied');
    expect(botWrites.at(-1)).toBe('UntagResource');
    expect(bot.calls.writes).toBe(botWrites.length);
    expect(bot.calls.reads).toBeGreaterThan(0);
    expect(bot.plan!.notes).toContain('Lambda permission and Amazon Connect: skipped: local target');

    botId = bot.botId!;
    aliasId = bot.aliasId!;
    expect(bot.botVersion).toBe('1');
    const locales = await lex.models.send(new ListBotLocalesCommand({ botId, botVersion: 'DRAFT' }));
    expect(locales.botLocaleSummaries!.map((l) => [l.localeId, l.botLocaleStatus]).sort()).toEqual([
      ['en_US', 'Built'],
      ['es_US', 'Built'],
      ['fr_CA', 'Built'],
    ]);
    const version = await lex.models.send(new DescribeBotVersionCommand({ botId, botVersion: '1' }));
    expect(version.description).toBe(`bots:sha256:${bot.plan!.contentHash}`);
    const tags = await lex.models.send(new ListTagsForResourceCommand({ resourceARN: `arn:aws:lex:us-east-1:000000000000:bot/${botId}` }));
    expect(tags.tags).toEqual({ team: 'contact-centre', product: 'self-service' });
  });

  it('points the alias at the version with the code hook, logs and every locale', async () => {
    const alias = await lex.models.send(new DescribeBotAliasCommand({ botId, botAliasId: aliasId }));
    expect(alias.botAliasName).toBe('live');
    expect(alias.botVersion).toBe('1');
    expect(Object.keys(alias.botAliasLocaleSettings!).sort()).toEqual(['en_US', 'es_US', 'fr_CA']);
    expect(alias.botAliasLocaleSettings!.en_US).toEqual({
      enabled: true,
      codeHookSpecification: { lambdaCodeHook: { lambdaARN: LOCAL_LAMBDA_ARN, codeHookInterfaceVersion: '1.0' } },
    });
    expect(alias.conversationLogSettings?.textLogSettings?.[0]?.destination?.cloudWatch?.cloudWatchLogGroupArn).toBe(
      'arn:aws:logs:us-east-1:000000000000:log-group:/aws/lex/SelfService',
    );
  });

  it('serves a version that converses', async () => {
    const turn = await lex.runtime.send(new RecognizeTextCommand({ botId, botAliasId: aliasId, localeId: 'en_US', sessionId: 'deploy-1', text: "what's my balance" }));
    expect(turn.interpretations?.[0]?.intent?.name).toBe('CheckBalance');
    expect(turn.sessionState?.intent?.name).toBe('CheckBalance');
    expect(turn.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'AccountType' });
    const fr = await lex.runtime.send(new RecognizeTextCommand({ botId, botAliasId: aliasId, localeId: 'fr_CA', sessionId: 'deploy-2', text: 'quel est mon solde' }));
    expect(fr.interpretations?.[0]?.intent?.name).toBe('CheckBalance');
  });

  it('makes no write call on a second deploy of unchanged definitions and says "no changes"', async () => {
    const { result, bot, writes } = await deployLocal(lex, ROOT);
    expect(result.ok).toBe(true);
    expect(writes).toEqual([]);
    expect(bot.calls.writes).toBe(0);
    expect(bot.status).toBe('no-changes');
    expect(bot.plan!.noChanges).toBe(true);
    expect(formatPlan(bot.plan!)).toMatch(/^SelfService → local \(us-east-1\) bot [A-Z0-9]{10}: no changes\n/);
    expect(formatSummary(result)).toContain(`✔ no changes version 1 on alias live (${aliasId})`);
    // What the summary reports is what the alias serves.
    expect(bot.botVersion).toBe('1');
    expect(bot.aliasId).toBe(aliasId);
  });

  it('makes no API call at all when validation fails', async () => {
    const root = copyShipped();
    writeFiles(root, { 'intents/en_US/CheckBalance.yaml': { name: 'CheckBalance', sampleUtterances: ['balance'], bogus: 1 } });
    const calls: string[] = [];
    const { result } = await deployLocal(lex, root, { onCall: (c) => calls.push(c.operation) }, { allowInvalid: true });
    expect(result.ok).toBe(false);
    expect(result.validation?.some((d) => d.severity === 'error' && d.file === 'intents/en_US/CheckBalance.yaml')).toBe(true);
    expect(result.targets).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('dry run: plans without writing', async () => {
    const root = copyShipped();
    writeFiles(root, { 'bots/SelfService.yaml': { ...readYaml<Record<string, unknown>>(ROOT, 'bots/SelfService.yaml'), idleSessionTTLInSeconds: 600 } });
    const { result, bot, writes } = await deployLocal(lex, root, { dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(writes).toEqual([]);
    expect(bot.status).toBe('planned');
    expect(bot.plan!.botSettings).toEqual({ action: 'update', fields: ['idleSessionTTLInSeconds'] });
    expect(bot.plan!.version.action).toBe('create');
    expect(formatPlan(bot.plan!)).toContain('~ bot SelfService (idleSessionTTLInSeconds)');
    const intents = await lex.models.send(new ListIntentsCommand({ botId, botVersion: 'DRAFT', localeId: 'en_US', maxResults: 100 }));
    expect(intents.intentSummaries).toHaveLength(8);
  });
});
