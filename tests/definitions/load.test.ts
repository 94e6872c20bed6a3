import fc from 'fast-check';
import { stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../scripts/definitions/source.js';
import { loadProject } from '../../scripts/definitions/load.js';
import { generateJsonSchemas } from '../../scripts/definitions/json-schema.js';
import { baseFiles, only, validateFiles, writeProject } from '../helpers/project.js';

describe('definitions/yaml', () => {
  it('reports a syntax error at its line and column, without throwing', async () => {
    const ds = await validateFiles(baseFiles({ 'intents/en_US/Goodbye.yaml': 'name: Goodbye\nsampleUtterances:\n  - bye\n    bad: x\n  - ok\n' }));
    const yaml = only(ds, 'definitions/yaml');
    expect(yaml.length).toBeGreaterThan(0);
    expect(yaml[0]).toMatchObject({ file: 'intents/en_US/Goodbye.yaml', line: 3, column: 5, severity: 'error' });
  });

  it('reports a duplicate key', async () => {
    const ds = only(await validateFiles(baseFiles({ 'intents/en_US/Goodbye.yaml': 'name: Goodbye\nname: Other\n' })), 'definitions/yaml');
    expect(ds[0]!.message).toContain('duplicate key');
    expect(ds[0]!.line).toBe(2);
  });
});

describe('definitions/unknown-key', () => {
  it('names the key, its position and the key it was probably meant to be', async () => {
    const text = 'name: Goodbye\nsampleUtterance:\n  - bye\n';
    const ds = only(await validateFiles(baseFiles({ 'intents/en_US/Goodbye.yaml': text })), 'definitions/unknown-key');
    expect(ds).toEqual([expect.objectContaining({ line: 2, column: 1, message: 'Unknown key "sampleUtterance": did you mean "sampleUtterances"?' })]);
  });

  it('finds unknown keys deep inside a slot', async () => {
    const text = 'name: Goodbye\nslots:\n  - name: A\n    type: AMAZON.Number\n    requird: false\n';
    const ds = only(await validateFiles(baseFiles({ 'intents/en_US/Goodbye.yaml': text })), 'definitions/unknown-key');
    expect(ds).toEqual([expect.objectContaining({ line: 5, column: 5 })]);
    expect(ds[0]!.message).toContain('"required"');
  });

  it('does not suggest anything for a key unlike every known key', async () => {
    const ds = only(await validateFiles(baseFiles({ 'intents/en_US/Goodbye.yaml': 'name: Goodbye\nzzqqxx: 1\n' })), 'definitions/unknown-key');
    expect(ds[0]!.message).toBe('Unknown key "zzqqxx".');
  });
});

describe('definitions/schema', () => {
  it('reports a wrong type at the value', async () => {
    const text = 'name: Demo\nidleSessionTTLInSeconds: ten\nlocales:\n  en_US:\n    intents: [Balance, Goodbye]\n';
    const ds = only(await validateFiles(baseFiles({ 'bots/Demo.yaml': text })), 'definitions/schema');
    expect(ds).toEqual([expect.objectContaining({ line: 2, column: 26 })]);
    expect(ds[0]!.message).toContain('idleSessionTTLInSeconds');
  });

  it('reports a value out of range (idle TTL below 60 s)', async () => {
    const ds = only(await validateFiles(baseFiles({ 'bots/Demo.yaml': { name: 'Demo', idleSessionTTLInSeconds: 59, locales: { en_US: { intents: ['Balance'] } } } })), 'definitions/schema');
    expect(ds[0]!.message).toContain('at least 60');
  });

  it('explains a message that matches none of the allowed forms by the closest form', async () => {
    const ds = await validateFiles(baseFiles({ 'intents/en_US/Goodbye.yaml': 'name: Goodbye\nclosing:\n  ssml: "bad id!"\n' }));
    expect(only(ds, 'definitions/schema')[0]!.message).toContain('SSML prompt id');
  });

  it('reports an empty file', async () => {
    const ds = only(await validateFiles(baseFiles({ 'intents/en_US/Goodbye.yaml': '' })), 'definitions/schema');
    expect(ds[0]!.message).toBe('The file is empty.');
  });
});

describe('references between files', () => {
  it('reports a file whose name differs from its name key (definitions/file-name)', async () => {
    const ds = await validateFiles(baseFiles({ 'intents/en_US/Goodbye.yaml': { name: 'GoodBye', sampleUtterances: ['bye'] } }));
    expect(only(ds, 'definitions/file-name')).toEqual([expect.objectContaining({ line: 1, column: 7 })]);
  });

  it('reports an intent a locale lists that has no file, at the list item (definitions/missing-intent)', async () => {
    const ds = only(await validateFiles(baseFiles({ 'bots/Demo.yaml': 'name: Demo\nlocales:\n  en_US:\n    intents:\n      - Balance\n      - Goodbye\n      - Transfer\n' })), 'definitions/missing-intent');
    expect(ds).toEqual([expect.objectContaining({ line: 7, column: 9 })]);
  });

  it('reports a slot of an unknown custom type, and accepts built-in types (definitions/missing-slot-type)', async () => {
    const slots = [
      { name: 'A', type: 'AccountKind', required: false },
      { name: 'B', type: 'AMAZON.Number', required: false },
    ];
    const ds = only(await validateFiles(baseFiles({ 'intents/en_US/Goodbye.yaml': { name: 'Goodbye', slots } })), 'definitions/missing-slot-type');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain('AccountKind');
  });

  it('reports a per-locale file outside a locale folder (definitions/layout)', async () => {
    const ds = await validateFiles(baseFiles({ 'intents/english/Hello.yaml': { name: 'Hello' } }));
    expect(only(ds, 'definitions/layout')).toHaveLength(1);
  });
});

describe('a file that exists but cannot be read', () => {
  const twoLocales = (overrides: Record<string, string | object>) =>
    baseFiles({
      'bots/Demo.yaml': {
        name: 'Demo',
        locales: {
          en_US: { voice: { id: 'Danielle', engine: 'neural' }, intents: ['Balance', 'Goodbye'] },
          es_US: { voice: { id: 'Lupe', engine: 'neural' }, intents: ['Balance', 'Goodbye'] },
        },
      },
      'intents/es_US/Balance.yaml': { name: 'Balance', sampleUtterances: ['cuál es mi saldo'] },
      'intents/es_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: ['adiós'] },
      ...overrides,
    });
  const followOn = ['definitions/missing-intent', 'definitions/missing-slot-type', 'locales/same-intents'];

  it.each([
    ['a YAML syntax error', 'name: Goodbye\nsampleUtterances:\n  - bye\n    bad: x\n', 'definitions/yaml'],
    ['an unknown key', 'name: Goodbye\nsampleUtterance:\n  - bye\n', 'definitions/unknown-key'],
    ['a schema error', 'name: Goodbye\nsampleUtterances: 5\n', 'definitions/schema'],
  ])('reports only the real error for %s, not "does not exist" or "locale lacks intent"', async (_what, text, ruleId) => {
    const ds = await validateFiles(twoLocales({ 'intents/en_US/Goodbye.yaml': text }));
    expect(only(ds, ruleId).length).toBeGreaterThan(0);
    expect(ds.filter((d) => followOn.includes(d.ruleId))).toEqual([]);
  });

  it('reports only the real error for a slot type file that cannot be read', async () => {
    const ds = await validateFiles(
      twoLocales({
        'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: ['bye'], slots: [{ name: 'Kind', type: 'AccountKind', required: false }] },
        'slot-types/en_US/AccountKind.yaml': 'name: AccountKind\nvalue:\n  - checking\n',
      }),
    );
    expect(only(ds, 'definitions/unknown-key')).toHaveLength(1);
    expect(ds.filter((d) => followOn.includes(d.ruleId))).toEqual([]);
  });

  it('still reports an intent whose file really does not exist', async () => {
    const ds = await validateFiles(twoLocales({ 'intents/es_US/Goodbye.yaml': 'name: Goodbye\nsampleUtterance: [adiós]\n', 'bots/Demo.yaml': { name: 'Demo', locales: { en_US: { intents: ['Balance', 'Goodbye', 'Transfer'] }, es_US: { intents: ['Balance', 'Goodbye'] } } } }));
    expect(only(ds, 'definitions/missing-intent')).toEqual([expect.objectContaining({ message: expect.stringContaining('Transfer') })]);
  });
});

describe('loader robustness', () => {
  it('never throws on arbitrary file contents (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.anything().map((v) => stringify(v) ?? ""), fc.record({ name: fc.string(), sampleUtterances: fc.anything(), slots: fc.anything() }).map((v) => stringify(v)), fc.constantFrom('name: [', '*!', 'a: &a [*a, *a, *a]', 'a: &x\n  b: *x', '- - -', '{', 'name: !!binary x', 'locales: 5')), async (text) => {
        const root = writeProject(baseFiles({ 'intents/en_US/Goodbye.yaml': text, 'bots/Demo.yaml': text }));
        const { diagnostics } = await loadProject(root);
        for (const d of diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('gives positions for any path, falling back to the nearest existing node', () => {
    const { source } = parseYamlSource('x.yaml', 'a:\n  b:\n    - 1\n    - 2\n');
    expect(source.positionOf(['a', 'b', 1])).toEqual({ file: 'x.yaml', line: 4, column: 7 });
    expect(source.positionOf(['a', 'missing', 3])).toEqual({ file: 'x.yaml', line: 2, column: 3 });
  });
});

describe('JSON Schemas for editors', () => {
  it('are committed and up to date with the zod schemas (run npm run schema)', () => {
    for (const [file, text] of generateJsonSchemas()) {
      expect(readFileSync(join(import.meta.dirname, '..', '..', 'schemas', file), 'utf8'), file).toBe(text);
    }
  });
});
