/**
 * Answering questions from a knowledge base. Backends: Amazon Bedrock RetrieveAndGenerate
 * (`kb-bedrock.ts`) on AWS, MiniSearch over the project's FAQ documents locally (`kb-local.ts`).
 * Both return sources by document title, never by URL.
 * @module
 */
import type { Locale } from '../messages/types.js';

export interface KnowledgeQuery {
  /** The caller's question, already redacted by {@link redactQuestion} (kb-redact.ts). At most 1,000 characters are used. */
  question: string;
  locale: Locale;
  /**
   * Server-side key of the conversation: the Lex session id from the event, never a client-set
   * attribute. A backend that keeps conversation context (Bedrock's session id) keeps it under this
   * key on the server, so a client can neither read nor choose another conversation's context.
   * Absent: no continuity.
   */
  conversationId?: string;
}

/**
 * What a guardrail did with the question or answer, as Bedrock reports it in `guardrailAction`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_RetrieveAndGenerate.html#API_agent-runtime_RetrieveAndGenerate_ResponseSyntax).
 * `INTERVENED`: blocked (prompt attack, denied topic, harmful content, blocked PII); the answer is empty.
 */
export type GuardrailOutcome = 'INTERVENED' | 'NONE';

/** One retrieved passage an answer is grounded in. */
export interface Citation {
  /** The document's title (the source name callers hear). */
  title: string;
  /** Where the passage lives: `s3://...` on AWS, `<locale>/<doc>.md#<heading>` locally. */
  location?: string;
  /** The start of the passage (at most 200 characters), for logs-free debugging and tests. */
  excerpt?: string;
}

export interface KnowledgeAnswer {
  /** False when the backend has no grounded answer or the guardrail intervened (the caller is offered an agent). */
  found: boolean;
  /** The answer text (plain, unshortened; the handler shortens it for voice). Empty when not found. */
  text: string;
  /** Titles of the documents the answer came from, most relevant first (at most 3). */
  sources: string[];
  /** The passages behind the answer, most relevant first (at most 3); empty when not found. */
  citations: Citation[];
  /** The guardrail's verdict; a refusal is `found: false` with `guardrail: 'INTERVENED'`. */
  guardrail: GuardrailOutcome;
}

export interface KnowledgeBase {
  /** Rejects on backend failure (timeout, throttling); the handler then offers an agent. */
  ask(q: KnowledgeQuery): Promise<KnowledgeAnswer>;
}

/** The answer of a backend that has nothing (not a refusal). */
export const noAnswer = (): KnowledgeAnswer => ({ found: false, text: '', sources: [], citations: [], guardrail: 'NONE' });
/** The answer when the guardrail blocked the question or the answer. */
export const blocked = (): KnowledgeAnswer => ({ found: false, text: '', sources: [], citations: [], guardrail: 'INTERVENED' });

/** Splits text into sentences at ".", "!", "?" or "…" followed by a space ("$2.50" and "19.99%" stay whole). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Removes markdown, citation markers like [1] and URLs, and collapses whitespace. */
export function plainAnswer(text: string): string {
  return text
    .replace(/https?:\/\/\S*[^\s.,;:!?)]/g, '')
    .replace(/\[\d+(?:,\s*\d+)*\]/g, '')
    .replace(/^\s*(?:#{1,6}|>|[-*]\s)\s*/gm, '')
    .replace(/[*`]+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,])(?=\s|$)/g, '$1') // "cost $25 [1]." → "cost $25." (French spaces before : ; ! ? stay)
    .trim();
}

/**
 * Shortens an answer: at most `maxSentences` sentences and `maxChars` characters (cut at a word,
 * with an ellipsis). Voice answers use 2 sentences, 300 characters; text 4 sentences, 700.
 */
export function shorten(text: string, maxSentences: number, maxChars: number): string {
  const parts = sentences(plainAnswer(text));
  let out = '';
  for (const s of parts.slice(0, maxSentences)) {
    const next = out ? `${out} ${s}` : s;
    if (next.length > maxChars) break;
    out = next;
  }
  if (!out) {
    const first = parts[0] ?? plainAnswer(text);
    out = first.length > maxChars ? `${first.slice(0, maxChars - 1).replace(/\s+\S*$/, '')}…` : first;
  }
  return out;
}

/** A readable title from a file name or URI: ".../online-banking.md" → "Online banking". */
export function titleFromUri(uri: string): string {
  const file = decodeURIComponent(uri.replace(/[?#].*$/, '').split('/').filter(Boolean).pop() ?? uri);
  const stem = file.replace(/\.[a-z0-9]+$/i, '').replace(/[-_]+/g, ' ').trim();
  return stem ? stem.charAt(0).toUpperCase() + stem.slice(1) : 'FAQ';
}
