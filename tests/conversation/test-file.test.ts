/**
 * The conversation test file format: what it accepts, errors with file:line:col and a fix, and a
 * fast-check fuzz of the parser (never throws; valid files parse to what they say).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseTestFile, testFileJsonSchema } from '../../scripts/conversation/test-file.js';

const F = 'tests/conversations/t.yaml';

describe('parseTestFile', () => {
  it('accepts the example of docs/conversations.md', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'conversations.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const r = parseTestFile('docs/conversations.md', example);
    expect(r.diagnostics).toEqual([]);
    expect(r.conversations.map((c) => c.turns.length)).toEqual([3, 2]);
  });

  it('applies the file defaults and keeps each turn position', () => {
    const text = ['bot: SelfService', 'locale: es_US', 'conversations:', '  - name: one', '    voice: true', '    contact: { phoneNumber: "+13055550172" }', '    turns:', '      - attributes: { a: "1", b: null }', '      - user: hola', '        expect: { intent: X }', ''].join('\n');
    const { conversations, diagnostics } = parseTestFile(F, text);
    expect(diagnostics).toEqual([]);
    expect(conversations).toMatchObject([
      {
        id: `${F} › one`,
        bot: 'SelfService',
        locale: 'es_US',
        voice: true,
        phone: '+13055550172',
        targets: ['local', 'aws'],
        turns: [
          { kind: 'attributes', attributes: { a: '1', b: null }, at: { line: 8, column: 9 } },
          { kind: 'user', user: 'hola', input: 'text', expect: { intent: 'X' }, at: { file: F, line: 9, column: 9 } },
        ],
      },
    ]);
  });

  it('has a JSON Schema for editors with the same keys', () => {
    const schema = testFileJsonSchema() as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(['bot', 'locale', 'description', 'conversations']);
    expect(schema.required).toEqual(['conversations']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('points at an unknown key with a suggestion', () => {
    const text = 'bot: B\nlocale: en_US\nconversations:\n  - name: x\n    turns:\n      - user: hi\n        expect: { intnet: Foo }\n';
    const { conversations, diagnostics } = parseTestFile(F, text);
    expect(conversations).toEqual([]);
    expect(diagnostics).toMatchObject([{ ruleId: 'conversation/unknown-key', file: F, line: 7, column: 19, message: 'Unknown key "intnet": did you mean "intent"?' }]);
  });

  it('points at a wrong value with the format docs as the fix', () => {
    const text = 'bot: B\nlocale: en_US\nconversations:\n  - name: x\n    turns:\n      - user: hi\n        expect:\n          dialogAction: Elicit\n';
    const [d] = parseTestFile(F, text).diagnostics;
    expect(d).toMatchObject({ ruleId: 'conversation/schema', line: 8, column: 25, hint: expect.stringContaining('docs/conversations.md') });
    expect(d!.message).toContain('conversations.0.turns.0.expect.dialogAction');
  });

  it('reports YAML syntax errors, missing bot or locale, duplicates, placeholders and regexes', () => {
    expect(parseTestFile(F, 'conversations: [\n').diagnostics[0]).toMatchObject({ ruleId: 'conversation/yaml', file: F, line: 2 });
    const messages = (text: string) => parseTestFile(F, text).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(messages('conversations:\n  - name: x\n    turns: [{ user: hi }]\n')).toEqual(['2:5 Conversation "x" names no bot.', '2:5 Conversation "x" names no locale.']);
    const base = 'bot: B\nlocale: en_US\nconversations:\n';
    expect(messages(`${base}  - name: x\n    turns: [{ user: hi }]\n  - name: x\n    turns: [{ user: hi }]\n`)).toEqual(['6:11 Two conversations are named "x".']);
    expect(messages(`${base}  - name: x\n    turns:\n      - user: "{pin}"\n`)).toEqual(['6:15 Unknown placeholder {pin} in user text.']);
    expect(messages(`${base}  - name: x\n    turns:\n      - user: "{otp}"\n`)[0]).toMatch(/^6:15 \{otp\} needs the caller's number/);
    expect(messages(`${base}  - name: x\n    turns:\n      - user: hi\n        expect: { message: { regex: "(" } }\n`)[0]).toMatch(/^7:37 Invalid regex/);
  });

  it('fuzz: never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = parseTestFile(F, text);
        expect(r.conversations.length === 0 || r.diagnostics.length === 0).toBe(true);
        for (const d of r.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('fuzz: never throws on YAML of arbitrary JSON values, and errors have positions', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const r = parseTestFile(F, stringify({ bot: 'B', locale: 'en_US', conversations: value }));
        for (const d of r.diagnostics) {
          expect(d.file).toBe(F);
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('fuzz: a valid file parses to its conversations and turns', () => {
    const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[{}]/.test(s) && s.trim().length > 0);
    const conversation = fc.record({
      name: fc.string({ minLength: 1, maxLength: 20 }),
      turns: fc.array(fc.oneof(fc.record({ user: text }), fc.record({ attributes: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.option(fc.string({ maxLength: 10 }), { nil: null })) })), { minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(conversation, { minLength: 1, maxLength: 4, selector: (c) => c.name }), (convs) => {
        const r = parseTestFile(F, stringify({ bot: 'B', locale: 'fr_CA', conversations: convs }));
        expect(r.diagnostics).toEqual([]);
        expect(r.conversations.map((c) => c.name)).toEqual(convs.map((c) => c.name));
        r.conversations.forEach((c, i) => {
          expect(c.turns.map((t) => (t.kind === 'user' ? t.user : t.attributes))).toEqual(convs[i]!.turns.map((t) => ('user' in t ? t.user : t.attributes)));
        });
      }),
      { numRuns: 200 },
    );
  });
});
