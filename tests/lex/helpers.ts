/**
 * Helpers for the LexJson tests: the fixture exports, a comparison normaliser written independently
 * of scripts/lex (so that a bug there cannot hide itself), and writing file maps to disk.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The real exports copied from the shared reference (see its README for sources). */
export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'lex-exports');

/** The three real exports, by folder name. */
export const REAL_EXPORTS = [
  'aws-lex-helper',
  'aws-samples-amazon-connect-gitlab-cicd-terraform',
  'aws-samples-amazon-lex-v2-lambda-integration-examples',
] as const;

function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== null && x !== undefined)
      .map(([k, x]) => [k, dropNulls(x)]),
  );
}

/**
 * An export in comparable form: each JSON file parsed, `null` keys dropped (real exports write
 * every optional key as null), top-level `identifier` and Bot.json `version` ignored, slotPriorities
 * sorted (Lex treats them as a set).
 */
export function comparable(files: ReadonlyMap<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, text] of files) {
    if (!path.endsWith('.json')) continue;
    const json = dropNulls(JSON.parse(text)) as Record<string, unknown>;
    delete json.identifier;
    if (path.endsWith('/Bot.json')) delete json.version;
    if (Array.isArray(json.slotPriorities)) {
      json.slotPriorities = [...json.slotPriorities].sort((a, b) => a.priority - b.priority || String(a.slotName).localeCompare(String(b.slotName)));
    }
    out[path] = json;
  }
  return out;
}

/** Writes `files` (relative path → text) into a new temporary folder and returns it. */
export function writeTemp(files: ReadonlyMap<string, string>, prefix = 'lex-test-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [rel, text] of files) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}
