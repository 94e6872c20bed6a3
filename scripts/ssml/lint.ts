/**
 * SSML lint against Amazon Polly's rules (stub: the full lint replaces this).
 * @module
 */
import { checkSsmlWellFormed } from '../validate/rules/ssml.js';

/** Polly engines. @see https://docs.aws.amazon.com/polly/latest/dg/voice-engines-polly.html */
export type PollyEngine = 'standard' | 'neural' | 'long-form' | 'generative';

/** Options of {@link lintSsml}. */
export interface SsmlLintOptions {
  /** Polly voice id, e.g. `Danielle`. */
  voice?: string;
  engine?: PollyEngine;
  /** Polly language code, e.g. `en-US`. */
  languageCode?: string;
  /** Who plays the prompt: a Lex prompt through Connect (default), or Polly directly. */
  playedBy?: 'connect' | 'polly';
}

/** One lint finding, positioned in the SSML text (1-based line/column). */
export interface SsmlFinding {
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
  line: number;
  column: number;
}

/** Lints one SSML document. */
export function lintSsml(text: string, _options: SsmlLintOptions = {}): SsmlFinding[] {
  const p = checkSsmlWellFormed(text);
  return p ? [{ ruleId: 'ssml/well-formed', severity: 'error', message: p.message, line: p.line, column: p.column }] : [];
}
