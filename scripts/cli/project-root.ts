/**
 * Finds the project folder: the nearest folder at or above the working directory that holds `bots/`.
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError, EXIT } from './output.js';

/**
 * @param dir - `--dir` option; when given it must hold `bots/`.
 * @throws UserError when no project folder is found.
 */
export function findProjectRoot(dir?: string, cwd: string = process.cwd()): string {
  if (dir) {
    const root = resolve(cwd, dir);
    if (!existsSync(join(root, 'bots'))) throw new UserError(`${root} has no bots/ folder: --dir must name a project folder.`, EXIT.usage);
    return root;
  }
  for (let d = resolve(cwd); ; d = dirname(d)) {
    if (existsSync(join(d, 'bots'))) return d;
    if (dirname(d) === d) break;
  }
  throw new UserError('No bots/ folder here or in any parent folder: run the command inside a project or pass --dir <project>.', EXIT.usage);
}
