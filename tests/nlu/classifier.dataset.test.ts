import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { fewShotSplit, injectTypos, parseCsv, readLabelledCsv, takePerLabel } from '../../scripts/nlu/dataset.js';
import { seededRandom, shuffled } from '../../scripts/nlu/random.js';
import { scoreUtterances, summarize, toTrainingData } from '../../scripts/nlu/evaluation.js';
import type { IntentClassifier } from '../../scripts/nlu/types.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks (RFC 4180)', () => {
    // Arrange
    const csv = 'text,category\r\n"Hello, world",greet\r\n"She said ""hi""",quote\n"two\nlines",multi\nplain,x\n';
    // Act
    const rows = parseCsv(csv);
    // Assess
    expect(rows).toEqual([
      ['text', 'category'],
      ['Hello, world', 'greet'],
      ['She said "hi"', 'quote'],
      ['two\nlines', 'multi'],
      ['plain', 'x'],
    ]);
  });

  it('keeps empty fields, skips a BOM and accepts a missing final line break', () => {
    // Act
    const rows = parseCsv('\uFEFFa,b,c\n,,\nx,"",z');
    // Assess
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['', '', ''],
      ['x', '', 'z'],
    ]);
  });

  it('rejects an unterminated quoted field and a quote inside an unquoted field', () => {
    // Act, Assess
    expect(() => parseCsv('text\n"open')).toThrow(/line 2: unterminated/);
    expect(() => parseCsv('text\nab"c')).toThrow(/line 2: quote inside/);
    expect(() => parseCsv('text\n"ab"c')).toThrow(/after a closing quote/);
  });

  it('round-trips any table written with quoting', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), (table) => {
        const csv = table.map((row) => row.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\r\n');
        expect(parseCsv(csv)).toEqual(table);
      }),
    );
  });
});

describe('readLabelledCsv', () => {
  it('reads the text and category columns by name and skips empty rows', () => {
    // Act
    const rows = readLabelledCsv('id,category,text\n1,card_arrival,"Where is my card?"\n2,,no label\n3,oos," "\n');
    // Assess
    expect(rows).toEqual([{ text: 'Where is my card?', label: 'card_arrival' }]);
  });

  it('says which columns it needs', () => {
    // Act, Assess
    expect(() => readLabelledCsv('utterance,intent\nhi,greet\n')).toThrow(/text and a category column/);
  });
});

describe('seededRandom and shuffled', () => {
  it('repeat for the same seed and differ between seeds', () => {
    // Act
    const a = shuffled([...Array(20).keys()], seededRandom(7));
    const b = shuffled([...Array(20).keys()], seededRandom(7));
    const c = shuffled([...Array(20).keys()], seededRandom(8));
    // Assess
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
  });
});

describe('fewShotSplit', () => {
  const rows = ['a', 'b', 'c'].flatMap((label) => Array.from({ length: 12 }, (_, i) => ({ text: `${label}${i}`, label })));

  it('keeps the test set apart from the training pool and the same for every k', () => {
    // Act
    const split = fewShotSplit(rows, 5, 4, 1);
    const k3 = takePerLabel(split.trainPool, 3);
    // Assess
    const train = new Set([...split.trainPool.values()].flat());
    expect(split.test).toHaveLength(12);
    for (const t of split.test) expect(train.has(t.text)).toBe(false);
    for (const [label, texts] of k3) expect(texts).toEqual(split.trainPool.get(label)!.slice(0, 3));
  });

  it('depends on the seed, not on the order of the labels', () => {
    // Arrange: the same utterances per label, labels in another order (a stable sort keeps each label's order)
    const relabelled = [...rows].sort((a, b) => b.label.localeCompare(a.label));
    // Act, Assess
    expect(fewShotSplit(rows, 5, 4, 2)).toEqual(fewShotSplit(relabelled, 5, 4, 2));
    expect(fewShotSplit(rows, 5, 4, 2).test).not.toEqual(fewShotSplit(rows, 5, 4, 3).test);
  });
});

describe('injectTypos', () => {
  const text = 'Why has my card payment not been processed yet?';

  it('is deterministic for a seed and changes the text by a few edits', () => {
    // Act
    const a = injectTypos(text, 1);
    const b = injectTypos(text, 1);
    // Assess
    expect(a).toBe(b);
    expect(a).not.toBe(text);
    expect(distance(a, text)).toBeLessThanOrEqual(4); // 2 typos, a swap counting as 2 edits
  });

  it('puts about one typo per ten letters when asked', () => {
    // Act
    const heavy = injectTypos(text, 1, { kind: 'perChars', every: 10 });
    // Assess
    expect(distance(heavy, text)).toBeGreaterThanOrEqual(3);
  });

  it('leaves text without a word of three letters alone, and never throws', () => {
    // Act, Assess
    expect(injectTypos('ok, 42 !', 3)).toBe('ok, 42 !');
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.integer(), (s, seed) => {
        expect(typeof injectTypos(s, seed)).toBe('string');
      }),
    );
  });
});

describe('evaluation', () => {
  // A stub that answers by keyword, so the figures can be counted by hand.
  const stub: IntentClassifier = {
    rank: (text) =>
      text.includes('card')
        ? [
            { intent: 'card', confidence: 0.9 },
            { intent: 'balance', confidence: 0.1 },
          ]
        : [
            { intent: 'balance', confidence: 0.3 },
            { intent: 'card', confidence: 0.2 },
          ],
  };

  it('counts top-1, top-3, accuracy at the threshold and out-of-scope recall', () => {
    // Arrange
    const test = [
      { text: 'my card', label: 'card' },
      { text: 'my balance', label: 'balance' },
      { text: 'card balance', label: 'balance' },
      { text: 'weather', label: 'oos' },
      { text: 'card game', label: 'oos' },
    ];
    // Act
    const summary = summarize(scoreUtterances(stub, test), 0.4);
    // Assess
    expect(summary).toEqual({ threshold: 0.4, inScope: 3, outOfScope: 2, top1: 2 / 3, top3: 1, acceptedTop1: 1 / 3, outOfScopeRecall: 1 / 2 });
  });

  it('builds training data with one intent per label', () => {
    // Act
    const data = toTrainingData(new Map([['a', ['x', 'y']]]), 'fr_CA');
    // Assess
    expect(data).toEqual({ localeId: 'fr_CA', slotTypes: [], intents: [{ name: 'a', utterances: ['x', 'y'], slots: [] }] });
  });
});
