/**
 * Maps Lex's build `failureReasons` to the definition files they concern: a reason that names an
 * intent, slot or slot type of the locale is shown at that file (and the slot's line); anything
 * else at the locale in the bot file.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DescribeBotLocale.html
 * @module
 */
import type { Bot, Project } from '../definitions/model.js';
import type { SourceRef } from '../definitions/source.js';
import type { MappedFailure } from './types.js';

/** Words of a reason that may be resource names: quoted, or identifier-like. */
function mentions(reason: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^0-9A-Za-z_-])${escaped}($|[^0-9A-Za-z_-])`).test(reason);
}

/**
 * Each reason with the file, line and column of the resource it names.
 * @param localeId - the locale whose build failed.
 */
export function mapFailureReasons(project: Project, bot: Bot, localeId: string, reasons: readonly string[]): MappedFailure[] {
  const locale = bot.locales.find((l) => l.localeId === localeId);
  const at = (ref: SourceRef): { file: string; line: number; column: number } => {
    const pos = project.sources.get(ref.file)?.positionOf(ref.path);
    return pos ?? { file: ref.file, line: 1, column: 1 };
  };
  return reasons.map((reason) => {
    let where = at(locale?.at ?? bot.at);
    if (locale) {
      // Slots first (a slot reason names its intent too), then intents, then slot types.
      const slot = locale.intents.flatMap((i) => i.slots.map((s) => ({ i, s }))).find(({ i, s }) => mentions(reason, s.name) && mentions(reason, i.name));
      const intent = locale.intents.find((i) => !i.implicit && mentions(reason, i.name));
      const slotType = locale.slotTypes.find((t) => mentions(reason, t.name));
      if (slot) where = at(slot.s.at);
      else if (intent) where = at(intent.at);
      else if (slotType) where = at(slotType.at);
    }
    return { localeId, ...where, reason };
  });
}
