import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { ALL_RULES, validateProject } from '../../scripts/validate/index.js';
import { SSML_RULES } from '../../scripts/ssml/rules.js';
import { baseFiles, only, validateFiles } from '../helpers/project.js';

const REPO = join(import.meta.dirname, '..', '..');

/** A copy of the shipped project's definitions in a temporary folder. */
function shippedCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'bots-ssml-'));
  for (const dir of ['bots', 'intents', 'slot-types', 'ssml']) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
  return root;
}

const edit = (root: string, rel: string, f: (s: string) => string) => writeFileSync(join(root, rel), f(readFileSync(join(root, rel), 'utf8')));

describe('bots validate: SSML lint', () => {
  it('registers every lint rule id with a source URL (so docs/rules.md lists it)', () => {
    const registered = new Map(ALL_RULES.map((r) => [r.id, r]));
    for (const r of SSML_RULES) {
      expect(registered.get(r.id), r.id).toMatchObject({ severity: r.severity, source: r.source });
      expect(r.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
  });

  it('reports no SSML problem in the shipped prompts and lexicons', async () => {
    const { project, diagnostics } = await loadProject(REPO);
    expect(project.lexicons?.size).toBeGreaterThanOrEqual(3);
    const ssml = validateProject(project, diagnostics).filter((d) => d.ruleId.startsWith('ssml/'));
    expect(ssml).toEqual([]);
  });

  it('the shipped prompts say the company name and a product with phonemes in each locale', async () => {
    const { project } = await loadProject(REPO);
    for (const locale of ['en_US', 'es_US', 'fr_CA']) {
      const texts = [...project.ssml.get(locale)!.values()].map((p) => p.text).join('\n');
      for (const name of ['Ceiba', 'Quetzal']) expect(texts, `${locale} ${name}`).toMatch(new RegExp(`<phoneme alphabet="(ipa|x-sampa)" ph=[^>]+>${name}</phoneme>`));
    }
    const lexiconLanguages = [...project.lexicons!.values()].map((l) => l.languageCode).sort();
    expect(lexiconLanguages).toEqual(['en-US', 'es-US', 'fr-CA']);
  });

  it('catches seeded mistakes in a copy of the shipped project, at their file positions, with the locale voice', async () => {
    const root = shippedCopy();
    edit(root, 'ssml/en_US/talk-to-agent-closing.ssml', (s) => s.replace('Please stay on the line.', '\nPlease <emphasis>stay</emphasis> on the line.'));
    edit(root, 'ssml/es_US/end-conversation-closing.ssml', (s) => s.replace('"sej.Ba', '"seJ.Ta'));
    edit(root, 'ssml/fr_CA/request-callback-time.ssml', (s) => s.replace('<speak>', '<speak><break time="12s"/>'));
    edit(root, 'ssml/lexicons/CeibaEnUS.pls', (s) => s.replace('kɛtˈsɑl', 'kɛtˈsɑːl'));
    writeFileSync(join(root, 'ssml/lexicons/Ceiba-extra.pls'), readFileSync(join(root, 'ssml/lexicons/CeibaFrCA.pls'), 'utf8'));
    edit(root, 'bots/SelfService.yaml', (s) => s.replace('{ id: Gabrielle, engine: neural }', '{ id: Gabrielle, engine: standard }'));

    const { project, diagnostics } = await loadProject(root);
    const all = validateProject(project, diagnostics);
    const at = (ruleId: string) => all.filter((d) => d.ruleId === ruleId).map((d) => `${d.file}:${d.line}:${d.column}`);

    expect(at('ssml/engine-support')).toEqual(['ssml/en_US/talk-to-agent-closing.ssml:2:8']);
    expect(all.find((d) => d.ruleId === 'ssml/engine-support')!.message).toContain('on the neural engine (voice Danielle)');
    // es-US has J (ɲ) but not T (θ), which only the Castilian es-ES table has.
    expect(at('ssml/phoneme-symbol')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^ssml\/es_US\/end-conversation-closing\.ssml:1:\d+$/), expect.stringMatching(/^ssml\/lexicons\/CeibaEnUS\.pls:\d+:\d+$/)]),
    );
    const es = all.find((d) => d.file === 'ssml/es_US/end-conversation-closing.ssml')!;
    expect(readFileSync(join(root, es.file), 'utf8')[es.column - 1]).toBe('T');
    expect(at('ssml/break')).toEqual([expect.stringMatching(/^ssml\/fr_CA\/request-callback-time\.ssml:1:/)]);
    expect(at('ssml/lexicon-name')).toEqual(['ssml/lexicons/Ceiba-extra.pls:1:1']);
    expect(at('ssml/voice')).toEqual([expect.stringMatching(/^bots\/SelfService\.yaml:\d+:\d+$/)]);
    expect(all.find((d) => d.ruleId === 'ssml/voice')!.message).toContain('Gabrielle does not support the standard engine');
  });

  it('lints inline SSML with the locale voice and reports it at the message in the YAML file', async () => {
    const files = baseFiles({
      'intents/en_US/Goodbye.yaml': {
        name: 'Goodbye',
        sampleUtterances: (baseFiles()['intents/en_US/Goodbye.yaml'] as { sampleUtterances: string[] }).sampleUtterances,
        closing: { ssmlInline: '<speak>Bye <prosody pitch="+10%">now</prosody> &amp; thanks</speak>' },
      },
    });
    const yaml = stringify(files['intents/en_US/Goodbye.yaml']);
    const closingLine = yaml.split('\n').findIndex((l) => l.startsWith('closing:')) + 1;
    const ds = only(await validateFiles(files), 'ssml/engine-support');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.file).toBe('intents/en_US/Goodbye.yaml');
    expect([closingLine, closingLine + 1]).toContain(ds[0]!.line);
    expect(ds[0]!.message).toMatch(/^Inline SSML of the closing response \(at 1:21 of the SSML\): prosody pitch/);
  });

  it('inline SSML that is fine for the engine gives nothing', async () => {
    const files = baseFiles();
    (files['intents/en_US/Goodbye.yaml'] as Record<string, unknown>).closing = { ssmlInline: '<speak>Bye <prosody rate="90%">now</prosody></speak>' };
    expect((await validateFiles(files)).filter((d) => d.ruleId.startsWith('ssml/'))).toEqual([]);
  });
});
