/**
 * The studio's chat pane: conversations with the local bot through the same client path as
 * `bots chat` ({@link openLexTarget}, {@link LexSession}): the in-process emulator with the
 * project's fulfillment Lambdas, the definitions deployed into it first. One target per bot, opened
 * on the first turn; the "voice" channel sends Connect's platform request attribute so that code
 * hooks answer in SSML, shown as sent and as a caller hears it.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { LexSession, MAX_TEXT_CHARS, type TurnResult } from '../conversation/session.js';
import { LexTargetError, openLexTarget, type LexTarget, type LexTargetOptions } from '../conversation/target.js';

/** One chat turn request. */
export interface ChatTurnRequest {
  bot: string;
  localeId: string;
  channel: 'text' | 'voice';
  text: string;
  /** The conversation to continue; a new one when absent or unknown. */
  conversationId?: string;
}

/** What one turn answered. */
export interface ChatTurnResponse {
  conversationId: string;
  sessionId: string;
  turn: TurnResult;
  /** Text messages the local SMS outbox received during the turn (e.g. the passcode). */
  sms: { to: string; body: string }[];
}

/** A chat request the studio refuses or cannot serve: `status` is the HTTP status. */
export class ChatError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ChatError';
  }
}

interface Conversation {
  session: LexSession;
  key: string;
}

/** Options of {@link StudioChat}: where the local emulator keeps its data, as `bots chat`. */
export type StudioChatOptions = Pick<LexTargetOptions, 'root' | 'local' | 'env'>;

/** Chat sessions of one studio. */
export class StudioChat {
  private readonly targets = new Map<string, Promise<LexTarget>>();
  private readonly conversations = new Map<string, Conversation>();

  constructor(private readonly opts: StudioChatOptions) {}

  /** The bot's target, opened (and deployed) once. */
  target(bot: string): Promise<LexTarget> {
    let t = this.targets.get(bot);
    if (!t) {
      t = openLexTarget({ root: this.opts.root, bot, ...(this.opts.local ? { local: this.opts.local } : {}), ...(this.opts.env ? { env: this.opts.env } : {}) });
      // A failed open is retried on the next turn (e.g. after the author fixed a validation error).
      t.catch(() => this.targets.delete(bot));
      this.targets.set(bot, t);
    }
    return t;
  }

  /**
   * Sends one turn.
   * @throws ChatError (400) for empty or over-long text or an unknown locale; (422) when the bot cannot be deployed locally.
   */
  async turn(req: ChatTurnRequest): Promise<ChatTurnResponse> {
    const text = req.text.trim();
    if (!text) throw new ChatError('Type something to say to the bot.', 400);
    if (text.length > MAX_TEXT_CHARS) throw new ChatError(`Lex accepts at most ${MAX_TEXT_CHARS} characters per turn; this one has ${text.length}.`, 400);
    let target: LexTarget;
    try {
      target = await this.target(req.bot);
    } catch (err) {
      if (err instanceof LexTargetError) throw new ChatError(err.message, 422);
      throw err;
    }
    if (!target.localeIds.includes(req.localeId)) throw new ChatError(`Bot ${req.bot} has no locale ${req.localeId} (locales: ${target.localeIds.join(', ')}).`, 400);
    const key = `${req.bot}|${req.localeId}|${req.channel}`;
    let conversationId = req.conversationId;
    let conv = conversationId ? this.conversations.get(conversationId) : undefined;
    if (!conv || conv.key !== key) {
      conversationId = randomUUID();
      conv = { key, session: new LexSession({ ...target, localeId: req.localeId }, { voice: req.channel === 'voice' }) };
      this.conversations.set(conversationId, conv);
    }
    const before = target.outbox?.().length ?? 0;
    const turn = await conv.session.say(text);
    const sms = (target.outbox?.() ?? []).slice(before).map((m) => ({ to: m.to, body: m.body }));
    return { conversationId: conversationId!, sessionId: conv.session.sessionId, turn, sms };
  }

  /** The bot's open target, if a chat opened one (the tuning report reads its analytics). */
  openTarget(bot: string): Promise<LexTarget> | undefined {
    return this.targets.get(bot);
  }

  /** Closes every target. */
  async close(): Promise<void> {
    const all = [...this.targets.values()];
    this.targets.clear();
    for (const t of all) await t.then((x) => x.close(), () => undefined);
  }
}
