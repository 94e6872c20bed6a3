/**
 * Channel rules: what a chat shows. Lex returns a message's text as written, so SSML markup in a
 * plain-text message (or an SSML prompt without a plain-text form) reaches a Connect chat as
 * `<speak>…</speak>`. SSML prompts deploy with their plain-text form beside them
 * (`ssml/plain-text.ts`); these rules flag the messages where that cannot work.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_Message.html
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/chat.html
 * @module
 */
import { intentMessages } from '../../definitions/walk.js';
import { promptSsml } from '../../lex/prompt-ssml.js';
import { hasMarkup, ssmlToPlainText } from '../../ssml/plain-text.js';
import type { RuleFamily } from '../rule.js';

const SOURCE = 'https://docs.aws.amazon.com/lexv2/latest/APIReference/API_Message.html';

/** Channel rules. */
export const channelRules: RuleFamily = {
  rules: [
    {
      id: 'channels/chat-markup',
      severity: 'warning',
      description: 'A chat would show SSML markup: a plain-text message (or the `text` of an SSML message, or a card) holds tags, or an SSML prompt has no text left without its tags.',
      source: SOURCE,
    },
  ],

  checkProject(ctx) {
    for (const [localeId, byName] of ctx.project.intents) {
      const files = ctx.project.ssml.get(localeId);
      for (const intent of byName.values()) {
        for (const { message: m, where } of intentMessages(intent)) {
          const what = `The ${where} of ${intent.name} (${localeId})`;
          if (m.kind === 'text' && hasMarkup(m.text)) {
            ctx.report('channels/chat-markup', m.at, `${what} is plain text with SSML tags: a chat shows them as written.`,
              'Write it as {ssmlInline: "<speak>…</speak>"} (a chat then gets it without tags), or remove the tags.');
          } else if ((m.kind === 'ssml' || m.kind === 'ssmlInline') && m.text !== undefined && hasMarkup(m.text)) {
            ctx.report('channels/chat-markup', m.at, `${what}: its chat text holds SSML tags, which a chat shows as written.`, 'Remove the tags from `text`.');
          } else if ((m.kind === 'ssml' || m.kind === 'ssmlInline') && m.text === undefined) {
            const ssml = m.kind === 'ssml' ? files?.get(m.id)?.text : m.ssml;
            if (ssml !== undefined && !ssmlToPlainText(promptSsml(ssml))) {
              ctx.report('channels/chat-markup', m.at, `${what} is SSML with no words outside its tags, so it deploys without a plain-text form and a chat shows the markup.`,
                'Add `text:` beside the SSML with what a chat should show.');
            }
          } else if (m.kind === 'card' && [m.card.title, m.card.subtitle ?? '', ...(m.card.buttons ?? []).map((b) => b.text)].some(hasMarkup)) {
            ctx.report('channels/chat-markup', m.at, `${what} is a response card with SSML tags, which a chat shows as written.`, 'Remove the tags from the card.');
          }
        }
      }
    }
  },
};
