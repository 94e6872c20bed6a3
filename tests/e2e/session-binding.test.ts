/**
 * The session must be the contact's (issue 14 point 5): a verification made on one contact and
 * channel does not verify another RecognizeText session that presents the same session id or
 * contact id from another channel or contact. Through the emulator and the real runtime SDK, with
 * the project's fulfillment and its Connect lookup on local backends.
 */
import type { RecognizeTextCommandOutput } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSelfService, type SelfService } from '../helpers/self-service.js';
import { connectEvent } from '../fulfillment/helpers.js';

let bot: SelfService;
beforeAll(async () => {
  // Every test verifies the same customer: room for more than the daily five texts.
  bot = await startSelfService({ policy: { maxSends: 50, maxSendsPerDay: 50 } });
}, 120_000);
afterAll(async () => bot?.stop());

const text = (r: RecognizeTextCommandOutput) => (r.messages ?? []).map((m) => m.content).join(' ');
const attrs = (r: RecognizeTextCommandOutput) => r.sessionState?.sessionAttributes ?? {};
const VOICE = { 'x-amz-lex:channels:platform': 'Connect' };
const CHAT = { 'x-amz-lex:channels:platform': 'Connect Chat' };
const PRIYA = { phone: '+14165550199', checking: /\$/ };

/** A Connect voice contact: the lookup Lambda ran for `contactId`, the bot session id is the contact id; verified with the texted code. */
async function verifiedVoiceContact(contactId: string) {
  await bot.fulfillment.handlers.connect(connectEvent(contactId, PRIYA.phone));
  const call = bot.chat('en_US', { sessionId: contactId, requestAttributes: VOICE, sessionAttributes: { contactId } });
  await call.say("what's my checking balance");
  const ok = await call.say(bot.fulfillment.handlers.outbox.lastCodeTo(PRIYA.phone)!);
  expect(attrs(ok).verified).toBe('true');
  expect(text(ok)).toMatch(PRIYA.checking);
  return call;
}

describe('a verified contact is bound to its channel and contact', () => {
  it('the caller on the contact keeps the verification from turn to turn', async () => {
    const call = await verifiedVoiceContact('contact-keeps-0001');
    const again = await call.say('and my savings');
    expect(attrs(again).verified).toBe('true');
  });

  it.each([
    ['the chat platform', CHAT],
    ['no platform (a plain RecognizeText caller)', {}],
  ])('the same session id and contact id from %s is not verified and reads nothing', async (_name, requestAttributes) => {
    const contactId = `contact-chan-${Object.keys(requestAttributes).length}-${_name.length}`;
    await verifiedVoiceContact(contactId);
    const thief = bot.chat('en_US', { sessionId: contactId, requestAttributes, sessionAttributes: { contactId } });
    const r = await thief.say("what's my checking balance");
    expect(attrs(r).verified).toBe('false');
    expect(r.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
    expect(text(r)).not.toMatch(PRIYA.checking);
  });

  it('the same session id on the voice platform but claiming another contact is not verified', async () => {
    const contactId = 'contact-other-0001';
    await verifiedVoiceContact(contactId);
    const thief = bot.chat('en_US', { sessionId: contactId, requestAttributes: VOICE, sessionAttributes: { contactId: 'contact-other-0002' } });
    const r = await thief.say("what's my checking balance");
    expect(attrs(r).verified).toBe('false');
    expect(text(r)).not.toMatch(PRIYA.checking);
  });

  it("another session claiming the contact id finds neither the verification nor the caller's identity", async () => {
    const contactId = 'contact-claim-0001';
    await verifiedVoiceContact(contactId);
    const before = bot.fulfillment.handlers.outbox.messages().length;
    const thief = bot.chat('en_US', { requestAttributes: CHAT, sessionAttributes: { contactId } });
    const r = await thief.say("what's my checking balance");
    expect(attrs(r).verified).toBe('false');
    // No code goes to the contact's number: the contact record is bound to the first session.
    expect(bot.fulfillment.handlers.outbox.messages().length).toBe(before);
    expect(text(r)).toMatch(/phone number or account number/);
  });
});
