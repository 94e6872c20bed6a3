/**
 * `bots local serve` stops with its starter: SIGTERM to it, or to the `npm run` that started it,
 * leaves no process behind and frees the port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'scripts', 'bin', 'bots.mjs');
const started: ChildProcess[] = [];
const servePids: number[] = [];

afterEach(() => {
  // Whatever a failed test left running.
  for (const pid of servePids.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (const c of started.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Whether `pid` still runs. An exited process whose new parent (init) has not reaped it yet is a zombie: not running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state ..."; Z is a zombie.
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return existsSync(`/proc/${pid}`) || process.platform !== 'linux';
  }
}

/** Starts `command args` and resolves with the serve process's pid and port from its banner. */
function startServe(command: string, args: string[]): Promise<{ child: ChildProcess; pid: number; port: number }> {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no banner within 60 s:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const pid = /pid: (\d+)/.exec(out)?.[1];
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      if (pid && port) {
        clearTimeout(timer);
        servePids.push(Number(pid));
        resolve({ child, pid: Number(pid), port: Number(port) });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code} before the banner:\n${out}`)));
  });
}

/** Resolves when `pid` is gone (polled; the test's own timeout bounds it). */
async function gone(pid: number): Promise<void> {
  while (alive(pid)) await new Promise((r) => setTimeout(r, 100));
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

describe('bots local serve and SIGTERM', () => {
  it('stops on SIGTERM and frees its port', async () => {
    const { pid, port } = await startServe(process.execPath, [BIN, 'local', 'serve', '--in-memory', '--port', '0', '--quiet']);
    process.kill(pid, 'SIGTERM');
    await gone(pid);
    expect(await portFree(port)).toBe(true);
  }, 90_000);

  // On a loaded CI machine the npm and sh processes around serve have been seen to linger: one retry.
  it('stops when the npm run that started it gets SIGTERM (npm does not pass it on)', { retry: 1, timeout: 90_000 }, async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const { child, pid, port } = await startServe(npm, ['run', '--silent', 'bots', '--', 'local', 'serve', '--in-memory', '--port', '0', '--quiet']);
    expect(pid).not.toBe(child.pid);
    child.kill('SIGTERM');
    await gone(pid);
    expect(await portFree(port)).toBe(true);
  });
});
