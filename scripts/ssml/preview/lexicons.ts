/**
 * The project's pronunciation lexicons (`ssml/lexicons/*.pls`, W3C PLS 1.0) as a preview applies
 * them: a lexicon's Polly name is its file name without `.pls`, and it applies to the prompts whose
 * language is the lexicon's `xml:lang` ("Lexicons are applied only if the language of the lexicon is
 * the same as the language of the voice").
 *
 * @see https://docs.aws.amazon.com/polly/latest/dg/managing-lexicons.html
 * @see https://docs.aws.amazon.com/polly/latest/dg/API_SynthesizeSpeech.html (LexiconNames: up to 5)
 * @module
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Project } from '../../definitions/model.js';

/** Polly lexicon names: 1-20 ASCII letters and digits. @see https://docs.aws.amazon.com/polly/latest/dg/API_PutLexicon.html */
export const LEXICON_NAME = /^[0-9A-Za-z]{1,20}$/;

/** Lexicons Polly applies per SynthesizeSpeech request. @see https://docs.aws.amazon.com/polly/latest/dg/limits.html */
export const MAX_LEXICONS_PER_REQUEST = 5;

/** One lexicon file. */
export interface PreviewLexicon {
  /** Polly lexicon name (the file name without `.pls`). */
  name: string;
  /** Project-relative path, e.g. `ssml/lexicons/Acme.pls`. */
  file: string;
  /** The PLS document as stored. */
  content: string;
  /** `xml:lang` of the `<lexicon>` root, e.g. `en-US` (undefined when absent). */
  language?: string;
  /** `alphabet` of the root: `ipa` or `x-sampa`. */
  alphabet?: string;
}

/** A lexicon file the preview cannot use. */
export class LexiconError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LexiconError';
  }
}

/** The project's lexicons: from the model when the loader read them, else from `ssml/lexicons/*.pls`. */
export async function projectLexicons(project: Project): Promise<PreviewLexicon[]> {
  if (!project.lexicons) return loadLexicons(project.root);
  return [...project.lexicons.values()]
    .map((l) => {
      const alphabet = /<lexicon\b[^>]*\salphabet\s*=\s*["']([^"']*)["']/.exec(l.text)?.[1];
      return { name: l.name, file: l.file, content: l.text, ...(l.languageCode ? { language: l.languageCode } : {}), ...(alphabet ? { alphabet } : {}) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Reads `ssml/lexicons/*.pls` under `root` (none when the folder is absent), sorted by name. */
export async function loadLexicons(root: string): Promise<PreviewLexicon[]> {
  const dir = join(root, 'ssml', 'lexicons');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.pls')).sort();
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (n) => {
      const content = await readFile(join(dir, n), 'utf8');
      const root = /<lexicon\b([^>]*)>/.exec(content)?.[1] ?? '';
      const attr = (a: string) => new RegExp(`\\b${a}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(root)?.slice(1).find((v) => v !== undefined);
      const language = attr('xml:lang');
      const alphabet = attr('alphabet');
      return { name: n.slice(0, -'.pls'.length), file: `ssml/lexicons/${n}`, content, ...(language ? { language } : {}), ...(alphabet ? { alphabet } : {}) };
    }),
  );
}

/**
 * The lexicons that apply to a language, in name order.
 * @throws LexiconError when one has a name Polly refuses, or more than 5 apply.
 */
export function lexiconsFor(lexicons: readonly PreviewLexicon[], languageCode: string): PreviewLexicon[] {
  const applying = lexicons.filter((l) => l.language?.toLowerCase() === languageCode.toLowerCase());
  for (const l of applying) {
    if (!LEXICON_NAME.test(l.name)) throw new LexiconError(`${l.file}: "${l.name}" is not a Polly lexicon name (1-20 letters and digits, no "-" or "_"). Rename the file.`);
  }
  if (applying.length > MAX_LEXICONS_PER_REQUEST) {
    throw new LexiconError(`${applying.length} lexicons have xml:lang="${languageCode}" (${applying.map((l) => l.file).join(', ')}), but Polly applies at most ${MAX_LEXICONS_PER_REQUEST} per request. Merge some of them.`);
  }
  return applying;
}
