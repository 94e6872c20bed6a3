/** Runs the real `bots` command in a child process, as a user would. */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'scripts', 'bin', 'bots.mjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `bots ...args` in `cwd` with colour off unless `env` says otherwise. */
export function runBots(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  // The timeout turns a hung command into a failed test instead of a hung test run.
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * {@link runBots} without blocking this process: use it when the command talks to a fake server
 * running in the test process (a synchronous child would wait for it forever). Killed after
 * `timeoutMs` (default 120,000 ms), reported with status null.
 */
export function runBotsAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<CliResult> {
  const merged = Object.fromEntries(Object.entries({ ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env }).filter(([, v]) => v !== undefined));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: merged });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
