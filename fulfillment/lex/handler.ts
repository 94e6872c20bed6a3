/**
 * The Lex V2 code-hook Lambda: one handler for every intent of an alias and locale, routed by intent,
 * invocation source and label (https://docs.aws.amazon.com/lexv2/latest/dg/lambda.html).
 *
 * - `handler(event, context)`: the Lambda entry point (AWS backends from the environment, built on
 *   the first invocation and reused while the execution environment is warm).
 * - `createLexHandler(deps)`: the same handler over any backends (the local emulator uses
 *   `createLocalHandlers()` from `fulfillment/local.ts`).
 *
 * Never throws: an invalid event, a failing backend, a deadline overrun or an invalid response all
 * become Close(Failed) with an apology and `nextAction=TransferToAgent`.
 * @module
 */
import { createLogger, readLexConfig, resolveSecretEnv } from '../config.js';
import { createAwsLexDeps } from '../aws/lex.js';
import type { HandlerDeps } from '../handlers/deps.js';
import { ROUTES } from '../handlers/index.js';
import { pseudonym, redactDigits } from '../security/mask.js';
import { DEFAULT_CALLBACK_POLICY } from '../security/callback-number.js';
import { DEFAULT_OTP_POLICY, Verification, type OtpPolicy } from '../security/verification.js';
import type { InvocationContext, LexHandler, LexHandlerDeps } from './deps.js';
import { parseLexEvent } from './event.js';
import { failureResponse } from './failure.js';
import type { LexResponse } from './response.js';
import { lexResponseSchema } from './response-schema.js';
import { createRouter } from './router.js';
import { Turn } from './turn.js';

export type { InvocationContext, LexHandler, LexHandlerDeps } from './deps.js';

const oneOf = (v: string | undefined, allowed: string[]) => (v === undefined ? undefined : allowed.includes(v) ? v : 'other');

class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/** Resolves with `p`, or rejects with DeadlineError after `ms`. */
function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`turn exceeded ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

/** Builds a Lex code-hook handler over the given backends. */
export function createLexHandler(deps: LexHandlerDeps): LexHandler {
  const logger = deps.logger ?? createLogger('selfservice-lex');
  const now = deps.now ?? Date.now;
  const policy: OtpPolicy = { ...DEFAULT_OTP_POLICY, ...deps.policy };
  const verification = new Verification({ state: deps.state, customers: deps.customers, sms: deps.sms, hashKey: deps.otpHashKey, now, policy });
  const handlerDeps: HandlerDeps = { customers: deps.customers, state: deps.state, sms: deps.sms, knowledgeBase: deps.knowledgeBase, verification, logger, now, callbackPolicy: { ...DEFAULT_CALLBACK_POLICY, ...deps.callbackPolicy } };
  const route = createRouter(ROUTES);
  const deadlineMs = deps.deadlineMs ?? 6000;

  async function run(turn: Turn): Promise<LexResponse> {
    const response = await route(turn).handle(turn, handlerDeps);
    // `verified` is always the server's truth, for the flow and the agent's screen.
    const verified = turn.verified ?? (await verification.isVerified(turn.sessionId));
    response.sessionState.sessionAttributes = { ...response.sessionState.sessionAttributes, verified: String(verified) };
    return response;
  }

  return async (raw, context) => {
    const started = performance.now();
    const event = parseLexEvent(raw);
    if (!event) {
      logger.warn('invalid Lex event', { outcome: 'invalid_event' });
      return failureResponse(raw, 'invalidEvent');
    }
    const turn = new Turn(event);
    // Only values from closed sets (or redacted) reach the log: request attributes are client-controlled.
    const summary = {
      intent: redactDigits(turn.intent.name.slice(0, 100)),
      source: turn.source,
      locale: turn.locale,
      inputMode: oneOf(event.inputMode, ['Text', 'Speech', 'DTMF']),
      channel: oneOf(event.requestAttributes['x-amz-lex:channels:platform'], ['Connect', 'Connect Chat']),
      session: pseudonym(turn.lexSessionId),
      ...(context?.awsRequestId ? { requestId: context.awsRequestId } : {}),
    };
    try {
      const remaining = context?.getRemainingTimeInMillis?.();
      const budget = remaining ? Math.max(100, Math.min(deadlineMs, remaining - 1000)) : deadlineMs;
      const response = await withDeadline(run(turn), budget);
      const checked = lexResponseSchema.safeParse(response);
      if (!checked.success) {
        logger.error('invalid response replaced', { ...summary, issues: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`) });
        return failureResponse(raw, 'invalidResponse');
      }
      logger.info('lex turn', { ...summary, action: response.sessionState.dialogAction.type, outcome: turn.outcome || 'ok', durationMs: Math.round(performance.now() - started) });
      return response;
    } catch (e) {
      logger.error('lex turn failed', { ...summary, errorName: (e as Error)?.name ?? 'Error', durationMs: Math.round(performance.now() - started) });
      return failureResponse(raw, e instanceof DeadlineError ? 'timeout' : 'error');
    }
  };
}

let instance: LexHandler | undefined;

/**
 * The Lambda entry point (`index.handler` in the bundle). Configuration comes from the environment
 * (CUSTOMERS_TABLE, STATE_TABLE, OTP_HASH_KEY or OTP_HASH_KEY_SECRET_ARN, KNOWLEDGE_BASE_ID,
 * KNOWLEDGE_BASE_MODEL_ARN, ...; see docs/fulfillment.md). A configuration error (including an
 * unreadable secret) is logged and the turn is answered with the failure response; the next
 * invocation tries again.
 */
export async function handler(event: unknown, context?: InvocationContext): Promise<LexResponse> {
  if (!instance) {
    try {
      instance = createLexHandler(createAwsLexDeps(readLexConfig(await resolveSecretEnv(process.env))));
    } catch (e) {
      createLogger('selfservice-lex').error('configuration error', { errorName: (e as Error)?.name, errorMessage: (e as Error)?.message });
      return failureResponse(event, 'configuration');
    }
  }
  return instance(event, context);
}
