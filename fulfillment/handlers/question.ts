/**
 * Is what the caller said a question? Only questions go to the knowledge base: FallbackIntent
 * catches everything the NLU did not place ("uh yeah the thing", "my card", an insult), and
 * sending that to a model costs money and invites answers to things nobody asked.
 *
 * Decided by the Lambda from the event alone: `inputTranscript` and the confidence Lex gave the
 * intent (`interpretations[].nluConfidence`, a number in the code-hook event;
 * https://docs.aws.amazon.com/lexv2/latest/dg/lambda-input-format.html). Voice transcripts carry no
 * question mark, so the cue is the opening words (after fillers) or a request for information
 * anywhere ("I'd like to know…", "information about…"), per locale.
 * @module
 */
import type { LexEvent } from '../lex/event.js';
import type { Locale } from '../messages/types.js';
import { fold } from '../security/text.js';

/** AskQuestion at or above this confidence is taken as a question without looking at the words. */
export const QUESTION_CONFIDENCE = 0.5;

interface QuestionCues {
  /** Words skipped at the start ("um", "so", "hi"). */
  fillers: string[];
  /** A question starts with one of these (folded). */
  openers: string[];
  /** Any of these anywhere makes it a request for information (folded, whole words). */
  phrases: string[];
}

const CUES: Record<Locale, QuestionCues> = {
  en_US: {
    fillers: ['um', 'uh', 'uhm', 'er', 'so', 'and', 'ok', 'okay', 'well', 'hi', 'hello', 'hey', 'yes', 'yeah', 'sorry', 'excuse', 'me', 'please', 'but', 'also', 'then', 'quick', 'question', 'one', 'more', 'thing'],
    openers: ['how', 'what', 'whats', "what's", 'when', 'where', 'wheres', 'why', 'who', 'whos', 'whom', 'whose', 'which', 'can', 'could', 'do', 'does', 'did', 'is', 'are', 'was', 'were', 'will', 'would', 'should', 'shall', 'may', 'might', 'am', 'have', 'has', 'any', 'tell', 'explain', 'describe'],
    phrases: ['i want to know', 'i need to know', 'i would like to know', "i'd like to know", 'id like to know', 'i wonder', 'wondering', 'information about', 'information on', 'info about', 'info on', 'question about', 'questions about', 'help me understand', 'need help with', 'is it possible', 'how much', 'how long', 'how many', 'how do i', 'how can i'],
  },
  es_US: {
    fillers: ['eh', 'em', 'este', 'pues', 'bueno', 'y', 'ok', 'okay', 'vale', 'hola', 'si', 'oiga', 'disculpe', 'perdon', 'por', 'favor', 'una', 'pregunta', 'otra', 'cosa', 'tambien', 'entonces'],
    openers: ['que', 'como', 'cuando', 'donde', 'adonde', 'porque', 'cual', 'cuales', 'cuanto', 'cuanta', 'cuantos', 'cuantas', 'quien', 'quienes', 'puedo', 'puede', 'pueden', 'podria', 'podrian', 'se', 'hay', 'es', 'son', 'esta', 'estan', 'tienen', 'tiene', 'cobran', 'aceptan', 'ofrecen', 'dime', 'digame', 'expliqueme', 'necesito', 'quiero', 'quisiera'],
    phrases: ['quiero saber', 'necesito saber', 'me gustaria saber', 'quisiera saber', 'informacion sobre', 'informacion de', 'pregunta sobre', 'una duda', 'por que', 'me puede decir', 'me podria decir', 'como puedo', 'cuanto cuesta', 'cuanto tiempo'],
  },
  fr_CA: {
    fillers: ['euh', 'bon', 'alors', 'donc', 'et', 'ok', 'oui', 'bonjour', 'allo', 'salut', 'pardon', 'excusez', 'moi', 'svp', 'une', 'question', 'autre', 'chose', 'aussi', 'ben', 'la'],
    openers: ['comment', 'quel', 'quelle', 'quels', 'quelles', 'quand', 'ou', 'pourquoi', 'combien', 'qui', 'que', 'quoi', 'qu', 'est', 'puis', 'pouvez', 'peut', 'peux', 'pourriez', 'avez', 'etes', 'offrez', 'acceptez', 'faut', 'dois', 'doit', 'y', 'dites', 'expliquez', 'est-ce', "qu'est-ce", 'a'],
    phrases: ['je voudrais savoir', "j'aimerais savoir", 'je veux savoir', 'je me demande', 'information sur', 'informations sur', 'renseignement sur', 'renseignements sur', 'question sur', 'est-ce que', "qu'est-ce que", 'pouvez-vous', 'combien coute', 'combien de temps'],
  },
};

/** French and Spanish inversion and question marks in any locale. */
const QUESTION_MARK = /[?¿]/;
const FRENCH_INVERSION = /\b\p{L}+-(?:t-)?(?:je|tu|il|elle|on|nous|vous|ils|elles)\b/u;

/** True when `transcript` reads as a question or a request for information in `locale`. */
export function isQuestion(transcript: string, locale: Locale): boolean {
  if (QUESTION_MARK.test(transcript)) return true;
  const f = fold(transcript).replace(/[^\p{L}\p{N}'\- ]+/gu, ' ').replace(/\s+/g, ' ').trim();
  if (!f) return false;
  const cues = CUES[locale];
  if (locale === 'fr_CA' && FRENCH_INVERSION.test(f)) return true;
  const padded = ` ${f} `;
  if (cues.phrases.some((p) => padded.includes(` ${p} `))) return true;
  const words = f.split(' ');
  const first = words.find((w) => !cues.fillers.includes(w));
  if (!first) return false;
  // "qu'est-ce", "c'est quoi", "what's": compare the word and its part before an apostrophe.
  return cues.openers.includes(first) || cues.openers.includes(first.split(/['-]/)[0]!) || (locale === 'fr_CA' && /^c'est$/.test(first) && words.includes('quoi'));
}

/** The confidence Lex gave `intentName` in this event (`interpretations[].nluConfidence`), if any. */
export function intentConfidence(event: Pick<LexEvent, 'interpretations'>, intentName: string): number | undefined {
  for (const i of event.interpretations ?? []) {
    const it = i as { intent?: { name?: unknown }; nluConfidence?: unknown };
    if (it?.intent?.name !== intentName) continue;
    const c = typeof it.nluConfidence === 'number' ? it.nluConfidence : typeof (it.nluConfidence as { score?: unknown })?.score === 'number' ? (it.nluConfidence as { score: number }).score : undefined;
    if (c !== undefined && Number.isFinite(c)) return c;
  }
  return undefined;
}

/**
 * Whether the turn's input goes to the knowledge base: AskQuestion recognised with confidence
 * ≥ {@link QUESTION_CONFIDENCE} (or with no score: Lex's own decision), otherwise (FallbackIntent,
 * or AskQuestion with a low score) only when the words read as a question.
 */
export function isKnowledgeQuestion(event: Pick<LexEvent, 'interpretations'>, intentName: string, transcript: string, locale: Locale): boolean {
  if (intentName === 'AskQuestion') {
    const c = intentConfidence(event, intentName);
    if (c === undefined || c >= QUESTION_CONFIDENCE) return true;
  }
  return isQuestion(transcript, locale);
}
