/**
 * `bots export`: a bot of the model as a LexJson export (the zip the Lex V2 console exports and
 * imports), plus reading such an export back from a zip or a folder.
 *
 * Layout (paths relative to the zip root, as in real console exports):
 * ```
 * Manifest.json
 * <Bot>/Bot.json
 * <Bot>/BotLocales/<locale>/BotLocale.json
 * <Bot>/BotLocales/<locale>/Intents/<Intent>/Intent.json
 * <Bot>/BotLocales/<locale>/Intents/<Intent>/Slots/<Slot>/Slot.json
 * <Bot>/BotLocales/<locale>/SlotTypes/<SlotType>/SlotType.json
 * <Bot>/BotLocales/<locale>/CustomVocabulary/CustomVocabulary.json
 * ```
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/import-export-format.html
 * @module
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { Bot, BotLocale, Project } from '../definitions/model.js';
import { deepMerge, type JsonObject } from './json.js';
import { botJson, botLocaleJson, customVocabularyJson, intentJson, MANIFEST, slotJson, slotTypeJson, type LexJsonContext } from './lexjson.js';

/** Paths of the files of an export, relative to its root. */
export const EXPORT_PATHS = {
  manifest: 'Manifest.json',
  bot: (bot: string) => `${bot}/Bot.json`,
  locale: (bot: string, locale: string) => `${bot}/BotLocales/${locale}/BotLocale.json`,
  intent: (bot: string, locale: string, intent: string) => `${bot}/BotLocales/${locale}/Intents/${intent}/Intent.json`,
  slot: (bot: string, locale: string, intent: string, slot: string) => `${bot}/BotLocales/${locale}/Intents/${intent}/Slots/${slot}/Slot.json`,
  slotType: (bot: string, locale: string, slotType: string) => `${bot}/BotLocales/${locale}/SlotTypes/${slotType}/SlotType.json`,
  customVocabulary: (bot: string, locale: string) => `${bot}/BotLocales/${locale}/CustomVocabulary/CustomVocabulary.json`,
} as const;

/** Minified like real exports. */
const write = (json: unknown) => JSON.stringify(json);

/** The generated JSON with the resource's `lex:` passthrough merged over it last. */
const withLex = (json: JsonObject, lex: Record<string, unknown> | undefined) => (lex ? deepMerge(json, lex) : json);

/** The context the LexJson builders need for one locale of `bot`. */
export function lexJsonContext(project: Project, bot: Bot, locale: BotLocale): LexJsonContext {
  const prompts = project.ssml.get(locale.localeId);
  return { bot, locale, ssml: (id) => prompts?.get(id)?.text };
}

/**
 * Builds the LexJson export of one bot (its DRAFT version).
 *
 * Every file is the JSON generated from the model with the resource's `lex:` passthrough
 * deep-merged over it (objects merge recursively; arrays and scalars replace).
 *
 * @param project - a loaded project ({@link loadProject}); validate it first, the export assumes a valid model.
 * @param botName - name of a bot in `project.bots`.
 * @returns file contents (minified JSON) by path relative to the export root; `Manifest.json` first.
 * @throws Error when the bot does not exist (the message lists the bots there are), or when a
 *   message references an SSML prompt that has no file.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/import-export-format.html
 * @example
 * const { project } = await loadProject('.');
 * writeFileSync('SelfService-DRAFT-LexJson.zip', zipFiles(exportBot(project, 'SelfService')));
 */
export function exportBot(project: Project, botName: string): Map<string, string> {
  const bot = project.bots.find((b) => b.name === botName);
  if (!bot) {
    const names = project.bots.map((b) => b.name).sort();
    throw new Error(`There is no bot "${botName}" in ${join(project.root, 'bots')}. Bots: ${names.length ? names.join(', ') : '(none)'}.`);
  }
  const files = new Map<string, string>();
  files.set(EXPORT_PATHS.manifest, write(MANIFEST));
  files.set(EXPORT_PATHS.bot(bot.name), write(withLex(botJson(bot), bot.lex)));
  for (const locale of bot.locales) {
    const ctx = lexJsonContext(project, bot, locale);
    const id = locale.localeId;
    files.set(EXPORT_PATHS.locale(bot.name, id), write(withLex(botLocaleJson(locale), locale.lex)));
    for (const intent of locale.intents) {
      files.set(EXPORT_PATHS.intent(bot.name, id, intent.name), write(withLex(intentJson(intent, ctx), intent.lex)));
      for (const slot of intent.slots) {
        files.set(EXPORT_PATHS.slot(bot.name, id, intent.name, slot.name), write(withLex(slotJson(slot, intent, ctx), slot.lex)));
      }
    }
    for (const st of locale.slotTypes) files.set(EXPORT_PATHS.slotType(bot.name, id, st.name), write(withLex(slotTypeJson(st, ctx), st.lex)));
    const vocabulary = customVocabularyJson(locale);
    if (vocabulary) files.set(EXPORT_PATHS.customVocabulary(bot.name, id), write(vocabulary));
  }
  return files;
}

/** A fixed modification time, so that the same files always give the same zip bytes (DOS time starts in 1980). */
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/**
 * Zips `files` deterministically: entries sorted by path, one fixed modification time, DEFLATE level 6.
 * @param files - contents by path relative to the zip root (`/` separators).
 * @returns the zip bytes.
 */
export function zipFiles(files: ReadonlyMap<string, string>): Uint8Array {
  const entries: Zippable = {};
  for (const path of [...files.keys()].sort()) entries[path] = [strToU8(files.get(path)!), { mtime: ZIP_MTIME, level: 6 }];
  return zipSync(entries);
}

/**
 * Reads a LexJson export from a `.zip` file or an unzipped folder.
 *
 * The export root is the folder holding `Manifest.json`: zips made by zipping the export folder
 * itself (one top folder inside) work as well as console zips. Entries outside that root are kept
 * with their full path, so that an importer reports them instead of losing them.
 *
 * @param path - a `.zip` file or a folder.
 * @returns file contents (UTF-8 text) by path relative to the export root, `/` separators, sorted.
 * @throws Error when the path does not exist or the zip cannot be read.
 */
export async function readExport(path: string): Promise<Map<string, string>> {
  const info = await stat(path);
  const raw = new Map<string, string>();
  if (info.isDirectory()) {
    for (const file of await walk(path)) raw.set(relative(path, file).split(sep).join('/'), await readFile(file, 'utf8'));
  } else {
    let entries;
    try {
      entries = unzipSync(new Uint8Array(await readFile(path)));
    } catch (err) {
      throw new Error(`${path} is not a readable zip file: ${err instanceof Error ? err.message : String(err)}`);
    }
    // Some Windows zip tools write backslashes.
    for (const [name, bytes] of Object.entries(entries)) if (!/[/\\]$/.test(name)) raw.set(name.replace(/\\/g, '/'), strFromU8(bytes));
  }
  const manifests = [...raw.keys()].filter((p) => posix.basename(p).toLowerCase() === 'manifest.json').sort((a, b) => a.split('/').length - b.split('/').length);
  const prefix = manifests.length ? posix.dirname(manifests[0]!) : '.';
  const out = new Map<string, string>();
  for (const p of [...raw.keys()].sort()) {
    const rel = prefix !== '.' && p.startsWith(`${prefix}/`) ? p.slice(prefix.length + 1) : p;
    out.set(rel, raw.get(p)!);
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}
