/**
 * Lex Runtime V2 wire shapes the emulator reads and writes (the JSON of RecognizeText, PutSession,
 * GetSession), plus the per-session state it keeps.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_RecognizeText.html
 * @module
 */

/** `Value` of a slot. */
export interface RtValue {
  originalValue?: string;
  interpretedValue: string;
  resolvedValues?: string[];
}

/** `Slot`: a value, or a list for multi-valued slots. */
export interface RtSlot {
  value?: RtValue;
  shape?: 'Scalar' | 'List' | 'Composite';
  values?: RtSlot[];
}

export type RtIntentState = 'Failed' | 'Fulfilled' | 'InProgress' | 'ReadyForFulfillment' | 'Waiting' | 'FulfillmentInProgress';
export type RtConfirmationState = 'Confirmed' | 'Denied' | 'None';
export type RtDialogActionType = 'Close' | 'ConfirmIntent' | 'Delegate' | 'ElicitIntent' | 'ElicitSlot' | 'None';

export interface RtIntent {
  name: string;
  slots?: Record<string, RtSlot | null>;
  state?: RtIntentState;
  confirmationState?: RtConfirmationState;
}

export interface RtDialogAction {
  type: RtDialogActionType;
  slotToElicit?: string;
  slotElicitationStyle?: string;
}

export interface RtActiveContext {
  name: string;
  timeToLive: { timeToLiveInSeconds: number; turnsToLive: number };
  contextAttributes: Record<string, string>;
}

/** `SessionState`. */
export interface RtSessionState {
  dialogAction?: RtDialogAction;
  intent?: RtIntent;
  activeContexts?: RtActiveContext[];
  sessionAttributes?: Record<string, string>;
  originatingRequestId?: string;
  runtimeHints?: unknown;
}

/** `Message`. */
export interface RtMessage {
  contentType: 'PlainText' | 'SSML' | 'CustomPayload' | 'ImageResponseCard';
  content?: string;
  imageResponseCard?: { title: string; subtitle?: string; imageUrl?: string; buttons?: { text: string; value: string }[] };
}

/** `Interpretation`. */
export interface RtInterpretation {
  intent: RtIntent;
  nluConfidence?: { score: number };
  interpretationSource?: 'Lex' | 'Bedrock';
}

/** What a turn returns (RecognizeText response body). */
export interface RtTurnResult {
  messages?: RtMessage[];
  sessionState: RtSessionState;
  interpretations: RtInterpretation[];
  requestAttributes?: Record<string, string>;
  sessionId: string;
}
