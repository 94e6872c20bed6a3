/**
 * What the intent handlers need: the stores and clients (one interface each, AWS or local backend)
 * and the verification service built on them.
 * @module
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { KnowledgeBase } from '../clients/knowledge-base.js';
import type { SmsSender } from '../clients/sms.js';
import type { CallbackPolicy } from '../security/callback-number.js';
import type { Verification } from '../security/verification.js';
import type { CustomerStore, StateStore } from '../stores/types.js';

export interface HandlerDeps {
  customers: CustomerStore;
  state: StateStore;
  sms: SmsSender;
  knowledgeBase: KnowledgeBase;
  verification: Verification;
  logger: Logger;
  now: () => number;
  callbackPolicy: CallbackPolicy;
}
