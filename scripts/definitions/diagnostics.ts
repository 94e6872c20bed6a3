/**
 * Diagnostics: errors and warnings as values with positions, until a reporter prints them.
 * @module
 */

/** How bad a finding is. `error` fails `bots validate`; `warning` fails it only with `--fail-on-warnings`. */
export type Severity = 'error' | 'warning';

/** A position in a project file: 1-based line and column (column in UTF-16 code units). */
export interface Position {
  /** Path relative to the project root, with `/` separators. */
  file: string;
  line: number;
  column: number;
}

/** One finding of the loader or a validation rule. */
export interface Diagnostic extends Position {
  /** Rule id, e.g. `utterances/count`; see `docs/rules.md`. */
  ruleId: string;
  severity: Severity;
  /** What is wrong, in one sentence. */
  message: string;
  /** How to fix it. */
  hint?: string;
}

/** Orders diagnostics by file, line, column and rule id, for stable output. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
