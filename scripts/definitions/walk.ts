/**
 * Iterates the messages of an intent (slot prompts, confirmation, closing, fulfillment responses).
 * @module
 */
import type { Intent, Message, Response } from './model.js';

/** Every message of `intent`, with a short description of where it is used. */
export function* intentMessages(intent: Intent): Generator<{ message: Message; where: string }> {
  const fromResponse = function* (r: Response | undefined, where: string) {
    if (!r) return;
    for (const g of r.groups) {
      yield { message: g.message, where };
      for (const v of g.variations) yield { message: v, where };
    }
  };
  for (const slot of intent.slots) yield* fromResponse(slot.prompt, `prompt of slot ${slot.name}`);
  yield* fromResponse(intent.confirmation?.prompt, 'confirmation prompt');
  yield* fromResponse(intent.confirmation?.declination, 'declination response');
  yield* fromResponse(intent.closing, 'closing response');
  const f = intent.fulfillment;
  yield* fromResponse(f?.success, 'fulfillment success response');
  yield* fromResponse(f?.failure, 'fulfillment failure response');
  yield* fromResponse(f?.timeout, 'fulfillment timeout response');
  yield* fromResponse(f?.updates?.start?.response, 'fulfillment start update');
  yield* fromResponse(f?.updates?.update?.response, 'fulfillment periodic update');
}

/** The text of a message in which `{Slot}` references can appear. */
export function messageText(m: Message, ssmlText?: (id: string) => string | undefined): string | undefined {
  switch (m.kind) {
    case 'text':
      return m.text;
    case 'ssmlInline':
      return m.ssml;
    case 'ssml':
      return ssmlText?.(m.id);
    case 'customPayload':
      return m.value;
    case 'card':
      return [m.card.title, m.card.subtitle ?? '', ...(m.card.buttons ?? []).map((b) => b.text)].join(' ');
  }
}
