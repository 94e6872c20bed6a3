import { describe, expect, it } from 'vitest';
import { BALANCE_UTTERANCES, baseFiles, writeProject } from '../helpers/project.js';
import { runBots } from '../helpers/cli.js';

const clean = () => writeProject(baseFiles());
const broken = () => writeProject(baseFiles({ 'intents/en_US/Balance.yaml': { name: 'Balance', sampleUtterances: BALANCE_UTTERANCES.slice(0, 3) } }));
const warned = () =>
  writeProject(baseFiles({ 'intents/en_US/Balance.yaml': { name: 'Balance', sampleUtterances: [...BALANCE_UTTERANCES, 'a', 'b', 'c', 'd', 'e', 'f'] } }));

describe('bots validate', () => {
  it('exits 0 on a clean project and says so', () => {
    const r = runBots(['validate'], clean());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('0 errors, 0 warnings');
  });

  it('exits 1 on errors and prints file:line:col, rule id and fix', () => {
    const r = runBots(['validate'], broken());
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/intents\/en_US\/Balance\.yaml:2:1 +error +Intent Balance \(en_US\) has 3 sample utterances/);
    expect(r.stdout).toContain('utterances/count');
    expect(r.stdout).toContain('fix:');
  });

  it('exits 0 on warnings, and 1 with --fail-on-warnings', () => {
    const dir = warned();
    expect(runBots(['validate'], dir).status).toBe(0);
    expect(runBots(['validate', '--fail-on-warnings'], dir).status).toBe(1);
  });

  it('prints JSON for CI with --format json', () => {
    const r = runBots(['validate', '--format', 'json'], broken());
    const report = JSON.parse(r.stdout);
    expect(report.summary.errors).toBeGreaterThan(0);
    expect(report.diagnostics[0]).toEqual(expect.objectContaining({ ruleId: expect.any(String), file: expect.any(String), line: expect.any(Number), column: expect.any(Number) }));
  });

  it('prints SARIF 2.1.0 that names the rule of every result', () => {
    const sarif = JSON.parse(runBots(['validate', '--format', 'sarif'], broken()).stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(run.results.length).toBeGreaterThan(0);
    for (const result of run.results) {
      expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    }
  });

  it('finds the project from a subfolder, and accepts --dir', () => {
    const dir = clean();
    expect(runBots(['validate'], `${dir}/intents/en_US`).status).toBe(0);
    expect(runBots(['--dir', dir, 'validate'], '/').status).toBe(0);
  });

  it('exits 2 on usage errors: unknown option, bad --format, no project', () => {
    const dir = clean();
    expect(runBots(['validate', '--frmat', 'json'], dir).status).toBe(2);
    expect(runBots(['validate', '--format', 'xml'], dir).status).toBe(2);
    const r = runBots(['validate'], '/');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('No bots/ folder');
  });

  it('has --help on the program and the command, exiting 0', () => {
    const top = runBots(['--help'], '/');
    expect(top.status).toBe(0);
    expect(top.stdout).toContain('validate');
    const sub = runBots(['validate', '--help'], '/');
    expect(sub.status).toBe(0);
    expect(sub.stdout).toContain('--fail-on-warnings');
  });

  it('uses colour only when asked on a non-TTY (FORCE_COLOR), never with NO_COLOR', () => {
    const dir = broken();
    expect(runBots(['validate'], dir).stdout).not.toContain('\u001b[');
    expect(runBots(['validate'], dir, { NO_COLOR: undefined, FORCE_COLOR: '1' }).stdout).toContain('\u001b[');
  });
});
