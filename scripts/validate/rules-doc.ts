/**
 * Renders docs/rules.md from the rule metadata, so the documentation cannot drift from the code.
 * @module
 */
import type { RuleMeta } from './rule.js';

/** Extra explanation for project-convention rules (those without an AWS source). */
const NOTES: Record<string, string> = {
  'utterances/variants':
    'Callers misspell and speech recognition mishears; an intent trained only on clean text misses them. ' +
    'How a variant is recognised: docs/definitions.md#sample-utterances-variants. Threshold: `validation.minVariants` in the bot file.',
  'utterances/count':
    'Lex recommends "many" utterances; this project asks for 15-20 natural ones per intent: fewer under-trains the NLU, more is hard to review. ' +
    'Thresholds: `validation.minUtterances` and `validation.maxUtterances`.',
  'locales/same-intents': 'A caller must be able to do the same things in every language. When a locale deliberately lacks an intent, say why under `missingIntents`.',
  'locales/same-slots': 'The fulfillment Lambda reads slots by name, whatever the locale.',
  'locales/stale-exception': 'Keeps `missingIntents` honest after the intent is added.',
};

/** Markdown for docs/rules.md. */
export function renderRulesDoc(rules: readonly RuleMeta[]): string {
  const lines = [
    '# Validation rules',
    '',
    '<!-- Generated from the rule metadata by `npm run docs:rules`; a test fails when it is stale. -->',
    '',
    '`bots validate` runs these rules. Errors exit 1; warnings exit 0 unless `--fail-on-warnings`.',
    '`bots validate --rules` lists them in the terminal.',
    '',
    '| rule | severity | checks |',
    '|---|---|---|',
    ...rules.map((r) => `| [\`${r.id}\`](#${r.id.replace(/[^a-z0-9-]/g, '')}) | ${r.severity} | ${r.description.replace(/\|/g, '\\|')} |`),
    '',
  ];
  for (const r of rules) {
    lines.push(`## ${r.id}`, '', `**${r.severity}**. ${r.description}`, '');
    if (NOTES[r.id]) lines.push(NOTES[r.id]!, '');
    lines.push(`Source: ${r.source.startsWith('http') ? `<${r.source}>` : r.source}`, '');
  }
  return lines.join('\n');
}
