/**
 * What protects the knowledge-base call: redaction of digit runs and e-mails (typed and spoken, in
 * each locale; fuzzed), the question detector, and the handler's not-a-question path.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NUMBER_PLACEHOLDER, redactQuestion } from '../../fulfillment/clients/kb-redact.js';
import { isKnowledgeQuestion, isQuestion } from '../../fulfillment/handlers/question.js';
import type { LocalHandlers } from '../../fulfillment/local.js';
import { CATALOGUE } from '../../fulfillment/messages/index.js';
import { lexEvent, localHandlers, textOf, valid } from './helpers.js';

const en = CATALOGUE.en_US.digitWords;

describe('redaction before the knowledge base', () => {
  it.each([
    ['call me at (202) 555-0143 please', 'call me at [number] please'],
    ['my account 4001003001.', 'my account [number].'],
    ['the code is two oh two five five five', 'the code is [number]'],
    ['email jane.doe+x@example.co.uk or jane dot doe at example dot com', 'email [email] or [email]'],
    ['card ending 1234', 'card ending [number]'],
    ['is a $25 wire fee charged on 1,000.00 or 19.99%?', 'is a $25 wire fee charged on 1,000.00 or 19.99%?'],
    ['can I ask two questions about 3 accounts at 8:30', 'can I ask two questions about 3 accounts at 8:30'],
  ])('"%s"', (input, out) => {
    expect(redactQuestion(input, en).text).toBe(out);
  });

  it('catches spoken digits in Spanish and French', () => {
    expect(redactQuestion('mi número es cinco cinco cinco cero uno cuatro tres', CATALOGUE.es_US.digitWords).text).toBe('mi número es [number]');
    expect(redactQuestion('mon numéro est quatre un six cinq cinq cinq', CATALOGUE.fr_CA.digitWords).text).toBe('mon numéro est [number]');
  });

  it('property: no run of 4+ digits survives, and redaction is idempotent', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.stringMatching(/^\d{1,12}$/), fc.constantFrom('one', 'two', 'oh', 'nine', '-', '(', ')', 'fee', 'wire', '$5', '.'), fc.string({ maxLength: 6 })), { maxLength: 12 }), (parts) => {
        const input = parts.join(' ');
        const once = redactQuestion(input, en).text;
        expect(once.replace(/[$€£¢%]\S*|\S*[$%]/g, '')).not.toMatch(/\d{4}/);
        expect(redactQuestion(once, en).text).toBe(once);
      }),
      { numRuns: 500 },
    );
    expect(NUMBER_PLACEHOLDER).not.toMatch(/\d/);
  });
});

describe('only questions go to the knowledge base', () => {
  it.each([
    ['en_US', 'what is the weather in paris', true],
    ['en_US', 'um so how long does a deposit take to clear', true],
    ['en_US', "I'd like to know the wire fees", true],
    ['en_US', 'do you charge for overdrafts', true],
    ['en_US', 'uh yeah the thing', false],
    ['en_US', 'you are useless', false],
    ['en_US', 'my card', false],
    ['es_US', 'cuánto cobran por un giro', true],
    ['es_US', 'quiero saber el horario', true],
    ['es_US', 'eres un inútil', false],
    ['fr_CA', 'combien coûte un virement', true],
    ['fr_CA', 'avez-vous des frais', true],
    ['fr_CA', "c'est quoi le numéro de transit", true],
    ['fr_CA', 'bof rien', false],
  ] as const)('%s: "%s" → %s', (locale, text, expected) => {
    expect(isQuestion(text, locale)).toBe(expected);
  });

  it('AskQuestion with a confident score goes as is; with a low one, or FallbackIntent, only if it reads as a question', () => {
    const ev = (score?: number) => ({ interpretations: [{ intent: { name: 'AskQuestion' }, ...(score === undefined ? {} : { nluConfidence: score }) }] });
    expect(isKnowledgeQuestion(ev(0.9), 'AskQuestion', 'wire fees', 'en_US')).toBe(true);
    expect(isKnowledgeQuestion(ev(), 'AskQuestion', 'wire fees', 'en_US')).toBe(true);
    expect(isKnowledgeQuestion(ev(0.3), 'AskQuestion', 'wire fees', 'en_US')).toBe(false);
    expect(isKnowledgeQuestion(ev(0.3), 'AskQuestion', 'what are the wire fees', 'en_US')).toBe(true);
    expect(isKnowledgeQuestion({}, 'FallbackIntent', 'wire fees', 'en_US')).toBe(false);
  });

  describe('through the code hook', () => {
    let h: LocalHandlers;
    beforeAll(async () => {
      h = await localHandlers();
    });
    afterAll(() => h.close());

    it('a low-confidence non-question gets the fallback prompt with an agent offer, then a transfer', async () => {
      const first = valid(await h.lex(lexEvent({ intent: 'FallbackIntent', sessionId: 'nq-1', transcript: 'uh yeah the thing', source: 'FulfillmentCodeHook' })));
      expect(first.sessionState.dialogAction.type).toBe('ElicitIntent');
      expect(textOf(first)).toBe(CATALOGUE.en_US.notAQuestion);
      const second = valid(await h.lex(lexEvent({ intent: 'FallbackIntent', sessionId: 'nq-1', transcript: 'blah blah', source: 'FulfillmentCodeHook', sessionAttributes: first.sessionState.sessionAttributes ?? {} })));
      expect(second.sessionState.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', transferReason: 'noAnswer' });
    });
  });
});
