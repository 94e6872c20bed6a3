/**
 * Session ids of the traffic the tool itself sends to a bot: `bots test` conversations and
 * `bots eval` utterances. `bots tune` leaves these sessions out of the analytics and logs it
 * reads, so test inputs are never suggested as missed utterances (docs/tuning.md).
 * @module
 */

/** Prefix of the session ids of `bots test` (`bots-test-<8 hex>`). */
export const TEST_SESSION_PREFIX = 'bots-test';
/** Prefix of the session ids of `bots eval` (`bots-eval-<uuid>`). */
export const EVAL_SESSION_PREFIX = 'bots-eval';

/** True when `sessionId` is one the tool's `bots test` or `bots eval` made. */
export function isToolSession(sessionId: string): boolean {
  return sessionId.startsWith(`${TEST_SESSION_PREFIX}-`) || sessionId.startsWith(`${EVAL_SESSION_PREFIX}-`);
}
