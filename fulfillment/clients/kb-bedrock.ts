/**
 * Knowledge base through Amazon Bedrock Knowledge Bases RetrieveAndGenerate
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_RetrieveAndGenerate.html).
 *
 * Every request carries, in `retrieveAndGenerateConfiguration.knowledgeBaseConfiguration.generationConfiguration`:
 * - `guardrailConfiguration` `{ guardrailId, guardrailVersion }`: the guardrail of the CDK stack
 *   (infra/guardrail.ts: prompt attacks, denied topics, PII, grounding). Required: without one the
 *   client refuses to be built (see {@link BedrockKnowledgeBaseOptions.guardrail}).
 * - `promptTemplate.textPromptTemplate`: the phone-line prompt of the caller's locale (kb-prompt.ts).
 * - `inferenceConfig.textInferenceConfig`: temperature 0, 200 tokens.
 *
 * - The question is redacted again here (kb-redact.ts; idempotent), so no digit run or e-mail
 *   address reaches the model whoever calls this client.
 * - Continuity: the Bedrock session id is kept server-side under the conversation id (the Lex
 *   session id) in a {@link KbSessionStore}; nothing client-set is ever sent as `sessionId`.
 * - Outcomes: `guardrailAction: INTERVENED` is a refusal; no retrieved reference, an empty text or
 *   the prompt's NO_ANSWER token is "no good answer".
 * - Sources: by title: the document's `title` metadata attribute if the data source has metadata
 *   files, else the file name of the S3 (or web) location, humanised ("online-banking.md" →
 *   "Online banking").
 * @module
 */
import { RetrieveAndGenerateCommand, type BedrockAgentRuntimeClient, type RetrievedReference } from '@aws-sdk/client-bedrock-agent-runtime';
import { CATALOGUE } from '../messages/index.js';
import { NO_ANSWER_TOKEN, PHONE_INFERENCE, PHONE_PROMPT_TEMPLATES } from './kb-prompt.js';
import { redactQuestion } from './kb-redact.js';
import type { KbSessionStore } from './kb-sessions.js';
import { blocked, noAnswer, plainAnswer, titleFromUri, type Citation, type KnowledgeAnswer, type KnowledgeBase, type KnowledgeQuery } from './knowledge-base.js';

export interface BedrockKnowledgeBaseOptions {
  /** The knowledge base id (10 characters) in the Lambda's region. */
  knowledgeBaseId: string;
  /** ARN of the generating model or inference profile. */
  modelArn: string;
  /** The guardrail applied to every question and answer: id (or ARN) and version (a number, or `DRAFT`). */
  guardrail: { id: string; version: string };
  /** Metadata key holding the document's locale (e.g. `locale`): when set, retrieval is filtered to the caller's locale. */
  localeFilterKey?: string;
  /** Passages retrieved per question (default 4). */
  numberOfResults?: number;
}

export class BedrockKnowledgeBase implements KnowledgeBase {
  constructor(
    private readonly client: BedrockAgentRuntimeClient,
    private readonly options: BedrockKnowledgeBaseOptions,
    private readonly sessions: KbSessionStore,
  ) {
    if (!options.guardrail?.id || !options.guardrail.version) throw new Error('BedrockKnowledgeBase: a guardrail id and version are required');
  }

  async ask(q: KnowledgeQuery): Promise<KnowledgeAnswer> {
    // Continuity is best effort: a store failure must not cost the caller the answer.
    const id = q.conversationId;
    const prior = id ? await this.sessions.get(id).catch(() => undefined) : undefined;
    let r;
    try {
      r = await this.call(q, prior);
    } catch (e) {
      // A session id from an expired Bedrock session is rejected; ask again without it.
      if (!prior || (e as { name?: string }).name !== 'ValidationException') throw e;
      await this.sessions.delete(id!).catch(() => undefined);
      r = await this.call(q, undefined);
    }
    if (id && r.sessionId && r.sessionId !== prior) await this.sessions.put(id, r.sessionId).catch(() => undefined);
    return r.answer;
  }

  private async call(q: KnowledgeQuery, sessionId: string | undefined): Promise<{ answer: KnowledgeAnswer; sessionId?: string }> {
    const { knowledgeBaseId, modelArn, guardrail, localeFilterKey, numberOfResults = 4 } = this.options;
    const question = redactQuestion(q.question, CATALOGUE[q.locale].digitWords).text.slice(0, 1000);
    const r = await this.client.send(
      new RetrieveAndGenerateCommand({
        input: { text: question },
        ...(sessionId ? { sessionId } : {}),
        retrieveAndGenerateConfiguration: {
          type: 'KNOWLEDGE_BASE',
          knowledgeBaseConfiguration: {
            knowledgeBaseId,
            modelArn,
            retrievalConfiguration: {
              vectorSearchConfiguration: {
                numberOfResults,
                ...(localeFilterKey ? { filter: { equals: { key: localeFilterKey, value: q.locale } } } : {}),
              },
            },
            generationConfiguration: {
              guardrailConfiguration: { guardrailId: guardrail.id, guardrailVersion: guardrail.version },
              promptTemplate: { textPromptTemplate: PHONE_PROMPT_TEMPLATES[q.locale] },
              inferenceConfig: { textInferenceConfig: { ...PHONE_INFERENCE } },
            },
          },
        },
      }),
    );
    const session = r.sessionId ? { sessionId: r.sessionId } : {};
    if (r.guardrailAction === 'INTERVENED') return { answer: blocked(), ...session };
    const refs = (r.citations ?? []).flatMap((c) => c.retrievedReferences ?? []);
    const text = plainAnswer(r.output?.text ?? '');
    if (refs.length === 0 || !text || text.includes(NO_ANSWER_TOKEN)) return { answer: noAnswer(), ...session };
    const citations: Citation[] = [];
    for (const ref of refs) {
      const title = referenceTitle(ref);
      if (!title || citations.some((c) => c.title === title)) continue;
      const location = ref.location?.s3Location?.uri ?? ref.location?.webLocation?.url;
      citations.push({ title, ...(location ? { location } : {}), ...(ref.content?.text ? { excerpt: ref.content.text.slice(0, 200) } : {}) });
    }
    const top = citations.slice(0, 3);
    return { answer: { found: true, text, sources: top.map((c) => c.title), citations: top, guardrail: 'NONE' }, ...session };
  }
}

/** The title of a retrieved document: its `title` metadata, else the humanised file name of its location. */
export function referenceTitle(ref: RetrievedReference): string | undefined {
  const meta = ref.metadata ?? {};
  for (const key of ['title', 'Title', 'x-amz-bedrock-kb-title']) {
    const v = meta[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  const loc = ref.location;
  const uri =
    loc?.s3Location?.uri ??
    loc?.webLocation?.url ??
    loc?.confluenceLocation?.url ??
    loc?.sharePointLocation?.url ??
    loc?.salesforceLocation?.url ??
    (typeof meta['x-amz-bedrock-kb-source-uri'] === 'string' ? meta['x-amz-bedrock-kb-source-uri'] : undefined);
  return uri ? titleFromUri(uri) : undefined;
}
