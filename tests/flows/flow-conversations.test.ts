/**
 * Conversation tests that start from a contact flow: the test-file keys (`flow:`, `from:`, `to:`,
 * `dtmf:`, `at:`, `channel:`, `faults:`, `path:`) with their errors at file:line:col, and the path
 * expectations against a path.
 */
import { describe, expect, it } from 'vitest';
import { checkPath } from '../../scripts/conversation/runner.js';
import { parseTestFile } from '../../scripts/conversation/test-file.js';
import type { ContactPath } from '../../scripts/flows/interpreter.js';

const file = (body: string) => parseTestFile('tests/conversations/x.yaml', `bot: SelfService\nlocale: en_US\nconversations:\n${body}`);

describe('flow conversations in test files', () => {
  it('parse into the call the simulator places', () => {
    const r = file(`  - name: vip
    flow: SelfServiceInbound
    from: "+13125550188"
    dtmf: "1"
    at: "2026-12-01T10:00:00-05:00"
    faults: { lambda: { CustomerLookup: timeout } }
    turns:
      - user: agent
    path: { outcome: queue, queue: VIP }
`);
    expect(r.diagnostics).toEqual([]);
    const c = r.conversations[0]!;
    expect(c.flowCall).toMatchObject({ flow: 'SelfServiceInbound', from: '+13125550188', dtmf: ['1'], at: '2026-12-01T10:00:00-05:00', channel: 'VOICE', faults: { lambda: { CustomerLookup: 'timeout' } }, path: { outcome: 'queue', queue: 'VIP' } });
    expect(c.flowCall?.pathAt.line).toBe(12);
    // {otp} reads the code texted to the caller.
    expect(c.phone).toBe('+13125550188');
  });

  it('a flow conversation may have no turns (after hours); others may not', () => {
    expect(file(`  - name: closed\n    flow: SelfServiceInbound\n    from: "+13125550188"\n`).diagnostics).toEqual([]);
    const r = file(`  - name: empty\n    turns: []\n`);
    expect(r.diagnostics[0]).toMatchObject({ message: 'Conversation "empty" has no turns.', line: 5 });
  });

  it.each([
    [`  - name: a\n    from: "+13125550188"\n    turns: [{ user: hi }]\n`, 'from belongs to a conversation that starts from a contact flow.', 5],
    [`  - name: a\n    flow: SelfServiceInbound\n    turns: [{ user: hi }]\n`, 'Conversation "a" starts from flow SelfServiceInbound but names no caller.', 5],
    [`  - name: a\n    flow: SelfServiceInbound\n    from: "+13125550188"\n    voice: true\n    turns: [{ user: hi }]\n`, 'voice cannot be set in a flow conversation: the flow decides them.', 7],
    [`  - name: a\n    flow: SelfServiceInbound\n    from: "+13125550188"\n    turns:\n      - attributes: { x: "1" }\n`, 'A flow conversation cannot set session attributes between turns: the flow sets them.', 8],
  ])('%j is refused with the fix', (body, message, line) => {
    const r = file(body);
    expect(r.conversations).toEqual([]);
    expect(r.diagnostics[0]).toMatchObject({ message, line });
    expect(r.diagnostics[0]?.hint).toBeTruthy();
  });

  it.each([
    [`    dtmf: "one"\n`, 'dtmf'],
    [`    at: "tomorrow"\n`, 'at'],
    [`    path: { outcome: voicemail }\n`, 'outcome'],
    [`    faults: { lambda: { CustomerLookup: slow } }\n`, 'CustomerLookup'],
  ])('a bad value %j is a schema error', (extra, key) => {
    const r = file(`  - name: a\n    flow: SelfServiceInbound\n    from: "+13125550188"\n${extra}`);
    expect(r.conversations).toEqual([]);
    expect(r.diagnostics[0]?.ruleId).toMatch(/^conversation\//);
    expect(JSON.stringify(r.diagnostics[0])).toContain(key);
  });
});

describe('checkPath', () => {
  const path = {
    blocks: ['start', 'lookup', 'bot', 'route', 'queue-vip', 'transfer'].map((id) => ({ flow: 'F', id, type: 'T' })),
    attributes: { vip: 'true' },
    languageCode: 'en-US',
    outcome: { kind: 'queue', queue: 'VIP' },
    transcript: [{ from: 'system', text: 'Welcome to Ceiba', flow: 'F', action: 'start' }, { from: 'caller', text: 'secret 123456', flow: 'F', action: 'bot' }],
  } as unknown as ContactPath;

  it('passes when the path shows everything expected', () => {
    expect(checkPath({ outcome: 'queue', queue: 'VIP', blocks: ['lookup', 'queue-vip'], notBlocks: ['after-hours'], attributes: { vip: 'true', missing: null }, language: 'en-US', said: { contains: 'welcome', notContains: '123456' } }, path)).toEqual([]);
  });

  it('reports what differs', () => {
    const m = checkPath({ outcome: 'callback', queue: 'General', blocks: ['queue-vip', 'lookup'], notBlocks: ['bot'], attributes: { vip: 'false' }, language: 'es-US', said: { contains: 'adiós' } }, path);
    expect(m.map((x) => x.field)).toEqual(['path.outcome', 'path.queue', 'path.blocks', 'path.notBlocks', 'path.attributes.vip', 'path.language', 'path.said contains']);
    expect(m[0]).toEqual({ field: 'path.outcome', expected: 'callback', actual: 'queued in VIP' });
  });
});
