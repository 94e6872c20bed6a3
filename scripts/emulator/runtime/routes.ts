/**
 * Lex Runtime V2 routes (RecognizeText, PutSession, GetSession, DeleteSession).
 * @module
 */
import type { Route, RuntimeStore } from '../contracts.js';

/** A Lambda handler the emulator calls in-process for a code hook: the Lex V2 event in, the response out. */
export type CodeHookHandler = (event: unknown) => Promise<unknown>;

/** Options of the runtime. */
export interface RuntimeOptions {
  /** Maps a code-hook Lambda ARN to an in-process handler; undefined when none is available. */
  codeHooks?: (lambdaArn: string) => CodeHookHandler | undefined;
  /** File that receives one Lex V2 conversation-log JSON record per turn. */
  conversationLogFile?: string;
  /** Clock in ms since the epoch (tests). */
  now?: () => number;
}

/** The runtime routes over `store`. (Implemented in a later commit.) */
export function createRuntimeRoutes(_store: RuntimeStore, _options: RuntimeOptions = {}): Route[] {
  return [];
}
