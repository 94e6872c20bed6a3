/**
 * The pieces of bots translate: placeholder protection, SSML splitting, variants, review markers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isVariant, normalizeUtterance } from '../../scripts/nlu/normalize.js';
import { localeLanguage } from '../../scripts/translate/languages.js';
import { plainSegment, restoreSegment } from '../../scripts/translate/protect.js';
import { joinSsml, splitSsml } from '../../scripts/translate/ssml.js';
import { addVariants, countVariants, dedupeUtterances } from '../../scripts/translate/variants.js';
import { checkSsmlWellFormed } from '../../scripts/validate/rules/ssml.js';
import { draftHashOf, formatSsmlReview, parseSsmlReview, sha256, stripYamlReview } from '../../scripts/validate/rules/review.js';

/** What an ideal translator does to markup: nothing; the text is kept too (identity). */
const identity = (ssml: string) => {
  const split = splitSsml(ssml, ['Acme Pay']);
  return joinSsml(split, split.segments.map((s) => restoreSegment(s.html, s).text));
};

describe('placeholders', () => {
  it('protects slot references and names, escapes markup characters, and restores them', () => {
    const seg = plainSegment('Is <Acme Pay> & {AccountType} ok?', ['Acme Pay']);
    expect(seg.html).toBe('Is &lt;<span translate="no">Acme Pay</span>&gt; &amp; <span translate="no">{AccountType}</span> ok?');
    const r = restoreSegment('Ist &lt;<span translate="no">Acme Pay</span>&gt; &#38; <span translate="no">{AccountType}</span> gut?', seg);
    expect(r).toEqual({ text: 'Ist <Acme Pay> & {AccountType} gut?', missing: [] });
  });

  it('reports a placeholder that did not come back', () => {
    const seg = plainSegment('call me at {Time} on {Number}', []);
    const r = restoreSegment('ruf mich um <span translate="no">{Time}</span> an', seg);
    expect(r.missing).toEqual(['{Number}']);
  });

  it('restores any text with slot references unchanged through an identity translation (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z&<>'"]{1,8}$/);
    const slot = fc.stringMatching(/^[A-Z][a-z]{1,6}$/).map((s) => `{${s}}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(word, slot), { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.join(' ');
        const seg = plainSegment(text, []);
        expect(restoreSegment(seg.html, seg)).toEqual({ text, missing: [] });
      }),
    );
  });
});

describe('SSML splitting', () => {
  it('keeps tags and attributes, folds inline elements into the sentence, and flags phonemes', () => {
    const ssml = '<speak><p>Hello <break time="1s"/> there, <phoneme alphabet="ipa" ph="ˈækmi">Acme</phoneme> here.</p><prosody rate="slow">Bye &amp; thanks</prosody></speak>';
    const split = splitSsml(ssml, []);
    expect(split.segments.map((s) => s.html)).toEqual([
      'Hello <span translate="no">§1</span> there, <span translate="no">§2</span> here.',
      'Bye &amp; thanks',
    ]);
    expect(split.notes).toHaveLength(1);
    expect(split.notes[0]).toMatch(/phonemes are per language/);
    expect(identity(ssml)).toBe(ssml);
  });

  it('reproduces any well-formed prompt through an identity translation (property)', () => {
    const text = fc.stringMatching(/^[A-Za-z ,.?!]{0,12}$/);
    const inline = fc.constantFrom('<break time="200ms"/>', '<say-as interpret-as="digits">{Code}</say-as>', '<phoneme alphabet="ipa" ph="a">A</phoneme>', '<mark name="m"/>', '{Slot}', ' &amp; ');
    const block = fc.array(fc.oneof(text, inline), { maxLength: 6 }).map((xs) => xs.join(''));
    const container = fc.tuple(fc.constantFrom('p', 's', 'prosody rate="slow"', 'emphasis'), block).map(([tag, body]) => `<${tag}>${body}</${tag.split(' ')[0]}>`);
    fc.assert(
      fc.property(fc.array(fc.oneof(block, container), { maxLength: 5 }), (parts) => {
        const ssml = `<speak>${parts.join('')}</speak>`;
        fc.pre(checkSsmlWellFormed(ssml) === undefined);
        const out = identity(ssml);
        expect(out.replace(/\s+/g, ' ')).toBe(ssml.replace(/\s+/g, ' '));
      }),
    );
  });
});

describe('utterance variants', () => {
  it('deduplicates after normalisation, also against other intents', () => {
    const taken = new Set([normalizeUtterance('Hallo')]);
    const { kept, dropped } = dedupeUtterances(['Wie ist mein Kontostand?', 'wie ist mein kontostand', 'hallo!'], taken);
    expect(kept).toEqual(['Wie ist mein Kontostand?']);
    expect(dropped).toEqual(['wie ist mein kontostand', 'hallo!']);
  });

  it('adds variants the validation rule counts until the intent meets the thresholds', () => {
    const originals = ['Quel est mon solde', 'Je veux connaître mon solde', 'Combien ai-je sur mon compte', 'Vérifier mon solde épargne'];
    const targets = { minUtterances: 6, maxUtterances: 20, minVariants: 3 };
    const { utterances, added } = addVariants(originals, 'fr_FR', targets, new Set(originals.map(normalizeUtterance)));
    expect(countVariants(utterances, 'fr')).toBeGreaterThanOrEqual(3);
    expect(utterances.length).toBeGreaterThanOrEqual(6);
    for (const a of added) expect(originals.some((o) => isVariant(normalizeUtterance(o), normalizeUtterance(a), 'fr'))).toBe(true);
    // deterministic
    expect(addVariants(originals, 'fr_FR', targets, new Set(originals.map(normalizeUtterance))).added).toEqual(added);
  });

  it('never goes over maxUtterances', () => {
    const originals = Array.from({ length: 5 }, (_, i) => `Ich möchte Nummer ${['eins', 'zwei', 'drei', 'vier', 'fünf'][i]} sprechen`);
    const { utterances } = addVariants(originals, 'de_DE', { minUtterances: 15, maxUtterances: 6, minVariants: 3 }, new Set());
    expect(utterances.length).toBe(6);
  });
});

describe('review markers', () => {
  it('round-trips the SSML marker and strips it back to the draft', () => {
    const body = '<speak>Hallo</speak>\n';
    const marker = { status: 'machine-translated' as const, from: 'en_US', sourceHash: sha256('src'), draftHash: sha256(body), notes: ['check -- this'] };
    const text = formatSsmlReview(marker) + body;
    expect(parseSsmlReview(text)).toEqual({ ...marker, notes: ['check - this'] });
    expect(draftHashOf('ssml/de_DE/x.ssml', text)).toBe(sha256(body));
    expect(checkSsmlWellFormed(text)).toBeUndefined();
  });

  it('strips the YAML review block and nothing else', () => {
    const yaml = 'name: A\nreview:\n  status: reviewed\n  notes:\n    - x\nsampleUtterances:\n  - hi\n';
    expect(stripYamlReview(yaml)).toBe('name: A\nsampleUtterances:\n  - hi\n');
  });

  it('knows a default voice and Translate code for every Lex locale of the model', () => {
    expect(localeLanguage('fr_CA')).toMatchObject({ translate: 'fr-CA', polly: 'fr-CA', voice: { id: 'Gabrielle', engine: 'neural' } });
    expect(localeLanguage('no_NO')?.polly).toBe('nb-NO');
  });
});
