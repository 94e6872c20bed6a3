/**
 * What BuildBotLocale checks before a locale builds, and the snapshot a successful build freezes.
 * The checks are the ones Lex refuses a build for that a definition can get wrong; Lex's NLU
 * training itself is not emulated.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_BuildBotLocale.html
 * @module
 */
import { BUILT_IN_INTENT_SIGNATURES, builtInSlotTypes } from './builtins.js';
import type { BuildSnapshot, IntentRecord, LocaleRecord } from './types.js';

/** `{SlotName}` references in a sample utterance. */
const SLOT_REFERENCE = /\{([^{}]+)\}/g;

/** Whether the intent is a built-in one (needs no sample utterances). */
export function isBuiltInIntent(intent: IntentRecord): boolean {
  return intent.parentIntentSignature !== undefined && BUILT_IN_INTENT_SIGNATURES.has(intent.parentIntentSignature);
}

/**
 * The reasons Lex would fail to build `locale`; empty when it builds:
 * - no intent besides FallbackIntent;
 * - a custom intent without sample utterances;
 * - a sample utterance naming a slot the intent does not have;
 * - a slot whose slot type does not exist (custom) or is not a built-in of the locale;
 * - a required slot without a prompt;
 * - a custom slot type with no values, no parent and no other source.
 */
export function buildFailureReasons(locale: LocaleRecord): string[] {
  const reasons: string[] = [];
  const intents = Object.values(locale.intents);
  const slots = Object.values(locale.slots);
  const builtIns = new Set(builtInSlotTypes(locale.localeId).map((t) => t.slotTypeSignature));

  if (!intents.some((i) => i.parentIntentSignature !== 'AMAZON.FallbackIntent')) {
    reasons.push(`Failed to build bot locale ${locale.localeId}: the locale has no intent other than FallbackIntent. Add an intent with sample utterances.`);
  }
  for (const intent of intents) {
    const own = slots.filter((s) => s.intentId === intent.intentId);
    const names = new Set(own.map((s) => s.slotName));
    if (!isBuiltInIntent(intent) && !intent.sampleUtterances?.length) {
      reasons.push(`Intent '${intent.intentName}' has no sample utterances. Add at least one sample utterance.`);
    }
    for (const u of intent.sampleUtterances ?? []) {
      for (const m of (u.utterance ?? '').matchAll(SLOT_REFERENCE)) {
        if (!names.has(m[1]!)) reasons.push(`Intent '${intent.intentName}': sample utterance '${u.utterance}' uses slot {${m[1]}}, which the intent does not have.`);
      }
    }
    for (const slot of own) {
      const typeId = slot.slotTypeId;
      if (typeId !== undefined) {
        const exists = typeId.startsWith('AMAZON.') ? builtIns.has(typeId) : typeId in locale.slotTypes;
        if (!exists) reasons.push(`Slot '${slot.slotName}' of intent '${intent.intentName}' uses slot type '${typeId}', which does not exist in locale ${locale.localeId}.`);
      } else if (!slot.subSlotSetting) {
        reasons.push(`Slot '${slot.slotName}' of intent '${intent.intentName}' has no slot type.`);
      }
      const v = slot.valueElicitationSetting;
      if (v?.slotConstraint === 'Required' && !v.promptSpecification?.messageGroups?.length) {
        reasons.push(`Slot '${slot.slotName}' of intent '${intent.intentName}' is required but has no prompt. Add a prompt or make the slot optional.`);
      }
    }
  }
  for (const st of Object.values(locale.slotTypes)) {
    const hasSource = st.parentSlotTypeSignature || st.externalSourceSetting || st.compositeSlotTypeSetting;
    if (!hasSource && !st.slotTypeValues?.length) reasons.push(`Slot type '${st.slotTypeName}' has no values. Add at least one value.`);
  }
  return reasons;
}

/** A frozen copy of the locale's content and settings, as a build of it. */
export function snapshotOf(locale: LocaleRecord, buildId: string, builtAt: number): BuildSnapshot {
  const snapshot: BuildSnapshot = {
    buildId,
    builtAt,
    nluIntentConfidenceThreshold: locale.nluIntentConfidenceThreshold,
    intents: structuredClone(locale.intents),
    slots: structuredClone(locale.slots),
    slotTypes: structuredClone(locale.slotTypes),
  };
  if (locale.voiceSettings) snapshot.voiceSettings = structuredClone(locale.voiceSettings);
  return snapshot;
}
