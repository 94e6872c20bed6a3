/**
 * The offline approximation: prompts spoken by eSpeak NG (`espeak-ng`, Debian/Ubuntu package
 * `espeak-ng`) when there are no AWS credentials or `--offline` is given. It sounds nothing like a
 * Polly voice; it tells an author what is said, in which order and with which pauses.
 *
 * The SSML is rewritten into the subset eSpeak reads with `-m`: `speak`, `p`, `s`, `break`,
 * `prosody`, `emphasis`, `say-as interpret-as="characters"`; `<sub>` becomes its alias,
 * `<phoneme>` becomes eSpeak phoneme input where {@link phonemeToEspeak} maps it (else its text),
 * and every other tag (Amazon extensions, `w`, `lang`, `mark`) is replaced by its content.
 *
 * @see https://github.com/espeak-ng/espeak-ng/blob/master/src/espeak-ng.1.ronn (`-m`, `-v`, `-w`, `--stdin`)
 * @see https://github.com/espeak-ng/espeak-ng/blob/master/docs/markup.md (the SSML it reads)
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { phonemeToEspeak } from './espeak-phonemes.js';

/** How to install eSpeak NG, for messages. */
export const ESPEAK_INSTALL_HINT = 'Install eSpeak NG for the offline preview: sudo apt-get install espeak-ng (Debian/Ubuntu), brew install espeak-ng (macOS), or see https://github.com/espeak-ng/espeak-ng/releases; or give AWS credentials to render with Amazon Polly.';

/** The `espeak-ng` executable on `PATH`, or undefined. */
export function findEspeak(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === 'win32' ? ['espeak-ng.exe'] : ['espeak-ng'];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** The installed eSpeak NG: its path, version line and voice names. */
export interface Espeak {
  path: string;
  /** e.g. `eSpeak NG text-to-speech: 1.51  Data at: ...` → `1.51`. */
  version: string;
  /** Voice (language) names it has, e.g. `en-us`, `es-419`, `fr-fr`. */
  voices: Set<string>;
}

/** Probes `path` for its version and voices. */
export function probeEspeak(path: string): Espeak {
  const version = /text-to-speech:\s*(\S+)/.exec(spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout ?? '')?.[1] ?? 'unknown';
  const list = spawnSync(path, ['--voices'], { encoding: 'utf8' }).stdout ?? '';
  const voices = new Set<string>();
  for (const line of list.split('\n').slice(1)) {
    const name = line.trim().split(/\s+/)[1];
    if (name) voices.add(name.toLowerCase());
  }
  return { path, version, voices };
}

/** Preferred eSpeak voices for Lex locales whose plain `ll-cc` name eSpeak lacks. */
const VOICE_FALLBACKS: Record<string, string[]> = {
  es_us: ['es-419'],
  es_419: ['es-419'],
  es_mx: ['es-419'],
  fr_ca: ['fr-fr', 'fr'],
  fr_fr: ['fr-fr', 'fr'],
  en_us: ['en-us'],
  en_gb: ['en-gb'],
  pt_br: ['pt-br', 'pt'],
  pt_pt: ['pt', 'pt-pt'],
  zh_cn: ['cmn'],
  yue_hk: ['yue'],
  no_no: ['nb'],
};

/** The eSpeak voice for a Lex locale id: `en_US` → `en-us`, `es_US` → `es-419`, `fr_CA` → `fr-fr`, else the language. */
export function espeakVoiceFor(localeId: string, voices: ReadonlySet<string>): string {
  const key = localeId.toLowerCase();
  const lang = key.split('_')[0]!;
  const candidates = [...(VOICE_FALLBACKS[key] ?? []), key.replace('_', '-'), lang];
  return candidates.find((c) => voices.has(c)) ?? candidates[0]!;
}

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const KEEP = new Set(['speak', 'p', 's', 'break', 'prosody', 'emphasis']);

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One lexeme of a PLS lexicon: its graphemes and their phoneme or alias. */
export interface Lexeme {
  graphemes: string[];
  phoneme?: string;
  alias?: string;
  /** The lexicon's `alphabet` (`ipa` or `x-sampa`). */
  alphabet: string;
}

const decodeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/**
 * The lexemes of a PLS document (first replacement of each, as Polly uses).
 * @see https://www.w3.org/TR/pronunciation-lexicon/
 */
export function parseLexemes(pls: string): Lexeme[] {
  const alphabet = /<lexicon\b[^>]*\salphabet\s*=\s*["']([^"']*)["']/.exec(pls)?.[1] ?? 'ipa';
  const out: Lexeme[] = [];
  for (const [, body] of pls.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<lexeme\b[^>]*>([\s\S]*?)<\/lexeme>/g)) {
    const graphemes = [...body!.matchAll(/<grapheme\b[^>]*>([\s\S]*?)<\/grapheme>/g)].map((m) => decodeXml(m[1]!.trim())).filter(Boolean);
    const phoneme = /<phoneme\b[^>]*>([\s\S]*?)<\/phoneme>/.exec(body!)?.[1];
    const alias = /<alias\b[^>]*>([\s\S]*?)<\/alias>/.exec(body!)?.[1];
    // Polly applies the first replacement of a lexeme, whichever element it is.
    const phonemeFirst = phoneme !== undefined && (alias === undefined || body!.indexOf('<phoneme') < body!.indexOf('<alias'));
    if (graphemes.length && (phoneme !== undefined || alias !== undefined)) {
      out.push({ graphemes, alphabet, ...(phonemeFirst ? { phoneme: decodeXml(phoneme!.trim()) } : { alias: decodeXml(alias!.trim()) }) });
    }
  }
  return out;
}

