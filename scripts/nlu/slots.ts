/**
 * Slot value resolution of the local Lex V2 emulator: what Lex does with the caller's answer to a
 * slot elicitation ({@link resolveSlotValue}) and with the slots of the first utterance
 * ({@link extractSlotsFromUtterance}), for en_US, es_US and fr_CA (any locale; the language comes
 * from the locale id, unknown languages resolve as English).
 *
 * Built-in types: see {@link SUPPORTED_BUILT_IN_SLOT_TYPES} (each with its Lex page and the known
 * differences from Lex; overview https://docs.aws.amazon.com/lexv2/latest/dg/built-in-slots.html).
 *
 * Custom types, differences from Lex:
 * - Values and synonyms match case-, accent- and punctuation-insensitively, as the whole answer or a
 *   phrase inside it, with one typo per word of 5+ letters. Lex's matching is a trained model: it
 *   may accept other near values, and its typo tolerance is not documented.
 * - TopResolution: `interpretedValue` is the canonical value, `resolvedValues` the value(s) the
 *   phrase belongs to; no match → undefined (re-prompt).
 * - OriginalValue: a match gives `interpretedValue` = the words said and `resolvedValues` the
 *   canonical value(s) (Lex: "the value entered by the user, if similar to the slot values");
 *   no match → the whole answer, `resolvedValues: []` (Lex accepts any value).
 * - Concatenation (composite) types are not split into sub-slots: treated like OriginalValue.
 * - `regex` (an AMAZON.AlphaNumeric extension): the alphanumeric value must match the whole regex
 *   (JavaScript syntax; Lex supports a subset).
 * - Lex's multi-valued slots (`shape: List`) are not produced.
 * @module
 */
import type { NluIntent, NluSlotType, ResolvedSlotValue } from './types.js';
import { resolveAlphaNumeric, resolveBuiltIn } from './slot-builtins.js';
import { findCustomValues, matchCustomValue } from './slot-custom.js';
import { extractWithTemplates } from './slot-templates.js';
import { trimSpan } from './slot-text.js';

export {
  BUILT_IN_SLOTS_DOC_URL,
  SUPPORTED_BUILT_IN_SLOT_TYPES,
  isSupportedBuiltInSlotType,
  type BuiltInSlotTypeInfo,
} from './slot-builtins.js';

/** What slot resolution needs besides the text. */
export interface SlotResolutionContext {
  /** Lex locale id (`en_US`, `es_US`, `fr_CA`); its language selects the word tables. */
  localeId: string;
  /** The locale's custom slot types by name. */
  slotTypes: ReadonlyMap<string, NluSlotType>;
  /** Reference instant for relative dates and times ("tomorrow"); default: the current time. */
  now?: Date;
  /**
   * IANA time zone of the caller, as Lex's `x-amz-lex:time-zone` request attribute. Default UTC
   * (Lex's default depends on the bot's region).
   */
  timeZone?: string;
}

function customValue(input: string, type: NluSlotType, ctx: SlotResolutionContext): ResolvedSlotValue | undefined {
  if (typeof type.regex === 'string' && type.regex.length > 0) return resolveAlphaNumeric(input, ctx, type.regex);
  const match = matchCustomValue(input, type);
  if (type.resolution === 'TopResolution') {
    if (!match) return undefined;
    return { originalValue: input.slice(match.start, match.end), interpretedValue: match.value, resolvedValues: match.values };
  }
  if (match) {
    const said = input.slice(match.start, match.end);
    return { originalValue: said, interpretedValue: said, resolvedValues: match.values };
  }
  const whole = trimSpan(input);
  return whole ? { originalValue: whole, interpretedValue: whole, resolvedValues: [] } : undefined;
}

/**
 * Resolves the caller's whole answer to a slot elicitation the way Lex would: `input` is what the
 * caller said ("my code is 4 8 1 5 2 6", "tomorrow at 3pm", "the savings one"), `slotTypeName` a
 * built-in type (`AMAZON.Number`) or the name of a custom type in `ctx.slotTypes`.
 * Returns undefined when nothing resolves (the dialog manager re-prompts). Never throws.
 * @example resolveSlotValue('four eight one five', 'AMAZON.Number', ctx) // { originalValue: 'four eight one five', interpretedValue: '4815', resolvedValues: ['4815'] }
 */
