/**
 * What the model-building store keeps. Records hold the request members Lex stores (SDK request
 * shapes, so nothing is renamed) plus ids and timestamps in epoch milliseconds; everything is plain
 * JSON so the state can be written to and read from disk as is.
 * @module
 */
import type {
  AudioFillerSettings,
  BotAliasLocaleSettings,
  BotMember,
  BotType,
  ConversationLogSettings,
  DataPrivacy,
  ErrorLogSettings,
  GenerativeAISettings,
  SentimentAnalysisSettings,
  SpeechDetectionSensitivity,
  SpeechRecognitionSettings,
  UnifiedSpeechSettings,
  UpdateIntentRequest,
  UpdateSlotRequest,
  UpdateSlotTypeRequest,
  VoiceSettings,
} from '@aws-sdk/client-lex-models-v2';

/** Creation and last-update times, ms since the epoch. */
export interface Timestamps {
  creationDateTime: number;
  lastUpdatedDateTime: number;
}

/** Members of a request that are in the path, not stored in the record. */
type PathMembers = 'botId' | 'botVersion' | 'localeId';

/** An intent as stored: the UpdateIntent members. */
export type IntentRecord = Omit<UpdateIntentRequest, PathMembers> & Timestamps;

/** A slot as stored: the UpdateSlot members (with its `intentId`). */
export type SlotRecord = Omit<UpdateSlotRequest, PathMembers> & Timestamps;

/** A custom slot type as stored. */
export type SlotTypeRecord = Omit<UpdateSlotTypeRequest, PathMembers> & Timestamps;

/** The intents, slots and slot types of a locale, by id. */
export interface LocaleContent {
  intents: Record<string, IntentRecord>;
  slots: Record<string, SlotRecord>;
  slotTypes: Record<string, SlotTypeRecord>;
}

/** The locale settings that a build freezes. */
export interface LocaleSettings {
  nluIntentConfidenceThreshold: number;
  voiceSettings?: VoiceSettings;
}

/** A successful build: what the runtime converses with. */
export interface BuildSnapshot extends LocaleContent, LocaleSettings {
  buildId: string;
  builtAt: number;
}

/** A build that was accepted and finishes at `completesAt` (decided when submitted). */
export interface PendingBuild {
  /** Wall-clock ms (not the store's clock): build delays are real time for SDK waiters. */
  completesAt: number;
  /** Set when the build fails. */
  failureReasons?: string[];
  /** Set when the build succeeds. */
  snapshot?: BuildSnapshot;
}

/** Lex's locale statuses that the emulator uses. */
export type LocaleStatus = 'NotBuilt' | 'Building' | 'Built' | 'Failed';

/** One custom vocabulary item as stored (BatchCreateCustomVocabularyItem members and its id). */
export interface VocabularyItemRecord {
  itemId: string;
  phrase: string;
  weight?: number;
  displayAs?: string;
}

/** A locale's custom vocabulary (Lex has one per locale, named `DEFAULT`). */
export interface VocabularyRecord extends Timestamps {
  /** Items by id, in creation order. */
  items: Record<string, VocabularyItemRecord>;
}

/** A locale of a bot version. */
export interface LocaleRecord extends LocaleContent, LocaleSettings, Timestamps {
  /** The custom vocabulary, when one was created (versions copy it with the locale). */
  customVocabulary?: VocabularyRecord;
  localeId: string;
  localeName: string;
  description?: string;
  unifiedSpeechSettings?: UnifiedSpeechSettings;
  audioFillerSettings?: AudioFillerSettings;
  speechRecognitionSettings?: SpeechRecognitionSettings;
  generativeAISettings?: GenerativeAISettings;
  speechDetectionSensitivity?: SpeechDetectionSensitivity;
  botLocaleStatus: LocaleStatus;
  failureReasons?: string[];
  lastBuildSubmittedDateTime?: number;
  history: { event: string; eventDate: number }[];
  /** The last successful build (DRAFT), or the version's frozen content (numbered versions). */
  built?: BuildSnapshot;
  pendingBuild?: PendingBuild;
}

/** The bot settings a numbered version freezes. */
export interface BotSettings {
  botName: string;
  description?: string;
  roleArn: string;
  dataPrivacy: DataPrivacy;
  idleSessionTTLInSeconds: number;
  botType?: BotType;
  botMembers?: BotMember[];
  errorLogSettings?: ErrorLogSettings;
}

/** A version of a bot: DRAFT or a number. */
export interface VersionRecord {
  botVersion: string;
  description?: string;
  creationDateTime: number;
  /** Frozen bot settings of a numbered version (DRAFT reads the bot's). */
  settings?: BotSettings;
  botVersionLocaleSpecification?: Record<string, { sourceBotVersion: string }>;
  locales: Record<string, LocaleRecord>;
}

/** An alias of a bot. */
export interface AliasRecord extends Timestamps {
  botAliasId: string;
  botAliasName: string;
  description?: string;
  botVersion: string;
  botAliasLocaleSettings?: Record<string, BotAliasLocaleSettings>;
  conversationLogSettings?: ConversationLogSettings;
  sentimentAnalysisSettings?: SentimentAnalysisSettings;
  /** Versions the alias pointed to (ms). */
  history: { botVersion: string; startDate: number; endDate?: number }[];
}

/** A bot with its versions and aliases. */
export interface BotRecord extends BotSettings, Timestamps {
  botId: string;
  /** Lex ids are per region; the emulator keeps each bot in the region of the request that created it. */
  region: string;
  /** The number the next CreateBotVersion gets (numbers are never reused). */
  nextVersion: number;
  versions: Record<string, VersionRecord>;
  aliases: Record<string, AliasRecord>;
}

/** A resource-based policy of a bot or alias. */
export interface PolicyRecord {
  policy: string;
  revisionId: string;
}

/** Everything the store persists in `models.json`. */
export interface ModelState {
  format: 1;
  bots: Record<string, BotRecord>;
  /** Tags by resource ARN. */
  tags: Record<string, Record<string, string>>;
  /** Resource policies by resource ARN. */
  policies: Record<string, PolicyRecord>;
  /** The Amazon Connect subset (contact flows, and queues, hours, prompts by name) by `<region>/<instanceId>`. */
  connect?: Record<string, ConnectInstanceRecord>;
}

/** A queue, hours of operation or prompt of a Connect instance (only what the List* summaries show). */
export interface ConnectNamedRecord {
  id: string;
  arn: string;
  name: string;
}

/** A contact flow of a Connect instance. */
export interface ConnectFlowRecord {
  id: string;
  arn: string;
  name: string;
  /** CreateContactFlow `Type`, e.g. `CONTACT_FLOW`. */
  type: string;
  status: 'PUBLISHED' | 'SAVED';
  description?: string;
  /** The Flow language JSON exactly as written. */
  content: string;
  tags: Record<string, string>;
  region: string;
  /** ms since the epoch. */
  created: number;
  modified: number;
}

/** One Connect instance of the emulator. */
export interface ConnectInstanceRecord {
  region: string;
  instanceId: string;
  flows: Record<string, ConnectFlowRecord>;
  queues: ConnectNamedRecord[];
  hoursOfOperation: ConnectNamedRecord[];
  prompts: ConnectNamedRecord[];
  /** Lex V2 alias ARNs associated with the instance (AssociateBot). */
  lexBots?: string[];
}
