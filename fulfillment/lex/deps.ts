/**
 * The contract of the Lex code-hook handler: its dependencies (one interface per backend) and its
 * call signature. Separate from handler.ts so backend factories can name it without an import cycle.
 * @module
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { KnowledgeBase } from '../clients/knowledge-base.js';
import type { SmsSender } from '../clients/sms.js';
import type { CallbackPolicy } from '../security/callback-number.js';
import type { OtpPolicy } from '../security/verification.js';
import type { CustomerStore, StateStore } from '../stores/types.js';
import type { LexResponse } from './response.js';

/** The part of the Lambda context the handler uses. */
export interface InvocationContext {
  getRemainingTimeInMillis?: () => number;
  awsRequestId?: string;
}

/** A Lex V2 code hook: any event in, a valid Lex V2 response out; never rejects. */
export type LexHandler = (event: unknown, context?: InvocationContext) => Promise<LexResponse>;

export interface LexHandlerDeps {
  customers: CustomerStore;
  state: StateStore;
  sms: SmsSender;
  knowledgeBase: KnowledgeBase;
  /** Key for the OTP HMAC (≥ 32 bytes). Undefined: verification answers "unavailable" and offers an agent. */
  otpHashKey: Buffer | undefined;
  /** Default: a Powertools logger with service name `selfservice-lex`. */
  logger?: Logger;
  /** Clock, epoch ms (tests move it to expire codes). Default Date.now. */
  now?: () => number;
  /** Whole-turn deadline, ms (default 6000). */
  deadlineMs?: number;
  policy?: Partial<OtpPolicy>;
  /** Callback numbers and limits (default: US and CA, no premium-rate or shared-cost). */
  callbackPolicy?: Partial<CallbackPolicy>;
}

