/**
 * Contracts between the parts of the local Lex V2 emulator: the HTTP route type, and what the
 * runtime (RecognizeText, dialog) reads from the model-building store.
 *
 * Stored resources use the `@aws-sdk/client-lex-models-v2` Describe* output shapes, so what the
 * emulator returns is what Lex returns.
 * @module
 */
import type { IncomingMessage } from 'node:http';
import type {
  BotAliasLocaleSettings,
  DescribeIntentResponse,
  DescribeSlotResponse,
  DescribeSlotTypeResponse,
  VoiceSettings,
} from '@aws-sdk/client-lex-models-v2';

/** A parsed HTTP request handed to a route. */
export interface EmulatorRequest {
  method: string;
  /** Path without the query string, e.g. `/bots/ABCDEFGHIJ/`. */
  path: string;
  /** Named path parameters from the route pattern (already URI-decoded). */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** JSON body (parsed), or undefined when empty. */
  body: unknown;
}

/** What a route returns: a status, JSON body, and optional headers. */
export interface EmulatorResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A route: method, pattern with `{name}` parameters (e.g. `/bots/{botId}/`), handler. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  pattern: string;
  /** Operation name, for fault injection and logs (e.g. `CreateBot`, `RecognizeText`). */
  operation: string;
  handle(req: EmulatorRequest): Promise<EmulatorResponse> | EmulatorResponse;
}

/** An intent of a built locale, with its slots. */
export type BuiltIntent = DescribeIntentResponse & { slots: DescribeSlotResponse[] };

/** A built locale of a bot version (DRAFT or numbered): what the runtime converses with. */
export interface BuiltLocale {
  botId: string;
  botName: string;
  botVersion: string;
  localeId: string;
  idleSessionTTLInSeconds: number;
  nluIntentConfidenceThreshold: number;
  voiceSettings?: VoiceSettings;
  intents: BuiltIntent[];
  slotTypes: DescribeSlotTypeResponse[];
  /** Changes whenever the locale is rebuilt (sessions on TestBotAlias end when DRAFT changes). */
  buildId: string;
}

/** An alias as the runtime needs it. */
export interface ResolvedAlias {
  botAliasId: string;
  botAliasName: string;
  botVersion: string;
  botAliasLocaleSettings: Record<string, BotAliasLocaleSettings>;
}

/** One served turn, for ListAggregatedUtterances / ListUtteranceAnalyticsData. */
export interface UtteranceRecord {
  botId: string;
  botAliasId: string;
  botVersion: string;
  localeId: string;
  sessionId: string;
  utterance: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  /** False when the turn fell to FallbackIntent (a "missed" utterance). */
  utteranceUnderstood: boolean;
  associatedIntentName?: string;
  associatedSlotName?: string;
  intentState?: string;
  dialogActionType?: string;
  mode: 'Text' | 'Speech' | 'DTMF';
  channel?: string;
  botResponses: { content: string; contentType: string }[];
}

/** What the runtime needs from the store. Implemented by the model-building store. */
export interface RuntimeStore {
  /** The alias of a bot, including the built-in TestBotAlias (`TSTALIASID` → DRAFT); undefined if none. */
  resolveAlias(botId: string, botAliasId: string): ResolvedAlias | undefined;
  /** The built locale of a version; undefined when the bot, version or locale does not exist or is not built. */
  getBuiltLocale(botId: string, botVersion: string, localeId: string): BuiltLocale | undefined;
  /** Records a served turn for the analytics APIs. */
  recordUtterance(record: UtteranceRecord): void;
}
