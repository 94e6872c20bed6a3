/**
 * `bots validate`: runs every rule family over a loaded project.
 * @module
 */
import { compareDiagnostics, type Diagnostic, type Severity } from '../definitions/diagnostics.js';
import type { Project } from '../definitions/model.js';
import type { RuleContext, RuleFamily, RuleMeta } from './rule.js';
import { lexLimitRules } from './rules/lex-limits.js';
import { localeRules } from './rules/locales.js';
import { slotRules } from './rules/slots.js';
import { reviewRules } from './rules/review.js';
import { ssmlRules } from './rules/ssml.js';
import { channelRules } from './rules/channels.js';
import { utteranceRules } from './rules/utterances.js';
import { flowRules } from './rules/flows.js';

/** Rules the loader reports (shape, syntax, references between files). */
export const definitionRules: RuleMeta[] = [
  { id: 'definitions/yaml', severity: 'error', description: 'The file is valid YAML (no syntax errors, no duplicate keys).', source: 'https://yaml.org/spec/1.2.2/' },
  { id: 'definitions/schema', severity: 'error', description: 'The file matches its schema (schemas/*.schema.json, docs/definitions.md).', source: 'docs/definitions.md' },
  { id: 'definitions/unknown-key', severity: 'error', description: 'No key outside the schema (a misspelt key would otherwise be ignored silently).', source: 'docs/definitions.md' },
  { id: 'definitions/file-name', severity: 'error', description: 'The name inside a file matches the file name.', source: 'docs/definitions.md#layout' },
  { id: 'definitions/layout', severity: 'error', description: 'Per-locale files live in a folder named after a Lex locale id.', source: 'docs/definitions.md#layout' },
  { id: 'definitions/duplicate-definition', severity: 'error', description: 'A name is defined by one file per locale.', source: 'docs/definitions.md#layout' },
  { id: 'definitions/missing-intent', severity: 'error', description: 'Every intent a bot locale lists has a file intents/<locale>/<Intent>.yaml.', source: 'docs/definitions.md#bots' },
  { id: 'definitions/missing-slot-type', severity: 'error', description: 'Every custom slot type a slot uses has a file slot-types/<locale>/<Type>.yaml.', source: 'docs/definitions.md#slot-types' },
];

/** The rule families, in reporting order. */
export const RULE_FAMILIES: readonly RuleFamily[] = [utteranceRules, slotRules, localeRules, lexLimitRules, ssmlRules, channelRules, reviewRules, flowRules];

/** Every rule id with its documentation. */
export const ALL_RULES: readonly RuleMeta[] = [...definitionRules, ...RULE_FAMILIES.flatMap((f) => f.rules)];

/**
 * Runs all rules over `project`.
 * @param loaderDiagnostics - diagnostics of {@link loadProject}, merged into the result.
 * @returns every diagnostic, sorted by file, line and column.
 * @example
 * const { project, diagnostics } = await loadProject('.');
 * const all = validateProject(project, diagnostics);
 */
export function validateProject(project: Project, loaderDiagnostics: readonly Diagnostic[] = []): Diagnostic[] {
  const out: Diagnostic[] = [...loaderDiagnostics];
  const severities = new Map(ALL_RULES.map((r) => [r.id, r.severity]));
  const ctx: RuleContext = {
    project,
    report(ruleId, at, message, hint, severity?: Severity) {
      const pos = 'path' in at ? (project.sources.get(at.file)?.positionOf(at.path, { key: at.key }) ?? { file: at.file, line: 1, column: 1 }) : at;
      const sev = severity ?? severities.get(ruleId);
      if (!sev) throw new Error(`Unregistered rule id ${ruleId}`);
      out.push({ ruleId, severity: sev, message, hint, file: pos.file, line: pos.line, column: pos.column });
    },
  };
  for (const family of RULE_FAMILIES) {
    family.checkProject?.(ctx);
    for (const bot of project.bots) {
      family.checkBot?.(ctx, bot);
      for (const locale of bot.locales) family.checkLocale?.(ctx, bot, locale);
    }
  }
  return dedupe(out).sort(compareDiagnostics);
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.ruleId}:${d.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
