/**
 * SSML prompt rules: references resolve to files, and every SSML prompt file, inline SSML message
 * and Polly lexicon passes the Polly lint ({@link lintSsml}, {@link lintLexicon}) with the voice and
 * engine of its bot locale.
 * @module
 */
import { intentMessages } from '../../definitions/walk.js';
import type { Project } from '../../definitions/model.js';
import { checkVoice, lintLexicon, lintSsml, localeToLanguage, POLLY_LIMITS, SSML_RULES, type PollyEngine, type SsmlLintOptions } from '../../ssml/lint.js';
import type { RuleFamily, RuleMeta } from '../rule.js';

/**
 * Checks that `text` is well-formed XML with a single `<speak>` root (the first such problem).
 * @returns undefined when well-formed, else the message and 1-based line/column.
 */
export function checkSsmlWellFormed(text: string): { message: string; line: number; column: number } | undefined {
  const f = lintSsml(text, { playedBy: 'polly' }).find((x) => x.ruleId === 'ssml/well-formed' || x.ruleId === 'ssml/speak-root' || x.ruleId === 'ssml/escape');
  return f && { message: f.message, line: f.line, column: f.column };
}

/**
 * The lint options of each locale id: one entry per distinct voice/engine the bots give that locale
 * (a locale no bot uses is linted without voice, so engine rules are skipped).
 */
export function lintOptionsByLocale(project: Project): Map<string, SsmlLintOptions[]> {
  const out = new Map<string, SsmlLintOptions[]>();
  for (const bot of project.bots) {
    for (const l of bot.locales) {
      const list = out.get(l.localeId) ?? [];
      const opts: SsmlLintOptions = { voice: l.voice?.id, engine: l.voice?.engine as PollyEngine | undefined, languageCode: localeToLanguage(l.localeId), playedBy: 'connect' };
      if (!list.some((o) => o.voice === opts.voice && o.engine === opts.engine)) list.push(opts);
      out.set(l.localeId, list);
    }
  }
  return out;
}

/** SSML rules. */
export const ssmlRules: RuleFamily = {
  rules: [
    { id: 'ssml/missing-file', severity: 'error', description: 'A prompt {ssml: id} refers to an existing file ssml/<locale>/<id>.ssml.', source: 'docs/definitions.md#messages' },
    ...SSML_RULES.map((r): RuleMeta => ({ id: r.id, severity: r.severity, description: r.description, source: r.source })),
  ],

  checkLocale(ctx, _bot, locale) {
    if (!locale.voice) return;
    const problem = checkVoice(locale.voice.id, locale.voice.engine as PollyEngine, localeToLanguage(locale.localeId));
    if (problem) ctx.report('ssml/voice', { file: locale.at.file, path: [...locale.at.path, 'voice'] }, problem.message, problem.hint);
  },

  checkProject(ctx) {
    const byLocale = lintOptionsByLocale(ctx.project);
    const optionsOf = (localeId: string) => byLocale.get(localeId) ?? [{ languageCode: localeToLanguage(localeId), playedBy: 'connect' as const }];

    for (const [localeId, byId] of ctx.project.ssml) {
      for (const prompt of byId.values()) {
        for (const opts of optionsOf(localeId)) {
          for (const f of lintSsml(prompt.text, opts)) {
            ctx.report(f.ruleId, { file: prompt.file, line: f.line, column: f.column }, f.message, f.hint, f.severity);
          }
        }
      }
    }

    for (const [localeId, byName] of ctx.project.intents) {
      const files = ctx.project.ssml.get(localeId);
      for (const intent of byName.values()) {
        for (const { message, where } of intentMessages(intent)) {
          if (message.kind === 'ssml' && !files?.has(message.id)) {
            ctx.report('ssml/missing-file', message.at, `The ${where} of ${intent.name} refers to ssml/${localeId}/${message.id}.ssml, which does not exist.`,
              `Create ssml/${localeId}/${message.id}.ssml or fix the prompt id.`);
          }
          if (message.kind === 'ssmlInline') {
            // Positions inside a YAML string do not map to file columns: report at the message, say where inside.
            for (const opts of optionsOf(localeId)) {
              for (const f of lintSsml(message.ssml, opts)) {
                ctx.report(f.ruleId, message.at, `Inline SSML of the ${where} (at ${f.line}:${f.column} of the SSML): ${f.message}`, f.hint, f.severity);
              }
            }
          }
        }
      }
    }

    const lexicons = ctx.project.lexicons;
    if (!lexicons) return;
    const perLanguage = new Map<string, string[]>();
    for (const lex of lexicons.values()) {
      const { findings, summary } = lintLexicon(lex.text, { name: lex.name });
      for (const f of findings) ctx.report(f.ruleId, { file: lex.file, line: f.line, column: f.column }, f.message, f.hint, f.severity);
      if (summary.languageCode) perLanguage.set(summary.languageCode, [...(perLanguage.get(summary.languageCode) ?? []), lex.file]);
    }
    for (const [language, files] of perLanguage) {
      if (files.length <= POLLY_LIMITS.lexiconsPerRequest) continue;
      for (const file of files.slice(POLLY_LIMITS.lexiconsPerRequest)) {
        ctx.report('ssml/lexicon-count', { file, line: 1, column: 1 }, `${files.length} lexicons are for ${language}; Polly applies at most ${POLLY_LIMITS.lexiconsPerRequest} per request.`,
          `Merge lexicons: keep at most ${POLLY_LIMITS.lexiconsPerRequest} for ${language}.`);
      }
    }
  },
};
