import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintLexicon } from '../../scripts/ssml/lexicon.js';
import { lintSsml, type PollyEngine, type SsmlFinding } from '../../scripts/ssml/lint.js';

/** SSML-ish fragments, so the fuzzer reaches deep into the tag rules and not only the XML errors. */
const fragment = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '<speak>', '</speak>', '<break time="1s"/>', '<break time="20s"/>', '<prosody rate="', '90%">', '</prosody>', '<phoneme alphabet="ipa" ph="',
    'ˈseɪbə', 'g\'', '">x</phoneme>', '<say-as interpret-as="date" format="mdy">', '12/31/2025', '</say-as>', '&amp;', '&', '<', '>', '&#x1F600;', '&#0;',
    '<![CDATA[x]]>', '<!-- c -->', '<?xml version="1.0"?>', '<emphasis>', '</emphasis>', '<amazon:effect name="whispered">', '</amazon:effect>', '"', "'",
    '\n', '\r\n', '<p>', '</s>', '<w role="amazon:VB">', '<lang xml:lang="fr-CA">', '😀', '\u0301', '<lexeme>', '<grapheme>', '<phoneme>', '</phoneme>',
  ),
);
const document = fc.array(fragment, { maxLength: 30 }).map((xs) => xs.join(''));
const options = fc.record({
  voice: fc.constantFrom(undefined, 'Danielle', 'Joanna', 'Lupe', 'Gabrielle', 'Nobody'),
  engine: fc.constantFrom<PollyEngine | undefined>(undefined, 'standard', 'neural', 'long-form', 'generative'),
  playedBy: fc.constantFrom<'connect' | 'polly'>('connect', 'polly'),
});

function expectWithinText(text: string, findings: SsmlFinding[]): void {
  const lines = text.split('\n');
  for (const f of findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(lines.length);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeLessThanOrEqual(lines[f.line - 1]!.length + 1);
    expect(f.offset).toBeGreaterThanOrEqual(0);
    expect(f.offset).toBeLessThanOrEqual(text.length);
    expect(f.message.length).toBeGreaterThan(0);
  }
}

describe('fuzz', () => {
  it('lintSsml never throws and positions every finding inside the text', () => {
    fc.assert(
      fc.property(document, options, (text, o) => {
        expectWithinText(text, lintSsml(text, o));
      }),
      { numRuns: 1500 },
    );
  });

  it('lintSsml never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => expectWithinText(text, lintSsml(text))), { numRuns: 1000 });
  });

  it('lintLexicon never throws and positions every finding inside the text', () => {
    const lexicon = document.map((body) => `<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-US">${body}</lexicon>`);
    fc.assert(fc.property(fc.oneof(lexicon, document), fc.string({ maxLength: 25 }), (text, name) => expectWithinText(text, lintLexicon(text, { name }).findings)), { numRuns: 800 });
  });
});
