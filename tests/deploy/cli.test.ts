/**
 * `bots deploy` as a user runs it: a child process on a temporary project, the local target with
 * the emulator's data in the project's `.bots/local`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBots } from '../helpers/cli.js';
import { smallProject, writeFiles } from './helpers.js';

describe('bots deploy (CLI)', () => {
  const root = smallProject();

  it('--dry-run --json prints the plan as JSON and changes nothing', () => {
    const r = runBots(['deploy', '--dry-run', '--json'], root);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.dryRun).toBe(true);
    const bot = out.targets[0].bots[0];
    expect(out.targets[0]).toMatchObject({ target: 'local', kind: 'local', region: 'us-east-1' });
    expect(bot.status).toBe('planned');
    expect(bot.plan.changes[0]).toEqual({ action: 'create', kind: 'bot', name: 'Demo', file: 'bots/Demo.yaml' });
    expect(bot.calls.writes).toBe(0);
    expect(bot.calls.reads).toBe(1);
    expect(existsSync(join(root, '.bots', 'local', 'models.json'))).toBe(false);
  });

  it('deploys to the local target, shows the result, and a second run says "no changes"', () => {
    const first = runBots(['deploy'], root);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('Demo → local (us-east-1)');
    expect(first.stdout).toContain('+ intent en_US/Balance  intents/en_US/Balance.yaml');
    expect(first.stdout).toMatch(/\[local Demo\] \+ alias live \([A-Z0-9]{10}\) → version 1/);
    expect(first.stdout).toMatch(/Summary\n {2}local {2}Demo {2}✔ deployed version 1 on alias live \([A-Z0-9]{10}\)/);
    expect(first.stdout).toContain('npx bots chat');
    expect(first.stdout).toContain('AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws lexv2-runtime recognize-text');
    expect(existsSync(join(root, '.bots', 'local', 'models.json'))).toBe(true);

    const second = runBots(['deploy'], root);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Demo → local \(us-east-1\) bot [A-Z0-9]{10}: no changes/);
    expect(second.stdout).toContain('0 writes');
  });

  it('exits 1 with the findings when validation fails, without deploying', () => {
    const bad = smallProject();
    writeFiles(bad, { 'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: ['bye'], typo: true } });
    const r = runBots(['deploy'], bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('intents/en_US/Goodbye.yaml');
    expect(r.stderr).toContain('validation failed; nothing was deployed');
    expect(existsSync(join(bad, '.bots', 'local', 'models.json'))).toBe(false);
  });

  it('usage errors exit 2', () => {
    expect(runBots(['deploy', '--target', 'local', '--region', 'us-east-1'], root).status).toBe(2);
    expect(runBots(['deploy', '--region', 'not a region'], root).status).toBe(2);
    expect(runBots(['deploy', '--keep-versions', '0'], root).status).toBe(2);
    const unknownBot = runBots(['deploy', '--bot', 'Nope', '--dry-run'], root);
    expect(unknownBot.status).toBe(2);
    expect(unknownBot.stderr).toContain('No bot named Nope');
    const noTarget = runBots(['deploy', '--region', 'eu-west-1', '--dry-run'], root);
    expect(noTarget.status).toBe(2);
    expect(noTarget.stderr).toContain('No bot has a target for eu-west-1');
  });

  it('--region without AWS credentials says so and how to sign in, calls nothing, and shows no negative retries', () => {
    const noCredentials = {
      AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined,
      AWS_CONFIG_FILE: join(root, 'no-aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(root, 'no-aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true', AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined, AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined, AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
      // Should the machine have credentials after all, the calls go to a closed local port, never to AWS.
      BOTS_LEX_ENDPOINT: 'http://127.0.0.1:9', BOTS_CLOUDFORMATION_ENDPOINT: 'http://127.0.0.1:9', BOTS_LAMBDA_ENDPOINT: 'http://127.0.0.1:9', BOTS_CONNECT_ENDPOINT: 'http://127.0.0.1:9',
    };
    for (const args of [['deploy', '--region', 'us-east-1', '--dry-run'], ['deploy', '--region', 'us-east-1', '--dry-run', '--json']]) {
      const r = runBots(args, root, noCredentials);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('No AWS credentials for us-east-1');
      expect(r.stderr).toContain('aws sso login');
      expect(r.stdout + r.stderr).not.toMatch(/-\d+ retries/);
    }
  });

  it('--help lists the options and exits 0', () => {
    const r = runBots(['deploy', '--help'], root);
    expect(r.status).toBe(0);
    for (const flag of ['--target', '--region', '--all-regions', '--bot', '--dry-run', '--yes', '--json', '--keep-versions', '--profile', '--lease-wait']) expect(r.stdout).toContain(flag);
  });
});
