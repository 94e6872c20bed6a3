/**
 * Every message of the code hook's catalogue is used by the fulfillment code: a message nothing says
 * is dead text that translators would still be asked to keep up (issue 20: agent, hours, goodbye).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../fulfillment/messages/index.js';

const FULFILLMENT = join(import.meta.dirname, '..', '..', 'fulfillment');
const CATALOGUE_FILES = new Set(['messages/en_US.ts', 'messages/es_US.ts', 'messages/fr_CA.ts', 'messages/types.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !CATALOGUE_FILES.has(relative(FULFILLMENT, p).split('\\').join('/')) ? [p] : [];
  });
}

describe('the code hook message catalogue', () => {
  it('has no message the fulfillment code never uses', () => {
    const code = sources(FULFILLMENT).map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = Object.keys(CATALOGUE.en_US).filter((key) => !new RegExp(`\\.${key}\\b`).test(code));
    expect(unused).toEqual([]);
  });
});
