/**
 * zod schemas for the bot definition files: the single source of truth for the YAML format.
 *
 * - `bots/<Bot>.yaml`            → {@link botFileSchema}
 * - `intents/<locale>/<Intent>.yaml` → {@link intentFileSchema}
 * - `slot-types/<locale>/<SlotType>.yaml` → {@link slotTypeFileSchema}
 *
 * The committed JSON Schemas under `schemas/` are generated from these (`npm run schema`), so that
 * editors running the YAML language server validate and autocomplete the files.
 *
 * Lex V2 limits that depend on context (counts per locale, lengths) are checked by `validate/`, not
 * here, so that they are reported as rule violations with a rule id instead of as shape errors.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/import-export-format.html
 * @module
 */
import { z } from 'zod';

/** A Lex V2 locale id as used in the API and export folders, e.g. `en_US`. */
export const localeIdSchema = z
  .string()
  .regex(/^[a-z]{2}_[A-Z0-9]{2,3}$/, 'a Lex V2 locale id such as en_US, es_US or fr_CA')
  .describe('Lex V2 locale id, e.g. en_US (underscore, not hyphen).');

/** Raw Lex JSON (export-file shape) kept verbatim for settings this format does not model. */
const lexPassthroughSchema = z
  .record(z.string(), z.unknown())
  .describe(
    'Lex V2 export-file keys (Intent.json, Slot.json, ...) kept verbatim and merged over the generated JSON on export. ' +
      'Written by `bots import` for settings this format does not model; prefer the modelled keys when writing by hand.',
  );

// ---------------------------------------------------------------------------------------------
// Messages and prompts

const imageResponseCardSchema = z.strictObject({
  title: z.string().describe('Card title (1-250 characters).'),
  subtitle: z.string().optional(),
  imageUrl: z.string().optional(),
  buttons: z
    .array(z.strictObject({ text: z.string(), value: z.string() }))
    .max(5)
    .optional()
    .describe('Up to 5 buttons.'),
});

/** The plain text a chat shows for an SSML message (default: the SSML without its markup). */
const chatTextSchema = z
  .string()
  .min(1)
  .describe('What a chat channel shows instead of the SSML (default: the SSML without its markup). `{SlotName}` inserts a slot value.');

/**
 * One message: plain text (a bare string or `{text}`), a reference to `ssml/<locale>/<id>.ssml`
 * (`{ssml: id}`), inline SSML (`{ssmlInline}`), a custom payload or an image response card. An SSML
 * message may carry `text`, the plain text a chat shows; without it the SSML's text is used.
 */
export const messageSchema = z
  .union([
    z.string().min(1).describe('Plain-text message. `{SlotName}` inserts a slot value.'),
    z.strictObject({ text: z.string().min(1).describe('Plain-text message.') }),
    z.strictObject({
      ssml: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'an SSML prompt id: the file name under ssml/<locale>/ without .ssml')
        .describe('Id of an SSML prompt: the file ssml/<locale>/<id>.ssml.'),
      text: chatTextSchema.optional(),
    }),
    z.strictObject({ ssmlInline: z.string().min(1).describe('Inline SSML, <speak>...</speak>.'), text: chatTextSchema.optional() }),
    z.strictObject({ customPayload: z.string().min(1) }),
    z.strictObject({ card: imageResponseCardSchema }),
  ])
  .describe('A message: plain text, {ssml: prompt-id}, {ssmlInline}, {customPayload} or {card}.');

/** A message group: one message and up to two variations Lex picks from at random. */
export const messageGroupSchema = z.union([
  messageSchema,
  z.strictObject({
    message: messageSchema,
    variations: z.array(messageSchema).max(2).optional().describe('Up to 2 alternative messages.'),
  }),
]);

const messageGroupsSchema = z.array(messageGroupSchema).min(1).max(5).describe('1 to 5 message groups.');

