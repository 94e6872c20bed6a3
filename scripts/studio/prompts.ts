/**
 * The prompts `bots studio` edits: every `ssml/<locale>/<id>.ssml` of the project with the voice and
 * engine of its bot locale, linted as `bots ssml lint` and `bots ssml preview` lint it, and saved back
 * atomically, refusing to overwrite a file that changed on disk since the editor opened it.
 * @module
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { loadProject } from '../definitions/load.js';
import { writeFileAtomic } from '../conversation/files.js';
import { lintSsml, localeToLanguage, voiceInfo, type PollyEngine, type SsmlFinding } from '../ssml/lint.js';
import { PreviewSelectionError, selectPrompts } from '../ssml/preview/select.js';

/** A Lex locale id as the project folders spell it (`en_US`). */
const LOCALE_ID = /^[a-z]{2,3}_[A-Za-z0-9]{2,8}$/;
/** A prompt id: the file name without `.ssml`; no separators, no leading dot. */
const PROMPT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The voice a prompt is spoken with. */
export interface PromptVoice {
  /** Polly voice id, e.g. `Danielle`; undefined when no bot locale sets one. */
  voice?: string;
  engine?: PollyEngine;
  /** Polly language code, e.g. `en-US`. */
  languageCode: string;
}

/** One prompt in the studio's list. */
export interface StudioPrompt extends PromptVoice {
  id: string;
  localeId: string;
  /** Project-relative path, `ssml/<locale>/<id>.ssml`. */
  file: string;
  errors: number;
  warnings: number;
}

/** A prompt opened in the editor. */
export interface OpenedPrompt extends StudioPrompt {
  text: string;
  /** sha256 (hex) of the file's bytes when read: send it back with {@link savePrompt}. */
  hash: string;
  findings: SsmlFinding[];
}

/** A request the studio refuses (unknown prompt, bad name): HTTP 400/404. */
export class PromptRequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
    this.name = 'PromptRequestError';
  }
}

/** The file changed on disk since it was opened: HTTP 409. */
export class PromptConflictError extends Error {
  constructor(
    readonly file: string,
    readonly currentHash: string,
  ) {
    super(`${file} changed on disk since you opened it (someone or something else saved it). Your text is kept in the editor: reload the file to see the other change, or overwrite it.`);
    this.name = 'PromptConflictError';
  }
}

