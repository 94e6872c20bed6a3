import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasMarkup, ssmlToPlainText } from '../../scripts/ssml/plain-text.js';

describe('ssmlToPlainText', () => {
  it('keeps the written form: say-as, phoneme and sub text, no tags, breaks as spaces', () => {
    // Prepare
    const ssml = '<speak>Your <say-as interpret-as="digits">6</say-as>-digit code.<break time="200ms"/>Thanks for banking with <phoneme alphabet="ipa" ph="ˈseɪbə">Ceiba</phoneme>, <sub alias="World Wildlife Fund">WWF</sub> &amp; co.</speak>';
    // Act
    const text = ssmlToPlainText(ssml);
    // Assess
    expect(text).toBe('Your 6-digit code. Thanks for banking with Ceiba, WWF & co.');
  });

  it('keeps {Slot} references so Lex fills both forms, and drops comments and audio', () => {
    expect(ssmlToPlainText('<speak><!-- note --><audio src="s3://b/chime.mp3"/>We will call <say-as interpret-as="telephone">{CallbackNumber}</say-as>.</speak>')).toBe('We will call {CallbackNumber}.');
  });

  it('never throws and never leaves a tag, for any input (fuzz)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = ssmlToPlainText(`<speak>${s}</speak>`);
        expect(/<[a-z/!][^>]*>/i.test(out)).toBe(false);
      }),
    );
  });
});

describe('hasMarkup', () => {
  it('sees Polly tags and <speak>, not comparisons or plain angle brackets', () => {
    expect(hasMarkup('<speak>Hi</speak>')).toBe(true);
    expect(hasMarkup('Wait <break time="1s"/> then')).toBe(true);
    expect(hasMarkup('<amazon:effect name="whispered">psst</amazon:effect>')).toBe(true);
    expect(hasMarkup('balances < $5 cost a fee')).toBe(false);
    expect(hasMarkup('type <your code>')).toBe(false);
  });
});
