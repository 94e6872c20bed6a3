/**
 * ListUtteranceAnalyticsData records each utterance under the intent the bot mapped it to, as Lex
 * does, not under the intent the session moved to afterwards: the shipped code hook answers
 * CheckBalance by eliciting VerifyIdentity.Passcode (an intent switch), yet "what's my balance"
 * is a CheckBalance utterance.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UtteranceSpecification.html
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListUtteranceAnalyticsDataCommand } from '@aws-sdk/client-lex-models-v2';
import { RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, describe, expect, it } from 'vitest';
import { openLexTarget } from '../../scripts/conversation/target.js';

const REPO = join(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'analytics-intent-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('utterance analytics of a conversation whose code hook switches intent', () => {
  it('records the first utterance under CheckBalance, the answers under VerifyIdentity, and the account type under CheckBalance', async () => {
    // Prepare: the shipped bot and its code hook on the local emulator.
    for (const dir of ['bots', 'intents', 'slot-types', 'ssml']) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
    const t = await openLexTarget({ root, bot: 'SelfService', localeId: 'en_US', local: { dataDir: join(root, '.bots', 'local') }, deploy: true });
    try {
      const sessionId = 'caller-balance';
      const say = async (text: string) => {
        const r = await t.runtime.send(new RecognizeTextCommand({ botId: t.botId, botAliasId: t.botAliasId, localeId: t.localeId, sessionId, text }));
        return { intent: r.sessionState?.intent?.name, action: r.sessionState?.dialogAction, attrs: r.sessionState?.sessionAttributes ?? {}, messages: (r.messages ?? []).map((m) => m.content).join(' ') };
      };

      // Act: CheckBalance → verification (identifier, code) → the balance.
      const first = await say("what's my balance");
      expect(first.intent).toBe('VerifyIdentity'); // the code hook switched the session
      expect(first.action).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
      await say('4001002001');
      const sent = t.outbox!().at(-1);
      expect(sent, 'a code was texted').toBeDefined();
      const code = sent!.body.match(/\d{6}/)![0];
      const verified = await say(code);
      expect(verified.attrs.verified).toBe('true');
      expect(verified.intent).toBe('CheckBalance'); // back to what the caller asked for: which account
      const balance = await say('savings');
      expect(balance.messages).toMatch(/\$12,500\.00/);
      const r = await t.models.send(
        new ListUtteranceAnalyticsDataCommand({
          botId: t.botId,
          startDateTime: new Date(Date.now() - 3_600_000),
          endDateTime: new Date(Date.now() + 60_000),
          filters: [{ name: 'SessionId', operator: 'EQ', values: [sessionId] }],
          sortBy: { name: 'UtteranceTimestamp', order: 'Ascending' },
        }),
      );

      // Assess
      const rows = (r.utterances ?? []).map((u) => [u.utterance, u.utteranceUnderstood, u.associatedIntentName, u.associatedSlotName]);
      expect(rows[0]).toEqual(["what's my balance", true, 'CheckBalance', undefined]);
      expect(rows.slice(1)).toEqual([
        ['{Passcode}', true, 'VerifyIdentity', 'Passcode'],
        ['{Passcode}', true, 'VerifyIdentity', 'Passcode'],
        ['{AccountType}', true, 'CheckBalance', 'AccountType'],
      ]);
    } finally {
      await t.close();
    }
  }, 120_000);
});
