/**
 * Knowledge base through Amazon Bedrock Knowledge Bases RetrieveAndGenerate
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_RetrieveAndGenerate.html).
 *
 * - Continuity: the response's `sessionId` is returned to the handler, which keeps it in a session
 *   attribute and sends it with the next question (Bedrock keeps the conversation context).
 * - Grounding: an answer without any retrieved reference, or one a guardrail intervened on, counts
 *   as "no good answer".
 * - Sources: by title: the document's `title` metadata attribute if the data source has metadata
 *   files, else the file name of the S3 (or web) location, humanised ("online-banking.md" →
 *   "Online banking").
 * @module
 */
import { RetrieveAndGenerateCommand, type BedrockAgentRuntimeClient, type RetrievedReference } from '@aws-sdk/client-bedrock-agent-runtime';
import { plainAnswer, titleFromUri, type KnowledgeAnswer, type KnowledgeBase, type KnowledgeQuery } from './knowledge-base.js';

export interface BedrockKnowledgeBaseOptions {
  /** The knowledge base id (10 characters) in the Lambda's region. */
  knowledgeBaseId: string;
  /** ARN of the generating model or inference profile. */
  modelArn: string;
  /** Metadata key holding the document's locale (e.g. `locale`): when set, retrieval is filtered to the caller's locale. */
  localeFilterKey?: string;
  /** Passages retrieved per question (default 4). */
  numberOfResults?: number;
}

export class BedrockKnowledgeBase implements KnowledgeBase {
  constructor(
    private readonly client: BedrockAgentRuntimeClient,
    private readonly options: BedrockKnowledgeBaseOptions,
  ) {}

  async ask(q: KnowledgeQuery): Promise<KnowledgeAnswer> {
    try {
      return await this.call(q, q.sessionId);
    } catch (e) {
      // A session id from an expired Bedrock session is rejected; ask again without it.
      if (q.sessionId && (e as { name?: string }).name === 'ValidationException') return this.call(q, undefined);
      throw e;
    }
  }

  private async call(q: KnowledgeQuery, sessionId: string | undefined): Promise<KnowledgeAnswer> {
    const { knowledgeBaseId, modelArn, localeFilterKey, numberOfResults = 4 } = this.options;
    const r = await this.client.send(
      new RetrieveAndGenerateCommand({
        input: { text: q.question.slice(0, 1000) },
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
          },
        },
      }),
    );
    const refs = (r.citations ?? []).flatMap((c) => c.retrievedReferences ?? []);
    const text = plainAnswer(r.output?.text ?? '');
    const sources = [...new Set(refs.map(referenceTitle).filter((t): t is string => !!t))].slice(0, 3);
    const found = r.guardrailAction !== 'INTERVENED' && refs.length > 0 && text.length > 0;
    return { found, text: found ? text : '', sources: found ? sources : [], ...(r.sessionId ? { sessionId: r.sessionId } : {}) };
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
