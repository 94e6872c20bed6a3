/**
 * Lint of Amazon Polly pronunciation lexicons (`ssml/lexicons/<Name>.pls`, W3C PLS 1.0): format,
 * alphabet, language, phonemes against the language's table, size and name.
 * @see https://docs.aws.amazon.com/polly/latest/dg/managing-lexicons.html
 * @see https://www.w3.org/TR/pronunciation-lexicon/
 * @module
 */
import { POLLY_LIMITS, positioned, reportPhonemeProblems, type SsmlFinding } from './findings.js';
import { phonemeTable, type PhoneticAlphabet } from './phonemes.js';
import { SSML_RULE_BY_ID, type SsmlRuleId } from './rules.js';
import { POLLY_LANGUAGES } from './voices.js';
import { scanXml, type XmlAttribute } from './xml-scan.js';

/** The PLS namespace Polly expects. */
export const PLS_NAMESPACE = 'http://www.w3.org/2005/01/pronunciation-lexicon';

/** Lexicon names: letters and digits, 1-20. @see https://docs.aws.amazon.com/polly/latest/dg/limits.html */
export const LEXICON_NAME = /^[0-9A-Za-z]{1,20}$/;

/** Options of {@link lintLexicon}. */
export interface LexiconLintOptions {
  /** The lexicon name (the file name without `.pls`), checked against Polly's name rule. */
  name?: string;
}

/** What {@link lintLexicon} learns about a lexicon besides its findings. */
export interface LexiconSummary {
  /** `xml:lang` of the root, e.g. `en-US`. */
  languageCode?: string;
  alphabet?: string;
  /** Graphemes with their replacement (phoneme or alias), in document order. */
  lexemes: { graphemes: string[]; phonemes: string[]; aliases: string[] }[];
}

/**
 * Lints one PLS lexicon.
 * @param text - the lexicon file content.
 * @returns the findings (1-based line/column in `text`) and what was read. Never throws.
 * @example
 * const { findings, summary } = lintLexicon(readFileSync('ssml/lexicons/CeibaEnUS.pls', 'utf8'), { name: 'CeibaEnUS' });
 */
