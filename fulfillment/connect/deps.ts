/**
 * The contract of the Connect lookup handler (separate from handler.ts so backend factories can name
 * it without an import cycle).
 * @module
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { CustomerStore, StateStore } from '../stores/types.js';
import type { ConnectLookupResult } from './event.js';

export interface ConnectHandlerDeps {
  customers: CustomerStore;
  state: StateStore;
  /** Default: a Powertools logger with service name `selfservice-connect`. */
  logger?: Logger;
  now?: () => number;
  /** Lifetime of the contact record, ms (default 2 h). */
  contactTtlMs?: number;
  /** Whole-invocation deadline, ms (default 3000; Connect waits at most 8 s). */
  deadlineMs?: number;
}

export type ConnectHandler = (event: unknown, context?: { awsRequestId?: string }) => Promise<ConnectLookupResult>;

