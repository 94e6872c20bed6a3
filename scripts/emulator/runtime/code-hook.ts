/**
 * Code hooks: the Lex V2 Lambda event the emulator sends and the checks on the response it accepts.
 * A handler that throws, times out or returns an invalid response makes the turn fail with
 * `DependencyFailedException`, as Lex does.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/lambda-input-format.html
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/lambda-response-format.html
 * @module
 */
import { z } from 'zod';
import type { RtDialogAction, RtInterpretation, RtIntent, RtMessage, RtSessionState } from './types.js';

/** Lex's code-hook time limit (seconds; the Lambda quota, adjustable). @see https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html */
export const CODE_HOOK_TIMEOUT_MS = 30_000;

/** Input of {@link buildCodeHookEvent}. */
export interface CodeHookEventInput {
  invocationSource: 'DialogCodeHook' | 'FulfillmentCodeHook';
  invocationLabel?: string;
  inputMode: 'Text' | 'Speech' | 'DTMF';
  sessionId: string;
  inputTranscript: string;
  bot: { id: string; name: string; localeId: string; version: string; aliasId: string; aliasName: string };
  interpretations: RtInterpretation[];
  proposedNextState?: { dialogAction: RtDialogAction; intent: RtIntent; prompt?: { attempt: string } };
  requestAttributes?: Record<string, string>;
  sessionState: RtSessionState;
}

/** Builds the Lex V2 code-hook event (message version 1.0). */
export function buildCodeHookEvent(input: CodeHookEventInput): Record<string, unknown> {
  return {
    messageVersion: '1.0',
    invocationSource: input.invocationSource,
    ...(input.invocationLabel ? { invocationLabel: input.invocationLabel } : {}),
    inputMode: input.inputMode,
    responseContentType: 'text/plain; charset=utf-8',
    sessionId: input.sessionId,
    inputTranscript: input.inputTranscript,
    bot: input.bot,
    // The Lambda event carries nluConfidence as a number, unlike the runtime API's {score}.
    interpretations: input.interpretations.map((i) => ({
      intent: withAllSlots(i.intent),
      ...(i.nluConfidence ? { nluConfidence: i.nluConfidence.score } : {}),
      interpretationSource: 'Lex',
    })),
    ...(input.proposedNextState ? { proposedNextState: input.proposedNextState } : {}),
    requestAttributes: input.requestAttributes ?? null,
    sessionState: {
      sessionAttributes: input.sessionState.sessionAttributes ?? {},
      activeContexts: input.sessionState.activeContexts ?? [],
      ...(input.sessionState.intent ? { intent: withAllSlots(input.sessionState.intent) } : {}),
      ...(input.sessionState.dialogAction ? { dialogAction: input.sessionState.dialogAction } : {}),
      originatingRequestId: input.sessionState.originatingRequestId,
    },
    transcriptions: [{ transcription: input.inputTranscript, transcriptionConfidence: 1, resolvedContext: { intent: input.interpretations[0]?.intent.name } }],
  };
}

function withAllSlots(intent: RtIntent): RtIntent {
  return { ...intent, slots: intent.slots ?? {}, state: intent.state ?? 'InProgress', confirmationState: intent.confirmationState ?? 'None' };
}

const valueSchema = z.object({ interpretedValue: z.string(), originalValue: z.string().optional(), resolvedValues: z.array(z.string()).optional() }).passthrough();
const slotSchema: z.ZodType<unknown> = z.lazy(() =>
  z.object({ value: valueSchema.optional(), shape: z.enum(['Scalar', 'List', 'Composite']).optional(), values: z.array(slotSchema).optional() }).passthrough(),
);

/** The Lex V2 code-hook response, as Lex checks it. */
export const codeHookResponseSchema = z
  .object({
    sessionState: z
      .object({
        dialogAction: z
          .object({
            type: z.enum(['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot']),
            slotToElicit: z.string().optional(),
            slotElicitationStyle: z.enum(['Default', 'SpellByLetter', 'SpellByWord']).optional(),
          })
          .passthrough(),
        intent: z
          .object({
            name: z.string(),
            slots: z.record(z.string(), slotSchema.nullable()).optional(),
            state: z.enum(['Failed', 'Fulfilled', 'InProgress', 'ReadyForFulfillment', 'Waiting', 'FulfillmentInProgress']).optional(),
            confirmationState: z.enum(['Confirmed', 'Denied', 'None']).optional(),
          })
          .passthrough()
          .optional(),
        sessionAttributes: z.record(z.string(), z.string()).optional(),
        activeContexts: z.array(z.unknown()).optional(),
        originatingRequestId: z.string().optional(),
      })
      .passthrough(),
    messages: z
      .array(
        z
          .object({
            contentType: z.enum(['PlainText', 'SSML', 'CustomPayload', 'ImageResponseCard']),
            content: z.string().optional(),
            imageResponseCard: z.object({ title: z.string() }).passthrough().optional(),
          })
          .passthrough(),
      )
      .optional(),
    requestAttributes: z.record(z.string(), z.string()).optional(),
  })
  .passthrough()
  .superRefine((r, ctx) => {
    const type = r.sessionState.dialogAction.type;
    if (type === 'ElicitSlot' && !r.sessionState.dialogAction.slotToElicit) ctx.addIssue({ code: 'custom', message: 'ElicitSlot needs slotToElicit' });
    if ((type === 'ElicitSlot' || type === 'ConfirmIntent' || type === 'Delegate') && !r.sessionState.intent) {
      ctx.addIssue({ code: 'custom', message: `${type} needs sessionState.intent` });
    }
    if ((type === 'ElicitIntent' || type === 'ConfirmIntent') && !r.messages?.length) ctx.addIssue({ code: 'custom', message: `${type} needs messages` });
  });

/** A checked code-hook response. */
export interface CodeHookResponse {
  sessionState: RtSessionState & { dialogAction: RtDialogAction };
  messages?: RtMessage[];
  requestAttributes?: Record<string, string>;
}

/** Why a code hook failed; becomes `DependencyFailedException`. */
export class CodeHookError extends Error {
  override readonly name = 'CodeHookError';
}

/**
 * Calls `handler` with `event` and checks the response.
 * @throws CodeHookError when the handler throws, takes longer than `timeoutMs`, or returns an invalid response.
 */
export async function invokeCodeHook(
  handler: (event: unknown) => Promise<unknown>,
  event: Record<string, unknown>,
  timeoutMs: number = CODE_HOOK_TIMEOUT_MS,
): Promise<CodeHookResponse> {
  let timer: NodeJS.Timeout | undefined;
  let raw: unknown;
  try {
    raw = await Promise.race([
      Promise.resolve().then(() => handler(structuredClone(event))),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new CodeHookError(`Lambda timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (err) {
    throw err instanceof CodeHookError ? err : new CodeHookError(`Lambda raised an error: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
  const parsed = codeHookResponseSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CodeHookError(`Invalid Lambda Response: ${issue.path.join('.') || 'response'}: ${issue.message}`);
  }
  return parsed.data as unknown as CodeHookResponse;
}
