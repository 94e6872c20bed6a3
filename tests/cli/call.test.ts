/**
 * `bots call` as a user runs it: help, usage errors (exit 2), and a scripted VIP call on the shipped
 * flows end to end (the local emulator in the child process, the lookup Lambda, the bot), as JSON.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBotsAsync } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('bots call', () => {
  it('--help documents the flags, exit codes and examples', async () => {
    const r = await runBotsAsync(['call', '--help'], ROOT);
    expect(r.status).toBe(0);
    for (const s of ['--to <e164>', '--from <e164>', '--dtmf <keys>', '--say <text>', '--chat', '--at <iso-time>', '--json', '--fault <rule>', 'Exit codes', 'docs/flows.md']) expect(r.stdout).toContain(s);
  });

  it.each([
    [['--to', '18005550100', '--from', '+12025550143'], '--to: "18005550100" is not an E.164 number'],
    [['--to', '+18005550100', '--from', '+12025550143', '--at', 'tomorrow'], '--at: "tomorrow" is not an ISO 8601 time'],
    [['--to', '+18005550100', '--from', '+12025550143', '--dtmf', 'one'], '--dtmf: "one"'],
    [['--to', '+18005550100', '--from', '+12025550143', '--fault', 'lambda:CustomerLookup:slow'], '--fault: "lambda:CustomerLookup:slow" is not a fault rule'],
    [['--from', '+12025550143'], "required option '--to <e164>' not specified"],
  ])('usage error %j exits 2 and says what to do', async (args, message) => {
    const r = await runBotsAsync(['call', ...args], ROOT);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('a number no flow answers exits 1 with the reason', async () => {
    const r = await runBotsAsync(['call', '--to', '+19995550100', '--from', '+12025550143', '--say', 'agent'], ROOT);
    expect(r.stderr).toContain('No flow answers +19995550100');
    expect(r.status).toBe(1);
  }, 120_000);

  it('a scripted VIP call prints the path as JSON with the numbers masked', async () => {
    const r = await runBotsAsync(['call', '--to', '+18005550100', '--from', '+13125550188', '--dtmf', '1', '--say', 'I want to talk to an agent', '--at', '2026-12-01T10:00:00-05:00', '--json'], ROOT);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.outcome).toEqual({ kind: 'queue', queue: 'VIP', queueFlow: 'SelfServiceQueue' });
    expect(out.from).toBe('***88');
    expect(out.attributes).toMatchObject({ locale: 'en_US', customerFound: 'true', vip: 'true' });
    expect(out.blocks.map((b: { id: string }) => b.id)).toEqual(expect.arrayContaining(['language-menu', 'check-hours', 'lookup', 'bot', 'route', 'vip-check', 'queue-vip', 'transfer']));
    expect(out.lexTurns[0]).toMatchObject({ intent: 'TalkToAgent', sessionAttributes: { nextAction: 'TransferToAgent' } });
    expect(r.stdout).not.toContain('13125550188');
  }, 120_000);
});
