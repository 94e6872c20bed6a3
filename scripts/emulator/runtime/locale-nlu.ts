/**
 * The NLU of one built locale: the intent classifier and the slot types, prepared once per build
 * and cached by build id.
 * @module
 */
import type { DescribeSlotTypeResponse } from '@aws-sdk/client-lex-models-v2';
import { trainClassifier } from '../../nlu/classifier.js';
import type { IntentClassifier, NluIntent, NluSlotType, NluTrainingData } from '../../nlu/types.js';
import type { BuiltLocale } from '../contracts.js';

/** The NLU view of a built locale. */
export interface LocaleNlu {
  classifier: IntentClassifier;
  /** Custom slot types by name. */
  slotTypes: ReadonlyMap<string, NluSlotType>;
  /** Slot type name by slot type id (built-in types map to themselves). */
  slotTypeNameById: ReadonlyMap<string, string>;
  /** NLU intents by name (utterances and slots with type names). */
  intents: ReadonlyMap<string, NluIntent>;
}

const RESOLUTION: Record<string, NluSlotType['resolution']> = {
  OriginalValue: 'OriginalValue',
  TopResolution: 'TopResolution',
  Concatenation: 'Concatenation',
};

function toNluSlotType(st: DescribeSlotTypeResponse): NluSlotType {
  return {
    name: st.slotTypeName ?? '',
    resolution: RESOLUTION[st.valueSelectionSetting?.resolutionStrategy ?? 'OriginalValue'] ?? 'OriginalValue',
    values: (st.slotTypeValues ?? []).map((v) => ({ value: v.sampleValue?.value ?? '', synonyms: (v.synonyms ?? []).map((s) => s.value ?? '') })),
    regex: st.valueSelectionSetting?.regexFilter?.pattern,
  };
}

/** Builds the NLU of `locale` (trains the classifier on every intent except FallbackIntent). */
export function buildLocaleNlu(locale: BuiltLocale): LocaleNlu {
  const slotTypeNameById = new Map<string, string>();
  const slotTypes = new Map<string, NluSlotType>();
  for (const st of locale.slotTypes) {
    if (st.slotTypeId && st.slotTypeName) slotTypeNameById.set(st.slotTypeId, st.slotTypeName);
    const nlu = toNluSlotType(st);
    slotTypes.set(nlu.name, nlu);
  }
  const typeName = (id: string | undefined) => (id === undefined ? 'AMAZON.FreeFormInput' : (slotTypeNameById.get(id) ?? id));
  const intents = new Map<string, NluIntent>();
  for (const intent of locale.intents) {
    const name = intent.intentName ?? '';
    intents.set(name, {
      name,
      utterances: (intent.sampleUtterances ?? []).map((u) => u.utterance ?? '').filter(Boolean),
      slots: intent.slots.map((s) => ({ name: s.slotName ?? '', slotTypeName: typeName(s.slotTypeId) })),
    });
  }
  const data: NluTrainingData = {
    localeId: locale.localeId,
    intents: [...intents.values()].filter((i) => i.utterances.length > 0),
    slotTypes: [...slotTypes.values()],
  };
  return { classifier: trainClassifier(data), slotTypes, slotTypeNameById, intents };
}

/** Caches {@link buildLocaleNlu} by bot, version, locale and build id. */
export class LocaleNluCache {
  private readonly cache = new Map<string, LocaleNlu>();

  get(locale: BuiltLocale): LocaleNlu {
    const key = `${locale.botId}/${locale.botVersion}/${locale.localeId}/${locale.buildId}`;
    let nlu = this.cache.get(key);
    if (!nlu) {
      nlu = buildLocaleNlu(locale);
      // Drop stale builds of the same locale.
      const prefix = `${locale.botId}/${locale.botVersion}/${locale.localeId}/`;
      for (const k of this.cache.keys()) if (k.startsWith(prefix)) this.cache.delete(k);
      this.cache.set(key, nlu);
    }
    return nlu;
  }
}
