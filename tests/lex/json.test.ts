import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepMerge, diffJson, equalJson, type JsonObject } from '../../scripts/lex/json.js';

const jsonObject = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 4 })) as fc.Arbitrary<JsonObject>;

describe('diffJson and deepMerge (the lex: passthrough)', () => {
  it('merging the diff over the generated JSON gives the original back, for any two objects', () => {
    fc.assert(
      fc.property(jsonObject, jsonObject, (original, generated) => {
        // Act
        const { patch } = diffJson(original, generated);
        // Assess
        expect(equalJson(deepMerge(generated, patch), original)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps only the differing leaves (sparse), and names their paths', () => {
    // Prepare
    const original = { a: { b: 1, c: { d: 'x', e: [1, 2] } }, f: null, g: 'same' };
    const generated = { a: { b: 1, c: { d: 'y', e: [1, 2] } }, g: 'same', h: true };
    // Act
    const { patch, paths } = diffJson(original, generated);
    // Assess
    expect(patch).toEqual({ a: { c: { d: 'x' } }, h: null });
    expect(paths).toEqual(['a.c.d', 'h']);
  });

  it('treats null and absent as equal, and ignores the keys it is told to', () => {
    // Act
    const { patch } = diffJson({ identifier: 'ABC', x: null, y: { z: null } }, { identifier: 'XYZ', y: {} }, ['identifier']);
    // Assess
    expect(patch).toBeUndefined();
  });

  it('replaces arrays and scalars whole, and merges objects key by key', () => {
    // Act
    const merged = deepMerge({ list: [1, 2, 3], obj: { keep: 1, change: 2 }, s: 'a' }, { list: [9], obj: { change: 3 }, s: null });
    // Assess
    expect(merged).toEqual({ list: [9], obj: { keep: 1, change: 3 }, s: null });
  });

  it('handles a "__proto__" key as data, not as the prototype', () => {
    // Prepare
    const original = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as JsonObject;
    // Act
    const { patch } = diffJson(original, { a: 1 });
    const merged = deepMerge({ a: 1 }, patch) as JsonObject;
    // Assess
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
