/**
 * Issue #18 done means: missed traffic for an intent the bot lacks is drafted into a new intent by
 * `bots tune`, applied with `--apply`, deployed, and then understood.
 *
 * Callers ask eight ways to change the address the bank has for them, a need the shipped bot has no
 * intent for and its FAQ (fulfillment/knowledge-base/en_US/*.md) does not answer, to a copy of the
 * shipped bot, through the local emulator and the real Lex Runtime V2 client (so the turns land in
 * the emulator's analytics, which `bots tune` reads through the real Lex Models V2 client); `bots
 * tune --apply` (the CLI) labels them one new intent about the address and writes it; the project
 * validates; a local deploy of the changed definitions then recognises held-out ways of saying it
 * as that intent, and the bot's other requests as before.
 *
 * (Until issue 18's NLU work the traffic was eight ways of reporting a lost card; the NLU now
 * answers those with AskQuestion, whose FAQ covers "How do I report a lost or stolen card?", which
 * is right for the caller, so they are no longer missed traffic.)
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_SESSION_PREFIX } from '../../scripts/conversation/session-ids.js';
import { openLexTarget } from '../../scripts/conversation/target.js';
import type { ApplyResult, TuningReport } from '../../scripts/tuning/index.js';
import { runBots } from '../helpers/cli.js';

const REPO = join(import.meta.dirname, '..', '..');
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** Eight ways of asking for a change of address, one conversation each. */
const NEW_ADDRESS = [
  'i need to update my mailing address',
  'i moved and need to change my address',
  'my address has changed',
  'can you update my home address',
  'i want to change the address you have on file',
  'update my address please',
  'my mailing address is out of date',
  'you have my old address',
];
/** Said after the deploy: none of them is in the traffic or the draft. */
const HELD_OUT = ['i would like to change my mailing address', 'we moved, please update our address', 'please put my new address on file', 'i just moved, my address is different now'];

/** The NLU's top interpretation of each line (one new session per line), with its confidence. */
async function interpret(root: string, dataDir: string, lines: readonly string[], prefix: string, deploy: boolean): Promise<{ intent: string; confidence: number }[]> {
  const t = await openLexTarget({ root, bot: 'SelfService', localeId: 'en_US', local: { dataDir }, deploy });
  try {
    const out: { intent: string; confidence: number }[] = [];
    for (const [k, text] of lines.entries()) {
      const r = await t.runtime.send(new RecognizeTextCommand({ botId: t.botId, botAliasId: t.botAliasId, localeId: t.localeId, sessionId: `${prefix}-${k}`, text }));
      const top = r.interpretations?.[0];
      out.push({ intent: top?.intent?.name ?? '', confidence: top?.nluConfidence?.score ?? 0 });
    }
    return out;
  } finally {
    await t.close();
  }
}

describe('a new intent from missed traffic, end to end', () => {
  it('drafts an address intent from eight missed ways of asking for it, applies it, deploys it locally, and then understands held-out ways', async () => {
    // Prepare: a copy of the shipped project, deployed to the local emulator; callers ask to change their address.
    const root = mkdtempSync(join(tmpdir(), 'bots-e2e-tune-'));
    roots.push(root);
    for (const dir of ['bots', 'intents', 'slot-types', 'ssml', 'flows']) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
    const dataDir = join(root, '.bots', 'local');
    const before = await interpret(root, dataDir, NEW_ADDRESS, 'caller', true);
    // The held-out ways in bots test sessions, which bots tune leaves out of the traffic.
    const heldOutBefore = await interpret(root, dataDir, HELD_OUT, TEST_SESSION_PREFIX, false);
    expect(before.map((b) => b.intent)).toEqual(NEW_ADDRESS.map(() => 'FallbackIntent'));
    expect(heldOutBefore.map((b) => b.intent)).toEqual(HELD_OUT.map(() => 'FallbackIntent'));

    // Act: bots tune --apply on the emulator's analytics.
    const run = runBots(['tune', '--bot', 'SelfService', '--locale', 'en_US', '--apply', '--json'], root, { BOTS_LOCAL_ENDPOINT: undefined });

    // Assess: the eight are one cluster, labelled new intent (named after the address, e.g.
    // UpdateAddress), and no miss is counted against an intent.
    expect(run.status, run.stderr).toBe(0);
    const { report, apply } = JSON.parse(run.stdout) as { report: TuningReport; apply: ApplyResult };
    expect(report.totals.missed).toBe(NEW_ADDRESS.length);
    expect(report.clusters).toHaveLength(1);
    const [cluster] = report.clusters;
    expect(cluster!.members.map((m) => m.text).sort()).toEqual([...NEW_ADDRESS].sort());
    expect(cluster!.action).toEqual({ kind: 'new-intent' });
    const name = cluster!.draft!.name;
    expect(name).toMatch(/^[A-Z][A-Za-z]*Address[A-Za-z]*$/);
    const file = `intents/en_US/${name}.yaml`;
    expect(cluster!.draft).toMatchObject({ file, fromTraffic: 8, ready: true });
    expect(report.intents.every((i) => i.misses === 0)).toBe(true);

    // Assess: --apply wrote the intent file (15-20 utterances, the callers' eight first) and listed it.
    expect(apply.changes).toEqual([]);
    expect(apply.created).toEqual([expect.objectContaining({ intent: name, file, fromTraffic: 8, untranslated: ['es_US', 'fr_CA'] })]);
    const intent = parse(readFileSync(join(root, file), 'utf8')) as { name: string; sampleUtterances: string[] };
    expect(intent.name).toBe(name);
    expect(intent.sampleUtterances.length).toBeGreaterThanOrEqual(15);
    expect(intent.sampleUtterances.length).toBeLessThanOrEqual(20);
    expect(intent.sampleUtterances).toEqual(expect.arrayContaining(NEW_ADDRESS));
    for (const h of HELD_OUT) expect(intent.sampleUtterances).not.toContain(h);
    const bot = parse(readFileSync(join(root, 'bots/SelfService.yaml'), 'utf8')) as { locales: Record<string, { intents: string[]; missingIntents?: Record<string, string> }> };
    expect(bot.locales.en_US!.intents).toContain(name);
    expect(Object.keys(bot.locales.es_US!.missingIntents ?? {})).toEqual([name]);
    const validate = runBots(['validate'], root);
    expect(validate.status, validate.stdout + validate.stderr).toBe(0);

    // Act: deploy the changed definitions locally and say the held-out ways, and two old requests.
    const after = await interpret(root, dataDir, [...HELD_OUT, "what's my balance", 'when are you open'], 'after', true);

    // Assess: understood as the new intent above the bot's confidence threshold; the old intents as before.
    expect(after.map((a) => a.intent)).toEqual([...HELD_OUT.map(() => name), 'CheckBalance', 'BusinessHours']);
    for (const a of after) expect(a.confidence).toBeGreaterThanOrEqual(0.4);
  }, 240_000);
});
