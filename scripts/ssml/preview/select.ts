/**
 * Which prompts a preview renders, and with which Polly voice and engine: the bot locale's `voice`
 * (`bots/<Bot>.yaml`) unless `--voice`/`--engine` override it.
 * @module
 */
import type { Project, SsmlPrompt } from '../../definitions/model.js';
import { localeToLanguage, type PollyEngine } from '../lint.js';
import { suggestLocale } from '../../definitions/locale-ids.js';

/** A prompt to preview with its voice settings resolved. */
export interface PreviewPrompt {
  /** Prompt id: the file name without `.ssml`. */
  id: string;
  /** Lex locale id, e.g. `en_US`. */
  localeId: string;
  /** Project-relative file, e.g. `ssml/en_US/goodbye.ssml`. */
  file: string;
  /** The SSML text as written. */
  text: string;
  /** Polly voice id, e.g. `Danielle`. */
  voice: string;
  engine: PollyEngine;
  /** Polly language code of the locale, e.g. `en-US` (lexicons apply only to their language). */
  languageCode: string;
  /** The bot whose locale gave the voice (undefined when `--voice` supplied it). */
  bot?: string;
  /** The first target region of that bot, the default region for Polly. */
  region?: string;
}

/** What to select. */
export interface SelectOptions {
  /** Prompt ids (`goodbye`), `<locale>/<id>` or file paths (`ssml/en_US/goodbye.ssml`). Empty with `all`. */
  ids: string[];
  all?: boolean;
  /** Only these locales. */
  locales?: string[];
  voice?: string;
  engine?: PollyEngine;
}

/** A selection problem the user fixes (unknown id, no voice); the CLI turns it into a usage error. */
export class PreviewSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreviewSelectionError';
  }
}

/** The voice of each locale: the first bot (by name) whose locale sets one. */
function localeVoices(project: Project): Map<string, { voice: string; engine: PollyEngine; bot: string; region?: string }> {
  const out = new Map<string, { voice: string; engine: PollyEngine; bot: string; region?: string }>();
  for (const bot of [...project.bots].sort((a, b) => a.name.localeCompare(b.name))) {
    for (const locale of bot.locales) {
      if (!locale.voice || out.has(locale.localeId)) continue;
      out.set(locale.localeId, { voice: locale.voice.id, engine: locale.voice.engine, bot: bot.name, ...(bot.targets[0] ? { region: bot.targets[0].region } : {}) });
    }
  }
  return out;
}

/**
 * Resolves the prompts to preview, sorted by locale then id.
 * @throws PreviewSelectionError when an id matches no prompt, a locale is unknown, nothing is
 *   selected, or a locale has no voice and `voice` is not given.
 */
export function selectPrompts(project: Project, opts: SelectOptions): PreviewPrompt[] {
  const locales = opts.locales?.length ? opts.locales : [...project.ssml.keys()];
  for (const l of opts.locales ?? []) {
    if (!project.ssml.has(l)) {
      const known = [...project.ssml.keys()].sort();
      const guess = suggestLocale(l, known);
      throw new PreviewSelectionError(`No prompts for locale ${l}: there is no ssml/${l}/ folder with .ssml files${guess ? `; did you mean ${guess}?` : '.'} (locales with prompts: ${known.join(', ') || 'none'}).`);
    }
  }
  const chosen = new Map<string, SsmlPrompt>();
  const add = (p: SsmlPrompt) => chosen.set(`${p.localeId}/${p.id}`, p);
  if (opts.all) {
    for (const l of locales) for (const p of project.ssml.get(l)?.values() ?? []) add(p);
  } else {
    for (const raw of opts.ids) {
      const ref = raw.replace(/\\/g, '/').replace(/^\.\//, '');
      const path = /^ssml\/([^/]+)\/([^/]+)\.ssml$/.exec(ref);
      const qualified = /^([A-Za-z]{2,3}_[A-Za-z0-9]+)\/([^/]+)$/.exec(ref);
      const [locale, id] = path ? [path[1]!, path[2]!] : qualified ? [qualified[1]!, qualified[2]!.replace(/\.ssml$/, '')] : [undefined, ref.replace(/\.ssml$/, '')];
      let found = 0;
      for (const l of locale ? [locale] : locales) {
        const p = project.ssml.get(l)?.get(id);
        if (p && locales.includes(l)) {
          add(p);
          found++;
        }
      }
      if (!found && locale && !project.ssml.has(locale)) {
        const withPrompts = [...project.ssml.keys()].sort();
        const guess = suggestLocale(locale, withPrompts);
        throw new PreviewSelectionError(`No prompt "${raw}": there is no ssml/${locale}/ folder${guess ? `; did you mean ${guess}/${id}?` : '.'} (locales with prompts: ${withPrompts.join(', ') || 'none'}).`);
      }
      if (!found) {
        const known = [...new Set(locales.flatMap((l) => [...(project.ssml.get(l)?.keys() ?? [])]))].sort();
        throw new PreviewSelectionError(`No prompt "${raw}"${locale ? '' : ` in ${locales.join(', ')}`}: expected ssml/<locale>/${id}.ssml. Known prompt ids: ${known.join(', ') || 'none'}.`);
      }
    }
  }
  if (!chosen.size) throw new PreviewSelectionError('No prompts to preview: the project has no ssml/<locale>/*.ssml files.');

  const voices = localeVoices(project);
  const out: PreviewPrompt[] = [];
  for (const p of [...chosen.values()].sort((a, b) => a.localeId.localeCompare(b.localeId) || a.id.localeCompare(b.id))) {
    const v = voices.get(p.localeId);
    const voice = opts.voice ?? v?.voice;
    if (!voice) throw new PreviewSelectionError(`No voice for locale ${p.localeId} (${p.file}): no bot sets voice: { id, engine } for ${p.localeId} in bots/*.yaml. Add one or pass --voice.`);
    out.push({
      id: p.id,
      localeId: p.localeId,
      file: p.file,
      text: p.text,
      voice,
      // An overriding --voice without --engine keeps the locale's engine only for the locale's own voice.
      engine: opts.engine ?? (v && (!opts.voice || opts.voice === v.voice) ? v.engine : 'standard'),
      languageCode: localeToLanguage(p.localeId),
      ...(v && !opts.voice ? { bot: v.bot } : {}),
      ...(v?.region ? { region: v.region } : {}),
    });
  }
  return out;
}
