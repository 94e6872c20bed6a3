import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../scripts/definitions/load.js';
import { validateProject } from '../scripts/validate/index.js';

const ROOT = join(import.meta.dirname, '..');

describe('the shipped SelfService bot', () => {
  it('validates with no errors and no warnings', async () => {
    const { project, diagnostics } = await loadProject(ROOT);
    const all = validateProject(project, diagnostics);
    expect(all.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([]);
  });

  it('serves en_US, es_US and fr_CA with the self-service intents in each', async () => {
    const { project } = await loadProject(ROOT);
    const bot = project.bots.find((b) => b.name === 'SelfService')!;
    expect(bot.locales.map((l) => l.localeId)).toEqual(['en_US', 'es_US', 'fr_CA']);
    for (const locale of bot.locales) {
      expect(locale.intents.map((i) => i.name).sort()).toEqual(
        ['AskQuestion', 'BusinessHours', 'CheckBalance', 'EndConversation', 'FallbackIntent', 'RequestCallback', 'TalkToAgent', 'VerifyIdentity'],
      );
      expect(locale.voice?.engine).toBe('neural');
    }
  });

  it('obfuscates the passcode and the callback number in conversation logs', async () => {
    const { project } = await loadProject(ROOT);
    for (const [, intents] of project.intents) {
      expect(intents.get('VerifyIdentity')!.slots.find((s) => s.name === 'Passcode')!.obfuscate).toBe(true);
      expect(intents.get('RequestCallback')!.slots.find((s) => s.name === 'CallbackNumber')!.obfuscate).toBe(true);
    }
  });
});
