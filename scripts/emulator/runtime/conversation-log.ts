/**
 * Lex V2 conversation-log records (the CloudWatch Logs JSON text-log format, one record per line).
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/conversation-logs-cw.html
 * @module
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BuiltLocale, ResolvedAlias } from '../contracts.js';
import type { RtInterpretation, RtMessage, RtSessionState } from './types.js';

/** One conversation-log record. */
export interface ConversationLogRecord {
  'message-version': '2.0';
  bot: { id: string; name: string; aliasId: string; aliasName: string; localeId: string; version: string };
  messages: RtMessage[];
  sessionState: RtSessionState;
  interpretations: { nluConfidence?: number; intent: RtInterpretation['intent'] }[];
  sessionId: string;
  inputTranscript: string;
  missedUtterance: boolean;
  requestId: string;
  /** ISO 8601. */
  timestamp: string;
  developerOverride: boolean;
  inputMode: 'Text' | 'Speech' | 'DTMF';
  requestAttributes: Record<string, string>;
  operationName: 'RecognizeText' | 'PutSession';
}

/** Builds a record for one turn; slot values of obfuscated slots are replaced as Lex does. */
export function conversationLogRecord(args: {
  locale: BuiltLocale;
  alias: ResolvedAlias;
  sessionId: string;
  requestId: string;
  now: number;
  text: string;
  inputMode: 'Text' | 'Speech' | 'DTMF';
  messages: RtMessage[];
  sessionState: RtSessionState;
  interpretations: RtInterpretation[];
  missed: boolean;
  developerOverride: boolean;
  requestAttributes?: Record<string, string>;
  /** The slot this input answered (an elicitation), if any. */
  answeredSlot?: { intent: string; slot: string };
}): ConversationLogRecord {
  const obfuscated = new Set<string>();
  for (const intent of args.locale.intents) {
    for (const slot of intent.slots) if (slot.obfuscationSetting?.obfuscationSettingType === 'DefaultObfuscation') obfuscated.add(`${intent.intentName}/${slot.slotName}`);
  }
  const hide = <T extends { intent?: { name: string; slots?: Record<string, unknown> } }>(x: T): T => {
    if (!x.intent?.slots) return x;
    const slots = Object.fromEntries(
      Object.entries(x.intent.slots).map(([name, v]) =>
        obfuscated.has(`${x.intent!.name}/${name}`) && v ? [name, { value: { originalValue: `{${name}}`, interpretedValue: `{${name}}`, resolvedValues: [] } }] : [name, v],
      ),
    );
    return { ...x, intent: { ...x.intent, slots } };
  };
  // The transcript of an answer to an obfuscated slot, and obfuscated values inside an utterance, are hidden too.
  let transcript = args.text;
  if (args.answeredSlot && obfuscated.has(`${args.answeredSlot.intent}/${args.answeredSlot.slot}`)) transcript = `{${args.answeredSlot.slot}}`;
  const current = args.sessionState.intent;
  for (const [name, v] of Object.entries(current?.slots ?? {})) {
    const original = v?.value?.originalValue;
    if (original && current && obfuscated.has(`${current.name}/${name}`)) transcript = transcript.split(original).join(`{${name}}`);
  }
  return {
    'message-version': '2.0',
    bot: { id: args.locale.botId, name: args.locale.botName, aliasId: args.alias.botAliasId, aliasName: args.alias.botAliasName, localeId: args.locale.localeId, version: args.locale.botVersion },
    messages: args.messages,
    sessionState: hide(structuredClone(args.sessionState) as RtSessionState & { intent?: { name: string; slots?: Record<string, unknown> } }),
    interpretations: args.interpretations.map((i) => hide({ intent: i.intent, ...(i.nluConfidence ? { nluConfidence: i.nluConfidence.score } : {}) })),
    sessionId: args.sessionId,
    inputTranscript: transcript,
    missedUtterance: args.missed,
    requestId: args.requestId,
    timestamp: new Date(args.now).toISOString(),
    developerOverride: args.developerOverride,
    inputMode: args.inputMode,
    requestAttributes: args.requestAttributes ?? {},
    operationName: 'RecognizeText',
  };
}

/** Appends records to a file, one JSON document per line. */
export class ConversationLogWriter {
  private ready = false;
  constructor(readonly file: string) {}

  write(record: ConversationLogRecord): void {
    if (!this.ready) {
      mkdirSync(dirname(this.file), { recursive: true });
      this.ready = true;
    }
    appendFileSync(this.file, `${JSON.stringify(record)}\n`);
  }
}
