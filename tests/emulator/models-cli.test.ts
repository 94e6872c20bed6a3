/**
 * `bots local serve` and `bots local reset` as a user runs them: a standing server the SDK talks
 * to, stopped with Ctrl-C (SIGINT); a reset that clears only emulator data folders.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBotCommand, ListBotsCommand, ThrottlingException } from '@aws-sdk/client-lex-models-v2';
import { describe, expect, it } from 'vitest';
import { runBots } from '../helpers/cli.js';
import { modelsClient, ROLE_ARN } from '../helpers/emulator.js';

const BIN = join(import.meta.dirname, '..', '..', 'scripts', 'bin', 'bots.mjs');

/** Starts `bots local serve`, resolves with the endpoint it prints, and a stop() that sends SIGINT. */
function serve(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, 'local', 'serve', '--port', '0', ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const endpoint = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return {
    endpoint,
    output: () => out,
    stop: async () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

describe('bots local serve', () => {
  it('serves the SDK, prints how to use it, and stops cleanly on Ctrl-C', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bots-local-'));
    const server = serve(['--data-dir', dataDir]);
    const endpoint = await server.endpoint;
    const lex = modelsClient(endpoint);
    await lex.send(new CreateBotCommand({ botName: 'FromCli', roleArn: ROLE_ARN, dataPrivacy: { childDirected: false }, idleSessionTTLInSeconds: 300 }));
    expect((await lex.send(new ListBotsCommand({}))).botSummaries?.map((b) => b.botName)).toEqual(['FromCli']);
    lex.destroy();
    expect(await server.stop()).toBe(0);
    expect(server.output()).toContain(`aws lexv2-models list-bots --endpoint-url ${endpoint} --region us-east-1`);
    expect(server.output()).toMatch(/PUT \/bots CreateBot 202/);
    expect(server.output()).toContain('Emulator stopped.');
    expect(existsSync(join(dataDir, 'models.json'))).toBe(true);

    // bots local reset clears it.
    const r = runBots(['local', 'reset', '--data-dir', dataDir], tmpdir());
    expect(r.status).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('takes faults from --fault and BOTS_LOCAL_FAULTS', async () => {
    const server = serve(['--in-memory', '--quiet', '--fault', 'throttle:ListBots:1'], { BOTS_LOCAL_FAULTS: 'retry-after:2' });
    const lex = modelsClient(await server.endpoint, { maxAttempts: 1 });
    const err = await lex.send(new ListBotsCommand({})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ThrottlingException);
    expect((err as ThrottlingException).retryAfterSeconds).toBe(2);
    lex.destroy();
    expect(await server.stop()).toBe(0);
    expect(server.output()).toContain('faults: {"retryAfterSeconds":2,"throttle":{"ListBots":1}}');
  });

  it('rejects a malformed fault rule as a usage error', () => {
    const r = runBots(['local', 'serve', '--in-memory', '--fault', 'explode'], tmpdir());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Unknown fault "explode"');
  });

  it('prints help for serve and reset', () => {
    expect(runBots(['local', 'serve', '--help'], tmpdir()).stdout).toContain('--fault <rule...>');
    expect(runBots(['local', 'reset', '--help'], tmpdir()).stdout).toContain('--data-dir <dir>');
  });
});

describe('bots local reset', () => {
  it('refuses a folder that holds anything but emulator data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bots-local-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'models.json'), '{}');
    const r = runBots(['local', 'reset', '--data-dir', dir], tmpdir());
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('does not look like an emulator data folder');
    expect(existsSync(dir)).toBe(true);
  });

  it('says so when there is nothing to clear', () => {
    const r = runBots(['local', 'reset', '--data-dir', join(tmpdir(), 'bots-local-never-created')], tmpdir());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Nothing to reset');
  });
});
