/**
 * Locale consistency: every locale of a bot defines the same intents and slots, or says why not.
 * @module
 */
import type { RuleFamily } from '../rule.js';

/** Locale rules. */
export const localeRules: RuleFamily = {
  rules: [
    { id: 'locales/same-intents', severity: 'error', description: 'Every locale of a bot has the same intents, or lists the missing ones under missingIntents with a reason.', source: 'docs/rules.md#localessame-intents' },
    { id: 'locales/same-slots', severity: 'error', description: 'An intent has the same slots (names and types) in every locale of a bot.', source: 'docs/rules.md#localessame-slots' },
    { id: 'locales/stale-exception', severity: 'warning', description: 'A missingIntents entry names an intent the locale has, or that no locale has.', source: 'docs/rules.md#localesstale-exception' },
  ],

  checkBot(ctx, bot) {
    if (bot.locales.length < 2) return;
    const all = new Map<string, string[]>();
    for (const l of bot.locales) for (const i of l.intents) all.set(i.name, [...(all.get(i.name) ?? []), l.localeId]);
    for (const locale of bot.locales) {
      const has = new Set(locale.intents.map((i) => i.name));
      // An intent whose file failed to load is reported by the loader; saying it is missing too would mislead.
      const unreadable = new Set(locale.unreadableIntents ?? []);
      for (const [name, where] of all) {
        if (has.has(name) || locale.missingIntents[name] || unreadable.has(name)) continue;
        ctx.report('locales/same-intents', { file: bot.file, path: [...locale.at.path, 'intents'] },
          `Locale ${locale.localeId} lacks intent ${name}, which ${where.join(', ')} ${where.length > 1 ? 'have' : 'has'}.`,
          `Add intents/${locale.localeId}/${name}.yaml and list it, or add "${name}: <reason>" under missingIntents of ${locale.localeId}.`);
      }
      for (const name of Object.keys(locale.missingIntents)) {
        if (has.has(name) || !all.has(name)) {
          ctx.report('locales/stale-exception', { file: bot.file, path: [...locale.at.path, 'missingIntents', name] },
            has.has(name) ? `missingIntents names ${name}, but locale ${locale.localeId} has it.` : `missingIntents names ${name}, which no locale of ${bot.name} has.`,
            'Remove the entry.');
        }
      }
    }
    const first = new Map<string, { locale: string; slots: string }>();
    for (const locale of bot.locales) {
      for (const intent of locale.intents) {
        const slots = intent.slots.map((s) => `${s.name}:${s.type}`).sort().join(', ');
        const seen = first.get(intent.name);
        if (!seen) first.set(intent.name, { locale: locale.localeId, slots });
        else if (seen.slots !== slots) {
          ctx.report('locales/same-slots', { file: intent.file, path: intent.slots.length ? ['slots'] : ['name'] },
            `Intent ${intent.name} has slots [${slots}] in ${locale.localeId} but [${seen.slots}] in ${seen.locale}.`,
            'Give the intent the same slot names and slot types in every locale: fulfillment code reads them by name.');
        }
      }
    }
  },
};
