/**
 * The contact-flow interpreter on the shipped flows without a bot: the blocks before and after the
 * bot (language by number and menu, hours of operation against an injected clock, the customer
 * lookup Lambda with faults, queues at capacity, callbacks), and the hours arithmetic. A contact that
 * reaches the bot here takes the bot block's error branch (no alias bound), as Connect does when the
 * alias cannot be reached. The bot conversation itself is in simulator.test.ts.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../scripts/definitions/diagnostics.js';
import { flowForNumber, isWithinHours, runContact, type Caller, type ContactOptions, type FlowLambda } from '../../scripts/flows/interpreter.js';
import { loadFlows } from '../../scripts/flows/load.js';
import type { ProjectFlows } from '../../scripts/flows/model.js';
import { scriptedCaller } from '../../scripts/flows/simulator.js';

const ROOT = join(import.meta.dirname, '..', '..');
let project: ProjectFlows;
beforeAll(async () => {
  const diagnostics: Diagnostic[] = [];
  project = await loadFlows(ROOT, new Map(), diagnostics);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
});

/** Tuesday 1 December 2026, 10:00 in New York. */
const OPEN = new Date('2026-12-01T10:00:00-05:00');
/** Sunday 6 December 2026, 10:00 in New York. */
const SUNDAY = new Date('2026-12-06T10:00:00-05:00');

const lookup = (answer: Record<string, string>): FlowLambda => async () => answer;
const VIP = lookup({ found: 'true', vip: 'true', preferredLocale: 'en_US', callerIdSource: 'callerId', lookupStatus: 'ok' });

function contact(over: Partial<ContactOptions> & { dtmf?: string[] } = {}) {
  const { dtmf, ...rest } = over;
  return runContact({
    flows: project.flows,
    instance: project.instance!,
    to: '+18005550100',
    from: '+13125550188',
    caller: scriptedCaller({ dtmf: dtmf ?? ['1'] }),
    now: () => OPEN,
    lambdas: { connect: VIP },
    bot: () => undefined,
    ...rest,
  });
}

const ids = (p: { blocks: { id: string }[] }) => p.blocks.map((b) => b.id);

describe('language', () => {
  it('the main line plays the menu; 2 is Spanish', async () => {
    const p = await contact({ dtmf: ['2'] });
    expect(ids(p).slice(0, 3)).toEqual(['dialled-number', 'language-menu', 'language-es']);
    expect(p.languageCode).toBe('es-US');
    expect(p.voice).toBe('Lupe');
    expect(p.transcript[1]).toMatchObject({ from: 'caller', kind: 'dtmf', text: '2' });
  });

  it('no key pressed times out to English', async () => {
    const p = await contact({ dtmf: [] });
    expect(p.blocks[1]).toMatchObject({ id: 'language-menu', exit: 'error: InputTimeLimitExceeded' });
    expect(p.attributes.locale).toBe('en_US');
  });

  it('a key no condition names goes the NoMatchingCondition way', async () => {
    const p = await contact({ dtmf: ['9'] });
    expect(p.blocks[1]).toMatchObject({ exit: 'error: NoMatchingCondition' });
    expect(p.languageCode).toBe('en-US');
  });

  it.each([
    ['+18005550101', 'es-US'],
    ['+528005550100', 'es-US'],
    ['+18665550102', 'fr-CA'],
  ])('dialling %s sets %s without the menu', async (to, language) => {
    const p = await contact({ to, dtmf: [] });
    expect(ids(p)).not.toContain('language-menu');
    expect(p.languageCode).toBe(language);
  });

  it('the flow a number rings comes from instance.yaml', () => {
    expect(flowForNumber(project.instance!, '+18005550100')).toBe('SelfServiceInbound');
    expect(flowForNumber(project.instance!, '+18665550100')).toBe('SelfServiceInbound');
    expect(flowForNumber(project.instance!, '+19995550100')).toBeUndefined();
  });
});

