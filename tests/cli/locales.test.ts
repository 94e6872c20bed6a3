import { describe, expect, it } from 'vitest';
import { suggestLocale } from '../../scripts/definitions/locale-ids.js';
import { baseFiles, writeProject } from '../helpers/project.js';
import { runBots } from '../helpers/cli.js';

describe('an unknown locale is a usage error (exit 2) with the closest locale', () => {
  const dir = writeProject(baseFiles());

  it.each([
    ['chat', ['chat', '--in-memory', '--locale', 'en_us']],
    ['tune', ['tune', '--locale', 'en-US']],
    ['eval', ['eval', '--locale', 'en_UK']],
    ['translate --from', ['translate', '--from', 'en_us', '--to', 'de_DE', '--dry-run']],
    ['ssml preview --locale', ['ssml', 'preview', '--all', '--offline', '--locale', 'en_us']],
    ['ssml preview <locale>/<id>', ['ssml', 'preview', '--offline', 'en_us/goodbye']],
  ])('bots %s', (_name, args) => {
    const r = runBots(args, dir);
    expect(r.stderr).toContain('did you mean en_US');
    expect(r.status).toBe(2);
  });

  it('bots translate --to names the Lex locale it probably meant', () => {
    const r = runBots(['translate', '--to', 'de_de', '--dry-run'], dir);
    expect(r.stderr).toContain('did you mean de_DE');
    expect(r.status).toBe(2);
  });

  it('suggests nothing for a locale unlike every known one', () => {
    expect(suggestLocale('xx_YY', ['en_US', 'fr_CA'])).toBeUndefined();
    expect(suggestLocale('fr-ca', ['en_US', 'fr_CA'])).toBe('fr_CA');
  });
});
