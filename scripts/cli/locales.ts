/**
 * The check every command that takes a locale makes first: an unknown locale id is a usage error
 * (exit 2) with the closest known id ("did you mean en_US").
 * @module
 */
import { unknownLocaleMessage } from '../definitions/locale-ids.js';
import { EXIT, UserError } from './output.js';

/**
 * Throws a usage error naming the first of `requested` that is not in `known`.
 *
 * @param flag - the option that named it, e.g. `--locale`.
 * @param owner - what lacks the locale, e.g. `Bot SelfService`.
 * @throws UserError with exit code 2.
 */
export function assertKnownLocales(requested: readonly string[], known: readonly string[], flag: string, owner: string): void {
  for (const id of requested) {
    if (!known.includes(id)) throw new UserError(`${flag}: ${unknownLocaleMessage(id, known, owner)}.`, EXIT.usage);
  }
}

/**
 * Loads the project's bot (`bot`, or the first in bots/) and checks `requested` against its locales.
 *
 * A bot that cannot be found is left to the command, which says why in its own terms.
 *
 * @throws UserError (exit 2) for an unknown locale.
 */
export async function assertBotLocales(root: string, bot: string | undefined, requested: readonly string[], flag = '--locale'): Promise<void> {
  if (!requested.length) return;
  const { loadProject } = await import('../definitions/load.js');
  const { project } = await loadProject(root);
  const found = bot ? project.bots.find((b) => b.name === bot) : project.bots[0];
  if (found) assertKnownLocales(requested, found.locales.map((l) => l.localeId), flag, `Bot ${found.name}`);
}
