/**
 * Lex Runtime V2 routes: RecognizeText, PutSession, GetSession, DeleteSession, wire-compatible
 * with `@aws-sdk/client-lex-runtime-v2`. Sessions are kept in memory per bot, alias, locale and
 * session id, expire after the bot's idle session TTL, and are processed one turn at a time.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_Operations_Amazon_Lex_Runtime_V2.html
 * @module
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { EmulatorResponse, ResolvedAlias, Route, RuntimeStore } from '../contracts.js';
import { LexError } from '../errors.js';
import { CodeHookError } from './code-hook.js';
import { ConversationLogWriter, conversationLogRecord } from './conversation-log.js';
import { FALLBACK, runTurn, type Session } from './dialog.js';
import { LocaleNluCache } from './locale-nlu.js';
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

/** A Lex-style error response (runtime error shapes: DependencyFailedException is 424). */
function lexError(status: number, type: string, message: string): EmulatorResponse {
  return new LexError(type, message, { status }).toResponse();
}

const b64gz = (v: unknown) => gzipSync(Buffer.from(JSON.stringify(v))).toString('base64');

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

  const recognizeText: Route = {
    method: 'POST',
    pattern: `${base}/text`,
    operation: 'RecognizeText',
    handle: (req) => {
      const p = req.params;
      const body = (req.body ?? {}) as { text?: unknown; sessionState?: RtSessionState; requestAttributes?: Record<string, string> };
      if (typeof body.text !== 'string' || body.text.length === 0) return lexError(400, 'ValidationException', 'text is required.');
      if (body.text.length > MAX_TEXT_INPUT_CHARS) return lexError(400, 'ValidationException', `text must be at most ${MAX_TEXT_INPUT_CHARS} characters.`);
      const key = keyOf(p);
      return serialize(key, async () => {
        const t = target(p);
        if ('status' in t) return t;
        const { alias, locale } = t;
        const session = liveSession(key, locale.idleSessionTTLInSeconds, locale.buildId, alias.botAliasId) ?? newSession(p.sessionId!, locale.buildId);
        const before = structuredClone(session.state);
        const previousAction = session.state.dialogAction;
        applyClientState(session, body.sessionState);
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
            text: body.text as string,
            inputMode: 'Text',
            requestAttributes: body.requestAttributes,
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
          utterance: answeredSlot ? `{${answeredSlot.slot}}` : (body.text as string),
          timestamp: now(),
          utteranceUnderstood: !missed,
          associatedIntentName: outcome.sessionState.intent?.name ?? FALLBACK,
          associatedSlotName: outcome.slotName,
          intentState: outcome.sessionState.intent?.state,
          dialogActionType: outcome.sessionState.dialogAction?.type,
          mode: 'Text',
          channel: body.requestAttributes?.['x-amz-lex:channels:platform'],
          botResponses: (outcome.messages ?? []).map((m) => ({ content: m.content ?? m.imageResponseCard?.title ?? '', contentType: m.contentType })),
        });
        log?.write(
          conversationLogRecord({
            locale,
            alias,
            sessionId: session.sessionId,
            requestId,
            now: now(),
            text: body.text as string,
            inputMode: 'Text',
            messages: outcome.messages ?? [],
            sessionState: outcome.sessionState,
            interpretations: outcome.interpretations,
            missed,
            developerOverride: outcome.developerOverride,
            requestAttributes: body.requestAttributes,
            answeredSlot,
          }),
        );
        const { understood: _u, slotName: _s, developerOverride: _d, ...result } = outcome;
        return { status: 200, body: result, headers: { 'x-amzn-requestid': requestId } };
      });
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

  return [recognizeText, putSession, getSession, deleteSession];
}

