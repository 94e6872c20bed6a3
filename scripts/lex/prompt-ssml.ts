/**
 * The SSML that goes to Lex for a prompt file.
 * @module
 */

/**
 * The prompt as Lex receives it: trimmed, with leading XML comments removed. Comments before
 * `<speak>` hold notes for people (the `<!-- review: … -->` marker of machine-translated drafts,
 * `docs/locales.md`) and would otherwise count towards Lex's 1,000-character SSML message limit
 * (https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html).
 * @example
 * promptSsml('<!-- review: machine-translated -->\n<speak>Hola</speak>\n') // '<speak>Hola</speak>'
 */
export function promptSsml(fileText: string): string {
  return fileText.replace(/^\s*(?:<!--[\s\S]*?-->\s*)+/, '').trim();
}