/** A response Lex speaks without waiting for an answer (closing, declination, updates). */
export const responseSchema = z.union([
  messageSchema,
  messageGroupsSchema,
  z.strictObject({
    messages: messageGroupsSchema,
    allowInterrupt: z.boolean().optional().describe('Whether the caller can barge in (voice).'),
  }),
]);

const positiveMs = z.number().int().min(1);
/** One DTMF key, as Lex's DTMFSpecification pattern `^[A-D0-9#*]{1}$`. */
const dtmfKeySchema = z.string().regex(/^[A-D0-9#*]$/, 'one DTMF key: 0-9, A-D, * or #');

/**
 * Which inputs a prompt accepts on voice (every attempt); each left out is `true`, Lex's default.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_AllowedInputTypes.html
 */
export const allowedInputTypesSchema = z
  .strictObject({
    allowAudioInput: z.boolean().optional().describe('Accept speech (default true).'),
    allowDTMFInput: z.boolean().optional().describe('Accept touch-tone keys (default true).'),
  })
  .describe('Which inputs the prompt accepts on voice (PromptAttemptSpecification.allowedInputTypes).');

/**
 * Voice and DTMF capture settings of a prompt (every attempt). Members left out take the console's
 * defaults: start timeout 4000 ms; audio max length 15000 ms, end timeout 640 ms; DTMF max length
 * 513, end timeout 5000 ms, deletion `*`, end `#`.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_AudioAndDTMFInputSpecification.html
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DTMFSpecification.html
 */
export const audioAndDtmfInputSchema = z
  .strictObject({
    startTimeoutMs: positiveMs.optional().describe('How long Lex waits for the caller to start (ms, default 4000).'),
    audioSpecification: z
      .strictObject({
        maxLengthMs: positiveMs.optional().describe('Longest utterance before it is cut (ms, default 15000).'),
        endTimeoutMs: positiveMs.optional().describe('Silence that ends the utterance (ms, default 640).'),
      })
      .optional(),
    dtmfSpecification: z
      .strictObject({
        maxLength: z.number().int().min(1).max(1024).optional().describe('Most keys in one input (1-1024, default 513): input ends at this many.'),
        endTimeoutMs: positiveMs.optional().describe('Pause after the last key that ends the input (ms, default 5000).'),
        deletionCharacter: dtmfKeySchema.optional().describe('Key that clears the keys pressed so far and ends the input (default *).'),
        endCharacter: dtmfKeySchema.optional().describe('Key that ends the input at once (default #).'),
      })
      .optional(),
  })
  .describe('Voice and DTMF capture (PromptAttemptSpecification.audioAndDTMFInputSpecification).');

/** A prompt Lex speaks and then waits for an answer (slot elicitation, confirmation). */
export const promptSchema = z.union([
  messageSchema,
  messageGroupsSchema,
  z.strictObject({
    messages: messageGroupsSchema,
    maxRetries: z.number().int().min(0).max(5).optional().describe('Re-prompts before giving up (0-5; Lex default 2).'),
    allowInterrupt: z.boolean().optional(),
    messageSelectionStrategy: z.enum(['Random', 'Ordered']).optional(),
    allowedInputTypes: allowedInputTypesSchema.optional(),
    audioAndDtmfInputSpecification: audioAndDtmfInputSchema.optional(),
  }),
]);

// ---------------------------------------------------------------------------------------------
// Bot file

const lexNameSchema = z.string().min(1).describe('A Lex V2 resource name: ^([0-9a-zA-Z][_-]?){1,100}$.');

const engineSchema = z.enum(['standard', 'neural', 'long-form', 'generative']);

const validationSettingsSchema = z
  .strictObject({
    minUtterances: z.number().int().min(1).optional().describe('Fewest sample utterances per intent (default 15).'),
    maxUtterances: z.number().int().min(1).optional().describe('Most sample utterances per intent before a warning (default 20).'),
    minVariants: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Fewest misspelling or speech-transcription variants per intent (default 3).'),
  })
  .describe('Thresholds for `bots validate` rules on this bot.');

const botLocaleSchema = z.strictObject({
  description: z.string().optional(),
  displayName: z.string().optional().describe('Locale name shown in the console; defaults to the Lex name, e.g. "English (US)".'),
  voice: z
    .strictObject({
      id: z.string().min(1).describe('Amazon Polly voice id, e.g. Danielle, Lupe, Gabrielle.'),
      engine: engineSchema.optional().describe('Polly engine (default standard).'),
    })
    .optional()
    .describe('The Polly voice Lex speaks with on voice channels.'),
  nluConfidenceThreshold: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('Overrides the bot-level threshold for this locale (0.00-1.00).'),
  intents: z
    .array(lexNameSchema)
    .describe('Intents of this locale: files intents/<locale>/<Intent>.yaml. FallbackIntent is always present.'),
  missingIntents: z
    .record(z.string(), z.string().min(1))
    .optional()
    .describe('Intents other locales have that this one deliberately lacks, each with the reason.'),
  customVocabulary: z
    .array(
      z.strictObject({
        phrase: z.string().min(1),
        weight: z.number().int().min(0).max(3).optional(),
        displayAs: z.string().optional(),
      }),
    )
    .optional()
    .describe('Custom vocabulary for speech recognition.'),
  lex: lexPassthroughSchema.optional(),
});

const targetSchema = z.strictObject({
  alias: lexNameSchema.optional().describe('Bot alias name (default live).'),
  codeHookLambdaArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/, 'a Lambda function ARN')
    .optional()
    .describe('The code-hook Lambda for every locale of the alias.'),
  connectInstanceId: z.string().uuid().optional().describe('Amazon Connect instance id (UUID) to associate the alias with.'),
  knowledgeBase: z
    .strictObject({
      id: z.string().regex(/^[0-9A-Za-z]{10}$/, 'a 10-character Bedrock knowledge base id').describe('Bedrock knowledge base id.'),
      modelArn: z.string().min(1).describe('Bedrock model id or ARN used by RetrieveAndGenerate.'),
    })
    .optional(),
  conversationLogGroup: z.string().min(1).optional().describe('CloudWatch Logs group name or ARN for text conversation logs.'),
  sentimentAnalysis: z.boolean().optional(),
  roleArn: z.string().optional().describe('IAM role Lex assumes; default the service-linked role.'),
});

/** `bots/<Bot>.yaml`. */
export const botFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: lexNameSchema.describe('Bot name; must match the file name.'),
    description: z.string().max(200).optional().describe('At most 200 characters.'),
    idleSessionTTLInSeconds: z
      .number()
      .int()
      .min(60)
      .max(86400)
      .default(300)
      .describe('Seconds Lex keeps a session after the last turn (60-86400, default 300).'),
    childDirected: z.boolean().default(false).describe('COPPA: whether the bot is directed at children under 13.'),
    nluConfidenceThreshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.4)
      .describe('Intent confidence below which Lex chooses FallbackIntent (0.00-1.00, default 0.40).'),
    locales: z.record(localeIdSchema, botLocaleSchema).describe('Locales by Lex locale id.'),
    targets: z.record(z.string(), targetSchema).optional().describe('Deployment targets by AWS region, e.g. us-east-1.'),
    tags: z.record(z.string(), z.string()).optional(),
    validation: validationSettingsSchema.optional(),
    lex: lexPassthroughSchema.optional(),
  })
  .describe('A Lex V2 bot: bots/<Bot>.yaml');

