import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPhonemes, convertPhonemes, PhonemeConversionError, phonemeLanguages, phonemeTable, tokenizePhonemes, type PhoneticAlphabet } from '../../scripts/ssml/phonemes.js';

const ALPHABETS: PhoneticAlphabet[] = ['ipa', 'x-sampa'];
const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared', 'reference', 'polly-phonemes');

describe('phoneme tables', () => {
  it('ships the eight Polly tables', () => {
    expect(phonemeLanguages().sort()).toEqual(['de-DE', 'en-GB', 'en-US', 'es-ES', 'es-MX', 'es-US', 'fr-CA', 'fr-FR']);
    expect(phonemeTable('en-US')!.symbols).toHaveLength(44);
    expect(phonemeTable('xx-XX')).toBeUndefined();
  });

  for (const language of phonemeLanguages()) {
    describe(language, () => {
      const table = phonemeTable(language)!;
      for (const alphabet of ALPHABETS) {
        it(`accepts every listed ${alphabet} symbol as one symbol`, () => {
          for (const s of table.symbols) {
            const written = alphabet === 'ipa' ? s.ipa : s.xsampa;
            const tokens = tokenizePhonemes(written, table, alphabet);
            expect(tokens, `${written}`).toHaveLength(1);
            expect(tokens[0]!.symbol, written).toBe(s);
            // In a syllable after a primary stress mark, so the stress rule is satisfied.
            const vowel = table.symbols.find((v) => v.category === 'vowels')!;
            const syllable = alphabet === 'ipa' ? `ˈ${written === '.' || written === 'ˈ' || written === 'ˌ' ? '' : written}${vowel.ipa}` : `"${written === '.' || written === '"' || written === '%' ? '' : written}${vowel.xsampa}`;
            expect(checkPhonemes(syllable, table, alphabet), syllable).toEqual([]);
          }
        });
      }

      it('rejects look-alike characters: apostrophe for stress, the other g, an ASCII colon for length', () => {
        for (const bad of ["'", '’', ',']) {
          const [p] = checkPhonemes(`${bad}a`, table, 'ipa');
          expect(p, bad).toMatchObject({ kind: 'unknown-symbol', start: 0 });
          expect(p!.suggestions[0]).toBe(bad === ',' ? 'ˌ' : 'ˈ');
        }
        expect(checkPhonemes("'a", table, 'x-sampa')[0]!.suggestions).toContain('"');
        expect(checkPhonemes('ˈa', table, 'x-sampa')[0]!.suggestions).toContain('"');
        const g = table.symbols.find((s) => s.xsampa === 'g')!;
        const other = g.ipa === 'ɡ' ? 'g' : 'ɡ';
        const v = table.symbols.find((x) => x.category === 'vowels')!.ipa;
        const [p] = checkPhonemes(`ˈ${v}${other}${v}`, table, 'ipa');
        expect(p, `${language} ${other}`).toMatchObject({ kind: 'unknown-symbol', start: 1 + v.length, text: other });
        expect(p!.suggestions[0]).toBe(g.ipa);
        const long = table.symbols.find((s) => s.ipa.endsWith('ː'));
        if (long) expect(tokenizePhonemes(long.ipa.replace('ː', ':'), table, 'ipa').every((t) => t.kind === 'symbol')).toBe(language === 'en-GB' ? ['iː', 'uː'].includes(long.ipa) : language === 'de-DE' && long.ipa !== 'øː');
        else expect(checkPhonemes('ˈa:', table, 'ipa').map((x) => x.text)).toContain(':');
      });

      it('round-trips every symbol and random words IPA → X-SAMPA → IPA', () => {
        for (const s of table.symbols) {
          expect(convertPhonemes(s.ipa, 'ipa', 'x-sampa', language)).toBe(s.xsampa);
          expect(convertPhonemes(s.xsampa, 'x-sampa', 'ipa', language)).toBe(s.ipa);
        }
        const symbol = fc.constantFrom(...table.symbols);
        fc.assert(
          fc.property(fc.array(fc.array(symbol, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }), (words) => {
            // Words of symbols separated by spaces round-trip exactly, symbol for symbol.
            const ipa = words.map((w) => w.map((s) => s.ipa).join(' ')).join('  ');
            const x = convertPhonemes(ipa, 'ipa', 'x-sampa', language);
            expect(x).toBe(words.map((w) => w.map((s) => s.xsampa).join(' ')).join('  '));
            expect(convertPhonemes(x, 'x-sampa', 'ipa', language)).toBe(ipa);
            // Glued together, longest match may pair symbols differently, but conversion is stable.
            const glued = words.map((w) => w.map((s) => s.ipa).join('')).join(' ');
            const once = convertPhonemes(convertPhonemes(glued, 'ipa', 'x-sampa', language), 'x-sampa', 'ipa', language);
            expect(convertPhonemes(once, 'ipa', 'x-sampa', language)).toBe(convertPhonemes(glued, 'ipa', 'x-sampa', language));
          }),
          { numRuns: 100 },
        );
      });

      it('matches ../shared/reference/polly-phonemes where it is present (every printed form accepted)', () => {
        const file = join(SHARED, `${language}.tsv`);
        if (!existsSync(file)) return void console.warn(`skipped: ${file} is absent`);
        const [header, ...rows] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
        const cols = header!.split('\t');
        expect(rows).toHaveLength(table.symbols.length);
        for (const row of rows) {
          const f = row.split('\t');
          const ipa = f[cols.indexOf('ipa')]!.trim();
          const x = f[cols.indexOf('xsampa')]!.trim();
          const byIpa = table.lookup.ipa.get(ipa);
          expect(byIpa, `${language} ${ipa}`).toBeDefined();
          expect(table.lookup['x-sampa'].get(x), `${language} ${x}`).toBe(byIpa);
        }
      });
    });
  }

  it('has a table file for every TSV in ../shared (when present)', () => {
    if (!existsSync(SHARED)) return void console.warn(`skipped: ${SHARED} is absent`);
    expect(readdirSync(SHARED).filter((f) => f.endsWith('.tsv')).map((f) => f.replace('.tsv', '')).sort()).toEqual(phonemeLanguages().sort());
  });
});

