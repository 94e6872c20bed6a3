/**
 * A strict zod schema of the Lex V2 code-hook RESPONSE
 * (https://docs.aws.amazon.com/lexv2/latest/dg/lambda-response-format.html), used by the tests on
 * every response and by the handler as a last guard before returning.
 *
 * Rules encoded: `dialogAction.type` is one of the five; `slotToElicit` is required for ElicitSlot;
 * `intent` is required for every type but ElicitIntent; `messages` are required for ElicitIntent and
 * ConfirmIntent; message content is 1-1000 characters (Lex V2 runtime `Message`); SSML content is a
 * well-formed `<speak>` document with escaped text; session attributes are strings.
 * @module
 */
import * as z from 'zod';

const ALLOWED_SSML_TAGS = new Set(['speak', 'break', 'say-as', 'prosody', 'emphasis', 'lang', 'p', 's', 'sub', 'phoneme', 'w', 'amazon:effect', 'amazon:domain', 'mark']);

/**
 * True when `s` is `<speak>…</speak>` with balanced known tags and no raw `&` or `<` in text
 * (entities limited to the five XML ones and numeric references).
 */
export function isWellFormedSsml(s: string): boolean {
  if (!s.startsWith('<speak>') || !s.endsWith('</speak>')) return false;
  const stack: string[] = [];
  const re = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<&]*")*)\s*(\/?)>|&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);|[<>&]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const [all, closing, name, , selfClosing] = m;
    if (all === '<' || all === '&') return false;
    if (all === '>') continue; // a bare '>' in text is legal XML
    if (!name) continue; // an entity
    if (!ALLOWED_SSML_TAGS.has(name)) return false;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name);
  }
  return stack.length === 0;
}

const messageSchema = z
  .strictObject({
    contentType: z.enum(['PlainText', 'SSML', 'CustomPayload', 'ImageResponseCard']),
    content: z.string().min(1).max(1000).optional(),
    imageResponseCard: z
      .strictObject({
        title: z.string().min(1).max(250),
        subtitle: z.string().max(250).optional(),
        imageUrl: z.string().max(250).optional(),
        buttons: z.array(z.strictObject({ text: z.string().min(1).max(50), value: z.string().min(1).max(50) })).max(5).optional(),
      })
      .optional(),
  })
  .superRefine((msg, ctx) => {
    if (msg.contentType !== 'ImageResponseCard' && msg.content === undefined) ctx.addIssue({ code: 'custom', message: `${msg.contentType} message needs content` });
    if (msg.contentType === 'SSML' && msg.content !== undefined && !isWellFormedSsml(msg.content)) ctx.addIssue({ code: 'custom', message: `SSML is not well formed: ${msg.content}` });
    if (msg.contentType === 'PlainText' && msg.content && /[\uE000\uE001]/.test(msg.content)) ctx.addIssue({ code: 'custom', message: 'internal digit markers leaked into text' });
  });

const slotValueSchema = z.strictObject({
  originalValue: z.string().optional(),
  interpretedValue: z.string(),
  resolvedValues: z.array(z.string()).optional(),
});

type Slot = { shape?: 'Scalar' | 'List' | 'Composite'; value?: z.infer<typeof slotValueSchema>; values?: Slot[]; subSlots?: Record<string, Slot | null> };
const slotSchema: z.ZodType<Slot> = z.lazy(() =>
  z.strictObject({
    shape: z.enum(['Scalar', 'List', 'Composite']).optional(),
    value: slotValueSchema.optional(),
    values: z.array(slotSchema).optional(),
    subSlots: z.record(z.string(), slotSchema.nullable()).optional(),
  }),
);

const intentSchema = z.strictObject({
  name: z.string().min(1).max(100),
  slots: z.record(z.string(), slotSchema.nullable()).optional(),
  state: z.enum(['Failed', 'Fulfilled', 'FulfillmentInProgress', 'InProgress', 'ReadyForFulfillment', 'Waiting']),
  confirmationState: z.enum(['Confirmed', 'Denied', 'None']).optional(),
});

export const lexResponseSchema = z
  .strictObject({
    sessionState: z.strictObject({
      activeContexts: z.array(z.unknown()).optional(),
      sessionAttributes: z.record(z.string(), z.string()).optional(),
      runtimeHints: z.unknown().optional(),
      dialogAction: z.strictObject({
        type: z.enum(['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot']),
        slotToElicit: z.string().min(1).optional(),
        slotElicitationStyle: z.enum(['Default', 'SpellByLetter', 'SpellByWord']).optional(),
      }),
      intent: intentSchema.optional(),
      originatingRequestId: z.string().optional(),
    }),
    messages: z.array(messageSchema).max(10).optional(),
    requestAttributes: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((r, ctx) => {
    const { type, slotToElicit } = r.sessionState.dialogAction;
    if (type === 'ElicitSlot' && !slotToElicit) ctx.addIssue({ code: 'custom', message: 'ElicitSlot needs slotToElicit' });
    if (type !== 'ElicitSlot' && slotToElicit) ctx.addIssue({ code: 'custom', message: 'slotToElicit only with ElicitSlot' });
    if (type !== 'ElicitIntent' && !r.sessionState.intent) ctx.addIssue({ code: 'custom', message: `${type} needs sessionState.intent` });
    if ((type === 'ElicitIntent' || type === 'ConfirmIntent') && !r.messages?.length) ctx.addIssue({ code: 'custom', message: `${type} needs messages` });
    if (type === 'Close' && r.sessionState.intent && !['Fulfilled', 'Failed', 'ReadyForFulfillment', 'InProgress'].includes(r.sessionState.intent.state))
      ctx.addIssue({ code: 'custom', message: `Close with intent state ${r.sessionState.intent.state}` });
  });

export type ValidLexResponse = z.infer<typeof lexResponseSchema>;