/**
 * The machine-translation marker `bots translate` writes into every file it drafts. `bots validate`
 * warns while `status` is `machine-translated`; a reviewer sets `status: reviewed` (or deletes the
 * block) once a native speaker has checked the file. See docs/locales.md.
 */
export const reviewSchema = z
  .strictObject({
    status: z
      .enum(['machine-translated', 'reviewed'])
      .describe('machine-translated: an unreviewed draft (validate warns); reviewed: a person checked it.'),
    from: localeIdSchema.describe('The locale the file was translated from.'),
    sourceHash: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/, 'sha256: followed by 64 hex digits')
      .describe('sha256 of the source file when it was translated; bots translate re-drafts when the source changes.'),
    draftHash: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/, 'sha256: followed by 64 hex digits')
      .optional()
      .describe('sha256 of this file as drafted (without the review block); a different hash means a person edited it, and bots translate keeps it.'),
    translatedAt: z.string().optional().describe('When the draft was made (ISO 8601).'),
    notes: z.array(z.string()).optional().describe('What the reviewer must check in particular (lost slot references, kept phonemes).'),
  })
  .describe('Machine-translation review marker written by bots translate (docs/locales.md).');

// ---------------------------------------------------------------------------------------------
// Intent file

const slotSchema = z.strictObject({
  name: lexNameSchema,
  type: z.string().min(1).describe('Slot type: a built-in (AMAZON.Number) or a custom slot type name.'),
  description: z.string().optional(),
  required: z.boolean().default(true),
  prompt: promptSchema.optional().describe('Elicitation prompt (required for a required slot).'),
  priority: z.number().int().min(0).optional().describe('Elicitation order; defaults to the position in this list (1-based).'),
  obfuscate: z.boolean().optional().describe('Obfuscate the value in conversation logs (use for account numbers, codes).'),
  allowMultipleValues: z.boolean().optional(),
  sampleUtterances: z.array(z.string()).max(10).optional().describe('Slot-level sample utterances (at most 10).'),
  defaultValues: z.array(z.string()).optional().describe('Default values Lex uses when the slot is not filled.'),
  codeHook: z.boolean().optional().describe('Invoke the dialog code hook after each elicitation of this slot.'),
  elicitationCodeHook: z
    .union([z.boolean(), z.strictObject({ label: lexNameSchema.describe('invocationLabel the Lambda receives (^([0-9a-zA-Z][_-]?){1,100}$).') })])
    .optional()
    .describe("Invoke the intent's dialog code hook when Lex cannot capture a value for this slot, between retries (slotCaptureSetting.elicitationCodeHook); needs dialogCodeHook: true."),
  failureNextStep: z
    .enum(['FallbackIntent', 'InvokeDialogCodeHook', 'ElicitIntent', 'EndConversation'])
    .optional()
    .describe('What Lex does once the retries are used up without a value (slotCaptureSetting.failureNextStep; Lex default: start FallbackIntent).'),
  lex: lexPassthroughSchema.optional(),
});