describe('convertPhonemes', () => {
  it('converts the shipped names', () => {
    expect(convertPhonemes('"seI.b@', 'x-sampa', 'ipa', 'en-US')).toBe('ˈseɪ.bə');
    expect(convertPhonemes('ˈsej.βa', 'ipa', 'x-sampa', 'es-US')).toBe('"sej.Ba');
    expect(convertPhonemes('kɛt.ˈzal', 'ipa', 'x-sampa', 'fr-CA')).toBe('kEt."zal');
    expect(convertPhonemes('i', 'x-sampa', 'ipa', 'en-GB')).toBe('iː'); // en-GB prints fleece as X-SAMPA i
    expect(convertPhonemes('Θɪŋk', 'ipa', 'x-sampa', 'en-GB')).toBe('TINk'); // en-GB prints θ as capital Θ
  });

  it('refuses an unknown symbol with its position and the nearest symbols', () => {
    try {
      convertPhonemes('ˈseɪgə', 'ipa', 'x-sampa', 'en-US');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PhonemeConversionError);
      expect((e as PhonemeConversionError).problems[0]).toMatchObject({ start: 4, text: 'g', suggestions: ['ɡ'] });
    }
    expect(() => convertPhonemes('a', 'ipa', 'x-sampa', 'xx-XX')).toThrow(/No phoneme table for xx-XX/);
  });

  it('reports a nasal vowel of another language as one unknown symbol with its combining mark', () => {
    const [p] = checkPhonemes('ˈbɑ̃', phonemeTable('en-US')!, 'ipa');
    expect(p).toMatchObject({ start: 2, end: 4, text: 'ɑ̃' });
    expect(p!.suggestions).toContain('ɑ');
  });
});
