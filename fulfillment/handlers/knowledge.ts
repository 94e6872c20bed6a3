/**
 * AskQuestion and FallbackIntent: answers from the knowledge base (Bedrock on AWS, the FAQ documents
 * locally) with the sources by title. On voice the answer is at most two sentences. With no good
 * answer the caller is offered an agent, and after a second miss transferred.
 * @module
 */
import { close, elicitIntent, type LexResponse } from '../lex/response.js';
import type { Turn } from '../lex/turn.js';
import { stripMarkers } from '../messages/index.js';
import { shorten } from '../clients/knowledge-base.js';
import { words } from '../security/text.js';
import type { HandlerDeps } from './deps.js';
import { transfer } from './verify-dialog.js';

/** Session attribute holding the Bedrock session id (conversation continuity only; not identity). */
export const KB_SESSION = 'kbSessionId';
/** Session attribute counting consecutive unanswered questions. */
export const KB_MISSES = 'kbMisses';

/** AskQuestion and FallbackIntent: the knowledge base's answer with its sources, or an agent. */
export async function answerQuestion(turn: Turn, deps: HandlerDeps): Promise<LexResponse> {
  const m = turn.m;
  const question = turn.transcript.trim();
  const stop = new Set(m.stopWords);
  if (!words(question).some((w) => !stop.has(w) && !/^\d+$/.test(w))) {
    turn.outcome = 'kb_ask';
    return elicitIntent(turn.say1(m.askQuestion), turn.attrs);
  }
  let answer;
  try {
    const prior = turn.attrs[KB_SESSION];
    answer = await deps.knowledgeBase.ask({ question, locale: turn.locale, ...(prior ? { sessionId: prior } : {}) });
  } catch (e) {
    deps.logger.warn('knowledge base unavailable', { errorName: (e as Error)?.name ?? 'Error' });
    return transfer(turn, m.knowledgeUnavailable, 'knowledgeUnavailable');
  }
  if (answer.sessionId && answer.sessionId.length <= 100) turn.attrs[KB_SESSION] = answer.sessionId;
  if (answer.found) {
    delete turn.attrs[KB_MISSES];
    turn.outcome = 'kb_answer';
    const text = turn.voice ? shorten(stripMarkers(answer.text), 2, 300) : shorten(stripMarkers(answer.text), 4, 700);
    const sources = answer.sources.map((s) => stripMarkers(s).slice(0, 80)).filter(Boolean);
    return close(turn.intent, 'Fulfilled', turn.say(text, sources.length ? m.sources(sources) : ''), turn.attrs);
  }
  const misses = (Number(turn.attrs[KB_MISSES]) || 0) + 1;
  if (misses >= 2) {
    delete turn.attrs[KB_MISSES];
    return transfer(turn, m.noAnswerTransfer, 'noAnswer');
  }
  turn.attrs[KB_MISSES] = String(misses);
  turn.outcome = 'kb_no_answer';
  return elicitIntent(turn.say1(m.noAnswer), turn.attrs);
}
