import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExport } from '../../scripts/lex/export.js';
import { runBots } from '../helpers/cli.js';
import { comparable, FIXTURES } from './helpers.js';

const GITLAB = join(FIXTURES, 'aws-samples-amazon-connect-gitlab-cicd-terraform');
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

describe('bots import', () => {
  it('writes the definitions into --out and prints the report', () => {
    // Prepare
    const out = tmp('lex-cli-');
    // Act
    const r = runBots(['import', GITLAB, '--out', out], out);
    // Assess
    expect(r.status).toBe(0);
    expect(existsSync(join(out, 'bots', 'acme-lexbot.yaml'))).toBe(true);
    expect(existsSync(join(out, 'intents', 'es_US', 'Finance.yaml'))).toBe(true);
    expect(r.stdout).toContain('Imported bot acme-lexbot (en_US, es_US)');
    expect(r.stdout).toContain('Kept verbatim under lex:');
    expect(r.stdout).toContain('intent en_US/Finance (intents/en_US/Finance.yaml)');
    expect(r.stdout).toMatch(/version "2"/);
  });

  it('refuses to overwrite: lists the conflicting files, writes nothing, exits 1; --force overwrites', () => {
    // Prepare: one of the files it would write exists already.
    const out = tmp('lex-cli-');
    mkdirSync(join(out, 'intents', 'en_US'), { recursive: true });
    writeFileSync(join(out, 'intents', 'en_US', 'Sales.yaml'), 'mine\n');
    // Act
    const refused = runBots(['import', GITLAB, '--out', out], out);
    // Assess
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('intents/en_US/Sales.yaml');
    expect(refused.stderr).toMatch(/Nothing written .*--force/);
    expect(readFileSync(join(out, 'intents', 'en_US', 'Sales.yaml'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(out, 'bots'))).toBe(false);
    // Act
    const forced = runBots(['import', GITLAB, '--out', out, '--force'], out);
    // Assess
    expect(forced.status).toBe(0);
    expect(readFileSync(join(out, 'intents', 'en_US', 'Sales.yaml'), 'utf8')).toContain('name: Sales');
  });

  it('imports into the project folder by default and prints JSON with --json, unknown files included', () => {
    // Prepare: a project (has bots/) and an export folder with an extra console file.
    const project = tmp('lex-cli-');
    mkdirSync(join(project, 'bots'));
    mkdirSync(join(project, 'sub'));
    const source = join(tmp('lex-cli-src-'), 'export');
    cpSync(GITLAB, source, { recursive: true });
    writeFileSync(join(source, 'acme-lexbot', 'BotLocales', 'en_US', 'Intents', 'Sales', 'ConversationFlow.json'), '{}');
    // Act
    const r = runBots(['import', source, '--json'], join(project, 'sub'));
    // Assess
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.out).toBe(project);
    expect(result.written).toContain('bots/acme-lexbot.yaml');
    expect(result.report.unknownFiles).toEqual(['acme-lexbot/BotLocales/en_US/Intents/Sales/ConversationFlow.json']);
    expect(existsSync(join(project, 'bots', 'acme-lexbot.yaml'))).toBe(true);
  });

  it('fails clearly on a path that does not exist', () => {
    const r = runBots(['import', 'no-such-export.zip', '--out', tmp('lex-cli-')], tmpdir());
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no-such-export.zip does not exist');
  });
});

describe('bots export', () => {
  /** A project imported from the gitlab export: its intents have 1 utterance each, so validation fails. */
  const imported = () => {
    const dir = tmp('lex-cli-');
    expect(runBots(['import', GITLAB, '--out', dir], dir).status).toBe(0);
    return dir;
  };

  it('refuses to export when validation finds errors, printing them; --force exports anyway', async () => {
    // Prepare
    const dir = imported();
    // Act
    const refused = runBots(['export', 'acme-lexbot'], dir);
    // Assess
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('utterances/count');
    expect(refused.stderr).toMatch(/Not exporting acme-lexbot: validation found \d+ errors/);
    expect(existsSync(join(dir, 'acme-lexbot-DRAFT-LexJson.zip'))).toBe(false);
    // Act
    const forced = runBots(['export', 'acme-lexbot', '--force'], dir);
    // Assess
    expect(forced.status).toBe(0);
    const zip = join(dir, 'acme-lexbot-DRAFT-LexJson.zip');
    expect(comparable(await readExport(zip))).toEqual(comparable(await readExport(GITLAB)));
  });

  it('writes a folder with --out-dir and describes it with --json', async () => {
    // Prepare
    const dir = imported();
    const outDir = join(dir, 'build', 'acme');
    // Act
    const r = runBots(['export', 'acme-lexbot', '--force', '--out-dir', outDir, '--json'], dir);
    // Assess
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ bot: 'acme-lexbot', exported: true, out: outDir, format: 'folder' });
    expect(result.files).toContain('acme-lexbot/BotLocales/es_US/Intents/FallbackIntent/Intent.json');
    expect(JSON.parse(readFileSync(join(outDir, 'Manifest.json'), 'utf8'))).toEqual({ metaData: { schemaVersion: '1', fileFormat: 'LexJson', resourceType: 'BOT' } });
  });

  it('names the bots there are when the bot does not exist, and rejects --out with --out-dir', () => {
    // Prepare
    const dir = imported();
    // Act
    const missing = runBots(['export', 'Nope'], dir);
    const both = runBots(['export', 'acme-lexbot', '--out', 'a.zip', '--out-dir', 'b'], dir);
    // Assess
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Bots: acme-lexbot.');
    expect(both.status).toBe(2);
  });
});
