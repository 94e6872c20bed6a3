/**
 * Turns zod issues into positioned, readable diagnostics with "did you mean" suggestions.
 * @module
 */
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { Diagnostic } from './diagnostics.js';
import type { YamlSource } from './source.js';

type Issue = z.core.$ZodIssue;

/**
 * Converts the issues of a failed parse into `definitions/schema` and `definitions/unknown-key`
 * diagnostics. `knownKeys` is every key name the file kind allows, for suggestions.
 */
export function issuesToDiagnostics(issues: readonly Issue[], source: YamlSource, knownKeys: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of flattenUnions(issues, [])) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const suggestion = suggest(key, knownKeys);
        out.push({
          ruleId: 'definitions/unknown-key',
          severity: 'error',
          message: `Unknown key "${key}"${suggestion ? `: did you mean "${suggestion}"?` : '.'}`,
          hint: suggestion ? `Rename it to "${suggestion}".` : 'Remove it; docs/definitions.md lists the keys of each file.',
          ...source.positionOf([...(issue.path as (string | number)[]), key], { key: true }),
        });
      }
      continue;
    }
    const where = issue.path.length ? `"${issue.path.join('.')}"` : 'the file';
    out.push({
      ruleId: 'definitions/schema',
      severity: 'error',
      message: `${where}: ${describeIssue(issue)}`,
      hint: 'See docs/definitions.md for the format of this file.',
      ...source.positionOf(issue.path as (string | number)[]),
    });
  }
  return dedupe(out);
}

/** Suggests the closest known key within an edit distance that scales with its length. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (!candidates.length) return undefined;
  const lower = word.toLowerCase();
  const exactCase = candidates.find((c) => c.toLowerCase() === lower);
  if (exactCase) return exactCase;
  const best = closest(word, candidates as string[]);
  return distance(word.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** For a union failure, keep only the issues of the alternative that got furthest. */
function flattenUnions(issues: readonly Issue[], prefix: readonly PropertyKey[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const best = pickAlternative(issue.errors);
      if (best) {
        out.push(...flattenUnions(best, path));
        continue;
      }
    }
    out.push({ ...issue, path } as Issue);
  }
  return out;
}

function pickAlternative(alternatives: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  // An alternative whose only failure is at the root type did not match the shape at all.
  const scored = alternatives.map((alt) => ({
    alt,
    rootTypeMismatch: alt.length === 1 && alt[0]!.code === 'invalid_type' && alt[0]!.path.length === 0,
    depth: Math.max(0, ...alt.map((i) => i.path.length)),
  }));
  const shaped = scored.filter((s) => !s.rootTypeMismatch);
  if (!shaped.length) return undefined;
  shaped.sort((a, b) => b.depth - a.depth || a.alt.length - b.alt.length);
  return shaped[0]!.alt;
}

function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `is required (${issue.expected})` : `expected ${issue.expected}, got ${typeName(issue.input)}`;
    case 'invalid_union':
      return 'does not match any allowed form (see docs/definitions.md)';
    case 'too_small':
      return issue.origin === 'array' ? `needs at least ${issue.minimum} item(s)` : issue.origin === 'string' ? 'must not be empty' : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `allows at most ${issue.maximum} item(s)` : issue.origin === 'string' ? `must be at most ${issue.maximum} characters` : `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return `${issue.message.replace(/^Invalid string: /, '')}`.replace(/^must match pattern .*$/, 'has the wrong format');
    default:
      return issue.message;
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Collects every object key a zod schema allows, anywhere in it (for suggestions). */
export function collectKeys(schema: z.ZodType): string[] {
  const keys = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (s: unknown): void => {
    if (!s || typeof s !== 'object' || seen.has(s)) return;
    seen.add(s);
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    if (def.type === 'object' && def.shape) {
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
        keys.add(k);
        walk(v);
      }
    }
    for (const field of ['innerType', 'element', 'valueType', 'in', 'out']) walk(def[field]);
    if (Array.isArray(def.options)) def.options.forEach(walk);
  };
  walk(schema);
  return [...keys];
}
