/**
 * The contact-flow model: the flows of `flows/*.json` (the Amazon Connect Flow language, as the
 * console exports it) and the Connect resources they name (`flows/instance.yaml`). Built by
 * {@link loadFlows}; validated by `validate/rules/flows.ts`; run by `flows/interpreter.ts`; deployed
 * by `deploy/flows.ts`.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html
 * @module
 */
import type { SourceRef } from '../definitions/source.js';

/** The Flow language version every flow declares. */
export const FLOW_LANGUAGE_VERSION = '2019-10-30';

/**
 * Connect flow types (CreateContactFlow `Type`) with the console's `Metadata.type` spelling.
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateContactFlow.html
 */
export const FLOW_TYPES = {
  contactFlow: 'CONTACT_FLOW',
  customerQueue: 'CUSTOMER_QUEUE',
  customerHold: 'CUSTOMER_HOLD',
  customerWhisper: 'CUSTOMER_WHISPER',
  agentHold: 'AGENT_HOLD',
  agentWhisper: 'AGENT_WHISPER',
  outboundWhisper: 'OUTBOUND_WHISPER',
  agentTransfer: 'AGENT_TRANSFER',
  queueTransfer: 'QUEUE_TRANSFER',
} as const;

/** A CreateContactFlow `Type`. */
export type FlowType = (typeof FLOW_TYPES)[keyof typeof FLOW_TYPES];

/** One condition of an action's `Transitions.Conditions`. */
export interface FlowCondition {
  next: string;
  operator: string;
  operands: string[];
  at: SourceRef;
}

/** One error branch of an action's `Transitions.Errors`. */
export interface FlowErrorBranch {
  next: string;
  errorType: string;
  at: SourceRef;
}

/** One block (action) of a flow. */
export interface FlowAction {
  /** `Identifier`: a UUID in console exports, any name in hand-written flows. */
  id: string;
  /** `Type`, e.g. `MessageParticipant`. */
  type: string;
  /** `Parameters`, verbatim. */
  parameters: Record<string, unknown>;
  /** `Transitions.NextAction`. */
  next?: string;
  errors: FlowErrorBranch[];
  conditions: FlowCondition[];
  /** Index in `Actions`. */
  index: number;
  at: SourceRef;
}

/** A contact flow from `flows/<Name>.json`. */
export interface ContactFlow {
  /** The flow's name in Connect: the file name without `.json` (and `Metadata.name` when set). */
  name: string;
  /** Project-relative file path. */
  file: string;
  type: FlowType;
  description?: string;
  startAction: string;
  actions: FlowAction[];
  /** Actions by id. */
  byId: Map<string, FlowAction>;
  /** The whole file as parsed: what deploy sends (references resolved) and import writes. */
  content: Record<string, unknown>;
  at: SourceRef;
}

/** A standard-hours slice of an hours of operation (Connect `HoursOfOperationConfig`). */
export interface HoursSlice {
  day: 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';
  /** `HH:MM`, 24 h, in the hours' time zone. */
  start: string;
  /** `HH:MM`; `00:00` as an end means midnight. */
  end: string;
}

/**
 * The Connect resources the flows name, from `flows/instance.yaml`: what deploy looks up by name in
 * each region's instance (the bot target's `connectInstanceId`) and what the local simulator runs on.
 */
export interface FlowInstance {
  file: string;
  queues: { name: string; description?: string; at: SourceRef }[];
  hoursOfOperation: { name: string; timeZone: string; config: HoursSlice[]; at: SourceRef }[];
  prompts: { name: string; at: SourceRef }[];
  /** Lambda reference name → the fulfillment stack output or ARN it is in each region. */
  lambdas: { name: string; function: 'connect' | 'lex'; arns: Record<string, string>; at: SourceRef }[];
  /** Claimed phone numbers by name: the number a flow compares with, per region. */
  phoneNumbers: { name: string; number: string; regions: Record<string, string>; flow?: string; at: SourceRef }[];
}

/** The flows of a project. */
export interface ProjectFlows {
  flows: ContactFlow[];
  instance?: FlowInstance;
}
