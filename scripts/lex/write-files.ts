/**
 * Writes a set of project files all or nothing, never overwriting unless asked: what `bots import`
 * needs so that a failed or refused import leaves the project as it was.
 * @module
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Result of {@link writeFilesAtomically}. */
export interface WriteResult {
  /** Paths written (relative to the folder), sorted; empty when refused. */
  written: string[];
  /** Paths that already exist and were not overwritten (refusal), sorted. */
  conflicts: string[];
}

/**
 * Writes `files` under `dir`: all of them, or none.
 *
 * Without `force`, when any target already exists nothing is written and the existing paths are
 * returned as conflicts. Files are first written to a staging folder inside `dir` and then renamed
 * into place; if a rename fails, the files moved so far are removed and overwritten ones restored.
 *
 * @param dir - the folder to write into (created if missing).
 * @param files - file text by path relative to `dir` (`/` separators).
 * @throws Error when a path would land outside `dir`, or writing fails (after rolling back).
 */
export async function writeFilesAtomically(dir: string, files: ReadonlyMap<string, string>, opts: { force?: boolean } = {}): Promise<WriteResult> {
  const root = resolve(dir);
  const paths = [...files.keys()].sort();
  for (const p of paths) {
    const rel = relative(root, resolve(root, p));
    if (rel.startsWith('..') || rel === '' || resolve(root, p) === root || rel.split(sep).includes('..')) throw new Error(`Refusing to write ${p}: it is outside ${root}.`);
  }
  const conflicts = paths.filter((p) => existsSync(join(root, p)));
  if (conflicts.length && !opts.force) return { written: [], conflicts };

  await mkdir(root, { recursive: true });
  const staging = await mkdtemp(join(root, '.bots-import-'));
  const done: { target: string; backup?: string }[] = [];
  try {
    for (const [i, p] of paths.entries()) {
      const staged = join(staging, 'new', String(i));
      await mkdir(dirname(staged), { recursive: true });
      await writeFile(staged, files.get(p)!);
    }
    for (const [i, p] of paths.entries()) {
      const target = join(root, p);
      await mkdir(dirname(target), { recursive: true });
      let backup: string | undefined;
      if (existsSync(target)) {
        backup = join(staging, 'old', String(i));
        await mkdir(dirname(backup), { recursive: true });
        await rename(target, backup);
      }
      done.push({ target, backup });
      await rename(join(staging, 'new', String(i)), target);
    }
  } catch (err) {
    for (const { target, backup } of done.reverse()) {
      await unlink(target).catch(() => undefined);
      if (backup) await rename(backup, target).catch(() => undefined);
    }
    throw err;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { written: paths, conflicts: opts.force ? conflicts : [] };
}