const codeHookUpdatesSchema = z.strictObject({
  start: z
    .strictObject({ delaySeconds: z.number().int().min(1).max(900), messages: responseSchema })
    .optional()
    .describe('Said once the fulfillment Lambda has run for delaySeconds.'),
  update: z
    .strictObject({ frequencySeconds: z.number().int().min(1).max(900), messages: responseSchema })
    .optional()
    .describe('Repeated every frequencySeconds while fulfillment runs.'),
  timeoutSeconds: z.number().int().min(1).max(900).optional().describe('Fulfillment timeout (1-900 s).'),
});

const fulfillmentSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('Invoke the code-hook Lambda to fulfil the intent.'),
  updates: codeHookUpdatesSchema.optional().describe('Progress messages (streaming conversations only).'),
  success: responseSchema.optional(),
  failure: responseSchema.optional(),
  timeout: responseSchema.optional(),
});

/** `intents/<locale>/<Intent>.yaml`. */
export const intentFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: lexNameSchema.describe('Intent name; must match the file name.'),
    description: z.string().max(200).optional(),
    builtIn: z
      .string()
      .regex(/^AMAZON\.[A-Za-z]+$/, 'a built-in intent signature such as AMAZON.FallbackIntent')
      .optional()
      .describe('Parent built-in intent, e.g. AMAZON.FallbackIntent or AMAZON.QnAIntent.'),
    sampleUtterances: z
      .array(z.string())
      .optional()
      .describe('What people say or type. `{SlotName}` marks a slot. 15-20 per intent, with misspelling and transcription variants.'),
    slots: z.array(slotSchema).optional(),
    confirmation: z
      .strictObject({ prompt: promptSchema, declination: responseSchema.optional() })
      .optional()
      .describe('Ask the caller to confirm before fulfilment.'),
    closing: responseSchema.optional().describe('Said when the intent is fulfilled.'),
    dialogCodeHook: z.boolean().optional().describe('Invoke the code-hook Lambda on each turn.'),
    fulfillment: fulfillmentSchema.optional(),
    qnA: z
      .strictObject({
        knowledgeBase: z
          .string()
          .optional()
          .describe('Bedrock knowledge base id or ARN; default the target region\'s knowledgeBase.id.'),
        modelArn: z.string().optional().describe('Bedrock model ARN; default the target region\'s knowledgeBase.modelArn.'),
        exactResponse: z.boolean().optional(),
      })
      .optional()
      .describe('AMAZON.QnAIntent settings.'),
    inputContexts: z.array(z.string()).optional(),
    outputContexts: z
      .array(
        z.strictObject({
          name: z.string(),
          timeToLiveInSeconds: z.number().int().min(5).max(86400),
          turnsToLive: z.number().int().min(1).max(20),
        }),
      )
      .optional(),
    review: reviewSchema.optional(),
    lex: lexPassthroughSchema.optional(),
  })
  .describe('A Lex V2 intent of one locale: intents/<locale>/<Intent>.yaml');

