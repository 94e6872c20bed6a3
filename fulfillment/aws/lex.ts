/**
 * The AWS backends of the Lex code hook: DynamoDB stores, SNS text messages, Bedrock knowledge base.
 * @module
 */
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { BedrockKnowledgeBase } from '../clients/kb-bedrock.js';
import type { KnowledgeBase } from '../clients/knowledge-base.js';
import { SnsSmsSender } from '../clients/sms-sns.js';
import type { LexConfig } from '../config.js';
import type { LexHandlerDeps } from '../lex/deps.js';
import { DynamoCustomerStore, DynamoStateStore } from '../stores/dynamodb.js';
import { clientOptions, type ClientTarget } from './clients.js';

/** Endpoint/credential overrides per service (tests, local). */
export type Targets = Partial<Record<'dynamodb' | 'sns' | 'bedrock', Omit<ClientTarget, 'region'>>>;

/** Used when no knowledge base is configured: every question gets the apology and an agent. */
const NO_KNOWLEDGE_BASE: KnowledgeBase = {
  ask: () => Promise.reject(Object.assign(new Error('KNOWLEDGE_BASE_ID / KNOWLEDGE_BASE_MODEL_ARN not set'), { name: 'NotConfigured' })),
};

/** Builds the Lex handler's dependencies on AWS from configuration. */
export function createAwsLexDeps(config: LexConfig, targets: Targets = {}): LexHandlerDeps {
  const t = (k: keyof Targets): ClientTarget => ({ region: config.region, ...targets[k] });
  const dynamodb = new DynamoDBClient(clientOptions(t('dynamodb'), config.sdk));
  const sns = new SNSClient(clientOptions(t('sns'), config.sdk));
  return {
    customers: new DynamoCustomerStore(dynamodb, config.customersTable),
    state: new DynamoStateStore(dynamodb, config.stateTable),
    sms: new SnsSmsSender(sns, config.sms),
    knowledgeBase: config.knowledgeBase ? new BedrockKnowledgeBase(new BedrockAgentRuntimeClient(clientOptions(t('bedrock'), config.sdk)), config.knowledgeBase) : NO_KNOWLEDGE_BASE,
    otpHashKey: config.otpHashKey,
    deadlineMs: config.deadlineMs,
    policy: config.policy,
  };
}
