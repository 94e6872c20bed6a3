/**
 * Incremental deploys of a generated 50-intent locale: one changed intent updates only that intent
 * (exact write calls), a removed intent leaves DRAFT but stays in older versions, old versions are
 * pruned but never one an alias uses. List calls are paged (page size 7) to exercise pagination.
 */
import {
  CreateBotAliasCommand,
  DescribeBotAliasCommand,
  DescribeBotVersionCommand,
  ListBotVersionsCommand,
  ListIntentsCommand,
  type LexModelsV2Client,
} from '@aws-sdk/client-lex-models-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../helpers/emulator.js';
import { changeUtterances, deployLocal, generatedProject, readYaml, startDeployEmulator, writeFiles } from './helpers.js';

let lex: TestEmulator;
let root: string;
const PAGED = { pageSize: 7 };

beforeAll(async () => {
  lex = await startDeployEmulator();
  root = await generatedProject(50);
});
afterAll(() => lex.stop());

async function intentNames(client: LexModelsV2Client, botId: string, botVersion: string): Promise<string[]> {
  const out = await client.send(new ListIntentsCommand({ botId, botVersion, localeId: 'en_US', maxResults: 1000 }));
  return out.intentSummaries!.map((i) => i.intentName!).sort();
}

async function versions(client: LexModelsV2Client, botId: string): Promise<string[]> {
  const out = await client.send(new ListBotVersionsCommand({ botId, maxResults: 1000 }));
  return out.botVersionSummaries!.map((v) => v.botVersion!).filter((v) => v !== 'DRAFT');
}

describe('incremental deploys', () => {
  let botId: string;
  let aliasId: string;

  it('creates 50 intents (and FallbackIntent stays as Lex made it)', async () => {
    const { result, bot, writes } = await deployLocal(lex, root, PAGED);
    expect(result.ok).toBe(true);
    expect(writes.filter((w) => w === 'CreateIntent')).toHaveLength(50);
    // Intents without slots are created whole: no UpdateIntent.
    expect(writes).not.toContain('UpdateIntent');
    botId = bot.botId!;
    aliasId = bot.aliasId!;
    expect(await intentNames(lex.models, botId, 'DRAFT')).toHaveLength(51);
  });

  it('reads every page and finds no change on a second deploy', async () => {
    const { bot, writes } = await deployLocal(lex, root, PAGED);
    expect(writes).toEqual([]);
    expect(bot.status).toBe('no-changes');
    // 51 intents at 7 per page: 8 ListIntents pages.
    expect(bot.calls.byOperation.ListIntents).toBe(8);
    expect(bot.calls.byOperation.DescribeIntent).toBe(51);
  });

  it('updates only the changed intent, then builds, versions and moves the alias: the exact write calls', async () => {
    changeUtterances(root, 'en_US', 'Intent007', 'a brand new way to ask for intent seven');
    const { bot, writes } = await deployLocal(lex, root, PAGED);
    expect(bot.status).toBe('applied');
    expect(bot.plan!.locales[0]!.intents).toEqual({ create: [], update: [{ name: 'Intent007', fields: ['sampleUtterances'] }], delete: [] });
    expect(bot.plan!.changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual([
      'update intent Intent007',
      'update build en_US',
      'create version (new)',
      'update alias live',
    ]);
    expect(writes).toEqual(['TagResource', 'UpdateIntent', 'BuildBotLocale', 'CreateBotVersion', 'UpdateBotAlias', 'UntagResource']);
    expect(bot.botVersion).toBe('2');
    const alias = await lex.models.send(new DescribeBotAliasCommand({ botId, botAliasId: aliasId }));
    expect(alias.botVersion).toBe('2');
  });

  it('deletes a removed intent from DRAFT; the older version keeps it', async () => {
    const bot = readYaml<{ locales: { en_US: { intents: string[] } } }>(root, 'bots/BenchBot.yaml');
    bot.locales.en_US.intents = bot.locales.en_US.intents.filter((i) => i !== 'Intent049');
    writeFiles(root, { 'bots/BenchBot.yaml': bot, 'intents/en_US/Intent049.yaml': null });
    const { bot: res, writes } = await deployLocal(lex, root, PAGED);
    expect(res.plan!.changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual([
      'delete intent Intent049',
      'update build en_US',
      'create version (new)',
      'update alias live',
    ]);
    expect(writes).toEqual(['TagResource', 'DeleteIntent', 'BuildBotLocale', 'CreateBotVersion', 'UpdateBotAlias', 'UntagResource']);
    expect(await intentNames(lex.models, botId, 'DRAFT')).not.toContain('Intent049');
    expect(await intentNames(lex.models, botId, '3')).not.toContain('Intent049');
    expect(await intentNames(lex.models, botId, '2')).toContain('Intent049');
  });

  it('reuses a version that already holds the definitions instead of creating another', async () => {
    // Back to version 2's definitions: the alias moves to version 2, no new version.
    const bot = readYaml<{ locales: { en_US: { intents: string[] } } }>(root, 'bots/BenchBot.yaml');
    bot.locales.en_US.intents.push('Intent049');
    const generated = await generatedProject(50);
    writeFiles(root, { 'bots/BenchBot.yaml': bot, 'intents/en_US/Intent049.yaml': readYaml(generated, 'intents/en_US/Intent049.yaml') });
    const { bot: res, writes } = await deployLocal(lex, root, PAGED);
    expect(res.plan!.version).toEqual({ action: 'reuse', botVersion: '2' });
    expect(writes).toEqual(['TagResource', 'CreateIntent', 'BuildBotLocale', 'UpdateBotAlias', 'UntagResource']);
    expect(res.botVersion).toBe('2');
    expect(await versions(lex.models, botId)).toEqual(['1', '2', '3']);
  });

  it('keeps the newest N versions and never deletes one an alias uses', async () => {
    // Pin version 1 with another alias; then deploy a change with --keep-versions 1.
    await lex.models.send(new CreateBotAliasCommand({ botId, botAliasName: 'pinned', botVersion: '1' }));
    changeUtterances(root, 'en_US', 'Intent010', 'yet another phrasing for intent ten');
    const { bot, writes } = await deployLocal(lex, root, { ...PAGED, keepVersions: 1 });
    expect(bot.status).toBe('applied');
    expect(bot.botVersion).toBe('4');
    // 1 is pinned, 4 is new and served; 2 (served before) and 3 go.
    expect(bot.plan!.pruneVersions).toEqual(['2', '3']);
    expect(writes.filter((w) => w === 'DeleteBotVersion')).toHaveLength(2);
    expect(await versions(lex.models, botId)).toEqual(['1', '4']);
    const v4 = await lex.models.send(new DescribeBotVersionCommand({ botId, botVersion: '4' }));
    expect(v4.description).toMatch(/^bots:sha256:[0-9a-f]{64}$/);
  });
});
