/**
 * A locale's custom vocabulary: BatchCreateCustomVocabularyItem, BatchUpdateCustomVocabularyItem,
 * BatchDeleteCustomVocabularyItem, ListCustomVocabularyItems, DescribeCustomVocabularyMetadata and
 * DeleteCustomVocabulary. Lex keeps one vocabulary per locale (`DEFAULT` in the path), created by
 * the first BatchCreate; only DRAFT changes, and a change leaves a built locale `NotBuilt`.
 *
 * Batches take 1-10 items; a phrase is 1-100 characters and unique in the vocabulary, `weight` is
 * 0-3 and `displayAs` 1-100 characters. An item that cannot be applied (a phrase the vocabulary or
 * the batch already has, an id it lacks) comes back in `errors` and the others are applied, as the
 * batch operations document. The emulator does not recognise speech, so the vocabulary changes
 * nothing at runtime.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_BatchCreateCustomVocabularyItem.html
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/vocab.html
 * @module
 */
import type { CustomVocabularyItem, FailedCustomVocabularyItem } from '@aws-sdk/client-lex-models-v2';
import type { EmulatorRequest, Route } from '../contracts.js';
import { constraint, notFound, validation } from '../errors.js';
import { param, regionOf, reply, route, type ModelsContext } from './context.js';
import { bodyOf, checkLength, checkRange, paginate, type Body } from './input.js';
import { date } from './shapes.js';
import { requireDraft } from './store.js';
import type { LocaleRecord, VocabularyItemRecord } from './types.js';

/** Items per batch call. @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_BatchCreateCustomVocabularyItem.html */
export const MAX_VOCABULARY_BATCH = 10;

const out = (i: VocabularyItemRecord): CustomVocabularyItem => ({ itemId: i.itemId, phrase: i.phrase, ...(i.weight !== undefined ? { weight: i.weight } : {}), ...(i.displayAs !== undefined ? { displayAs: i.displayAs } : {}) });

/** The batch's item list: 1-10 objects. */
function itemList(b: Body): Record<string, unknown>[] {
  const list = b.customVocabularyItemList;
  if (!Array.isArray(list)) throw constraint('customVocabularyItemList', list, 'Member must not be null');
  if (list.length < 1 || list.length > MAX_VOCABULARY_BATCH) {
    throw constraint('customVocabularyItemList', `[${list.length} items]`, `Member must have length less than or equal to ${MAX_VOCABULARY_BATCH} and greater than or equal to 1`);
  }
  if (!list.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))) throw validation('Every customVocabularyItemList entry must be an object.');
  return list as Record<string, unknown>[];
}

/** Checks and returns an item's phrase, weight and displayAs. */
function itemFields(x: Record<string, unknown>, i: number): Omit<VocabularyItemRecord, 'itemId'> {
  const at = `customVocabularyItemList.${i + 1}.member`;
  if (typeof x.phrase !== 'string') throw constraint(`${at}.phrase`, x.phrase, 'Member must not be null');
  checkLength(`${at}.phrase`, x.phrase, 1, 100);
  const item: Omit<VocabularyItemRecord, 'itemId'> = { phrase: x.phrase };
  if (x.weight !== undefined && x.weight !== null) {
    if (typeof x.weight !== 'number' || !Number.isInteger(x.weight)) throw validation(`Value at '${at}.weight' must be an integer.`);
    checkRange(`${at}.weight`, x.weight, 0, 3);
    item.weight = x.weight;
  }
  if (x.displayAs !== undefined && x.displayAs !== null) {
    if (typeof x.displayAs !== 'string') throw validation(`Value at '${at}.displayAs' must be a string.`);
    checkLength(`${at}.displayAs`, x.displayAs, 1, 100);
    item.displayAs = x.displayAs;
  }
  return item;
}