/** Result of {@link ssmlToEspeak}. */
export interface EspeakInput {
  /** SSML for `espeak-ng -m`. */
  input: string;
  /** `<phoneme>` elements spoken from their phonemes. */
  phonemesMapped: number;
  /** `<phoneme>` elements spoken from their text, with the `ph` that could not be mapped. */
  phonemesUnmapped: string[];
  /** Words replaced by a lexicon's phoneme or alias. */
  lexemesApplied: number;
}

/**
 * Rewrites a Polly SSML prompt for eSpeak NG (see the module comment). Malformed SSML is read as
 * text. `lexemes` (the locale's lexicons, in order) are applied to whole words of the text as Polly
 * would: a phoneme becomes eSpeak phoneme input where it maps, an alias replaces the word.
 */
export function ssmlToEspeak(ssml: string, localeId: string, lexemes: readonly Lexeme[] = []): EspeakInput {
  const result: EspeakInput = { input: '', phonemesMapped: 0, phonemesUnmapped: [], lexemesApplied: 0 };
  const byGrapheme = new Map<string, Lexeme>();
  for (const l of lexemes) for (const g of l.graphemes) if (!byGrapheme.has(g)) byGrapheme.set(g, l);
  const graphemes = [...byGrapheme.keys()].sort((a, b) => b.length - a.length);
  const alternatives = graphemes.map((g) => g.replace(/[.*+?^$|()[\]{}\\]/g, '\\$&')).join('|');
  const wordRe = graphemes.length ? new RegExp(`(?<![\\p{L}\\p{N}_])(${alternatives})(?![\\p{L}\\p{N}_])`, 'gu') : undefined;
  const textOut = (text: string): string => {
    if (!wordRe) return escapeXml(text);
    let out = '';
    let last = 0;
    for (const m of text.matchAll(wordRe)) {
      const lexeme = byGrapheme.get(m[1]!)!;
      const replacement = lexeme.phoneme !== undefined ? phonemeToEspeak(lexeme.phoneme, lexeme.alphabet, localeId) : lexeme.alias !== undefined ? escapeXml(lexeme.alias) : undefined;
      if (replacement === undefined) continue;
      out += escapeXml(text.slice(last, m.index)) + (lexeme.phoneme !== undefined ? ` ${replacement} ` : replacement);
      last = m.index + m[0].length;
      result.lexemesApplied++;
    }
    return out + escapeXml(text.slice(last));
  };
  let nodes: XmlNode[];
  try {
    nodes = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, processEntities: true, parseTagValue: false, parseAttributeValue: false }).parse(ssml) as XmlNode[];
  } catch {
    nodes = [{ '#text': ssml.replace(/<[^>]*>/g, ' ') }];
  }
  const textOf = (list: XmlNode[]): string => list.map((n) => (typeof n['#text'] === 'string' ? n['#text'] : Array.isArray(n[tagOf(n)!]) ? textOf(n[tagOf(n)!] as XmlNode[]) : '')).join('');
  const walk = (list: XmlNode[]): string =>
    list
      .map((n) => {
        if (n['#text'] !== undefined) return textOut(String(n['#text']));
        const tag = tagOf(n);
        if (!tag || tag.startsWith('?') || tag === '#comment') return '';
        const attrs = n[':@'] ?? {};
        const children = (n[tag] as XmlNode[] | undefined) ?? [];
        if (tag === 'sub') return escapeXml(attrs.alias ?? textOf(children));
        if (tag === 'phoneme') {
          const mapped = attrs.ph ? phonemeToEspeak(attrs.ph, attrs.alphabet ?? 'ipa', localeId) : undefined;
          if (mapped) {
            result.phonemesMapped++;
            return ` ${mapped} `;
          }
          result.phonemesUnmapped.push(attrs.ph ?? '');
          return escapeXml(textOf(children));
        }
        if (tag === 'say-as' && /^(characters|spell-out)$/.test(attrs['interpret-as'] ?? '')) return `<say-as interpret-as="characters">${walk(children)}</say-as>`;
        if (KEEP.has(tag)) {
          const kept = Object.entries(attrs)
            .filter(([k]) => ['time', 'strength', 'rate', 'volume', 'pitch', 'level'].includes(k))
            .map(([k, v]) => ` ${k}="${escapeXml(v).replace(/"/g, '&quot;')}"`)
            .join('');
          return children.length ? `<${tag}${kept}>${walk(children)}</${tag}>` : `<${tag}${kept}/>`;
        }
        return walk(children);
      })
      .join('');
  let body = walk(nodes);
  if (!/^\s*<speak[\s>]/.test(body)) body = `<speak>${body}</speak>`;
  result.input = body;
  return result;
}

function tagOf(n: XmlNode): string | undefined {
  return Object.keys(n).find((k) => k !== ':@');
}

/**
 * Speaks `input` (from {@link ssmlToEspeak}) with eSpeak NG into a WAV file (16-bit mono, 22,050 Hz).
 * @throws Error with eSpeak's stderr when it exits non-zero.
 */
export async function renderWithEspeak(espeak: Espeak, voice: string, input: string, wavPath: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(espeak.path, ['-v', voice, '-m', '-w', wavPath, '--stdin'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`espeak-ng exited with ${code}: ${stderr.trim()}`))));
    child.stdin.end(input, 'utf8');
  });
}
