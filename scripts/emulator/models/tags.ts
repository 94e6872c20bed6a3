/**
 * TagResource, UntagResource, ListTagsForResource on bot and bot alias ARNs.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_TagResource.html
 * @module
 */
import type { ListTagsForResourceResponse } from '@aws-sdk/client-lex-models-v2';
import type { Route } from '../contracts.js';
import { constraint, validation } from '../errors.js';
import { param, reply, route, type ModelsContext } from './context.js';
import { bodyOf, reqObj } from './input.js';
import { QUOTAS } from './quotas.js';

/** Checks a tag map: keys 1-128 characters, values up to 256, at most 50 tags. */
export function checkTags(member: string, tags: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (tags === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) {
    if (k.length < 1 || k.length > 128) throw constraint(`${member}.key`, k, 'Member must have length between 1 and 128');
    if (typeof v !== 'string') throw validation(`Tag '${k}' of '${member}' must have a string value.`);
    if (v.length > 256) throw constraint(`${member}.${k}`, v, 'Member must have length less than or equal to 256');
    out[k] = v;
  }
  if (Object.keys(out).length > QUOTAS.tagsPerResource) throw constraint(member, '...', `Map must have at most ${QUOTAS.tagsPerResource} entries`);
  return out;
}

/** The three tag operations. */
export function tagRoutes(ctx: ModelsContext): Route[] {
  const { store } = ctx;
  return [
    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_TagResource.html
    route('POST', '/tags/{resourceARN}', 'TagResource', (req) => {
      const arn = param(req, 'resourceARN');
      store.resourceOfArn(arn);
      const tags = checkTags('tags', reqObj<Record<string, unknown>>(bodyOf(req), 'tags'))!;
      const merged = { ...store.state.tags[arn], ...tags };
      checkTags('tags', merged);
      store.state.tags[arn] = merged;
      store.touch();
      return reply(200, {});
    }),
    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UntagResource.html
    route('DELETE', '/tags/{resourceARN}', 'UntagResource', (req) => {
      const arn = param(req, 'resourceARN');
      store.resourceOfArn(arn);
      const keys = req.query.getAll('tagKeys');
      if (!keys.length) throw constraint('tagKeys', null, 'Member must not be null');
      const tags = store.state.tags[arn];
      if (tags) for (const k of keys) delete tags[k];
      store.touch();
      return reply(200, {});
    }),
    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListTagsForResource.html
    route('GET', '/tags/{resourceARN}', 'ListTagsForResource', (req) => {
      const arn = param(req, 'resourceARN');
      store.resourceOfArn(arn);
      const out: ListTagsForResourceResponse = { tags: { ...store.state.tags[arn] } };
      return reply(200, out);
    }),
  ];
}
