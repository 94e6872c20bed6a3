/**
 * The emulator's custom vocabulary operations through the real SDK client: batches, per-item
 * errors, validation and the locale status a change leaves.
 */
import {
  BatchCreateCustomVocabularyItemCommand,
  BatchDeleteCustomVocabularyItemCommand,
  BatchUpdateCustomVocabularyItemCommand,
  CreateBotCommand,
  CreateBotLocaleCommand,
  DeleteCustomVocabularyCommand,
  DescribeCustomVocabularyMetadataCommand,
  ListCustomVocabularyItemsCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-lex-models-v2';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLE_ARN, useEmulator } from '../helpers/emulator.js';

const lex = useEmulator();
let botId: string;
const at = () => ({ botId, botVersion: 'DRAFT', localeId: 'en_US' });

beforeAll(async () => {
  botId = (await lex.models.send(new CreateBotCommand({ botName: 'VocabBot', roleArn: ROLE_ARN, dataPrivacy: { childDirected: false }, idleSessionTTLInSeconds: 300 }))).botId!;
  await lex.models.send(new CreateBotLocaleCommand({ ...at(), nluIntentConfidenceThreshold: 0.4 }));
});

describe('custom vocabulary', () => {
  it('a locale has none until the first BatchCreate', async () => {
    await expect(lex.models.send(new ListCustomVocabularyItemsCommand(at()))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(lex.models.send(new DescribeCustomVocabularyMetadataCommand(at()))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('creates items, returns a duplicate phrase in errors and applies the rest', async () => {
    // Act
    const out = await lex.models.send(
      new BatchCreateCustomVocabularyItemCommand({ ...at(), customVocabularyItemList: [{ phrase: 'Quetzal', weight: 2 }, { phrase: 'quetzal' }, { phrase: 'Ceiba', displayAs: 'Ceiba' }] }),
    );
    // Assess
    expect(out.resources!.map((r) => r.phrase)).toEqual(['Quetzal', 'Ceiba']);
    expect(out.errors).toEqual([expect.objectContaining({ itemId: 'quetzal', errorCode: 'DUPLICATE_INPUT' })]);
    const again = await lex.models.send(new BatchCreateCustomVocabularyItemCommand({ ...at(), customVocabularyItemList: [{ phrase: 'CEIBA' }] }));
    expect(again.errors?.[0]?.errorCode).toBe('RESOURCE_ALREADY_EXISTS');
    const meta = await lex.models.send(new DescribeCustomVocabularyMetadataCommand(at()));
    expect(meta.customVocabularyStatus).toBe('Ready');
    expect(meta.creationDateTime).toBeInstanceOf(Date);
  });

  it('updates and deletes by item id; an unknown id is an error entry', async () => {
    const list = await lex.models.send(new ListCustomVocabularyItemsCommand(at()));
    const quetzal = list.customVocabularyItems!.find((i) => i.phrase === 'Quetzal')!;
    const up = await lex.models.send(new BatchUpdateCustomVocabularyItemCommand({ ...at(), customVocabularyItemList: [{ itemId: quetzal.itemId, phrase: 'Quetzal', weight: 3 }, { itemId: 'NOSUCHITEM', phrase: 'x' }] }));
    expect(up.resources).toEqual([{ itemId: quetzal.itemId, phrase: 'Quetzal', weight: 3 }]);
    expect(up.errors?.[0]?.errorCode).toBe('RESOURCE_DOES_NOT_EXIST');
    const del = await lex.models.send(new BatchDeleteCustomVocabularyItemCommand({ ...at(), customVocabularyItemList: [{ itemId: quetzal.itemId }] }));
    expect(del.resources?.[0]?.phrase).toBe('Quetzal');
    expect((await lex.models.send(new ListCustomVocabularyItemsCommand(at()))).customVocabularyItems!.map((i) => i.phrase)).toEqual(['Ceiba']);
  });

  it('refuses batches over 10 items, weights over 3, and changes to a numbered version', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({ phrase: `p${i}` }));
    await expect(lex.models.send(new BatchCreateCustomVocabularyItemCommand({ ...at(), customVocabularyItemList: eleven }))).rejects.toBeInstanceOf(ValidationException);
    await expect(lex.models.send(new BatchCreateCustomVocabularyItemCommand({ ...at(), customVocabularyItemList: [{ phrase: 'x', weight: 4 }] }))).rejects.toBeInstanceOf(ValidationException);
    await expect(lex.models.send(new BatchCreateCustomVocabularyItemCommand({ ...at(), botVersion: '1', customVocabularyItemList: [{ phrase: 'x' }] }))).rejects.toBeInstanceOf(ValidationException);
  });

  it('DeleteCustomVocabulary removes it', async () => {
    expect((await lex.models.send(new DeleteCustomVocabularyCommand(at()))).customVocabularyStatus).toBe('Deleting');
    await expect(lex.models.send(new ListCustomVocabularyItemsCommand(at()))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
