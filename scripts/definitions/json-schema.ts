/**
 * JSON Schemas for editors, generated from the zod schemas (the single source of truth).
 * `npm run schema` writes them to `schemas/`; a test fails when the committed copies are stale.
 * @module
 */
import { z } from 'zod';
import { botFileSchema, intentFileSchema, slotTypeFileSchema } from './schema.js';

/** File name under `schemas/` → JSON Schema (draft 2020-12) text. */
export function generateJsonSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  const entries: [string, z.ZodType, string][] = [
    ['bot.schema.json', botFileSchema, 'Lex V2 bot definition (bots/<Bot>.yaml)'],
    ['intent.schema.json', intentFileSchema, 'Lex V2 intent definition (intents/<locale>/<Intent>.yaml)'],
    ['slot-type.schema.json', slotTypeFileSchema, 'Lex V2 custom slot type (slot-types/<locale>/<SlotType>.yaml)'],
  ];
  for (const [file, schema, title] of entries) {
    // io: 'input' so that keys with defaults are optional, as a person writes the file.
    const json = { ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), title };
    out.set(file, `${JSON.stringify(json, null, 2)}\n`);
  }
  return out;
}
