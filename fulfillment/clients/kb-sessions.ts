/**
 * Where the Bedrock knowledge-base session id of a conversation is kept: server-side, in the state
 * table, under the Lex session id (`KBSESSION#<lex session id>`), never in a session attribute.
 *
 * Why: Bedrock keeps the conversation's earlier questions and answers under its session id
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_RetrieveAndGenerate.html).
 * A session attribute is client-set in chat, so a client could send another caller's Bedrock
 * session id and have the model continue (and repeat) that caller's conversation.
 * @module
 */
import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** How long a Bedrock session id is reused after the last question (30 minutes). */
export const KB_SESSION_TTL_MS = 30 * 60 * 1000;
/** The state table's TTL attribute (stores/tables.ts TTL_ATTRIBUTE; not imported: tables.ts stays out of the Lambda bundle). */
const TTL_ATTRIBUTE = 'ttl';

/** Bedrock session ids per conversation. Both methods may reject; callers treat that as "no continuity". */
export interface KbSessionStore {
  get(conversationId: string): Promise<string | undefined>;
  put(conversationId: string, bedrockSessionId: string): Promise<void>;
  delete(conversationId: string): Promise<void>;
}

/** In the state table (`pk` = `KBSESSION#<conversation id>`, `bedrockSessionId`, `expiresAt` ms, `ttl` s). */
export class DynamoKbSessionStore implements KbSessionStore {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table: string,
    private readonly now: () => number = Date.now,
  ) {}

  async get(conversationId: string): Promise<string | undefined> {
    const r = await this.db.send(new GetItemCommand({ TableName: this.table, Key: { pk: { S: `KBSESSION#${conversationId}` } }, ConsistentRead: true }));
    const id = r.Item?.bedrockSessionId?.S;
    const expiresAt = Number(r.Item?.expiresAt?.N ?? 0);
    // TTL deletion is eventual ("within a few days"): expiry is checked here.
    return id && expiresAt > this.now() ? id : undefined;
  }

  async put(conversationId: string, bedrockSessionId: string): Promise<void> {
    const expiresAt = this.now() + KB_SESSION_TTL_MS;
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: {
          pk: { S: `KBSESSION#${conversationId}` },
          bedrockSessionId: { S: bedrockSessionId },
          expiresAt: { N: String(expiresAt) },
          [TTL_ATTRIBUTE]: { N: String(Math.ceil(expiresAt / 1000)) },
        },
      }),
    );
  }

  async delete(conversationId: string): Promise<void> {
    // Overwrite with an expired item: PutItem is the only write the code hook's role needs on this item.
    await this.db.send(new PutItemCommand({ TableName: this.table, Item: { pk: { S: `KBSESSION#${conversationId}` }, expiresAt: { N: '0' }, [TTL_ATTRIBUTE]: { N: String(Math.ceil(this.now() / 1000)) } } }));
  }
}

/** In memory (tests, one process). */
export class MemoryKbSessionStore implements KbSessionStore {
  readonly items = new Map<string, { id: string; expiresAt: number }>();
  constructor(private readonly now: () => number = Date.now) {}
  async get(conversationId: string): Promise<string | undefined> {
    const it = this.items.get(conversationId);
    return it && it.expiresAt > this.now() ? it.id : undefined;
  }
  async put(conversationId: string, bedrockSessionId: string): Promise<void> {
    this.items.set(conversationId, { id: bedrockSessionId, expiresAt: this.now() + KB_SESSION_TTL_MS });
  }
  async delete(conversationId: string): Promise<void> {
    this.items.delete(conversationId);
  }
}
