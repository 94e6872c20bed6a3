import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { botFileSchema, intentFileSchema, slotTypeFileSchema } from '../scripts/definitions/schema.js';
import { ALL_RULES } from '../scripts/validate/index.js';
import { renderRulesDoc } from '../scripts/validate/rules-doc.js';

const doc = (name: string) => readFileSync(join(import.meta.dirname, '..', 'docs', name), 'utf8');

describe('docs', () => {
  it('docs/rules.md is up to date with the rules (run npm run docs:rules)', () => {
    expect(doc('rules.md')).toBe(renderRulesDoc(ALL_RULES));
  });

  it('every rule has a source: an AWS documentation URL or a project doc', () => {
    for (const r of ALL_RULES) expect(r.source, r.id).toMatch(/^(https:\/\/(docs\.aws\.amazon\.com|yaml\.org)\/|docs\/)/);
  });

  it('the YAML examples in docs/definitions.md are valid definition files', () => {
    const blocks = [...doc('definitions.md').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const schemas = { 'bot.schema.json': botFileSchema, 'intent.schema.json': intentFileSchema, 'slot-type.schema.json': slotTypeFileSchema };
    let checked = 0;
    for (const block of blocks) {
      const kind = /schemas\/([a-z-]+\.schema\.json)/.exec(block)?.[1] as keyof typeof schemas | undefined;
      if (!kind) continue;
      const result = schemas[kind].safeParse(parse(block));
      expect(result.success, `${kind}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
      checked++;
    }
    expect(checked).toBe(3);
  });
});
