/**
 * Lex Runtime V2 routes: RecognizeText, RecognizeUtterance, PutSession, GetSession, DeleteSession, wire-compatible
 * with `@aws-sdk/client-lex-runtime-v2`. Sessions are kept in memory per bot, alias, locale and
 * session id, expire after the bot's idle session TTL, and are processed one turn at a time.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_Operations_Amazon_Lex_Runtime_V2.html
 * @module
 */
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { EmulatorResponse, ResolvedAlias, Route, RuntimeStore } from '../contracts.js';
import { LexError } from '../errors.js';
import { CodeHookError } from './code-hook.js';
import { ConversationLogWriter, conversationLogRecord } from './conversation-log.js';
import { FALLBACK, runTurn, type Session } from './dialog.js';
import { LocaleNluCache } from './locale-nlu.js';
import { analyseAudio, pcmFormatOf, pcmSamples } from './audio.js';
import { captureInput, inputSettingsAt } from './input-settings.js';
import type { RtMessage, RtSessionState } from './types.js';

/** A Lambda handler the emulator calls in-process for a code hook: the Lex V2 event in, the response out. */
export type CodeHookHandler = (event: unknown) => Promise<unknown>;

/** Options of the runtime. */
export interface RuntimeOptions {
  /** Maps a code-hook Lambda ARN to an in-process handler; undefined when none is available. */
  codeHooks?: (lambdaArn: string) => CodeHookHandler | undefined;
  /** File that receives one Lex V2 conversation-log JSON record per turn. */
  conversationLogFile?: string;
  /** Clock in ms since the epoch (tests). */
  now?: () => number;
  /** Code-hook time limit in ms (default Lex's 30 s). */
  codeHookTimeoutMs?: number;
}

/** Lex's limit on RecognizeText input. @see https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html */
export const MAX_TEXT_INPUT_CHARS = 1024;

const TEST_ALIAS_ID = 'TSTALIASID';

/**
 * The intent analytics records a turn under: the one the utterance was mapped to (the top
 * interpretation: the NLU's pick, or the intent whose slot or confirmation it answered), not the
 * session's intent after a code hook switched it (CheckBalance elicits VerifyIdentity.Passcode,
 * yet "what's my balance" is a CheckBalance utterance); FallbackIntent when none.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UtteranceSpecification.html
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_AnalyticsUtteranceAttributeResult.html
 */
function mappedIntent(outcome: { interpretations?: { intent?: { name?: string } }[]; sessionState: { intent?: { name?: string } } }): string {
  return outcome.interpretations?.[0]?.intent?.name ?? outcome.sessionState.intent?.name ?? FALLBACK;
}

/** A Lex-style error response (runtime error shapes: DependencyFailedException is 424). */
function lexError(status: number, type: string, message: string): EmulatorResponse {
  return new LexError(type, message, { status }).toResponse();
}

const b64gz = (v: unknown) => gzipSync(Buffer.from(JSON.stringify(v))).toString('base64');
/** A RecognizeUtterance request header: JSON, gzip-compressed, base64-encoded. @throws Error when it is not. */
const fromB64gz = (v: string | undefined): unknown => (v ? JSON.parse(gunzipSync(Buffer.from(v, 'base64')).toString('utf8')) : undefined);

/** What RecognizeUtterance answers for speech: the emulator has no speech recogniser. */
export const SPEECH_NOT_SUPPORTED =
  'The local emulator has no speech recognizer: this audio holds speech. Send text (requestContentType text/plain; charset=utf-8, or RecognizeText), or DTMF tones as 16-bit PCM; test speech against Lex with --region.';

