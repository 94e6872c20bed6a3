/**
 * `--apply` of new-intent drafts: the draft intent file, the bot locale's list and the other
 * locales' `missingIntents` exceptions are written together, only after the whole change
 * validated, and with no other line of the bot file changed.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { TuningAccumulator, type TuningReport } from '../../scripts/tuning/analyze.js';
import { ApplyRejectedError, applySuggestions } from '../../scripts/tuning/apply.js';
import { withIntentListed, withMissingIntent } from '../../scripts/tuning/bot-edit.js';
import { tuningContextOf } from '../../scripts/tuning/context.js';
import { redactText } from '../../scripts/tuning/redact.js';
import { validateProject } from '../../scripts/validate/index.js';

const REPO = join(import.meta.dirname, '..', '..');
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function copyShippedProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'bots-tune-apply-'));
  roots.push(root);
  for (const dir of ['bots', 'intents', 'slot-types', 'ssml', 'flows']) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
  return root;
}

const CAR_INSURANCE = ['do you sell car insurance', 'i need auto insurance', 'can i insure my car with you', 'car insurance quote', 'how much is coverage for my vehicle', 'i want a policy for my car'];
const DOSH = ["what's my dosh", 'tell me my dosh', 'whats my dosh', 'how much dosh do i have'];

/** The report `bots tune` makes of these missed turns against the definitions under `root`. */
async function analyse(root: string, misses: string[], localeId = 'en_US'): Promise<TuningReport> {
  const { project } = await loadProject(root);
  const ctx = tuningContextOf(project.bots.find((b) => b.name === 'SelfService')!, localeId);
  const acc = new TuningAccumulator({ localeId });
  let t = Date.parse('2026-12-01T09:00:00Z');
  // Masked as runTune masks every source.
  misses.forEach((u, i) => acc.add({ timestamp: (t += 1000), sessionId: `m${i}`, utterance: redactText(u), missed: true, localeId }));
  return acc.finish(ctx, { sources: ['test'] });
}

