/**
 * The Amazon Connect Flow language actions this project knows: for each `Type`, its parameters,
 * the error branches it can take and what conditions it supports, from the Flow language reference.
 * Validation, the interpreter and the graph all read this one table.
 *
 * Types listed in {@link OPAQUE_ACTION_TYPES} exist in the language but are not modelled here:
 * they are accepted as they are (parameters and branches unchecked) and the simulator stops at them.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html
 * @module
 */

/** How an action chooses among `Transitions.Conditions`. */
export type ConditionKind =
  /** No conditions allowed. */
  | 'none'
  /** Conditions on the action's result with the Compare operators (`Equals`, `NumberGreaterThan`, ...). */
  | 'compare'
  /** Exactly one `Equals True` and one `Equals False` condition (hours of operation). */
  | 'boolean'
  /** `Equals ContinueLooping` and `Equals DoneLooping`. */
  | 'loop';

/** What the language reference says about one action type. */
export interface ActionSpec {
  category: 'participant' | 'contact' | 'flow-control' | 'interaction';
  /** Allowed top-level keys of `Parameters`. */
  parameters: readonly string[];
  /** Keys that must be present. */
  required?: readonly string[];
  /** At most one of these may be present (the prompt of a participant action). */
  exclusive?: readonly string[];
  /** `ErrorType`s the action can take; each needs a branch (NoMatchingCondition only when it has conditions). */
  errors: readonly string[];
  conditions: ConditionKind;
  /** The action ends the flow: no `NextAction`. */
  terminal?: boolean;
  /** The console block it corresponds to. */
  block: string;
  /** Language reference page. */
  doc: string;
}

const REF = 'https://docs.aws.amazon.com/connect/latest/APIReference';
const PROMPT = ['PromptId', 'Text', 'SSML', 'Media'] as const;

/** The modelled action types. */
export const ACTIONS: Readonly<Record<string, ActionSpec>> = {
  MessageParticipant: {
    category: 'participant', parameters: PROMPT, exclusive: PROMPT, errors: ['NoMatchingError'], conditions: 'none',
    block: 'Play prompt', doc: `${REF}/participant-actions-messageparticipant.html`,
  },
  GetParticipantInput: {
    category: 'participant',
    parameters: [...PROMPT, 'InputTimeLimitSeconds', 'StoreInput', 'InputValidation', 'InputEncryption', 'DTMFConfiguration'],
    exclusive: PROMPT, errors: ['InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError'], conditions: 'compare',
    block: 'Get customer input (DTMF)', doc: `${REF}/participant-actions-getparticipantinput.html`,
  },
  ConnectParticipantWithLexBot: {
    category: 'participant',
    parameters: [...PROMPT, 'LexV2Bot', 'LexBot', 'LexSessionAttributes', 'LexInitilizationData', 'LexTimeoutSeconds'],
    exclusive: PROMPT, errors: ['InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError'], conditions: 'compare',
    block: 'Get customer input (Amazon Lex)', doc: `${REF}/participant-actions-connectparticipantwithlexbot.html`,
  },
  DisconnectParticipant: {
    category: 'participant', parameters: [], errors: [], conditions: 'none', terminal: true,
    block: 'Disconnect / hang up', doc: `${REF}/participant-actions-disconnectparticipant.html`,
  },
  InvokeLambdaFunction: {
    category: 'interaction',
    parameters: ['LambdaFunctionARN', 'InvocationTimeLimitSeconds', 'InvocationType', 'LambdaInvocationAttributes', 'ResponseValidation'],
    required: ['LambdaFunctionARN'], errors: ['NoMatchingError'], conditions: 'none',
    block: 'Invoke AWS Lambda function', doc: `${REF}/interactions-invokelambdafunction.html`,
  },
  CreateCallbackContact: {
    category: 'interaction',
    parameters: ['QueueId', 'AgentId', 'InitialCallDelaySeconds', 'MaximumConnectionAttempts', 'RetryDelaySeconds', 'ContactFlowId'],
    required: ['InitialCallDelaySeconds', 'MaximumConnectionAttempts', 'RetryDelaySeconds'], errors: ['NoMatchingError'], conditions: 'none',
    block: 'Transfer to queue (callback)', doc: `${REF}/interactions-createcallbackcontact.html`,
  },
  UpdateContactTargetQueue: {
    category: 'contact', parameters: ['QueueId', 'AgentId'], exclusive: ['QueueId', 'AgentId'], errors: ['NoMatchingError'], conditions: 'none',
    block: 'Set working queue', doc: `${REF}/contact-actions-updatecontacttargetqueue.html`,
  },
  TransferContactToQueue: {
    category: 'contact', parameters: [], errors: ['QueueAtCapacity', 'NoMatchingError'], conditions: 'none',
    block: 'Transfer to queue', doc: `${REF}/contact-actions-transfercontacttoqueue.html`,
  },
  UpdateContactAttributes: {
    category: 'contact', parameters: ['Attributes', 'TargetContact'], required: ['Attributes'], errors: ['NoMatchingError'], conditions: 'none',
    block: 'Set contact attributes', doc: `${REF}/contact-actions-updatecontactattributes.html`,
  },
  UpdateContactCallbackNumber: {
    category: 'contact', parameters: ['CallbackNumber'], required: ['CallbackNumber'], errors: ['InvalidCallbackNumber', 'CallbackNumberNotDialable'], conditions: 'none',
    block: 'Set callback number', doc: `${REF}/contact-actions-updatecontactcallbacknumber.html`,
  },
  UpdateContactData: {
    category: 'contact',
    parameters: ['Name', 'Description', 'LanguageCode', 'CustomerId', 'References', 'IsVoiceIdStreamingEnabled', 'IsVoiceAuthenticationEnabled', 'IsFraudDetectionEnabled', 'VoiceAuthenticationThreshold', 'VoiceAuthenticationResponseTime', 'FraudDetectionThreshold', 'FraudDetectionWatchlistId', 'TargetContact'],
    errors: ['NoMatchingError'], conditions: 'none',
    block: 'Set contact attributes / Set voice (language)', doc: `${REF}/contact-actions-updatecontactdata.html`,
  },
  UpdateContactTextToSpeechVoice: {
    category: 'contact', parameters: ['TextToSpeechVoice', 'TextToSpeechEngine', 'TextToSpeechStyle'], required: ['TextToSpeechVoice'], errors: ['NoMatchingError'], conditions: 'none',
    block: 'Set voice', doc: `${REF}/contact-actions-updatecontacttexttospeechvoice.html`,
  },
  UpdateContactEventHooks: {
    category: 'contact', parameters: ['EventHooks'], required: ['EventHooks'], errors: ['NoMatchingError'], conditions: 'none',
    block: 'Set customer queue flow / Set event flow', doc: `${REF}/contact-actions-updatecontacteventhooks.html`,
  },
  CheckHoursOfOperation: {
    category: 'flow-control', parameters: ['HoursOfOperationId'], errors: ['NoMatchingError'], conditions: 'boolean',
    block: 'Check hours of operation', doc: `${REF}/flow-control-actions-checkhoursofoperation.html`,
  },
  Compare: {
    category: 'flow-control', parameters: ['ComparisonValue'], required: ['ComparisonValue'], errors: ['NoMatchingCondition'], conditions: 'compare',
    block: 'Check contact attributes', doc: `${REF}/flow-control-actions-compare.html`,
  },
  Loop: {
    category: 'flow-control', parameters: ['LoopCount'], required: ['LoopCount'], errors: [], conditions: 'loop',
    block: 'Loop', doc: `${REF}/flow-control-actions-loop.html`,
  },
  EndFlowExecution: {
    category: 'flow-control', parameters: [], errors: [], conditions: 'none', terminal: true,
    block: 'End flow / Resume', doc: `${REF}/flow-control-actions-endflowexecution.html`,
  },
  TransferToFlow: {
    category: 'flow-control', parameters: ['ContactFlowId'], required: ['ContactFlowId'], errors: ['NoMatchingError'], conditions: 'none', terminal: true,
    block: 'Transfer to flow', doc: `${REF}/flow-control-actions-transfertoflow.html`,
  },
  UpdateFlowLoggingBehavior: {
    category: 'flow-control', parameters: ['FlowLoggingBehavior'], required: ['FlowLoggingBehavior'], errors: [], conditions: 'none',
    block: 'Set logging behavior', doc: `${REF}/flow-control-actions-updateflowloggingbehavior.html`,
  },
};

