import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintLexicon } from '../../scripts/ssml/lexicon.js';

const pls = (lexemes: string, root = 'version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-US"') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<lexicon ${root}>\n${lexemes}\n</lexicon>\n`;
const CEIBA = '  <lexeme><grapheme>Ceiba</grapheme><phoneme>ˈseɪbə</phoneme></lexeme>';
const ids = (text: string, name = 'Ceiba') => lintLexicon(text, { name }).findings.map((f) => f.ruleId);

describe('lintLexicon', () => {
  it('accepts the shipped lexicons and reads their language and lexemes', () => {
    const dir = join(import.meta.dirname, '..', '..', 'ssml', 'lexicons');
    const files = readdirSync(dir).filter((f) => f.endsWith('.pls'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const { findings, summary } = lintLexicon(readFileSync(join(dir, f), 'utf8'), { name: f.replace('.pls', '') });
      expect(findings, f).toEqual([]);
      expect(summary.lexemes.map((l) => l.graphemes[0])).toEqual(['Ceiba', 'Quetzal']);
    }
  });

  it.each([
    ['ssml/lexicon-format', pls(CEIBA, 'version="1.0" alphabet="ipa" xml:lang="en-US"'), pls(CEIBA)],
    ['ssml/lexicon-format', pls('  <lexeme><grapheme>Ceiba</grapheme></lexeme>'), pls(CEIBA)],
    ['ssml/lexicon-format', pls('  <lexeme><phoneme>ˈseɪbə</phoneme></lexeme>'), pls(CEIBA)],
    ['ssml/lexicon-format', `<speak>${CEIBA}</speak>`, pls(CEIBA)],
    ['ssml/lexicon-format', pls(`${CEIBA}\n  <lexeme>`), pls(CEIBA)],
    ['ssml/lexicon-alphabet', pls(CEIBA, 'version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="arpabet" xml:lang="en-US"'), pls(CEIBA)],
    ['ssml/lexicon-language', pls(CEIBA, 'version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en_US"'), pls(CEIBA)],
    ['ssml/phoneme-symbol', pls('  <lexeme><grapheme>Ceiba</grapheme><phoneme>ˈseɪgə</phoneme></lexeme>'), pls(CEIBA)],
    ['ssml/phoneme-stress', pls('  <lexeme><grapheme>Ceiba</grapheme><phoneme>seɪbəˈ</phoneme></lexeme>'), pls(CEIBA)],
    ['ssml/lexicon-size', pls(`  <lexeme><grapheme>Long</grapheme><alias>${'a'.repeat(101)}</alias></lexeme>`), pls(`  <lexeme><grapheme>Long</grapheme><alias>${'a'.repeat(100)}</alias></lexeme>`)],
    ['ssml/lexicon-size', pls(Array.from({ length: 60 }, (_, i) => `  <lexeme><grapheme>W${i}</grapheme><phoneme>ˈseɪbə</phoneme></lexeme>`).join('\n')), pls(CEIBA)],
    ['ssml/escape', pls('  <lexeme><grapheme>AT&T</grapheme><alias>A T and T</alias></lexeme>'), pls('  <lexeme><grapheme>AT&amp;T</grapheme><alias>A T and T</alias></lexeme>')],
  ])('%s: catches one, not the near one', (rule, bad, good) => {
    expect(ids(bad)).toContain(rule);
    expect(ids(good)).not.toContain(rule);
  });

  it('checks the name against Polly\'s rule (1-20 letters and digits)', () => {
    expect(ids(pls(CEIBA), 'ceiba-en_US')).toContain('ssml/lexicon-name');
    expect(ids(pls(CEIBA), 'A'.repeat(21))).toContain('ssml/lexicon-name');
    expect(ids(pls(CEIBA), 'CeibaEnUS2')).toEqual([]);
  });

  it('reports a bad phoneme symbol at its exact position, with the X-SAMPA table of an es-US lexicon', () => {
    const text = pls('  <lexeme>\n    <grapheme>Ceiba</grapheme>\n    <phoneme>"sej.Ta</phoneme>\n  </lexeme>', 'version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="x-sampa" xml:lang="es-US"');
    const [f] = lintLexicon(text, { name: 'CeibaEsUS' }).findings;
    expect(f).toMatchObject({ ruleId: 'ssml/phoneme-symbol' });
    expect(text.split('\n')[f!.line - 1]![f!.column - 1]).toBe('T');
  });
});
