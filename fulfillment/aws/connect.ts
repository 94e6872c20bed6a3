/**
 * The AWS backends of the Connect lookup: the DynamoDB stores only (no SNS, no Bedrock, so the
 * bundle and its cold start stay small).
 * @module
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ConnectConfig } from '../config.js';
import type { ConnectHandlerDeps } from '../connect/deps.js';
import { DynamoCustomerStore, DynamoStateStore } from '../stores/dynamodb.js';
import { clientOptions, type ClientTarget } from './clients.js';

/** Builds the Connect lookup's dependencies on AWS from configuration. */
export function createAwsConnectDeps(config: ConnectConfig, dynamodb: Omit<ClientTarget, 'region'> = {}): ConnectHandlerDeps {
  const client = new DynamoDBClient(clientOptions({ region: config.region, ...dynamodb }, config.sdk));
  return {
    customers: new DynamoCustomerStore(client, config.customersTable),
    state: new DynamoStateStore(client, config.stateTable),
    contactTtlMs: config.contactTtlMs,
    deadlineMs: config.deadlineMs,
  };
}
