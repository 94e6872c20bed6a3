import { describe, expect, it } from 'vitest';
import { promptSsml } from '../../scripts/lex/prompt-ssml.js';

describe('promptSsml', () => {
  it('drops the review marker and other leading comments before <speak>', () => {
    // Prepare
    const file = '<!-- review: machine-translated from en_US sha256:abc -->\n<!-- note -->\n<speak>Hola <!-- kept --></speak>\n';
    // Act
    const ssml = promptSsml(file);
    // Assess
    expect(ssml).toBe('<speak>Hola <!-- kept --></speak>');
  });

  it('leaves a prompt without comments as it is, trimmed', () => {
    expect(promptSsml('  <speak>Hi</speak>\n')).toBe('<speak>Hi</speak>');
  });
});
