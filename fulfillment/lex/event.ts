/**
 * The Lex V2 code-hook input event, validated with zod.
 *
 * Lenient by design: AWS says "the input format may change without a corresponding change to the
 * messageVersion" (https://docs.aws.amazon.com/lexv2/latest/dg/lambda-input-format.html), so unknown
 * fields pass through and only what the handlers read is required (`sessionId`, `bot.localeId`,
 * `sessionState.intent.name`). Non-string attribute values are dropped rather than failing the turn.
 * @module
 */
import * as z from 'zod';

/** A slot value as Lex sends it: `{ shape, value: { originalValue, interpretedValue, resolvedValues } }`. */
export interface LexSlot {
  shape?: string;
  value?: { originalValue?: string; interpretedValue?: string | null; resolvedValues?: string[] };
  values?: LexSlot[];
  [k: string]: unknown;
}

const slotValueSchema = z.looseObject({
  originalValue: z.string().optional(),
  interpretedValue: z.string().nullish(),
  resolvedValues: z.array(z.string()).optional().catch(undefined),
});

const slotSchema: z.ZodType<LexSlot> = z.lazy(() =>
  z.looseObject({
    shape: z.string().optional(),
    value: slotValueSchema.optional(),
    values: z.array(slotSchema).optional(),
  }),
);

/** Keeps only string → string entries; Lex only ever sends strings, and a bad entry must not sink the turn. */
const stringMap = z.preprocess((v) => {
  if (v === null || v === undefined) return {};
  if (typeof v !== 'object' || Array.isArray(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}, z.record(z.string(), z.string()));

const intentSchema = z.looseObject({
  name: z.string().min(1).max(100),
  slots: z
    .record(z.string(), slotSchema.nullable().catch(null))
    .nullish()
    .transform((s) => s ?? {}),
  state: z.string().optional(),
  confirmationState: z.string().optional(),
});

export const lexEventSchema = z.looseObject({
  messageVersion: z.string().optional(),
  invocationSource: z.string().optional(),
  inputMode: z.string().optional(),
  responseContentType: z.string().optional(),
  sessionId: z.string().min(1).max(1000),
  inputTranscript: z.string().nullish().transform((s) => s ?? ''),
  invocationLabel: z.string().nullish(),
  bot: z.looseObject({
    id: z.string().optional(),
    name: z.string().optional(),
    localeId: z.string(),
    version: z.string().optional(),
    aliasId: z.string().optional(),
    aliasName: z.string().optional(),
  }),
  interpretations: z.array(z.unknown()).optional().catch(undefined),
  proposedNextState: z.unknown().optional(),
  requestAttributes: stringMap.optional().transform((m) => m ?? {}),
  sessionState: z.looseObject({
    activeContexts: z.array(z.unknown()).optional().catch(undefined),
    sessionAttributes: stringMap.optional().transform((m) => m ?? {}),
    runtimeHints: z.unknown().optional(),
    dialogAction: z.unknown().optional(),
    intent: intentSchema,
    originatingRequestId: z.string().optional(),
  }),
  transcriptions: z.array(z.unknown()).optional().catch(undefined),
});

/** A validated Lex V2 event. */
export type LexEvent = z.infer<typeof lexEventSchema>;
export type LexIntent = LexEvent['sessionState']['intent'];

/**
 * Validates a raw event. Returns the typed event, or undefined when the required fields are missing
 * (the handler then answers with its failure response instead of throwing).
 */
export function parseLexEvent(raw: unknown): LexEvent | undefined {
  const r = lexEventSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}

/**
 * The value of a slot: the first resolved value for custom slot types (the canonical value, e.g.
 * `credit card` for "visa"), else the interpreted value, else what the user said.
 */
export function slotValue(intent: LexIntent, name: string): string | undefined {
  const v = intent.slots[name]?.value;
  if (!v) return undefined;
  const value = v.resolvedValues?.[0] ?? v.interpretedValue ?? v.originalValue;
  return value === null || value === undefined || value === '' ? undefined : value;
}
