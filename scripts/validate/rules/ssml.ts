/**
 * SSML prompt rules: references resolve to files, files are well-formed XML with one <speak> root.
 * The full Polly SSML lint plugs in here later.
 * @module
 */
import { XMLValidator } from 'fast-xml-parser';
import { intentMessages } from '../../definitions/walk.js';
import type { RuleFamily } from '../rule.js';

const POLLY_SSML = 'https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html';

/**
 * Checks that `text` is well-formed XML with a single `<speak>` root.
 * @returns undefined when well-formed, else the message and 1-based line/column.
 */
export function checkSsmlWellFormed(text: string): { message: string; line: number; column: number } | undefined {
  const result = XMLValidator.validate(text);
  if (result !== true) return { message: result.err.msg, line: result.err.line, column: result.err.col };
  const trimmed = text.replace(/^\s*(<\?xml[^>]*\?>)?\s*(<!--[\s\S]*?-->\s*)*/, '');
  if (!/^<speak[\s>/]/.test(trimmed)) {
    const before = text.length - trimmed.length;
    const lines = text.slice(0, before).split('\n');
    return { message: 'The root element must be <speak>.', line: lines.length, column: lines[lines.length - 1]!.length + 1 };
  }
  return undefined;
}

/** SSML rules. */
export const ssmlRules: RuleFamily = {
  rules: [
    { id: 'ssml/missing-file', severity: 'error', description: 'A prompt {ssml: id} refers to an existing file ssml/<locale>/<id>.ssml.', source: 'docs/definitions.md#messages' },
    { id: 'ssml/well-formed', severity: 'error', description: 'An SSML prompt is well-formed XML with a single <speak> root element.', source: POLLY_SSML },
  ],

  checkProject(ctx) {
    for (const [localeId, byId] of ctx.project.ssml) {
      for (const prompt of byId.values()) {
        const problem = checkSsmlWellFormed(prompt.text);
        if (problem) {
          ctx.report('ssml/well-formed', { file: prompt.file, line: problem.line, column: problem.column }, `SSML is not well-formed: ${problem.message}`,
            'Close every tag, escape & as &amp; and < as &lt;, and wrap the prompt in <speak>...</speak>.');
        }
      }
      void localeId;
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
            const problem = checkSsmlWellFormed(message.ssml);
            if (problem) ctx.report('ssml/well-formed', message.at, `Inline SSML of the ${where} is not well-formed: ${problem.message}`, 'Close every tag and wrap it in <speak>...</speak>.');
          }
        }
      }
    }
  },
};
