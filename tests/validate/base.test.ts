import { describe, expect, it } from 'vitest';
import { baseFiles, validateFiles } from '../helpers/project.js';

describe('the base test project', () => {
  it('is clean, so that each rule test changes one thing only', async () => {
    // Act
    const diagnostics = await validateFiles(baseFiles());
    // Assess
    expect(diagnostics).toEqual([]);
  });
});
