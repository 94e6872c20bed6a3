/** Writes schemas/*.schema.json from the zod schemas: `npm run schema`. */
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateJsonSchemas } from './json-schema.js';

const dir = join(import.meta.dirname, '..', '..', 'schemas');
await mkdir(dir, { recursive: true });
for (const [file, text] of generateJsonSchemas()) {
  await writeFile(join(dir, file), text);
  console.log(`wrote schemas/${file}`);
}
