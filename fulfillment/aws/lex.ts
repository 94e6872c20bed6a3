/**
 * The AWS backends of the Lex code hook: DynamoDB stores, SNS text messages, Bedrock knowledge base.
 * @module
 */
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { BedrockKnowledgeBase } from '../clients/kb-bedrock.js';
import { DynamoKbSessionStore } from '../clients/kb-sessions.js';
import type { KnowledgeBase } from '../clients/knowledge-base.js';
import { SnsSmsSender } from '../clients/sms-sns.js';
import type { LexConfig } from '../config.js';
import type { LexHandlerDeps } from '../lex/deps.js';
import { DynamoCustomerStore, DynamoStateStore } from '../stores/dynamodb.js';
import { clientOptions, type ClientTarget } from './clients.js';

/** Endpoint/credential overrides per service (tests, local). */
export type Targets = Partial<Record<'dynamodb' | 'sns' | 'bedrock', Omit<ClientTarget, 'region'>>>;

/** Used when no knowledge base is usable: every question gets the apology and an agent; the error name says why. */
const noKnowledgeBase = (name: string): KnowledgeBase => ({
  ask: () => Promise.reject(Object.assign(new Error('KNOWLEDGE_BASE_ID, KNOWLEDGE_BASE_MODEL_ARN and the guardrail (KNOWLEDGE_BASE_GUARDRAIL_ID, _VERSION) must all be set'), { name })),
});

/** Builds the Lex handler's dependencies on AWS from configuration. */
export function createAwsLexDeps(config: LexConfig, targets: Targets = {}): LexHandlerDeps {
  const t = (k: keyof Targets): ClientTarget => ({ region: config.region, ...targets[k] });
  const dynamodb = new DynamoDBClient(clientOptions(t('dynamodb'), config.sdk));
  const sns = new SNSClient(clientOptions(t('sns'), config.sdk));
  return {
    customers: new DynamoCustomerStore(dynamodb, config.customersTable),
    state: new DynamoStateStore(dynamodb, config.stateTable),
    sms: new SnsSmsSender(sns, config.sms),
    knowledgeBase: config.knowledgeBase
      ? new BedrockKnowledgeBase(new BedrockAgentRuntimeClient(clientOptions(t('bedrock'), config.sdk)), config.knowledgeBase, new DynamoKbSessionStore(dynamodb, config.stateTable))
      : noKnowledgeBase(config.knowledgeBaseProblem ?? 'NotConfigured'),
    otpHashKey: config.otpHashKey,
    deadlineMs: config.deadlineMs,
    policy: config.policy,
    callbackPolicy: config.callbacks,
  };
}
