/**
 * The knowledge base's Bedrock guardrail in the synthesized template: created with the region's
 * knowledge base, published as a version, passed to the code hook, allowed to be applied; within
 * the classic tier's limits; absent without a knowledge base.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DENIED_TOPICS } from '../../fulfillment/clients/kb-policy.js';
import { readLexConfig } from '../../fulfillment/config.js';
import { identityStatements, logicalId, synthStack } from './helpers.js';

const KB = { id: 'KB12345678', modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0' };

describe('knowledge-base guardrail', () => {
  const { template, json } = synthStack({ knowledgeBase: KB });

  it('creates the guardrail with prompt-attack, content, denied-topic, PII, profanity and grounding policies', () => {
    template.resourceCountIs('AWS::Bedrock::Guardrail', 1);
    template.hasResourceProperties('AWS::Bedrock::Guardrail', {
      Name: 'BotsFulfillment-us-east-1-kb',
      BlockedInputMessaging: Match.anyValue(),
      BlockedOutputsMessaging: Match.anyValue(),
      ContentPolicyConfig: { FiltersConfig: Match.arrayWith([{ Type: 'PROMPT_ATTACK', InputStrength: 'HIGH', OutputStrength: 'NONE' }, { Type: 'INSULTS', InputStrength: 'HIGH', OutputStrength: 'HIGH' }]) },
      TopicPolicyConfig: { TopicsConfig: Match.arrayWith([Match.objectLike({ Name: 'Account data', Type: 'DENY' }), Match.objectLike({ Name: 'Credentials', Type: 'DENY' }), Match.objectLike({ Name: 'Other customers', Type: 'DENY' })]) },
      SensitiveInformationPolicyConfig: {
        PiiEntitiesConfig: Match.arrayWith([{ Type: 'CREDIT_DEBIT_CARD_NUMBER', Action: 'BLOCK' }, { Type: 'PIN', Action: 'BLOCK' }, { Type: 'US_BANK_ACCOUNT_NUMBER', Action: 'BLOCK' }, { Type: 'NAME', Action: 'ANONYMIZE' }, { Type: 'PHONE', Action: 'ANONYMIZE' }]),
      },
      WordPolicyConfig: { ManagedWordListsConfig: [{ Type: 'PROFANITY' }] },
      ContextualGroundingPolicyConfig: { FiltersConfig: [{ Type: 'GROUNDING', Threshold: 0.75 }, { Type: 'RELEVANCE', Threshold: 0.5 }] },
    });
  });

  it('publishes a version of it and passes id and version to the code hook, which may apply it', () => {
    const guardrail = logicalId(json, 'AWS::Bedrock::Guardrail', 'KnowledgeBaseGuardrail');
    const version = logicalId(json, 'AWS::Bedrock::GuardrailVersion', 'KnowledgeBaseGuardrail');
    expect(json.Resources[version].Properties.GuardrailIdentifier).toEqual({ 'Fn::GetAtt': [guardrail, 'GuardrailId'] });
    const env = json.Resources[logicalId(json, 'AWS::Lambda::Function', 'LexCodeHook')].Properties.Environment.Variables;
    expect(env.KNOWLEDGE_BASE_GUARDRAIL_ID).toEqual({ 'Fn::GetAtt': [guardrail, 'GuardrailId'] });
    expect(env.KNOWLEDGE_BASE_GUARDRAIL_VERSION).toEqual({ 'Fn::GetAtt': [version, 'Version'] });
    const apply = identityStatements(json).filter((s) => s.Action.includes('bedrock:ApplyGuardrail'));
    expect(apply).toHaveLength(1);
    expect(apply[0]!.Resource).toEqual([{ 'Fn::GetAtt': [guardrail, 'GuardrailArn'] }]);
    // With CloudFormation's values resolved, the code hook's configuration enables the knowledge base.
    const resolved = Object.fromEntries(Object.entries<unknown>(env).map(([k, v]) => [k, typeof v === 'string' ? v : k === 'KNOWLEDGE_BASE_GUARDRAIL_VERSION' ? '1' : `resolved-${k}`]));
    expect(readLexConfig(resolved).knowledgeBase?.guardrail).toEqual({ id: 'resolved-KNOWLEDGE_BASE_GUARDRAIL_ID', version: '1' });
  });

  it('keeps the denied topics within the classic tier limits', () => {
    for (const t of DENIED_TOPICS) {
      expect(t.name).toMatch(/^[0-9a-zA-Z-_ !?.]{1,100}$/);
      expect(t.definition.length).toBeLessThanOrEqual(200);
      expect(t.examples.length).toBeLessThanOrEqual(5);
      for (const e of t.examples) expect(e.length).toBeLessThanOrEqual(100);
    }
  });

  it('is absent without a knowledge base', () => {
    const bare = synthStack();
    bare.template.resourceCountIs('AWS::Bedrock::Guardrail', 0);
    bare.template.resourceCountIs('AWS::Bedrock::GuardrailVersion', 0);
  });
});
