/**
 * AskQuestion and FallbackIntent: answers from the knowledge base (Bedrock on AWS, the FAQ documents
 * locally) with the sources by title. On voice the answer is at most two sentences.
 *
 * - Only questions go to the knowledge base (question.ts): a low-confidence input that is not a
 *   question gets the fallback prompt with an offer of an agent.
 * - Digit runs and e-mail addresses are redacted before the call (kb-redact.ts).
 * - The backend's conversation context is keyed by the Lex session id, server-side; the old
 *   client-visible `kbSessionId` attribute is neither read nor returned.
 * - A guardrail intervention gets the locale's refusal, never the guardrail's own text.
 * - With no good answer, a refusal or a non-question, the caller is offered an agent, and after a
 *   second miss in a row transferred.
 * @module
 */
import { redactQuestion } from '../clients/kb-redact.js';
import { shorten } from '../clients/knowledge-base.js';
import { close, elicitIntent, type LexResponse } from '../lex/response.js';
import type { Turn } from '../lex/turn.js';
import { stripMarkers } from '../messages/index.js';
import { words } from '../security/text.js';
import type { HandlerDeps } from './deps.js';
import { isKnowledgeQuestion } from './question.js';
import { transfer } from './verify-dialog.js';

/**
 * Session attribute that held the Bedrock session id before it moved server-side: removed from
 * what is returned, so a stale or forged value neither survives nor matters.
 */
export const KB_SESSION = 'kbSessionId';
/** Session attribute counting consecutive misses (no answer, refusal, not a question). Dialog state only. */
export const KB_MISSES = 'kbMisses';

/** AskQuestion and FallbackIntent: the knowledge base's answer with its sources, or an agent. */
export async function answerQuestion(turn: Turn, deps: HandlerDeps): Promise<LexResponse> {
  const m = turn.m;
  delete turn.attrs[KB_SESSION];
  const question = turn.transcript.trim();
  const stop = new Set(m.stopWords);
  if (!words(question).some((w) => !stop.has(w) && !/^\d+$/.test(w))) {
    turn.outcome = 'kb_ask';
    return elicitIntent(turn.say1(m.askQuestion), turn.attrs);
  }
  if (!isKnowledgeQuestion(turn.event, turn.intent.name, question, turn.locale)) return miss(turn, m.notAQuestion, 'kb_not_question');
  let answer;
  try {
    answer = await deps.knowledgeBase.ask({ question: redactQuestion(question, m.digitWords).text, locale: turn.locale, conversationId: turn.sessionId });
  } catch (e) {
    deps.logger.warn('knowledge base unavailable', { errorName: (e as Error)?.name ?? 'Error' });
    return transfer(turn, m.knowledgeUnavailable, 'knowledgeUnavailable');
  }
  if (answer.guardrail === 'INTERVENED') return miss(turn, m.kbRefused, 'kb_refused');
  if (!answer.found) return miss(turn, m.noAnswer, 'kb_no_answer');
  delete turn.attrs[KB_MISSES];
  turn.outcome = 'kb_answer';
  const text = turn.voice ? shorten(stripMarkers(answer.text), 2, 300) : shorten(stripMarkers(answer.text), 4, 700);
  const sources = answer.sources.map((s) => stripMarkers(s).slice(0, 80)).filter(Boolean);
  return close(turn.intent, 'Fulfilled', turn.say(text, sources.length ? m.sources(sources) : ''), turn.attrs);
}

/** A turn the knowledge base did not answer: say `text` (which offers an agent); the second in a row transfers. */
function miss(turn: Turn, text: string, outcome: string): LexResponse {
  const misses = (Number(turn.attrs[KB_MISSES]) || 0) + 1;
  if (misses >= 2) {
    delete turn.attrs[KB_MISSES];
    return transfer(turn, turn.m.noAnswerTransfer, 'noAnswer');
  }
  turn.attrs[KB_MISSES] = String(misses);
  turn.outcome = outcome;
  return elicitIntent(turn.say1(text), turn.attrs);
}
