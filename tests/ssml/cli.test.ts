import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBots } from '../helpers/cli.js';

const REPO = join(import.meta.dirname, '..', '..');

function shippedCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'bots-ssml-cli-'));
  for (const dir of ['bots', 'intents', 'slot-types', 'ssml']) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
  return root;
}

describe('bots ssml lint', () => {
  it('lints every prompt and lexicon of the shipped project clean (exit 0)', () => {
    const r = runBots(['ssml', 'lint', '--format', 'json'], REPO);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { files: string[]; summary: { errors: number; warnings: number } };
    expect(out.summary).toEqual({ errors: 0, warnings: 0 });
    expect(out.files).toEqual(expect.arrayContaining(['ssml/en_US/end-conversation-closing.ssml', 'ssml/fr_CA/business-hours-closing.ssml', 'ssml/lexicons/CeibaEsUS.pls']));
    expect(out.files.length).toBeGreaterThanOrEqual(30);
  });

  it('exits 1 on a seeded mistake, with the locale voice from the bot, file:line:col and the fix', () => {
    const root = shippedCopy();
    writeFileSync(join(root, 'ssml/en_US/bad.ssml'), '<speak>Hi <emphasis>there</emphasis>, <phoneme alphabet="ipa" ph="\'seɪbə">Ceiba</phoneme></speak>\n');
    const r = runBots(['ssml', 'lint', 'ssml/en_US/bad.ssml'], root);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('ssml/en_US/bad.ssml:1:11');
    expect(r.stdout).toContain('ssml/engine-support');
    expect(r.stdout).toContain('ssml/en_US/bad.ssml:1:67');
    expect(r.stdout).toMatch(/fix: Nearest valid symbols: ˈ \(U\+02C8\)/);
    expect(r.stdout).toContain('2 errors, 0 warnings');

    // A standard voice accepts <emphasis>; Connect still ignores it (a warning, exit 0 without --fail-on-warnings).
    const std = runBots(['ssml', 'lint', 'ssml/en_US/bad.ssml', '--voice', 'Joanna', '--engine', 'standard', '--format', 'json'], root);
    const json = JSON.parse(std.stdout) as { diagnostics: { ruleId: string; severity: string; line: number; column: number }[] };
    expect(json.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
      ['ssml/connect-ignored', 'warning'],
      ['ssml/phoneme-symbol', 'error'],
    ]);
    expect(std.status).toBe(1);
  });

  it('writes SARIF with the rule catalogue', () => {
    const root = shippedCopy();
    writeFileSync(join(root, 'ssml/fr_CA/bad.ssml'), '<speak><break time="12s"/></speak>');
    const r = runBots(['ssml', 'lint', '--format', 'sarif'], root);
    expect(r.status).toBe(1);
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.map((x) => x.ruleId)).toEqual(['ssml/break']);
    expect(sarif.runs[0]!.tool.driver.rules.find((x) => x.id === 'ssml/break')!.helpUri).toBe('https://docs.aws.amazon.com/polly/latest/dg/break-tag.html');
  });

  it('exits 2 on a missing file or a voice that lacks the engine', () => {
    const missing = runBots(['ssml', 'lint', 'nope.ssml'], REPO);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Cannot read nope.ssml: no such file');
    const engine = runBots(['ssml', 'lint', '--voice', 'Danielle', '--engine', 'standard'], REPO);
    expect(engine.status).toBe(2);
    expect(engine.stderr).toContain('Voice Danielle does not support the standard engine');
  });
});

describe('bots ssml phonemes', () => {
  it('converts X-SAMPA to IPA and back', () => {
    const a = runBots(['ssml', 'phonemes', '"seI.b@', '--from', 'x-sampa', '--to', 'ipa'], REPO);
    expect(a).toMatchObject({ status: 0, stdout: 'ˈseɪ.bə\n' });
    const b = runBots(['ssml', 'phonemes', 'ket.ˈsal', '--from', 'ipa', '--to', 'x-sampa', '--language', 'es-US', '--json'], REPO);
    expect(b.status).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ output: 'ket."sal', language: 'es-US', symbols: expect.arrayContaining([{ ipa: 'ˈ', 'x-sampa': '"', description: 'primary stress', example: 'Ala[ba]ma' }]) });
  });

  it('exits 1 on an unknown symbol with its column and the nearest symbols, 2 on an unknown language', () => {
    const bad = runBots(['ssml', 'phonemes', 'ˈseɪgə', '--from', 'ipa', '--to', 'x-sampa'], REPO);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('column 5: "g" is not an IPA symbol of the en-US phoneme table. Did you mean ɡ?');
    const lang = runBots(['ssml', 'phonemes', 'a', '--language', 'xx-XX'], REPO);
    expect(lang.status).toBe(2);
    expect(lang.stderr).toContain('No phoneme table for xx-XX');
  });
});
