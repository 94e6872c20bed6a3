import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../scripts/lex/write-files.js';

const files = new Map([
  ['bots/A.yaml', 'name: A\n'],
  ['intents/en_US/X.yaml', 'name: X\n'],
]);

describe('writeFilesAtomically', () => {
  it('writes every file and leaves no staging folder behind', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'lex-write-'));
    // Act
    const result = await writeFilesAtomically(dir, files);
    // Assess
    expect(result).toEqual({ written: ['bots/A.yaml', 'intents/en_US/X.yaml'], conflicts: [] });
    expect(readFileSync(join(dir, 'intents/en_US/X.yaml'), 'utf8')).toBe('name: X\n');
    expect(readdirSync(dir).sort()).toEqual(['bots', 'intents']);
  });

  it('writes nothing when a file exists, unless forced', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'lex-write-'));
    await writeFilesAtomically(dir, new Map([['bots/A.yaml', 'old\n']]));
    // Act
    const refused = await writeFilesAtomically(dir, files);
    // Assess
    expect(refused).toEqual({ written: [], conflicts: ['bots/A.yaml'] });
    expect(existsSync(join(dir, 'intents'))).toBe(false);
    expect(readFileSync(join(dir, 'bots/A.yaml'), 'utf8')).toBe('old\n');
    // Act
    const forced = await writeFilesAtomically(dir, files, { force: true });
    // Assess
    expect(forced.written).toHaveLength(2);
    expect(readFileSync(join(dir, 'bots/A.yaml'), 'utf8')).toBe('name: A\n');
  });

  it('rolls back when a write fails part way: earlier files removed, overwritten ones restored', async () => {
    // Prepare: "intents" is a file, so intents/en_US/X.yaml cannot be created.
    const dir = mkdtempSync(join(tmpdir(), 'lex-write-'));
    await writeFilesAtomically(dir, new Map([['bots/A.yaml', 'old\n']]));
    writeFileSync(join(dir, 'intents'), 'in the way');
    // Act / Assess
    await expect(writeFilesAtomically(dir, files, { force: true })).rejects.toThrow();
    expect(readFileSync(join(dir, 'bots/A.yaml'), 'utf8')).toBe('old\n');
    expect(readdirSync(dir).sort()).toEqual(['bots', 'intents']);
  });

  it('refuses paths outside the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lex-write-'));
    await expect(writeFilesAtomically(dir, new Map([['../evil.yaml', 'x']]))).rejects.toThrow(/outside/);
  });
});
