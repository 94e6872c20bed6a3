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
 * The channel a turn answers on: `voice` for speech and DTMF input, RecognizeUtterance and Amazon
 * Connect's voice platform (request attribute `x-amz-lex:channels:platform` = `Connect`), `text`
 * otherwise (RecognizeText, `Connect Chat`).
 */
export type Channel = 'voice' | 'text';

/** The {@link Channel} of a request. */
export function channelOf(inputMode: 'Text' | 'Speech' | 'DTMF', requestAttributes: Record<string, string> | undefined, utterance = false): Channel {
  if (utterance || inputMode !== 'Text') return 'voice';
  return requestAttributes?.['x-amz-lex:channels:platform'] === 'Connect' ? 'voice' : 'text';
}

/**
 * The messages of `groups`: one message per group (the group's main message; Lex picks among the
 * variations at random, the emulator always takes the main one so that tests are repeatable).
 * A message with both a plain-text and an SSML form (as `bots deploy` writes SSML prompts) answers
 * with the SSML on `voice` and the plain text on `text`; a message with one form answers with it
 * whatever the channel, as Lex does (an SSML-only prompt shows its markup in a chat).
 */
export function renderMessageGroups(groups: MessageGroup[] | undefined, intent: RtIntent | undefined, channel: Channel = 'text'): RtMessage[] {
  const out: RtMessage[] = [];
  for (const g of groups ?? []) {
    const m = g.message;
    if (!m) continue;
    const plain = m.plainTextMessage?.value;
    const ssml = m.ssmlMessage?.value;
    if (ssml !== undefined && (plain === undefined || channel === 'voice')) out.push({ contentType: 'SSML', content: substituteSlots(ssml, intent, true) });
    else if (plain !== undefined) out.push({ contentType: 'PlainText', content: substituteSlots(plain, intent, false) });
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