// ---------------------------------------------------------------------------------------------
// Slot type file

/** `slot-types/<locale>/<SlotType>.yaml`. */
export const slotTypeFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: lexNameSchema.describe('Slot type name; must match the file name.'),
    description: z.string().max(200).optional(),
    resolution: z
      .enum(['OriginalValue', 'TopResolution', 'Concatenation'])
      .default('OriginalValue')
      .describe('OriginalValue: any value like the samples; TopResolution: only listed values and synonyms.'),
    parent: z.literal('AMAZON.AlphaNumeric').optional().describe('Extend AMAZON.AlphaNumeric (with regex).'),
    regex: z.string().max(300).optional().describe('Regular expression for an AMAZON.AlphaNumeric extension (<= 300 characters).'),
    values: z
      .array(
        z.union([
          z.string().min(1),
          z.strictObject({ value: z.string().min(1), synonyms: z.array(z.string().min(1)).optional() }),
        ]),
      )
      .optional()
      .describe('Values, each optionally with synonyms.'),
    review: reviewSchema.optional(),
    lex: lexPassthroughSchema.optional(),
  })
  .describe('A Lex V2 custom slot type of one locale: slot-types/<locale>/<SlotType>.yaml');

export type BotFile = z.output<typeof botFileSchema>;
export type BotLocaleFile = BotFile['locales'][string];
export type TargetFile = NonNullable<BotFile['targets']>[string];
export type IntentFile = z.output<typeof intentFileSchema>;
export type SlotFile = NonNullable<IntentFile['slots']>[number];
export type SlotTypeFile = z.output<typeof slotTypeFileSchema>;
export type MessageFile = z.output<typeof messageSchema>;
export type MessageGroupFile = z.output<typeof messageGroupSchema>;
export type ResponseFile = z.output<typeof responseSchema>;
export type PromptFile = z.output<typeof promptSchema>;
export type AllowedInputTypesFile = z.output<typeof allowedInputTypesSchema>;
export type AudioAndDtmfInputFile = z.output<typeof audioAndDtmfInputSchema>;
export type ReviewFile = z.output<typeof reviewSchema>;
