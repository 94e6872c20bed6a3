/**
 * The typed definition model: what every command works on. Built once from the YAML files by
 * {@link loadProject}; nothing else parses YAML.
 *
 * Every node keeps a {@link SourceRef} so that rules can report `file:line:col`.
 * @module
 */
import type { ProjectFlows } from '../flows/model.js';
import type { SourceRef, YamlSource } from './source.js';

/**
 * One message of a message group. `ssml` references `ssml/<locale>/<id>.ssml`. SSML messages are
 * deployed with a plain-text form for chat: `text` when authored, else the SSML without markup
 * (`ssml/plain-text.ts`).
 */
export type Message = (
  | { kind: 'text'; text: string }
  | { kind: 'ssml'; id: string; text?: string }
  | { kind: 'ssmlInline'; ssml: string; text?: string }
  | { kind: 'customPayload'; value: string }
  | { kind: 'card'; card: { title: string; subtitle?: string; imageUrl?: string; buttons?: { text: string; value: string }[] } }
) & { at: SourceRef };

/** A Lex message group: a message and up to 2 variations. */
export interface MessageGroup {
  message: Message;
  variations: Message[];
}

/** A response spoken without waiting for input (closing, declination, post-fulfillment). */
export interface Response {
  groups: MessageGroup[];
  allowInterrupt?: boolean;
  at: SourceRef;
}

/**
 * Which inputs a prompt accepts on voice; a member left out is `true` (Lex's default).
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_AllowedInputTypes.html
 */
export interface AllowedInputTypes {
  allowAudioInput?: boolean;
  allowDTMFInput?: boolean;
}

/**
 * Voice and DTMF capture settings of a prompt, as written (members left out take the console's
 * defaults, `lex/lexjson.ts` {@link https://docs.aws.amazon.com/lexv2/latest/APIReference/API_AudioAndDTMFInputSpecification.html}).
 * Times in ms; `maxLength` in keys.
 */
export interface AudioAndDtmfInput {
  startTimeoutMs?: number;
  audioSpecification?: { maxLengthMs?: number; endTimeoutMs?: number };
  dtmfSpecification?: { maxLength?: number; endTimeoutMs?: number; deletionCharacter?: string; endCharacter?: string };
}

/** A prompt that waits for input (slot elicitation, confirmation). */
export interface Prompt extends Response {
  /** Re-prompts before giving up (0-5). */
  maxRetries?: number;
  messageSelectionStrategy?: 'Random' | 'Ordered';
  /** Inputs accepted on voice, for every attempt (Initial and each retry). */
  allowedInputTypes?: AllowedInputTypes;
  /** Voice and DTMF capture for every attempt. */
  audioAndDtmfInputSpecification?: AudioAndDtmfInput;
}

/** A sample utterance with where it was written. */
export interface Utterance {
  text: string;
  at: SourceRef;
}

/** A slot of an intent. */
export interface Slot {
  name: string;
  /** Built-in (`AMAZON.Number`) or custom slot type name. */
  type: string;
  description?: string;
  required: boolean;
  prompt?: Prompt;
  /** Elicitation priority; lower is asked first. */
  priority: number;
  obfuscate?: boolean;
  allowMultipleValues?: boolean;
  sampleUtterances: Utterance[];
  defaultValues?: string[];
  codeHook?: boolean;
  /**
   * Invoke the dialog code hook when Lex cannot capture a value (between retries); `label` is the
   * `invocationLabel`. @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_SlotCaptureSetting.html
   */
  elicitationCodeHook?: { label?: string };
  /** The step after the last failed retry (Lex default: start FallbackIntent). */
  failureNextStep?: 'FallbackIntent' | 'InvokeDialogCodeHook' | 'ElicitIntent' | 'EndConversation';
  lex?: Record<string, unknown>;
  at: SourceRef;
}

/** Post-fulfillment and progress settings. */
export interface Fulfillment {
  enabled: boolean;
  updates?: {
    start?: { delaySeconds: number; response: Response };
    update?: { frequencySeconds: number; response: Response };
    timeoutSeconds?: number;
  };
  success?: Response;
  failure?: Response;
  timeout?: Response;
}