/**
 * Action types of the language reference that are accepted without being modelled: their parameters
 * and branches are not checked, and `bots call` stops when a contact reaches one.
 */
export const OPAQUE_ACTION_TYPES: ReadonlySet<string> = new Set([
  'MessageParticipantIteratively', 'ShowView', 'CompleteOutboundCall', 'CreateCase', 'CreateTask', 'CreateWisdomSession',
  'DequeueContactAndTransferToQueue', 'EndFlowModuleExecution', 'GetCase', 'InvokeFlowModule', 'StartOutboundChatContact',
  'TagContact', 'TransferContactToAgent', 'UnTagContact', 'UpdateCase', 'UpdateContactMediaProcessing',
  'UpdateContactMediaStreamingBehavior', 'UpdateContactRecordingAndAnalyticsBehavior', 'UpdateContactRecordingBehavior',
  'ResumeContact', 'UpdateContactRoutingBehavior', 'UpdatePreviousContactParticipantState', 'CheckMetricData',
  'CheckOutboundCallStatus', 'CheckVoiceId', 'DistributeByPercentage', 'GetMetricData', 'StartVoiceIdStream',
  'UpdateFlowAttributes', 'UpdateRoutingCriteria', 'Wait', 'CreatePersistentContactAssociation', 'TransferParticipantToThirdParty',
]);

/**
 * Operators of `Transitions.Conditions[].Condition.Operator` for Compare-style conditions.
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-transitions.html
 */
export const COMPARE_OPERATORS: ReadonlySet<string> = new Set([
  'Equals', 'NumberGreaterThan', 'NumberGreaterOrEqualTo', 'NumberLessThan', 'NumberLessOrEqualTo', 'TextContains', 'TextStartsWith', 'TextEndsWith',
]);

/** Every action type name (modelled and opaque), for "did you mean" suggestions. */
export const ALL_ACTION_TYPES: readonly string[] = [...Object.keys(ACTIONS), ...OPAQUE_ACTION_TYPES];
