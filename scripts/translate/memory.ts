/**
 * Translation memory and terminology files of a project (both optional, both meant to be committed):
 *
 * - `translate/memory/<from>-<to>.json`: every segment Amazon Translate translated, by settings and
 *   source text, so that a re-run sends only what changed in the source, on any machine.
 * - `translate/terminology/<name>.csv`: the CSV uploaded as custom terminology `<name>`
 *   (`aws translate import-terminology`); terms whose target equals the source (brand and product
 *   names) are also protected locally, so they survive even where the terminology does not apply.
 * @see https://docs.aws.amazon.com/translate/latest/dg/creating-custom-terminology.html
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The memory file's content. */
export interface MemoryFile {
  version: 1;
  from: string;
  to: string;
  /** Settings key (`default`, `formality=FORMAL;terminology=Brand`) → source HTML → translated HTML. */
  entries: Record<string, Record<string, string>>;
}

/** Project-relative path of the memory of a locale pair. */
export function memoryPath(from: string, to: string): string {
  return `translate/memory/${from}-${to}.json`;
}

/** Reads the memory of a locale pair (an empty one when there is none or it is unreadable). */
export function readMemory(root: string, from: string, to: string): MemoryFile {
  const path = join(root, memoryPath(from, to));
  if (existsSync(path)) {
    try {
      const m = JSON.parse(readFileSync(path, 'utf8')) as MemoryFile;
      if (m && m.version === 1 && typeof m.entries === 'object') return m;
    } catch {
      // A broken memory only costs re-translation.
    }
  }
  return { version: 1, from, to, entries: {} };
}

/** Serialises a memory with sorted keys, so that diffs stay small. */
export function formatMemory(m: MemoryFile): string {
  const entries: Record<string, Record<string, string>> = {};
  for (const k of Object.keys(m.entries).sort()) {
    entries[k] = Object.fromEntries(Object.entries(m.entries[k]!).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return `${JSON.stringify({ version: 1, from: m.from, to: m.to, entries }, null, 2)}\n`;
}

/** Project-relative path of a terminology CSV. */
export function terminologyPath(name: string): string {
  return `translate/terminology/${name}.csv`;
}

/**
 * Terms of `translate/terminology/<name>.csv` that stay the same in `targetLanguage` (or have no
 * entry for it): the names to protect locally.
 * @param sourceLanguage - Translate code of the source column, e.g. `en`.
 */
export function readKeptTerms(root: string, name: string, sourceLanguage: string, targetLanguage: string): string[] {
  const path = join(root, terminologyPath(name));
  if (!existsSync(path)) return [];
  const rows = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim()).map(parseCsvLine);
  const header = rows.shift()?.map((h) => h.trim()) ?? [];
  const s = header.indexOf(sourceLanguage);
  const t = header.indexOf(targetLanguage);
  if (s < 0) return [];
  return rows.map((r) => ({ src: r[s]?.trim() ?? '', tgt: t >= 0 ? r[t]?.trim() ?? '' : '' })).filter((r) => r.src && (!r.tgt || r.tgt === r.src)).map((r) => r.src);
}

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out;
}
