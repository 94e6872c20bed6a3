/**
 * Custom vocabulary deploys through the real SDK into the emulator: created with the locale, a
 * changed vocabulary makes exactly the vocabulary writes (batches of at most 10), nothing else
 * changes, and an unchanged vocabulary makes no write.
 */
import { ListCustomVocabularyItemsCommand } from '@aws-sdk/client-lex-models-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../helpers/emulator.js';
import { deployLocal, readYaml, smallProject, startDeployEmulator, writeFiles } from './helpers.js';

type Vocabulary = { phrase: string; weight?: number; displayAs?: string }[];
let lex: TestEmulator;
let root: string;

beforeAll(async () => {
  lex = await startDeployEmulator();
  root = smallProject();
});
afterAll(() => lex.stop());

function setVocabulary(items: Vocabulary): void {
  const bot = readYaml<{ locales: { en_US: { customVocabulary?: Vocabulary } } }>(root, 'bots/Demo.yaml');
  bot.locales.en_US.customVocabulary = items;
  writeFiles(root, { 'bots/Demo.yaml': bot });
}

async function vocabularyOf(botId: string, botVersion = 'DRAFT'): Promise<Vocabulary> {
  const out = await lex.models.send(new ListCustomVocabularyItemsCommand({ botId, botVersion, localeId: 'en_US', maxResults: 100 }));
  return out.customVocabularyItems!.map(({ phrase, weight, displayAs }) => ({ phrase: phrase!, ...(weight !== undefined ? { weight } : {}), ...(displayAs !== undefined ? { displayAs } : {}) }));
}

describe('custom vocabulary deploys', () => {
  let botId: string;
  const twelve: Vocabulary = Array.from({ length: 12 }, (_, i) => ({ phrase: `quetzal card ${i + 1}`, weight: 2 }));

  it('creates the vocabulary with the bot, in batches of at most 10, and the version holds it', async () => {
    // Prepare
    setVocabulary(twelve);
    // Act
    const { bot, writes } = await deployLocal(lex, root);
    // Assess
    expect(bot.status).toBe('applied');
    botId = bot.botId!;
    expect(writes.filter((w) => w === 'BatchCreateCustomVocabularyItem')).toHaveLength(2);
    expect((await vocabularyOf(botId)).map((v) => v.phrase).sort()).toEqual(twelve.map((v) => v.phrase).sort());
    expect(await vocabularyOf(botId, bot.botVersion!)).toHaveLength(12);
  });

  it('makes no write when nothing changed', async () => {
    const { bot, writes } = await deployLocal(lex, root);
    expect(bot.status).toBe('no-changes');
    expect(writes).toEqual([]);
  });

  it('a changed vocabulary makes exactly the vocabulary writes, then builds, versions and moves the alias', async () => {
    // Prepare: one phrase removed, one re-weighted, one added.
    const next = [...twelve.slice(1)];
    next[0] = { ...next[0]!, weight: 3, displayAs: 'Quetzal Card 2' };
    next.push({ phrase: 'ceiba', displayAs: 'Ceiba' });
    setVocabulary(next);
    // Act
    const { bot, writes } = await deployLocal(lex, root);
    // Assess
    expect(bot.plan!.locales[0]!.vocabulary).toEqual({
      create: ['ceiba'],
      update: [{ name: 'quetzal card 2', fields: ['weight', 'displayAs'] }],
      delete: ['quetzal card 1'],
    });
    expect(bot.plan!.changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual([
      'create vocabulary ceiba',
      'update vocabulary quetzal card 2',
      'delete vocabulary quetzal card 1',
      'update build en_US',
      'create version (new)',
      'update alias live',
    ]);
    expect(writes).toEqual([
      'TagResource',
      'BatchDeleteCustomVocabularyItem',
      'BatchUpdateCustomVocabularyItem',
      'BatchCreateCustomVocabularyItem',
      'BuildBotLocale',
      'CreateBotVersion',
      'UpdateBotAlias',
      'UntagResource',
    ]);
    const now = await vocabularyOf(botId);
    expect(now).toHaveLength(12);
    expect(now).toContainEqual({ phrase: 'quetzal card 2', weight: 3, displayAs: 'Quetzal Card 2' });
    expect(now).toContainEqual({ phrase: 'ceiba', displayAs: 'Ceiba' });
    expect(now.map((v) => v.phrase)).not.toContain('quetzal card 1');
  });

  it('removing the vocabulary deletes its items', async () => {
    setVocabulary([]);
    const { writes } = await deployLocal(lex, root);
    expect(writes.filter((w) => w.includes('CustomVocabulary'))).toEqual(['BatchDeleteCustomVocabularyItem', 'BatchDeleteCustomVocabularyItem']);
    expect(await vocabularyOf(botId)).toEqual([]);
  });
});