describe('hours of operation', () => {
  it('after hours plays the closed message and hangs up before the lookup', async () => {
    let invoked = false;
    const p = await contact({ now: () => SUNDAY, lambdas: { connect: async () => ((invoked = true), {}) } });
    expect(ids(p).slice(-3)).toEqual(['check-hours', 'after-hours', 'hang-up']);
    expect(p.blocks.find((b) => b.id === 'check-hours')).toMatchObject({ exit: '= False', detail: 'ContactCentre: closed (Sunday 10:00 America/New_York)' });
    expect(p.outcome).toEqual({ kind: 'disconnected' });
    expect(p.transcript.at(-1)?.text).toMatch(/^Thanks for calling. Our contact centre is open Monday to Friday/);
    expect(invoked).toBe(false);
  });

  const ny = { timeZone: 'America/New_York', config: [{ day: 'MONDAY', start: '08:00', end: '20:00' }, { day: 'FRIDAY', start: '22:00', end: '02:00' }, { day: 'SATURDAY', start: '18:00', end: '00:00' }] } as const;
  it.each([
    ['2026-11-30T08:00:00-05:00', true],
    ['2026-11-30T19:59:00-05:00', true],
    ['2026-11-30T20:00:00-05:00', false],
    ['2026-11-30T07:59:00-05:00', false],
    // 01:00 UTC Tuesday is 20:00 Monday in New York: closed.
    ['2026-12-01T01:00:00Z', false],
    ['2026-12-04T23:00:00-05:00', true],
    ['2026-12-05T01:30:00-05:00', true],
    ['2026-12-05T02:00:00-05:00', false],
    ['2026-12-05T23:59:00-05:00', true],
    // Summer time: 12:00 UTC is 08:00 EDT on Monday 6 July.
    ['2026-07-06T12:00:00Z', true],
  ])('%s is open: %s', (at, open) => {
    expect(isWithinHours(ny, new Date(at))).toBe(open);
  });
});

describe('customer lookup Lambda', () => {
  it('passes the Connect event and stores the answer as $.External, then contact attributes', async () => {
    let event: Parameters<FlowLambda>[0] | undefined;
    const p = await contact({ lambdas: { connect: async (e) => ((event = e), { found: 'true', vip: 'true', lookupStatus: 'ok' }) } });
    expect(event?.Details.ContactData).toMatchObject({ Channel: 'VOICE', ContactId: p.contactId, CustomerEndpoint: { Address: '+13125550188', Type: 'TELEPHONE_NUMBER' }, SystemEndpoint: { Address: '+18005550100' }, LanguageCode: 'en-US' });
    expect(event?.Details.Parameters).toEqual({ defaultLocale: 'en_US' });
    expect(p.attributes).toMatchObject({ customerFound: 'true', vip: 'true', lookupStatus: 'ok' });
  });

  it.each([
    ['the function fails', { lambda: { CustomerLookup: 'error' as const } }, async () => ({ found: 'true' })],
    ['the function times out', { lambda: { CustomerLookup: 'timeout' as const } }, async () => ({ found: 'true' })],
    ['the function throws', {}, async () => { throw new Error('boom'); }],
    ['the answer is not a string map', {}, async () => ({ found: true, nested: { a: 'b' } })],
  ])('%s: the error branch sets the not-found attributes and the contact goes on', async (_name, faults, fn) => {
    const p = await contact({ faults, lambdas: { connect: fn as FlowLambda } });
    expect(p.blocks.find((b) => b.id === 'lookup')?.exit).toBe('error: NoMatchingError');
    expect(ids(p)).toContain('lookup-failed');
    expect(ids(p)).not.toContain('save-lookup');
    expect(p.attributes).toMatchObject({ customerFound: 'false', vip: 'false', lookupStatus: 'error' });
    expect(p.lambdaCalls[0]?.error).toBeTruthy();
  });
});

describe('after the bot', () => {
  it('a bot that cannot be reached takes the error branch to the general queue', async () => {
    const p = await contact();
    expect(p.blocks.find((b) => b.id === 'bot')?.exit).toBe('error: NoMatchingError');
    expect(ids(p)).toEqual(expect.arrayContaining(['error-message', 'queue-general', 'set-queue-flow', 'transfer']));
    expect(p.outcome).toEqual({ kind: 'queue', queue: 'General', queueFlow: 'SelfServiceQueue' });
    expect(p.transcript.map((t) => t.text)).toContain('Sorry, something went wrong on our side. Let me connect you with an agent.');
    // The customer queue flow's first pass: welcome, hold music, reminder.
    expect(p.blocks.filter((b) => b.flow === 'SelfServiceQueue').map((b) => b.id)).toEqual(['queue-welcome', 'hold-loop', 'hold-music', 'still-waiting']);
  });

  it('a full queue offers a callback on the number called from', async () => {
    const p = await contact({ faults: { queuesAtCapacity: ['General'] } });
    expect(p.blocks.find((b) => b.id === 'transfer')?.exit).toBe('error: QueueAtCapacity');
    expect(ids(p).slice(-4)).toEqual(['callback-own-number', 'create-callback', 'callback-confirmed', 'hang-up']);
    expect(p.outcome).toEqual({ kind: 'callback', queue: 'Callbacks', callbackNumber: '+13125550188', initialDelaySeconds: 60 });
  });

  it('a caller who hangs up at the menu ends the contact there', async () => {
    const caller: Caller = { respond: async () => undefined };
    const p = await contact({ caller });
    expect(p.outcome).toEqual({ kind: 'caller-hung-up', action: 'language-menu' });
  });
});