/**
 * The machine-translation marker of a drafted file (`review:` in YAML, a leading XML comment in
 * SSML): written by `bots translate`, warned about by `bots validate` until reviewed.
 */
export interface ReviewMarker {
  status: 'machine-translated' | 'reviewed';
  /** Source locale id. */
  from: string;
  /** `sha256:<hex>` of the source file when translated. */
  sourceHash: string;
  /** `sha256:<hex>` of the drafted file without its marker. */
  draftHash?: string;
  translatedAt?: string;
  notes?: string[];
}

/** An intent of one locale, from `intents/<locale>/<Intent>.yaml`. */
export interface Intent {
  name: string;
  localeId: string;
  /** Project-relative file path. */
  file: string;
  description?: string;
  /** Parent built-in intent signature, e.g. `AMAZON.FallbackIntent`. */
  builtIn?: string;
  sampleUtterances: Utterance[];
  slots: Slot[];
  confirmation?: { prompt: Prompt; declination?: Response };
  closing?: Response;
  dialogCodeHook?: boolean;
  fulfillment?: Fulfillment;
  qnA?: { knowledgeBase?: string; modelArn?: string; exactResponse?: boolean };
  inputContexts?: string[];
  outputContexts?: { name: string; timeToLiveInSeconds: number; turnsToLive: number }[];
  lex?: Record<string, unknown>;
  /** Machine-translation marker, when the file is a `bots translate` draft. */
  review?: ReviewMarker;
  at: SourceRef;
  /** True when the intent was not written in a file but added implicitly (FallbackIntent). */
  implicit?: boolean;
}

/** A custom slot type of one locale, from `slot-types/<locale>/<SlotType>.yaml`. */
export interface SlotType {
  name: string;
  localeId: string;
  file: string;
  description?: string;
  resolution: 'OriginalValue' | 'TopResolution' | 'Concatenation';
  parent?: 'AMAZON.AlphaNumeric';
  regex?: string;
  values: { value: string; synonyms: string[]; at: SourceRef }[];
  lex?: Record<string, unknown>;
  /** Machine-translation marker, when the file is a `bots translate` draft. */
  review?: ReviewMarker;
  at: SourceRef;
}

/** An SSML prompt file `ssml/<locale>/<id>.ssml`. */
export interface SsmlPrompt {
  id: string;
  localeId: string;
  file: string;
  text: string;
}

/**
 * A Polly pronunciation lexicon `ssml/lexicons/<Name>.pls` (W3C PLS). Lex and Connect do not apply
 * lexicons; `bots ssml preview` applies those of the voice's language, and the lint checks them.
 */
export interface PlsLexicon {
  /** Lexicon name: the file name without `.pls` (Polly: 1-20 letters and digits). */
  name: string;
  /** Project-relative file path. */
  file: string;
  text: string;
  /** `xml:lang` of the root `<lexicon>`, e.g. `en-US`, when present. */
  languageCode?: string;
}

/** A locale of a bot with its intents and slot types resolved. */
export interface BotLocale {
  localeId: string;
  displayName?: string;
  description?: string;
  voice?: { id: string; engine: 'standard' | 'neural' | 'long-form' | 'generative' };
  nluConfidenceThreshold: number;
  /** Resolved intents, in the order listed, with FallbackIntent always present. */
  intents: Intent[];
  /** Custom slot types used by the intents' slots. */
  slotTypes: SlotType[];
  missingIntents: Record<string, string>;
  /** Intents the locale lists whose file exists but could not be loaded (see {@link Project.unreadableFiles}). */
  unreadableIntents?: string[];
  customVocabulary?: { phrase: string; weight?: number; displayAs?: string }[];
  lex?: Record<string, unknown>;
  at: SourceRef;
}

