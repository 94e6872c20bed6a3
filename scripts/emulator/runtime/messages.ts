/**
 * Turns configured message groups (model-building API shape) into runtime messages, with
 * `{SlotName}` replaced by the slot's value as Lex does.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/context-mgmt-prompts.html
 * @module
 */
import type { MessageGroup } from '@aws-sdk/client-lex-models-v2';
import type { RtIntent, RtMessage } from './types.js';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Replaces `{Slot}` with the slot's interpreted value (XML-escaped in SSML); unknown references stay. */
export function substituteSlots(text: string, intent: RtIntent | undefined, ssml: boolean): string {
  return text.replace(/\{([A-Za-z0-9_-]+)\}/g, (whole, name: string) => {
    const v = intent?.slots?.[name]?.value?.interpretedValue;
    return v === undefined ? whole : ssml ? escapeXml(v) : v;
  });
}

/**
 * The messages of `groups`: one message per group (the group's main message; Lex picks among the
 * variations at random, the emulator always takes the main one so that tests are repeatable).
 */
export function renderMessageGroups(groups: MessageGroup[] | undefined, intent: RtIntent | undefined): RtMessage[] {
  const out: RtMessage[] = [];
  for (const g of groups ?? []) {
    const m = g.message;
    if (!m) continue;
    if (m.plainTextMessage?.value !== undefined) out.push({ contentType: 'PlainText', content: substituteSlots(m.plainTextMessage.value, intent, false) });
    else if (m.ssmlMessage?.value !== undefined) out.push({ contentType: 'SSML', content: substituteSlots(m.ssmlMessage.value, intent, true) });
    else if (m.customPayload?.value !== undefined) out.push({ contentType: 'CustomPayload', content: m.customPayload.value });
    else if (m.imageResponseCard) {
      const c = m.imageResponseCard;
      out.push({
        contentType: 'ImageResponseCard',
        imageResponseCard: {
          title: substituteSlots(c.title ?? '', intent, false),
          ...(c.subtitle ? { subtitle: substituteSlots(c.subtitle, intent, false) } : {}),
          ...(c.imageUrl ? { imageUrl: c.imageUrl } : {}),
          ...(c.buttons ? { buttons: c.buttons.map((b) => ({ text: b.text ?? '', value: b.value ?? '' })) } : {}),
        },
      });
    }
  }
  return out;
}