export function lintLexicon(text: string, options: LexiconLintOptions = {}): { findings: SsmlFinding[]; summary: LexiconSummary } {
  const findings: SsmlFinding[] = [];
  const summary: LexiconSummary = { lexemes: [] };
  const report = (ruleId: SsmlRuleId, offset: number, message: string, hint?: string, severity?: 'error' | 'warning') => {
    const meta = SSML_RULE_BY_ID.get(ruleId)!;
    findings.push({ ruleId, severity: severity ?? meta.severity, message, hint, line: 0, column: 0, offset, source: meta.source });
  };
  if (options.name !== undefined && !LEXICON_NAME.test(options.name)) {
    report('ssml/lexicon-name', 0, `Lexicon name "${options.name}" is not 1-20 letters and digits.`, 'Rename the file, e.g. ssml/lexicons/CeibaEnUS.pls (no dashes, underscores or dots).');
  }
  if (text.length > POLLY_LIMITS.lexiconCharacters) {
    report('ssml/lexicon-size', 0, `The lexicon has ${text.length} characters; Polly accepts at most ${POLLY_LIMITS.lexiconCharacters}.`, 'Split it into several lexicons (at most 5 apply per request).');
  }

  let table: ReturnType<typeof phonemeTable>;
  let rootAlphabet: string | undefined;
  // Open elements, with the lexeme being read and the text of the current grapheme/phoneme/alias.
  const stack: string[] = [];
  let lexeme: { start: number; graphemes: string[]; phonemes: string[]; aliases: string[] } | undefined;
  let leaf: { name: string; start: number; text: string; textStart: number; offsets: number[]; alphabet?: string; alphabetAt?: number } | undefined;

  scanXml(text, {
    open(name, attributes, start, selfClosing, depth) {
      const get = (k: string): XmlAttribute | undefined => attributes.find((a) => a.name === k);
      const parent = stack[stack.length - 1];
      if (depth === 0) {
        if (name !== 'lexicon') {
          report('ssml/lexicon-format', start, `The root element is <${name}>; a PLS lexicon's root is <lexicon>.`, `Start with <lexicon version="1.0" xmlns="${PLS_NAMESPACE}" alphabet="ipa" xml:lang="en-US">.`);
        } else {
          const version = get('version');
          if (version?.value !== '1.0') report('ssml/lexicon-format', version?.valueStart ?? start, 'The lexicon needs version="1.0".', 'Add version="1.0" to <lexicon>.');
          const ns = get('xmlns');
          if (ns?.value !== PLS_NAMESPACE) report('ssml/lexicon-format', ns?.valueStart ?? start, `The lexicon needs xmlns="${PLS_NAMESPACE}".`, `Add xmlns="${PLS_NAMESPACE}" to <lexicon>.`);
          const alphabet = get('alphabet');
          rootAlphabet = alphabet?.value;
          summary.alphabet = rootAlphabet;
          if (!alphabet) report('ssml/lexicon-alphabet', start, 'The lexicon has no alphabet.', 'Add alphabet="ipa" or alphabet="x-sampa" to <lexicon>.');
          else if (alphabet.value !== 'ipa' && alphabet.value !== 'x-sampa') {
            report('ssml/lexicon-alphabet', alphabet.valueStart, `Lexicon alphabet "${alphabet.value}" is not supported (UnsupportedPlsAlphabetException).`, 'Use alphabet="ipa" or alphabet="x-sampa".');
          }
          const lang = get('xml:lang');
          summary.languageCode = lang?.value;
          if (!lang) report('ssml/lexicon-language', start, 'The lexicon has no xml:lang.', 'Add xml:lang="en-US" (the language of the voices it applies to).');
          else if (!POLLY_LANGUAGES.has(lang.value)) {
            report('ssml/lexicon-language', lang.valueStart, `Lexicon language "${lang.value}" is not a Polly language (UnsupportedPlsLanguageException).`, 'Use a Polly language code such as en-US, es-US or fr-CA.');
          } else table = phonemeTable(lang.value);
        }
      } else if (name === 'lexeme') {
        if (parent !== 'lexicon') report('ssml/lexicon-format', start, '<lexeme> belongs directly inside <lexicon>.', 'Move it.');
        lexeme = { start, graphemes: [], phonemes: [], aliases: [] };
      } else if (name === 'grapheme' || name === 'phoneme' || name === 'alias') {
        if (parent !== 'lexeme') report('ssml/lexicon-format', start, `<${name}> belongs inside a <lexeme>.`, 'Wrap it in <lexeme>...</lexeme>.');
        const a = name === 'phoneme' ? get('alphabet') : undefined;
        if (a && a.value !== 'ipa' && a.value !== 'x-sampa') report('ssml/lexicon-alphabet', a.valueStart, `phoneme alphabet "${a.value}" is not supported.`, 'Use ipa or x-sampa.');
        leaf = { name, start, text: '', textStart: -1, offsets: [], alphabet: a?.value, alphabetAt: a?.valueStart };
        if (selfClosing) closeLeaf();
      } else if (!['meta', 'metadata', 'example'].includes(name) && !stack.includes('meta') && !stack.includes('metadata')) {
        report('ssml/lexicon-format', start, `<${name}> is not a PLS element.`, 'A lexicon holds <lexeme> elements of <grapheme> and <phoneme> or <alias>.');
      }
      if (!selfClosing) stack.push(name);
    },
    close(name) {
      stack.pop();
      if (leaf && name === leaf.name) closeLeaf();
      else if (name === 'lexeme' && lexeme) {
        if (!lexeme.graphemes.length) report('ssml/lexicon-format', lexeme.start, 'The <lexeme> has no <grapheme>.', 'Add the written word: <grapheme>Ceiba</grapheme>.');
        if (!lexeme.phonemes.length && !lexeme.aliases.length) report('ssml/lexicon-format', lexeme.start, 'The <lexeme> has neither <phoneme> nor <alias>.', 'Add <phoneme>...</phoneme> or <alias>...</alias>.');
        summary.lexemes.push({ graphemes: lexeme.graphemes, phonemes: lexeme.phonemes, aliases: lexeme.aliases });
        lexeme = undefined;
      }
    },
    text(t, start) {
      if (!leaf) return;
      if (leaf.textStart < 0) leaf.textStart = start;
      // Text with entities is decoded, so offsets map back only approximately (to the node start).
      for (let k = 0; k < t.length; k++) leaf.offsets.push(start + k);
      leaf.text += t;
    },
    error(kind, offset, message, hint, severity) {
      report(kind === 'escape' ? 'ssml/escape' : 'ssml/lexicon-format', offset, kind === 'well-formed' ? `The lexicon is not well-formed XML: ${message}` : message, hint, severity);
    },
  });

  function closeLeaf(): void {
    const l = leaf!;
    leaf = undefined;
    const value = l.text;
    const lead = value.length - value.trimStart().length;
    const trimmed = value.trim();
    if (!lexeme) return;
    if (l.name === 'grapheme') {
      if (!trimmed) report('ssml/lexicon-format', l.start, 'The <grapheme> is empty.', 'Write the word it replaces.');
      lexeme.graphemes.push(trimmed);
      return;
    }
    if (trimmed.length > POLLY_LIMITS.lexemeReplacementCharacters) {
      report('ssml/lexicon-size', l.start, `The <${l.name}> has ${trimmed.length} characters; Polly accepts at most ${POLLY_LIMITS.lexemeReplacementCharacters} (MaxLexemeLengthExceededException).`, 'Shorten it.');
    }
    if (l.name === 'alias') {
      if (!trimmed) report('ssml/lexicon-format', l.start, 'The <alias> is empty.', 'Write the words to say instead.');
      lexeme.aliases.push(trimmed);
      return;
    }
    lexeme.phonemes.push(trimmed);
    const alphabet = (l.alphabet ?? rootAlphabet) as PhoneticAlphabet | undefined;
    if (!table || (alphabet !== 'ipa' && alphabet !== 'x-sampa')) return;
    const offsetOf = (k: number) => (l.textStart < 0 ? l.start : (l.offsets[lead + k] ?? l.textStart));
    reportPhonemeProblems(trimmed, alphabet, table, offsetOf, (ruleId, offset, message, hint) => report(ruleId, offset, message, hint));
  }

  return { findings: positioned(text, findings), summary };
}
