/**
 * Helpers of the conversation tests: the shipped test files, a local target on an in-memory emulator,
 * and the `bots` command with piped stdin.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTestFile, type ConversationTest } from '../../scripts/conversation/test-file.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SHIPPED_DIR = join(ROOT, 'tests', 'conversations');
const BIN = join(ROOT, 'scripts', 'bin', 'bots.mjs');

/** The shipped conversation test files (project-relative paths). */
export function shippedFiles(): string[] {
  return readdirSync(SHIPPED_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => `tests/conversations/${f}`);
}

/** Every shipped conversation, parsed (throws on a file error, which a test then reports). */
export function shippedConversations(): ConversationTest[] {
  return shippedFiles().flatMap((f) => {
    const parsed = parseTestFile(f, readFileSync(join(ROOT, f), 'utf8'));
    if (parsed.diagnostics.length) throw new Error(parsed.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join('\n'));
    return parsed.conversations;
  });
}

/** Runs `bots ...args` with `input` on stdin, colour off. */
export function runBotsWithInput(args: string[], input: string, cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