/** The custom vocabulary operations. */
export function vocabularyRoutes(ctx: ModelsContext): Route[] {
  const { store } = ctx;
  const base = '/bots/{botId}/botversions/{botVersion}/botlocales/{localeId}/customvocabulary';
  const localeOf = (req: EmulatorRequest, draft: boolean): LocaleRecord => {
    const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
    const botVersion = param(req, 'botVersion');
    if (draft) requireDraft(botVersion);
    return store.locale(bot, botVersion, param(req, 'localeId'));
  };
  const ids = (req: EmulatorRequest) => ({ botId: param(req, 'botId'), botVersion: param(req, 'botVersion'), localeId: param(req, 'localeId') });
  const existing = (l: LocaleRecord) => {
    if (!l.customVocabulary) throw notFound(`Could not find the custom vocabulary of locale ${l.localeId}.`);
    return l.customVocabulary;
  };
  const samePhrase = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

  return [
    route('PUT', `${base}/DEFAULT/batchcreate`, 'BatchCreateCustomVocabularyItem', (req) => {
      const l = localeOf(req, true);
      const list = itemList(bodyOf(req));
      const items = list.map(itemFields);
      const now = store.now();
      const vocabulary = (l.customVocabulary ??= { items: {}, creationDateTime: now, lastUpdatedDateTime: now });
      const resources: CustomVocabularyItem[] = [];
      const errors: FailedCustomVocabularyItem[] = [];
      const seen: string[] = [];
      for (const item of items) {
        const duplicate = seen.some((p) => samePhrase(p, item.phrase));
        const exists = Object.values(vocabulary.items).some((v) => samePhrase(v.phrase, item.phrase));
        seen.push(item.phrase);
        if (duplicate || exists) {
          errors.push({ itemId: item.phrase, errorCode: duplicate ? 'DUPLICATE_INPUT' : 'RESOURCE_ALREADY_EXISTS', errorMessage: `The phrase "${item.phrase}" is already in the custom vocabulary.` });
          continue;
        }
        const record = { itemId: store.newId((id) => id in vocabulary.items), ...item };
        vocabulary.items[record.itemId] = record;
        resources.push(out(record));
      }
      if (resources.length) {
        vocabulary.lastUpdatedDateTime = now;
        store.changed(l);
      } else store.touch();
      return reply(200, { ...ids(req), resources, errors });
    }),

    route('PUT', `${base}/DEFAULT/batchupdate`, 'BatchUpdateCustomVocabularyItem', (req) => {
      const l = localeOf(req, true);
      const vocabulary = existing(l);
      const list = itemList(bodyOf(req));
      const resources: CustomVocabularyItem[] = [];
      const errors: FailedCustomVocabularyItem[] = [];
      list.forEach((x, i) => {
        if (typeof x.itemId !== 'string') throw constraint(`customVocabularyItemList.${i + 1}.member.itemId`, x.itemId, 'Member must not be null');
        const fields = itemFields(x, i);
        const current = vocabulary.items[x.itemId];
        if (!current) {
          errors.push({ itemId: x.itemId, errorCode: 'RESOURCE_DOES_NOT_EXIST', errorMessage: `The custom vocabulary has no item ${x.itemId}.` });
          return;
        }
        if (Object.values(vocabulary.items).some((v) => v.itemId !== current.itemId && samePhrase(v.phrase, fields.phrase))) {
          errors.push({ itemId: x.itemId, errorCode: 'RESOURCE_ALREADY_EXISTS', errorMessage: `The phrase "${fields.phrase}" is already in the custom vocabulary.` });
          return;
        }
        // The item is replaced: members left out are cleared, as Lex's updates do.
        const record = { itemId: current.itemId, ...fields };
        vocabulary.items[current.itemId] = record;
        resources.push(out(record));
      });
      if (resources.length) {
        vocabulary.lastUpdatedDateTime = store.now();
        store.changed(l);
      }
      return reply(200, { ...ids(req), resources, errors });
    }),

    route('POST', `${base}/DEFAULT/batchdelete`, 'BatchDeleteCustomVocabularyItem', (req) => {
      const l = localeOf(req, true);
      const vocabulary = existing(l);
      const list = itemList(bodyOf(req));
      const resources: CustomVocabularyItem[] = [];
      const errors: FailedCustomVocabularyItem[] = [];
      list.forEach((x, i) => {
        if (typeof x.itemId !== 'string') throw constraint(`customVocabularyItemList.${i + 1}.member.itemId`, x.itemId, 'Member must not be null');
        const current = vocabulary.items[x.itemId];
        if (!current) {
          errors.push({ itemId: x.itemId, errorCode: 'RESOURCE_DOES_NOT_EXIST', errorMessage: `The custom vocabulary has no item ${x.itemId}.` });
          return;
        }
        delete vocabulary.items[x.itemId];
        resources.push(out(current));
      });
      if (resources.length) {
        vocabulary.lastUpdatedDateTime = store.now();
        store.changed(l);
      }
      return reply(200, { ...ids(req), resources, errors });
    }),

    route('POST', `${base}/DEFAULT/list`, 'ListCustomVocabularyItems', (req) => {
      const l = localeOf(req, false);
      const vocabulary = existing(l);
      const page = paginate(Object.values(vocabulary.items).map(out), bodyOf(req));
      return reply(200, { ...ids(req), customVocabularyItems: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) });
    }),

    route('GET', `${base}/DEFAULT/metadata`, 'DescribeCustomVocabularyMetadata', (req) => {
      const l = localeOf(req, false);
      const vocabulary = existing(l);
      return reply(200, { ...ids(req), customVocabularyStatus: 'Ready', creationDateTime: date(vocabulary.creationDateTime), lastUpdatedDateTime: date(vocabulary.lastUpdatedDateTime) });
    }),

    route('DELETE', base, 'DeleteCustomVocabulary', (req) => {
      const l = localeOf(req, true);
      existing(l);
      delete l.customVocabulary;
      store.changed(l);
      return reply(202, { ...ids(req), customVocabularyStatus: 'Deleting' });
    }),
  ];
}