/** A deployment target: one AWS region. */
export interface Target {
  region: string;
  alias: string;
  codeHookLambdaArn?: string;
  connectInstanceId?: string;
  knowledgeBase?: { id: string; modelArn: string };
  conversationLogGroup?: string;
  sentimentAnalysis?: boolean;
  roleArn?: string;
  at: SourceRef;
}

/** Rule thresholds of a bot. */
export interface ValidationSettings {
  minUtterances: number;
  maxUtterances: number;
  minVariants: number;
}

/** A bot, from `bots/<Bot>.yaml`. */
export interface Bot {
  name: string;
  file: string;
  description?: string;
  idleSessionTTLInSeconds: number;
  childDirected: boolean;
  nluConfidenceThreshold: number;
  locales: BotLocale[];
  targets: Target[];
  tags: Record<string, string>;
  validation: ValidationSettings;
  lex?: Record<string, unknown>;
  at: SourceRef;
}

/** Everything loaded from a project folder. */
export interface Project {
  /** Absolute path of the project root. */
  root: string;
  bots: Bot[];
  /** All intents by locale id, then name (including ones no bot uses). */
  intents: Map<string, Map<string, Intent>>;
  /** All custom slot types by locale id, then name. */
  slotTypes: Map<string, Map<string, SlotType>>;
  /** All SSML prompts by locale id, then prompt id. */
  ssml: Map<string, Map<string, SsmlPrompt>>;
  /** Polly lexicons of `ssml/lexicons/`, by name (absent when the project has none). */
  lexicons?: Map<string, PlsLexicon>;
  /** Contact flows of `flows/` and the Connect resources they name (absent when the project has no `flows/`). */
  flows?: ProjectFlows;
  /** Parsed YAML files by project-relative path, for positions. */
  sources: Map<string, YamlSource>;
  /**
   * Project-relative paths of definition files that exist but could not be loaded (YAML syntax,
   * unknown key, schema error). Their own diagnostics say why; the rules that would otherwise
   * report them as missing (definitions/missing-intent, definitions/missing-slot-type,
   * locales/same-intents) stay silent about them.
   */
  unreadableFiles?: Set<string>;
}

/** Defaults of {@link ValidationSettings}: 15-20 utterances, at least 3 variants. */
export const DEFAULT_VALIDATION: ValidationSettings = { minUtterances: 15, maxUtterances: 20, minVariants: 3 };

/** The Lex locale display names used in BotLocale.json `name`. */
export const LOCALE_NAMES: Record<string, string> = {
  ar_AE: 'Gulf Arabic (UAE)',
  ca_ES: 'Catalan (Spain)',
  cy_GB: 'Welsh (UK)',
  da_DK: 'Danish (Denmark)',
  de_AT: 'German (Austria)',
  de_DE: 'German (Germany)',
  en_AU: 'English (Australia)',
  en_GB: 'English (UK)',
  en_IE: 'English (Ireland)',
  en_IN: 'English (India)',
  en_NZ: 'English (New Zealand)',
  en_US: 'English (US)',
  en_ZA: 'English (South Africa)',
  es_419: 'Spanish (Latin America)',
  es_ES: 'Spanish (Spain)',
  es_US: 'Spanish (US)',
  fi_FI: 'Finnish (Finland)',
  fr_CA: 'French (Canada)',
  fr_FR: 'French (France)',
  hi_IN: 'Hindi (India)',
  is_IS: 'Icelandic (Iceland)',
  it_IT: 'Italian (Italy)',
  ja_JP: 'Japanese (Japan)',
  ko_KR: 'Korean (Korea)',
  nl_NL: 'Dutch (Netherlands)',
  no_NO: 'Norwegian (Norway)',
  pl_PL: 'Polish (Poland)',
  pt_BR: 'Portuguese (Brazil)',
  pt_PT: 'Portuguese (Portugal)',
  sv_SE: 'Swedish (Sweden)',
  tr_TR: 'Turkish (Turkey)',
  zh_CN: 'Mandarin (PRC)',
  yue_HK: 'Cantonese (Hong Kong)',
};
