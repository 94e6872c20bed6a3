/**
 * Test helpers for the fulfillment Lambdas: Lex V2 events as Lex sends them, a conversation driver
 * that carries session attributes from turn to turn like Lex does, the response-schema check applied
 * to every response, and local handlers in a temporary data folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { LexResponse } from '../../fulfillment/lex/response.js';
import { lexResponseSchema } from '../../fulfillment/lex/response-schema.js';
import { createLocalHandlers, type LocalHandlers, type LocalHandlersOptions } from '../../fulfillment/local.js';
import type { Locale } from '../../fulfillment/messages/types.js';

export const LOCALES: Locale[] = ['en_US', 'es_US', 'fr_CA'];

/** Sample customers used by the tests (fulfillment/data/customers.json). */
export const AVERY = { phone: '+12025550143', national: '(202) 555-0143', checking: '4001002001', savings: '4001002002' };
export const MARISOL = { phone: '+13055550172', national: '305 555 0172', checking: '4001003001' };
export const GABRIELLE = { phone: '+15145550123', national: '514-555-0123', checking: '4001004001' };
/** A customer per locale, with an account they hold and its balance as spoken. */
export const BY_LOCALE: Record<Locale, { phone: string; typed: string; account: 'checking' | 'savings'; spoken: RegExp; firstName: string }> = {
  en_US: { phone: AVERY.phone, typed: AVERY.national, account: 'savings', spoken: /\$12,500\.00/, firstName: 'Avery' },
  es_US: { phone: MARISOL.phone, typed: MARISOL.national, account: 'checking', spoken: /\$987\.65/, firstName: 'Marisol' },
  fr_CA: { phone: GABRIELLE.phone, typed: GABRIELLE.national, account: 'checking', spoken: /1\s560,42\s\$/, firstName: 'Gabrielle' },
};

export interface EventOptions {
  locale?: Locale;
  sessionId?: string;
  intent: string;
  transcript?: string;
  slots?: Record<string, string | null>;
  source?: 'DialogCodeHook' | 'FulfillmentCodeHook';
  sessionAttributes?: Record<string, string>;
  requestAttributes?: Record<string, string>;
  inputMode?: 'Text' | 'Speech' | 'DTMF';
  confirmationState?: 'None' | 'Confirmed' | 'Denied';
}

/** A scalar slot the way Lex V2 sends it. */
export function slot(value: string) {
  return { shape: 'Scalar', value: { originalValue: value, interpretedValue: value, resolvedValues: [value] } };
}

/** A Lex V2 code-hook event (https://docs.aws.amazon.com/lexv2/latest/dg/lambda-input-format.html). */
export function lexEvent(o: EventOptions) {
  const slots: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o.slots ?? {})) slots[k] = v === null ? null : slot(v);
  return {
    messageVersion: '1.0',
    invocationSource: o.source ?? 'DialogCodeHook',
    inputMode: o.inputMode ?? 'Text',
    responseContentType: o.inputMode === 'Speech' ? 'audio/pcm' : 'text/plain; charset=utf-8',
    sessionId: o.sessionId ?? 'session-1',
    inputTranscript: o.transcript ?? '',
    bot: { id: 'BOTID12345', name: 'SelfService', localeId: o.locale ?? 'en_US', version: 'DRAFT', aliasId: 'TSTALIASID', aliasName: 'TestBotAlias' },
    interpretations: [{ intent: { name: o.intent, slots, state: 'InProgress', confirmationState: 'None' }, nluConfidence: 0.9, interpretationSource: 'Lex' }],
    requestAttributes: o.requestAttributes ?? {},
    sessionState: {
      sessionAttributes: o.sessionAttributes ?? {},
      intent: { name: o.intent, slots, state: 'InProgress', confirmationState: o.confirmationState ?? 'None' },
      originatingRequestId: 'req-1',
    },
  };
}