export function resolveSlotValue(input: string, slotTypeName: string, ctx: SlotResolutionContext): ResolvedSlotValue | undefined {
  try {
    if (typeof input !== 'string' || !input.trim()) return undefined;
    if (slotTypeName.startsWith('AMAZON.')) return resolveBuiltIn(input, slotTypeName, ctx);
    const type = ctx.slotTypes.get(slotTypeName);
    return type ? customValue(input, type, ctx) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sample answers that make recognizers-text build the models a built-in slot type's resolution
 * uses, by slot type. Each gets a digit answer and spelled-out ones: V8 compiles a regular
 * expression to machine code on its second run, which for the French number patterns takes as long
 * as the first run (seconds), so both happen here rather than on a caller's turn.
 */
const WARM_UP: Readonly<Record<string, readonly string[]>> = {
  'AMAZON.Number': ['42', 'forty three', 'cuarenta y tres', 'quarante-trois'],
  'AMAZON.PhoneNumber': ['202 555 0143', 'two oh two'],
  'AMAZON.Date': ['tomorrow', 'next monday', 'mañana', 'demain'],
  'AMAZON.Time': ['3 pm', 'at noon', 'a las tres', 'à midi'],
  'AMAZON.Duration': ['5 minutes', 'two hours'],
  'AMAZON.Percentage': ['5%', 'ten percent'],
  'AMAZON.Currency': ['$5', 'ten dollars'],
  'AMAZON.EmailAddress': ['a@b.co'],
  'AMAZON.Confirmation': ['xyz', 'yes'],
};

/**
 * Builds the recognizers-text models of a locale's language now rather than on the first answer
 * (the first French number otherwise takes seconds). Optional; safe to repeat.
 *
 * @param slotTypes - the built-in slot types to prepare (the ones the locale's slots use); default
 *   every type that uses recognizers-text. Other names are ignored.
 */
export function warmUpSlotResolution(localeId: string, slotTypes: Iterable<string> = Object.keys(WARM_UP)): void {
  for (const type of new Set(slotTypes)) for (const text of WARM_UP[type] ?? []) resolveSlotValue(text, type, { localeId, slotTypes: new Map() });
}

/**
 * Slot filling from the first utterance of an intent. Two sources, never inventing a value:
 * 1. the intent's sample utterances with `{Slot}` references, used as templates: the template's
 *    words are aligned with the input (normalised, contractions expanded, one typo per word of 5+
 *    letters, extra words before or after tolerated) and each captured span must resolve with
 *    {@link resolveSlotValue};
 * 2. for slots of custom types still empty, any listed value or synonym found in the input (Lex
 *    spots listed values without a template too); OriginalValue types take only listed values here.
 * @example extractSlotsFromUtterance('how much is in my savings account', checkBalance, ctx) // { AccountType: { interpretedValue: 'savings', ... } }
 */
export function extractSlotsFromUtterance(input: string, intent: NluIntent, ctx: SlotResolutionContext): Record<string, ResolvedSlotValue> {
  const out: Record<string, ResolvedSlotValue> = {};
  try {
    if (typeof input !== 'string' || !input.trim()) return out;
    const resolve = (span: string, slotTypeName: string) => resolveSlotValue(span, slotTypeName, ctx);
    const { slots, spans } = extractWithTemplates(input, intent, ctx.localeId, resolve);
    Object.assign(out, slots);
    const taken = [...spans];
    for (const slot of intent.slots) {
      if (out[slot.name] || slot.slotTypeName.startsWith('AMAZON.')) continue;
      const type = ctx.slotTypes.get(slot.slotTypeName);
      if (!type || (typeof type.regex === 'string' && type.regex.length > 0)) continue;
      const match = findCustomValues(input, type, taken)[0];
      if (!match) continue;
      const said = input.slice(match.start, match.end);
      out[slot.name] =
        type.resolution === 'TopResolution'
          ? { originalValue: said, interpretedValue: match.value, resolvedValues: match.values }
          : { originalValue: said, interpretedValue: said, resolvedValues: match.values };
      taken.push(match);
    }
  } catch {
    // Slot filling is best effort: a failure leaves the slots to elicitation.
  }
  return out;
}
