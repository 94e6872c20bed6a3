/**
 * Every model-building (Lex Models V2) route of the emulator.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_Operations_Amazon_Lex_Model_Building_V2.html
 * @module
 */
import type { Route } from '../contracts.js';
import { aliasRoutes } from './aliases.js';
import { analyticsRoutes } from './analytics.js';
import { botRoutes } from './bots.js';
import { builtInRoutes } from './builtins.js';
import type { ModelsContext } from './context.js';
import { intentRoutes } from './intents.js';
import { localeRoutes } from './locales.js';
import { policyRoutes } from './policies.js';
import { slotTypeRoutes } from './slot-types.js';
import { slotRoutes } from './slots.js';
import { tagRoutes } from './tags.js';
import { versionRoutes } from './versions.js';
import { vocabularyRoutes } from './vocabulary.js';

/** The Lex Models V2 routes over `ctx.store`. */
export function createModelRoutes(ctx: ModelsContext): Route[] {
  return [
    ...botRoutes(ctx),
    ...localeRoutes(ctx),
    ...intentRoutes(ctx),
    ...slotRoutes(ctx),
    ...slotTypeRoutes(ctx),
    ...vocabularyRoutes(ctx),
    ...versionRoutes(ctx),
    ...aliasRoutes(ctx),
    ...tagRoutes(ctx),
    ...policyRoutes(ctx),
    ...analyticsRoutes(ctx),
    ...builtInRoutes(),
  ];
}
