import { describe, expect, it } from 'vitest';
import { checkSsmlWellFormed } from '../../scripts/validate/rules/ssml.js';
import { baseFiles, only, validateFiles } from '../helpers/project.js';

describe('ssml/missing-file', () => {
  it('reports a prompt id with no file', async () => {
    const files = baseFiles({ 'ssml/en_US/goodbye.ssml': undefined as never });
    delete files['ssml/en_US/goodbye.ssml'];
    const ds = only(await validateFiles(files), 'ssml/missing-file');
    expect(ds).toEqual([expect.objectContaining({ file: 'intents/en_US/Goodbye.yaml', line: 19, column: 3 })]);
  });

  it('does not look in another locale\'s folder', async () => {
    const files = baseFiles();
    delete files['ssml/en_US/goodbye.ssml'];
    files['ssml/es_US/goodbye.ssml'] = '<speak>Adiós</speak>';
    expect(only(await validateFiles(files), 'ssml/missing-file')).toHaveLength(1);
  });
});

describe('ssml/well-formed', () => {
  it('reports an unclosed tag with its line and column', async () => {
    const ds = only(await validateFiles(baseFiles({ 'ssml/en_US/goodbye.ssml': '<speak>\n  Thanks <break time="1s">\n</speak>' })), 'ssml/well-formed');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ file: 'ssml/en_US/goodbye.ssml', line: 3 });
  });

  it('reports an unescaped ampersand', () => {
    expect(checkSsmlWellFormed('<speak>Q & A</speak>')).toBeDefined();
    expect(checkSsmlWellFormed('<speak>Q &amp; A</speak>')).toBeUndefined();
  });

  it('requires <speak> as the root, allowing an XML declaration and comments before it', () => {
    expect(checkSsmlWellFormed('<p>Hello</p>')?.message).toContain('<speak>');
    expect(checkSsmlWellFormed('<?xml version="1.0"?>\n<!-- greeting -->\n<speak>Hello</speak>')).toBeUndefined();
  });
});
