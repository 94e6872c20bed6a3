/**
 * The regions of the CDK app and each region's stack settings, read from the bot definitions'
 * `targets` (the same model `bots deploy` reads), so the stacks and the bots never disagree on
 * where things live.
 * @module
 */
import type { Bot } from '../scripts/definitions/model.js';

/** What one region's fulfillment stack needs from the bot definitions. */
export interface RegionSettings {
  region: string;
  /** Bots targeting the region, by name. */
  bots: string[];
  knowledgeBase?: { id: string; modelArn: string };
  connectInstanceIds: string[];
  conversationLogGroups: string[];
  sentimentAnalysis: boolean;
}

/** A setting two bots of one region disagree on (the region's single code hook cannot serve both). */
export class RegionConflictError extends Error {
  override name = 'RegionConflictError';
}

/**
 * Every region any bot targets, in file order, with its settings.
 * @throws RegionConflictError when two bots of one region name different knowledge bases (the
 *   region has one code-hook Lambda with one KNOWLEDGE_BASE_ID); the message names both files.
 * @example
 * const { project } = await loadProject('.');
 * for (const r of regionSettings(project.bots)) console.log(r.region, r.bots);
 */
export function regionSettings(bots: readonly Bot[]): RegionSettings[] {
  const byRegion = new Map<string, RegionSettings & { kbFrom?: string }>();
  for (const bot of bots) {
    for (const t of bot.targets) {
      let r = byRegion.get(t.region);
      if (!r) byRegion.set(t.region, (r = { region: t.region, bots: [], connectInstanceIds: [], conversationLogGroups: [], sentimentAnalysis: false }));
      if (!r.bots.includes(bot.name)) r.bots.push(bot.name);
      if (t.connectInstanceId && !r.connectInstanceIds.includes(t.connectInstanceId)) r.connectInstanceIds.push(t.connectInstanceId);
      if (t.conversationLogGroup && !r.conversationLogGroups.includes(t.conversationLogGroup)) r.conversationLogGroups.push(t.conversationLogGroup);
      if (t.sentimentAnalysis) r.sentimentAnalysis = true;
      if (t.knowledgeBase) {
        if (r.knowledgeBase && (r.knowledgeBase.id !== t.knowledgeBase.id || r.knowledgeBase.modelArn !== t.knowledgeBase.modelArn)) {
          throw new RegionConflictError(
            `targets.${t.region}.knowledgeBase differs between ${r.kbFrom} and ${bot.file}: the region's code hook has one knowledge base. Use the same id and modelArn in both.`,
          );
        }
        r.knowledgeBase = { id: t.knowledgeBase.id, modelArn: t.knowledgeBase.modelArn };
        r.kbFrom = bot.file;
      }
    }
  }
  return [...byRegion.values()].map(({ kbFrom: _f, ...r }) => r);
}
