/**
 * Loads a project as it would be with some files changed, without touching the project: the
 * definition folders are copied to a scratch folder, the changed files written over the copy, and
 * the copy loaded. What a command that edits definitions (`bots tune --apply`) validates before it
 * writes anything.
 * @module
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadProject, PROJECT_DIRS, type LoadResult } from './load.js';

/** Folders {@link loadProject} reads: the definitions and the contact flows. */
const LOADED_DIRS = [...Object.values(PROJECT_DIRS), 'flows'];

/**
 * The project under `root` with `files` (text by project-relative path, `/` separators) written
 * over it, loaded from a scratch copy that is removed afterwards. Paths in the result are
 * project-relative, as with {@link loadProject}; `project.root` is the (deleted) scratch folder.
 * @throws Error when `root/bots` cannot be listed.
 */
export async function loadProjectWith(root: string, files: ReadonlyMap<string, string>): Promise<LoadResult> {
  const scratch = await mkdtemp(join(tmpdir(), 'bots-overlay-'));
  try {
    for (const dir of LOADED_DIRS) if (existsSync(join(root, dir))) await cp(join(root, dir), join(scratch, dir), { recursive: true });
    for (const [rel, text] of files) {
      await mkdir(dirname(join(scratch, rel)), { recursive: true });
      await writeFile(join(scratch, rel), text);
    }
    return await loadProject(scratch);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
