/** Writes docs/rules.md: `npm run docs:rules`. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ALL_RULES } from './index.js';
import { renderRulesDoc } from './rules-doc.js';

await writeFile(join(import.meta.dirname, '..', '..', 'docs', 'rules.md'), renderRulesDoc(ALL_RULES));
console.log('wrote docs/rules.md');
