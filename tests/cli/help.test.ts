import { describe, expect, it } from 'vitest';
import { runBots } from '../helpers/cli.js';

describe('bots --help', () => {
  it('describes the whole tool: every command on one line, the workflows and the docs', () => {
    const r = runBots(['--help'], '/', { COLUMNS: '100' });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    const start = lines.indexOf('Commands:');
    const end = lines.indexOf('Workflows:');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const commands = lines.slice(start + 1, end).filter((l) => l.trim());
    // A continuation line would start with more than the two spaces of a command line.
    expect(commands.every((l) => /^ {2}\S/.test(l))).toBe(true);
    for (const name of ['validate', 'export', 'import', 'local', 'deploy', 'ssml', 'chat', 'test', 'eval', 'tune', 'translate', 'studio']) {
      expect(commands.some((l) => l.startsWith(`  ${name} `))).toBe(true);
    }
    expect(r.stdout).toContain('npx bots deploy && npx bots chat');
    expect(r.stdout).toContain('exits 0 (ok), 1 (findings, failure) or 2 (usage)');
    expect(lines.filter((l) => l.length > 80)).toEqual([]);
    expect(r.stdout).toContain('docs/deploy.md');
  });
});