/** Asserts the response is a valid Lex V2 code-hook response and returns it. */
export function valid(r: unknown): LexResponse {
  const parsed = lexResponseSchema.safeParse(r);
  expect(parsed.success, JSON.stringify(parsed.error?.issues ?? [], null, 1) + JSON.stringify(r)).toBe(true);
  return r as LexResponse;
}

/** The spoken/shown text of a response (SSML tags removed). */
export function textOf(r: LexResponse): string {
  return (r.messages ?? [])
    .map((m) => m.content.replace(/<[^>]+>/g, '').replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>'))
    .join(' ');
}

type Lex = (event: unknown) => Promise<unknown>;

/**
 * A conversation as Lex would drive the code hook: session attributes returned by the Lambda are the
 * session's attributes on the next turn; after an ElicitSlot the next input fills that slot of that
 * intent and the dialog code hook is called.
 */
export class Conversation {
  attrs: Record<string, string>;
  last: LexResponse | undefined;
  readonly responses: LexResponse[] = [];

  constructor(
    private readonly lex: Lex,
    readonly opts: { locale?: Locale; sessionId?: string; voice?: boolean; attrs?: Record<string, string> } = {},
  ) {
    this.attrs = { ...(opts.attrs ?? {}) };
  }

  private base(): Pick<EventOptions, 'locale' | 'sessionId' | 'inputMode' | 'requestAttributes'> {
    return {
      locale: this.opts.locale ?? 'en_US',
      sessionId: this.opts.sessionId ?? 'session-1',
      inputMode: this.opts.voice ? 'Speech' : 'Text',
      requestAttributes: { 'x-amz-lex:channels:platform': this.opts.voice ? 'Connect' : 'Connect Chat' },
    };
  }

  /** A new utterance classified as `intent`. */
  async send(intent: string, transcript: string, o: Omit<EventOptions, 'intent' | 'transcript'> = {}): Promise<LexResponse> {
    const r = valid(await this.lex(lexEvent({ ...this.base(), intent, transcript, sessionAttributes: { ...this.attrs }, ...o })));
    this.record(r);
    return r;
  }

  /** Answers the slot the last response elicited (the value defaults to the transcript). */
  async reply(transcript: string, value: string = transcript, o: Omit<EventOptions, 'intent' | 'transcript'> = {}): Promise<LexResponse> {
    const last = this.last;
    if (last?.sessionState.dialogAction.type !== 'ElicitSlot') throw new Error(`last response was ${last?.sessionState.dialogAction.type}, not ElicitSlot`);
    const intent = last.sessionState.intent!;
    const slots: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(intent.slots ?? {})) slots[k] = v?.value?.interpretedValue ?? null;
    slots[last.sessionState.dialogAction.slotToElicit!] = value;
    return this.send(intent.name, transcript, { slots, ...o });
  }

  private record(r: LexResponse) {
    this.last = r;
    this.responses.push(r);
    this.attrs = { ...(r.sessionState.sessionAttributes ?? {}) };
  }

  text(): string {
    return this.last ? textOf(this.last) : '';
  }
}

/** Local handlers in a fresh temporary data folder, quiet by default. */
export async function localHandlers(o: LocalHandlersOptions = {}): Promise<LocalHandlers & { dataDir: string }> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'fulfillment-'));
  const h = await createLocalHandlers({ smsConsole: 'off', logLevel: 'SILENT', ...o, dataDir });
  return Object.assign(h, { dataDir });
}

/** A Connect "Invoke AWS Lambda function" event. */
export function connectEvent(contactId: string, address: string | undefined, parameters: Record<string, string> = {}, channel = 'VOICE') {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: {},
        Channel: channel,
        ContactId: contactId,
        InitialContactId: contactId,
        InitiationMethod: 'INBOUND',
        InstanceARN: 'arn:aws:connect:us-east-1:111122223333:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
        ...(address ? { CustomerEndpoint: { Address: address, Type: 'TELEPHONE_NUMBER' } } : {}),
        SystemEndpoint: { Address: '+18005550100', Type: 'TELEPHONE_NUMBER' },
      },
      Parameters: parameters,
    },
  };
}
