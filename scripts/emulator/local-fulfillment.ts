/**
 * The project's fulfillment Lambdas as the emulator's code hooks: every code-hook Lambda ARN of an
 * alias is served in-process by the Lex handler of `fulfillment/` with its embedded local backends
 * (dynalite, SMS outbox, FAQ search), so conversations run end to end offline.
 * @module
 */
import { createLocalHandlers, type LocalHandlers, type LocalHandlersOptions } from '../../fulfillment/local.js';
import type { CodeHookHandler } from './runtime/routes.js';

/** The ARN `bots deploy` gives the local target's aliases when a bot names no Lambda. */
export const LOCAL_FULFILLMENT_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:bots-local-fulfillment';

/** Local fulfillment for the emulator's `runtime.codeHooks` option. */
export interface LocalFulfillment {
  /** Maps any code-hook ARN to the local Lex handler. */
  codeHooks: (lambdaArn: string) => CodeHookHandler;
  handlers: LocalHandlers;
  close(): Promise<void>;
}

/** Starts the local backends (see `createLocalHandlers`). */
export async function startLocalFulfillment(options: LocalHandlersOptions = {}): Promise<LocalFulfillment> {
  const handlers = await createLocalHandlers(options);
  const lex: CodeHookHandler = (event) => handlers.lex(event as never) as Promise<unknown>;
  return { codeHooks: () => lex, handlers, close: () => handlers.close() };
}
