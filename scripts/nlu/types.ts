/**
 * Contracts of the NLU used by the local emulator, `bots eval` and `bots tune`: intent ranking and
 * slot resolution over one locale's definitions. Pure functions, no I/O, no AWS SDK.
 * @module
 */

/** A custom slot type as the NLU sees it. */
export interface NluSlotType {
  name: string;
  /** Lex resolution: OriginalValue accepts values like the samples; TopResolution only listed values/synonyms. */
  resolution: 'OriginalValue' | 'TopResolution' | 'Concatenation';
  values: { value: string; synonyms: string[] }[];
  /** For AMAZON.AlphaNumeric extensions. */
  regex?: string;
}

/** A slot of an intent: name and slot type name (`AMAZON.Number` or a custom type's name). */
export interface NluSlot {
  name: string;
  slotTypeName: string;
}

/** An intent with its sample utterances (`{Slot}` marks a slot). */
export interface NluIntent {
  name: string;
  utterances: string[];
  slots: NluSlot[];
}

/** Everything the NLU trains on for one locale. */
export interface NluTrainingData {
  /** Lex locale id, e.g. en_US. */
  localeId: string;
  intents: NluIntent[];
  slotTypes: NluSlotType[];
}

/** One ranked interpretation. `confidence` is in [0, 1]; Lex compares it with the locale threshold. */
export interface IntentScore {
  intent: string;
  confidence: number;
}

/** A trained intent ranker. */
export interface IntentClassifier {
  /** Intents ranked by confidence, best first (every trained intent, or the top `limit`). */
  rank(text: string, limit?: number): IntentScore[];
  /** Share of the distinct words of `text` the classifier was trained on, in [0, 1] (1 for no words). */
  coverage?(text: string): number;
}

/** A slot value as Lex returns it (`Slot.value`). */
export interface ResolvedSlotValue {
  /** The text the user said for the slot. */
  originalValue: string;
  /** The value Lex resolved it to (e.g. `2026-11-23`, `14:00`, `checking`). */
  interpretedValue: string;
  /** Candidate resolutions (custom slot types: the matched value(s)). */
  resolvedValues: string[];
}