describe('applySuggestions with new-intent drafts', () => {
  it('writes the draft intent file, lists it in the locale before FallbackIntent and marks the other locales untranslated, changing no other line', async () => {
    // Prepare
    const root = copyShippedProject();
    const botBefore = readFileSync(join(root, 'bots/SelfService.yaml'), 'utf8');
    const report = await analyse(root, CAR_INSURANCE);
    expect(report.clusters.map((c) => c.action.kind)).toEqual(['new-intent']);

    // Act
    const result = await applySuggestions(root, report);

    // Assess: the intent file as drafted, 15-20 utterances, the callers' six among them.
    expect(result.created).toEqual([
      { intent: 'CarInsurance', file: 'intents/en_US/CarInsurance.yaml', utterances: expect.any(Number), fromTraffic: 6, botFile: 'bots/SelfService.yaml', untranslated: ['es_US', 'fr_CA'] },
    ]);
    const text = readFileSync(join(root, 'intents/en_US/CarInsurance.yaml'), 'utf8');
    expect(text).toBe(report.clusters[0]!.draft!.yaml);
    const intent = parse(text) as { name: string; sampleUtterances: string[] };
    expect(intent.sampleUtterances.length).toBeGreaterThanOrEqual(15);
    expect(intent.sampleUtterances.length).toBeLessThanOrEqual(20);
    expect(intent.sampleUtterances).toEqual(expect.arrayContaining(CAR_INSURANCE));
    expect(text).toMatch(/missingIntents until it is translated: bots translate --from en_US --intents CarInsurance/);

    // Assess: the bot file differs by the en_US list and one missingIntents block per other locale.
    const botAfter = readFileSync(join(root, 'bots/SelfService.yaml'), 'utf8');
    const bot = parse(botAfter) as { locales: Record<string, { intents: string[]; missingIntents?: Record<string, string> }> };
    expect(bot.locales.en_US!.intents.slice(-2)).toEqual(['CarInsurance', 'FallbackIntent']);
    expect(bot.locales.es_US!.intents).not.toContain('CarInsurance');
    expect(bot.locales.es_US!.missingIntents).toEqual({ CarInsurance: 'drafted by bots tune from en_US traffic; not translated yet (bots translate --from en_US --to es_US --intents CarInsurance)' });
    expect(bot.locales.fr_CA!.missingIntents?.CarInsurance).toMatch(/--to fr_CA --intents CarInsurance/);
    const lines = botBefore.split('\n');
    const lists = lines.flatMap((l, k) => (/^ {4}intents: \[/.test(l) ? [k] : []));
    expect(lists).toHaveLength(3);
    for (const [k, to] of [[lists[2]!, 'fr_CA'], [lists[1]!, 'es_US']] as const) {
      lines.splice(k + 1, 0, '    missingIntents:', `      CarInsurance: "drafted by bots tune from en_US traffic; not translated yet (bots translate --from en_US --to ${to} --intents CarInsurance)"`);
    }
    lines[lists[0]!] = lines[lists[0]!]!.replace('EndConversation, FallbackIntent]', 'EndConversation, CarInsurance, FallbackIntent]');
    expect(botAfter).toBe(lines.join('\n'));

    // Assess: the project validates with no error; the next analysis knows the intent.
    const { project, diagnostics } = await loadProject(root);
    expect(validateProject(project, diagnostics).filter((d) => d.severity === 'error')).toEqual([]);
    const again = await applySuggestions(root, await analyse(root, CAR_INSURANCE));
    expect(again.created).toEqual([]);
  });

  it('writes nothing at all when the change would not validate, not even the utterances for existing intents', async () => {
    // Prepare: one add-to-intent cluster and a draft whose closing names an SSML prompt that does not exist.
    const root = copyShippedProject();
    const report = await analyse(root, [...CAR_INSURANCE, ...DOSH]);
    const draft = report.clusters.find((c) => c.draft)!.draft!;
    draft.yaml = draft.yaml.replace(/closing:\n(.*\n)*/, 'closing:\n  ssml: no-such-prompt\n');
    expect(report.clusters.some((c) => c.action.kind === 'add-to-intent')).toBe(true);
    const before = new Map(['bots/SelfService.yaml', 'intents/en_US/CheckBalance.yaml'].map((f) => [f, readFileSync(join(root, f), 'utf8')]));

    // Act
    const applying = applySuggestions(root, report);

    // Assess
    await expect(applying).rejects.toBeInstanceOf(ApplyRejectedError);
    await expect(applying).rejects.toThrow(/nothing was written: intents\/en_US\/CarInsurance\.yaml:\d+:\d+ .*no-such-prompt/);
    for (const [f, text] of before) expect(readFileSync(join(root, f), 'utf8'), f).toBe(text);
    expect(existsSync(join(root, draft.file))).toBe(false);
  });

  it('leaves personal data out of a draft and skips a draft that is not ready or whose intent exists', async () => {
    // Prepare
    const root = copyShippedProject();
    const report = await analyse(root, [...CAR_INSURANCE, 'car insurance for policy 12345678', 'my email is jo@example.com car insurance']);
    const cluster = report.clusters.find((c) => c.draft)!;

    // Assess: the masked members are members but not draft utterances.
    expect(cluster.members.map((m) => m.text)).toEqual(expect.arrayContaining(['car insurance for policy [digits]']));
    expect(cluster.draft!.utterances.some((u) => /\[|@|\d{4}/.test(u))).toBe(false);

    // Act: not ready; then an intent of that name exists in another locale.
    const notReady = await applySuggestions(root, { ...report, clusters: [{ ...cluster, draft: { ...cluster.draft!, ready: false, utterances: CAR_INSURANCE } }] });
    const exists = await applySuggestions(root, { ...report, clusters: [{ ...cluster, draft: { ...cluster.draft!, name: 'CheckBalance', file: 'intents/en_US/CheckBalance2.yaml' } }] });

    // Assess
    expect(notReady.created).toEqual([]);
    expect(notReady.skipped[0]!.reason).toMatch(/fewer than validation.minUtterances \(15\)/);
    expect(exists.created).toEqual([]);
    expect(exists.skipped[0]!.reason).toMatch(/already has an intent CheckBalance/);
  });
});

describe('bot file edits', () => {
  const BLOCK = `# comment kept
name: Demo
locales:
  en_US:
    voice: { id: Danielle, engine: neural }
    intents:
      - Balance
      - FallbackIntent # last
  es_US:
    voice: { id: Lupe, engine: neural }
    intents: [Balance]
    missingIntents:
      Goodbye: "later"
tags: { a: b }
`;

  it('inserts into block and flow lists and missingIntents maps as lines, keeping every other line', () => {
    // Act
    const listed = withIntentListed(BLOCK, 'en_US', 'LostCard');
    const flow = withIntentListed(BLOCK, 'es_US', 'LostCard');
    const missing = withMissingIntent(BLOCK, 'es_US', 'LostCard', 'not translated yet');
    const created = withMissingIntent(BLOCK, 'en_US', 'Other', 'why');

    // Assess
    expect(listed).toBe(BLOCK.replace('      - FallbackIntent', '      - LostCard\n      - FallbackIntent'));
    expect(flow).toBe(BLOCK.replace('intents: [Balance]', 'intents: [Balance, LostCard]'));
    expect(missing).toBe(BLOCK.replace('      Goodbye: "later"\n', '      Goodbye: "later"\n      LostCard: "not translated yet"\n'));
    expect(created).toBe(BLOCK.replace('      - FallbackIntent # last\n', '      - FallbackIntent # last\n    missingIntents:\n      Other: "why"\n'));
    expect(withIntentListed(listed, 'en_US', 'LostCard')).toBe(listed);
    expect(withMissingIntent(missing, 'es_US', 'LostCard', 'x')).toBe(missing);
    expect(() => withIntentListed(BLOCK, 'de_DE', 'X')).toThrow(/no locale de_DE/);
  });

  it('falls back to the Document API when the locale is a flow map', () => {
    const text = 'name: Demo\nlocales:\n  en_US: { intents: [A] }\n';
    expect(parse(withMissingIntent(text, 'en_US', 'B', 'why'))).toEqual({ name: 'Demo', locales: { en_US: { intents: ['A'], missingIntents: { B: 'why' } } } });
  });
});
