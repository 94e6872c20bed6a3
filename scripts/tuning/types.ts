/**
 * The shapes `bots tune` works on: one served turn from any source ({@link Turn}), per-utterance
 * aggregates from ListAggregatedUtterances, and the notes a source leaves about data Lex did not
 * produce.
 * @module
 */

/**
 * One served turn (one user input and the bot's answer), from a conversation-log record or a
 * ListUtteranceAnalyticsData `UtteranceSpecification`.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/conversation-logs.html
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UtteranceSpecification.html
 */
export interface Turn {
  /** Milliseconds since the epoch. */
  timestamp: number;
  sessionId: string;
  /** The user input as Lex heard it (`inputTranscript` / `utterance`). */
  utterance: string;
  /** True when no intent or slot was activated (`missedUtterance` / `utteranceUnderstood: false`). */
  missed: boolean;
  /** The intent of the session after the turn (`sessionState.intent.name` / `associatedIntentName`). */
  intent?: string;
  /** `InProgress`, `ReadyForFulfillment`, `Fulfilled`, `Failed`, ... after the turn. */
  intentState?: string;
  /** `ElicitSlot`, `ElicitIntent`, `Close`, ... after the turn. */
  dialogActionType?: string;
  /** The NLU's ranked intents with confidence in [0, 1] when the source has them (conversation logs). */
  interpretations?: { intent: string; confidence?: number }[];
  botId?: string;
  /** Bot name (conversation logs carry it; a log group can hold several bots). */
  botName?: string;
  botAliasId?: string;
  botVersion?: string;
  localeId?: string;
  inputMode?: string;
  /**
   * The input answered a slot prompt rather than asking for an intent: a transcript Lex replaced by
   * `{Slot}` (obfuscation), a missed turn with analytics `associatedSlotName`, or a missed turn after
   * which Lex elicits a slot of a real intent again. Counted, never clustered.
   */
  slotAnswer?: boolean;
}

/** One row of ListAggregatedUtterances. @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_AggregatedUtterancesSummary.html */
export interface AggregatedUtterance {
  utterance: string;
  hitCount: number;
  missedCount: number;
  /** ms since the epoch. */
  firstSeen?: number;
  lastSeen?: number;
}

/** What a source could not provide, said in the report instead of empty numbers. */
export interface SourceNote {
  source: 'ListAggregatedUtterances' | 'ListUtteranceAnalyticsData' | 'logs' | 'definitions';
  message: string;
}

/** A log line that could not be read: reported as `file:line` and skipped. */
export interface LogLineProblem {
  file: string;
  /** 1-based line number. */
  line: number;
  message: string;
}