/** sha256 (hex) of `data`. */
export function contentHash(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The absolute path of prompt `localeId/id` under `<root>/ssml`.
 * @throws PromptRequestError when either name could leave the folder (`..`, separators) or is malformed.
 */
export function promptPath(root: string, localeId: string, id: string): string {
  if (!LOCALE_ID.test(localeId)) throw new PromptRequestError(`"${localeId}" is not a Lex locale id (e.g. en_US).`);
  if (!PROMPT_ID.test(id) || id.includes('..')) throw new PromptRequestError(`"${id}" is not a prompt id (letters, digits, . _ -; e.g. goodbye).`);
  const base = resolve(root, 'ssml');
  const path = resolve(base, localeId, `${id}.ssml`);
  // Belt and braces: the patterns above already exclude separators and "..".
  if (!path.startsWith(base + sep)) throw new PromptRequestError(`"${localeId}/${id}" is outside ssml/.`);
  return path;
}

/** Voice and engine of every locale that has prompts (from the bot locales, as `bots ssml preview`). */
function voicesByLocale(project: Awaited<ReturnType<typeof loadProject>>['project']): Map<string, PromptVoice> {
  const out = new Map<string, PromptVoice>();
  for (const localeId of project.ssml.keys()) {
    try {
      const [p] = selectPrompts(project, { ids: [], all: true, locales: [localeId] });
      out.set(localeId, { ...(p ? { voice: p.voice, engine: p.engine } : {}), languageCode: localeToLanguage(localeId) });
    } catch (err) {
      if (!(err instanceof PreviewSelectionError)) throw err;
      out.set(localeId, { languageCode: localeToLanguage(localeId) });
    }
  }
  return out;
}

/**
 * Lints `text` as spoken by `voice` through Amazon Connect (the rules of `bots ssml lint`).
 * Without a voice, the voice- and engine-specific rules are skipped.
 */
export function lintPrompt(text: string, voice: Partial<PromptVoice>): SsmlFinding[] {
  const languageCode = voice.languageCode ?? (voice.voice ? voiceInfo(voice.voice)?.languageCode : undefined);
  return lintSsml(text, { ...(voice.voice ? { voice: voice.voice } : {}), ...(voice.engine ? { engine: voice.engine } : {}), ...(languageCode ? { languageCode } : {}), playedBy: 'connect' });
}

/** Every prompt of the project, sorted by locale then id, with its lint counts. */
export async function listPrompts(root: string): Promise<StudioPrompt[]> {
  const { project } = await loadProject(root);
  const voices = voicesByLocale(project);
  const out: StudioPrompt[] = [];
  for (const [localeId, prompts] of [...project.ssml].sort(([a], [b]) => a.localeCompare(b))) {
    const voice = voices.get(localeId)!;
    for (const p of [...prompts.values()].sort((a, b) => a.id.localeCompare(b.id))) {
      const findings = lintPrompt(p.text, voice);
      const errors = findings.filter((f) => f.severity === 'error').length;
      out.push({ id: p.id, localeId, file: p.file, ...voice, errors, warnings: findings.length - errors });
    }
  }
  return out;
}

/**
 * Reads prompt `localeId/id` from disk (not from a cache: the editor gets what is there now).
 * @throws PromptRequestError (404) when the project has no such prompt.
 */
export async function openPrompt(root: string, localeId: string, id: string): Promise<OpenedPrompt> {
  const path = promptPath(root, localeId, id);
  const listed = (await listPrompts(root)).find((p) => p.localeId === localeId && p.id === id);
  if (!listed) throw new PromptRequestError(`No prompt ${localeId}/${id}: expected ssml/${localeId}/${id}.ssml.`, 404);
  const bytes = await readFile(path);
  const text = bytes.toString('utf8');
  const findings = lintPrompt(text, listed);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { ...listed, text, hash: contentHash(bytes), findings, errors, warnings: findings.length - errors };
}

/** What {@link savePrompt} wrote. */
export interface SavedPrompt {
  file: string;
  /** sha256 of the bytes now on disk: the base of the next save. */
  hash: string;
  findings: SsmlFinding[];
}

/**
 * Saves `text` to prompt `localeId/id` atomically (temporary file and rename), if the file is still
 * the one the editor opened (`baseHash`). Keeps the file's CRLF line endings when it had them (a
 * browser's textarea gives LF).
 *
 * Limitation: the check and the rename are two steps, so a write landing between them is not seen;
 * the studio is a single-user local tool.
 * @throws PromptConflictError when the file on disk no longer has `baseHash`.
 * @throws PromptRequestError for an unknown prompt or malformed names.
 */
export async function savePrompt(root: string, localeId: string, id: string, text: string, baseHash: string): Promise<SavedPrompt> {
  const path = promptPath(root, localeId, id);
  let current: Buffer;
  try {
    current = await readFile(path);
  } catch {
    throw new PromptRequestError(`No prompt ${localeId}/${id}: expected ssml/${localeId}/${id}.ssml.`, 404);
  }
  const file = relative(resolve(root), path).split(sep).join('/');
  const currentHash = contentHash(current);
  if (currentHash !== baseHash) throw new PromptConflictError(file, currentHash);
  const crlf = current.includes('\r\n');
  const out = crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  await writeFileAtomic(path, out);
  const listed = (await listPrompts(root)).find((p) => p.localeId === localeId && p.id === id);
  return { file, hash: contentHash(Buffer.from(out, 'utf8')), findings: lintPrompt(out, listed ?? { languageCode: localeToLanguage(localeId) }) };
}
