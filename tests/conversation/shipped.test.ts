/**
 * The shipped conversation tests (tests/conversations/*.yaml) against the local target: the
 * SelfService bot deployed from the definitions into an in-memory emulator, with the fulfillment
 * Lambdas in-process. One vitest test per conversation, failing with the runner's expected/actual diff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFailure } from '../../scripts/conversation/report.js';
import { runConversation } from '../../scripts/conversation/runner.js';
import { openLexTarget, type LexTarget } from '../../scripts/conversation/target.js';
import { ROOT, shippedConversations } from './helpers.js';

const conversations = shippedConversations();
let target: LexTarget;

beforeAll(async () => {
  target = await openLexTarget({ root: ROOT, bot: 'SelfService', local: { dataDir: null } });
}, 120_000);

afterAll(async () => {
  await target?.close();
});

describe('shipped conversation tests', () => {
  it('cover every intent of the bot in every locale', () => {
    const { definition } = target;
    for (const locale of definition!.locales) {
      const mine = conversations.filter((c) => c.locale === locale.localeId);
      for (const intent of locale.intents) {
        const tested = mine.some((c) => c.turns.some((t) => t.kind === 'user' && (t.expect.intent === intent.name || (typeof t.expect.interpretation === 'string' ? t.expect.interpretation : t.expect.interpretation?.intent) === intent.name)));
        expect(tested, `${locale.localeId} ${intent.name} has a conversation test`).toBe(true);
      }
    }
  });

  it.each(conversations.map((c) => [c.id, c] as const))('%s', async (_id, test) => {
    const outcome = await runConversation(target, test);
    expect(outcome.status, outcome.status === 'failed' ? formatFailure(outcome) : outcome.skipReason).toBe('passed');
    // A locale's first turn starts its recognizers; on a loaded 2-core CI machine that alone can pass 30 s.
  }, 120_000);
});