/** The runtime routes over `store`. */
export function createRuntimeRoutes(store: RuntimeStore, options: RuntimeOptions = {}): Route[] {
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();
  const queues = new Map<string, Promise<unknown>>();
  const nluCache = new LocaleNluCache();
  const log = options.conversationLogFile ? new ConversationLogWriter(options.conversationLogFile) : undefined;

  const base = '/bots/{botId}/botAliases/{botAliasId}/botLocales/{localeId}/sessions/{sessionId}';
  const keyOf = (p: Record<string, string>) => `${p.botId}/${p.botAliasId}/${p.localeId}/${p.sessionId}`;

  /** Resolves alias and built locale, or an error response. */
  function target(p: Record<string, string>): { alias: ResolvedAlias; locale: NonNullable<ReturnType<RuntimeStore['getBuiltLocale']>> } | EmulatorResponse {
    const alias = store.resolveAlias(p.botId!, p.botAliasId!);
    if (!alias) return lexError(404, 'ResourceNotFoundException', `Bot alias ${p.botAliasId} of bot ${p.botId} does not exist.`);
    const settings = alias.botAliasLocaleSettings[p.localeId!];
    if (settings && settings.enabled === false) return lexError(400, 'ValidationException', `Locale ${p.localeId} is not enabled on alias ${alias.botAliasName}.`);
    const locale = store.getBuiltLocale(p.botId!, alias.botVersion, p.localeId!);
    if (!locale) return lexError(404, 'ResourceNotFoundException', `Locale ${p.localeId} of bot ${p.botId} version ${alias.botVersion} does not exist or is not built.`);
    return { alias, locale };
  }

  /** The live session, or undefined when absent, expired, or (TestBotAlias) from an older build. */
  function liveSession(key: string, idleTtlSeconds: number, buildId: string, aliasId: string): Session | undefined {
    const s = sessions.get(key);
    if (!s) return undefined;
    const expired = now() - s.lastActivity > idleTtlSeconds * 1000;
    const stale = aliasId === TEST_ALIAS_ID && s.buildId !== buildId;
    if (expired || stale) {
      sessions.delete(key);
      return undefined;
    }
    return s;
  }

  /** Runs `fn` after the previous request of the same session finished. */
  function serialize<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = queues.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    queues.set(key, tail);
    void tail.then(() => {
      if (queues.get(key) === tail) queues.delete(key);
    });
    return next;
  }

  const newSession = (sessionId: string, buildId: string): Session => ({
    sessionId,
    state: { sessionAttributes: {} },
    retries: 0,
    lastMessages: [],
    lastInterpretations: [],
    lastActivity: now(),
    buildId,
  });

  function applyClientState(session: Session, state: RtSessionState | undefined): void {
    if (!state) return;
    // The client's session state replaces Lex's for the parts it sends (e.g. Connect's session attributes).
    if (state.sessionAttributes) session.state.sessionAttributes = { ...state.sessionAttributes };
    if (state.activeContexts) session.state.activeContexts = state.activeContexts;
    if (state.dialogAction) session.state.dialogAction = state.dialogAction;
    if (state.intent) session.state.intent = state.intent;
    if (state.originatingRequestId) session.state.originatingRequestId = state.originatingRequestId;
  }

  /** One turn's input: the text Lex processes (a transcript, or the DTMF digits) or audio still to analyse. */
  type TurnInput =
    | { kind: 'text'; text: string; inputMode: 'Text' | 'Speech' | 'DTMF' }
    | { kind: 'audio'; samples: Float32Array; sampleRate: number };

  interface TurnDone {
    outcome: Awaited<ReturnType<typeof runTurn>>;
    requestId: string;
    text: string;
    inputMode: 'Text' | 'Speech' | 'DTMF';
  }

  /**
   * Runs one turn of RecognizeText or RecognizeUtterance on the session of `p` and records it
   * (analytics, conversation log). Audio is cut by the capture settings of the prompt being
   * answered ({@link inputSettingsAt}): DTMF keys become the digits Lex processes; speech is refused.
   */
  function converse(
    p: Record<string, string>,
    input: TurnInput,
    sessionState: RtSessionState | undefined,
    requestAttributes: Record<string, string> | undefined,
  ): Promise<TurnDone | EmulatorResponse> {
    const key = keyOf(p);
    return serialize(key, async () => {
      const t = target(p);
      if ('status' in t) return t;
      const { alias, locale } = t;
      const session = liveSession(key, locale.idleSessionTTLInSeconds, locale.buildId, alias.botAliasId) ?? newSession(p.sessionId!, locale.buildId);
      const before = structuredClone(session.state);
      const previousAction = session.state.dialogAction;
      applyClientState(session, sessionState);
      let text: string;
      let inputMode: TurnDone['inputMode'];
      if (input.kind === 'audio') {
        const action = session.state.dialogAction;
        const intentName = action?.type === 'ElicitSlot' ? session.state.intent?.name : undefined;
        const slotName = intentName ? action?.slotToElicit : undefined;
        const slot = slotName ? locale.intents.find((i) => i.intentName === intentName)?.slots.find((s) => s.slotName === slotName) : undefined;
        const settings = inputSettingsAt({ intentName, slotName, slot, retries: session.retries }, session.state.sessionAttributes);
        const captured = captureInput(analyseAudio(input.samples, input.sampleRate), settings);
        if (captured.kind === 'speech') {
          session.state = before;
          return lexError(400, 'ValidationException', SPEECH_NOT_SUPPORTED);
        }
        text = captured.kind === 'dtmf' ? captured.digits : '';
        inputMode = captured.kind === 'dtmf' ? 'DTMF' : 'Speech';
      } else {
        ({ text, inputMode } = input);
      }
      const arn = alias.botAliasLocaleSettings[p.localeId!]?.codeHookSpecification?.lambdaCodeHook?.lambdaARN;
      const codeHook = arn ? options.codeHooks?.(arn) : undefined;
      if (arn && !codeHook) return lexError(424, 'DependencyFailedException', `No local handler for the code-hook Lambda ${arn}.`);
      const requestId = randomUUID();
      let outcome;
      try {
        outcome = await runTurn({
          locale,
          alias,
          nlu: nluCache.get(locale),
          session,
          text,
          inputMode,
          requestAttributes,
          codeHook,
          now: now(),
          codeHookTimeoutMs: options.codeHookTimeoutMs,
        });
      } catch (err) {
        session.state = before;
        if (err instanceof CodeHookError) return lexError(424, 'DependencyFailedException', err.message);
        throw err;
      }
      sessions.set(key, session);
      const missed = !outcome.understood;
      const answeredSlot = previousAction?.type === 'ElicitSlot' && before.intent && previousAction.slotToElicit ? { intent: before.intent.name, slot: previousAction.slotToElicit } : undefined;
      store.recordUtterance({
        botId: locale.botId,
        botAliasId: alias.botAliasId,
        botVersion: locale.botVersion,
        localeId: locale.localeId,
        sessionId: session.sessionId,
        utterance: answeredSlot ? `{${answeredSlot.slot}}` : text,
        timestamp: now(),
        utteranceUnderstood: !missed,
        associatedIntentName: mappedIntent(outcome),
        associatedSlotName: outcome.slotName,
        intentState: outcome.sessionState.intent?.state,
        dialogActionType: outcome.sessionState.dialogAction?.type,
        mode: inputMode,
        channel: requestAttributes?.['x-amz-lex:channels:platform'],
        botResponses: (outcome.messages ?? []).map((m) => ({ content: m.content ?? m.imageResponseCard?.title ?? '', contentType: m.contentType })),
      });
      log?.write(
        conversationLogRecord({
          locale,
          alias,
          sessionId: session.sessionId,
          requestId,
          now: now(),
          text,
          inputMode,
          messages: outcome.messages ?? [],
          sessionState: outcome.sessionState,
          interpretations: outcome.interpretations,
          missed,
          developerOverride: outcome.developerOverride,
          requestAttributes,
          answeredSlot,
        }),
      );
      return { outcome, requestId, text, inputMode };
    });
  }

  const recognizeText: Route = {
    method: 'POST',
    pattern: `${base}/text`,
    operation: 'RecognizeText',
    handle: async (req) => {
      const body = (req.body ?? {}) as { text?: unknown; sessionState?: RtSessionState; requestAttributes?: Record<string, string> };
      if (typeof body.text !== 'string' || body.text.length === 0) return lexError(400, 'ValidationException', 'text is required.');
      if (body.text.length > MAX_TEXT_INPUT_CHARS) return lexError(400, 'ValidationException', `text must be at most ${MAX_TEXT_INPUT_CHARS} characters.`);
      const done = await converse(req.params, { kind: 'text', text: body.text, inputMode: 'Text' }, body.sessionState, body.requestAttributes);
      if ('status' in done) return done;
      const { understood: _u, slotName: _s, developerOverride: _d, ...result } = done.outcome;
      return { status: 200, body: result, headers: { 'x-amzn-requestid': done.requestId } };
    },
  };

  /**
   * RecognizeUtterance: `text/plain; charset=utf-8` input is processed as text; PCM audio is
   * searched for DTMF keys (speech answers a ValidationException: no recogniser offline). The
   * response members are headers, gzip-compressed and base64-encoded as Lex sends them; the body
   * is the first message's text when `responseContentType` is text (audio responses are not synthesised).
   * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_RecognizeUtterance.html
   */
  const recognizeUtterance: Route = {
    method: 'POST',
    pattern: `${base}/utterance`,
    operation: 'RecognizeUtterance',
    handle: async (req) => {
      const header = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const requestContentType = header('content-type') ?? '';
      const responseContentType = header('response-content-type') ?? 'text/plain; charset=utf-8';
      let sessionState: RtSessionState | undefined;
      let requestAttributes: Record<string, string> | undefined;
      try {
        sessionState = fromB64gz(header('x-amz-lex-session-state')) as RtSessionState | undefined;
        requestAttributes = fromB64gz(header('x-amz-lex-request-attributes')) as Record<string, string> | undefined;
      } catch {
        return lexError(400, 'ValidationException', 'sessionState and requestAttributes must be JSON, gzip-compressed and then base64-encoded.');
      }
      if (!/^audio\/(mpeg|ogg|pcm)|^text\/plain/i.test(responseContentType)) {
        return lexError(400, 'ValidationException', `responseContentType ${responseContentType} is not one of audio/mpeg, audio/ogg, audio/pcm or text/plain; charset=utf-8.`);
      }
      const raw = Buffer.isBuffer(req.body) ? req.body : req.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(req.body));
      let input: TurnInput;
      if (/^text\/plain/i.test(requestContentType)) {
        const text = raw.toString('utf8');
        if (!text) return lexError(400, 'ValidationException', 'inputStream is required.');
        if (text.length > MAX_TEXT_INPUT_CHARS) return lexError(400, 'ValidationException', `text must be at most ${MAX_TEXT_INPUT_CHARS} characters.`);
        input = { kind: 'text', text, inputMode: 'Text' };
      } else {
        const format = pcmFormatOf(requestContentType);
        if (!format) {
          return lexError(400, 'ValidationException', `requestContentType ${requestContentType || '(none)'} is not supported by the local emulator: send text/plain; charset=utf-8, or 16-bit PCM (audio/l16; rate=16000; channels=1, audio/lpcm; sample-rate=8000; sample-size-bits=16; channel-count=1; is-big-endian=false) holding DTMF tones.`);
        }
        input = { kind: 'audio', samples: pcmSamples(raw, format), sampleRate: format.sampleRate };
      }
      const done = await converse(req.params, input, sessionState, requestAttributes);
      if ('status' in done) return done;
      const r = done.outcome;
      const headers: Record<string, string> = {
        'x-amzn-requestid': done.requestId,
        'content-type': responseContentType,
        'x-amz-lex-input-mode': done.inputMode,
        'x-amz-lex-input-transcript': b64gz(done.text),
        'x-amz-lex-session-state': b64gz(r.sessionState),
        'x-amz-lex-session-id': r.sessionId,
        'x-amz-lex-interpretations': b64gz(r.interpretations),
      };
      if (r.messages?.length) headers['x-amz-lex-messages'] = b64gz(r.messages);
      if (r.requestAttributes) headers['x-amz-lex-request-attributes'] = b64gz(r.requestAttributes);
      const firstText = r.messages?.find((m) => m.content)?.content ?? '';
      return { status: 200, headers, body: /^text\/plain/i.test(responseContentType) ? Buffer.from(firstText, 'utf8') : Buffer.alloc(0) };
    },
  };

  const putSession: Route = {
    method: 'POST',
    pattern: base,
    operation: 'PutSession',
    handle: (req) => {
      const p = req.params;
      const body = (req.body ?? {}) as { sessionState?: RtSessionState; messages?: RtMessage[]; requestAttributes?: Record<string, string> };
      if (!body.sessionState) return lexError(400, 'ValidationException', 'sessionState is required.');
      const key = keyOf(p);
      return serialize(key, async () => {
        const t = target(p);
        if ('status' in t) return t;
        const session = liveSession(key, t.locale.idleSessionTTLInSeconds, t.locale.buildId, t.alias.botAliasId) ?? newSession(p.sessionId!, t.locale.buildId);
        session.state = { sessionAttributes: {}, ...structuredClone(body.sessionState!) };
        session.retries = 0;
        session.lastMessages = body.messages ?? [];
        session.requestAttributes = body.requestAttributes;
        session.lastActivity = now();
        sessions.set(key, session);
        const headers: Record<string, string> = {
          'content-type': req.headers['responsecontenttype']?.toString() ?? 'text/plain; charset=utf-8',
          'x-amz-lex-session-state': b64gz(session.state),
          'x-amz-lex-session-id': session.sessionId,
        };
        if (body.messages) headers['x-amz-lex-messages'] = b64gz(body.messages);
        if (body.requestAttributes) headers['x-amz-lex-request-attributes'] = b64gz(body.requestAttributes);
        return { status: 200, headers, body: undefined };
      });
    },
  };

  const getSession: Route = {
    method: 'GET',
    pattern: base,
    operation: 'GetSession',
    handle: (req) => {
      const p = req.params;
      const t = target(p);
      if ('status' in t) return t;
      const session = liveSession(keyOf(p), t.locale.idleSessionTTLInSeconds, t.locale.buildId, t.alias.botAliasId);
      if (!session) return lexError(404, 'ResourceNotFoundException', `Session ${p.sessionId} does not exist.`);
      return { status: 200, body: { sessionId: session.sessionId, messages: session.lastMessages, interpretations: session.lastInterpretations, sessionState: session.state } };
    },
  };

  const deleteSession: Route = {
    method: 'DELETE',
    pattern: base,
    operation: 'DeleteSession',
    handle: (req) => {
      const p = req.params;
      const t = target(p);
      if ('status' in t) return t;
      const key = keyOf(p);
      if (!sessions.has(key)) return lexError(404, 'ResourceNotFoundException', `Session ${p.sessionId} does not exist.`);
      sessions.delete(key);
      return { status: 200, body: { botId: p.botId, botAliasId: p.botAliasId, localeId: p.localeId, sessionId: p.sessionId } };
    },
  };

  return [recognizeText, recognizeUtterance, putSession, getSession, deleteSession];
}

