/**
 * Table definitions and seeding, used by the local backends (dynalite) and usable by infrastructure
 * code. Not imported by the Lambda entry points.
 * @module
 */
import { BatchWriteItemCommand, CreateTableCommand, DescribeTableCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { customerItems } from './dynamodb.js';
import type { Customer } from './types.js';

/** Both tables have a single string hash key `pk`, on-demand billing. The state table's TTL attribute is `ttl`. */
export function tableDefinition(name: string): CreateTableCommandInput {
  return {
    TableName: name,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  };
}

/** The TTL attribute of the state table (epoch seconds); enable it with UpdateTimeToLive on AWS. */
export const TTL_ATTRIBUTE = 'ttl';

/** Creates the table if it does not exist and waits until it is ACTIVE. */
export async function ensureTable(db: DynamoDBClient, name: string): Promise<void> {
  try {
    await db.send(new CreateTableCommand(tableDefinition(name)));
  } catch (e) {
    if ((e as { name?: string }).name !== 'ResourceInUseException') throw e;
  }
  for (let i = 0; i < 100; i++) {
    const d = await db.send(new DescribeTableCommand({ TableName: name }));
    if (d.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`table ${name} did not become ACTIVE`);
}

/** Writes the customers and their lookup items (25 items per BatchWriteItem, retrying unprocessed items). */
export async function seedCustomers(db: DynamoDBClient, table: string, customers: Customer[]): Promise<void> {
  const items = customers.flatMap(customerItems);
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let tries = 0; requests.length && tries < 10; tries++) {
      const r = await db.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
      requests = (r.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
    if (requests.length) throw new Error('seeding left unprocessed items');
  }
}
