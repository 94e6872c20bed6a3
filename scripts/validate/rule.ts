/**
 * The shape of a validation rule family and the context rules report through.
 * @module
 */
import type { Diagnostic, Severity } from '../definitions/diagnostics.js';
import type { Bot, BotLocale, Project } from '../definitions/model.js';
import type { SourceRef } from '../definitions/source.js';

/** Documentation of one rule id: shown by `bots validate --rules`, in SARIF and in docs/rules.md. */
export interface RuleMeta {
  id: string;
  severity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** Where the rule or limit comes from (an AWS documentation URL, or docs/rules.md for project conventions). */
  source: string;
}

/** What a rule sees and reports through. */
export interface RuleContext {
  project: Project;
  /** Reports a finding at the YAML node `at` (or a precomputed position); `severity` overrides the rule's default. */
  report(ruleId: string, at: SourceRef | { file: string; line: number; column: number }, message: string, hint?: string, severity?: Severity): void;
}

/** A family of related rules (one file under `validate/rules/`). */
export interface RuleFamily {
  rules: readonly RuleMeta[];
  /** Runs once per bot locale. */
  checkLocale?(ctx: RuleContext, bot: Bot, locale: BotLocale): void;
  /** Runs once per bot. */
  checkBot?(ctx: RuleContext, bot: Bot): void;
  /** Runs once per project (files no bot uses included). */
  checkProject?(ctx: RuleContext): void;
}

/** Diagnostic with its rule meta resolved; the input of reporters. */
export type Finding = Diagnostic;
