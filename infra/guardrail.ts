/**
 * The Amazon Bedrock guardrail of the knowledge base (AWS::Bedrock::Guardrail and a numbered
 * AWS::Bedrock::GuardrailVersion), created by the fulfillment stack when the region has a knowledge
 * base. The Lex code hook passes its id and version in every RetrieveAndGenerate request
 * (`generationConfiguration.guardrailConfiguration`, fulfillment/clients/kb-bedrock.ts).
 *
 * Policies, from fulfillment/clients/kb-policy.ts so the local guardrail applies the same topics:
 * - content filters: prompt attacks (input only: AWS requires output strength NONE for
 *   PROMPT_ATTACK), hate, insults, sexual, violence, misconduct at HIGH;
 * - denied topics: account data, credentials, other customers, financial advice;
 * - sensitive information: card numbers, PINs, passwords, SSN/SIN and bank account numbers
 *   blocked; names, e-mail, phone numbers and addresses masked;
 * - profanity (the managed word list);
 * - contextual grounding: answers not grounded in the retrieved passages, or not relevant to the
 *   question, are blocked.
 *
 * Classic safeguard tier: English, French and Spanish, no cross-Region inference
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-tiers.html).
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrock-guardrail.html
 * @module
 */
import { createHash } from 'node:crypto';
import { aws_bedrock as bedrock } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BLOCKED_MESSAGING, DENIED_TOPICS, GROUNDING, PII_ANONYMIZED, PII_BLOCKED } from '../fulfillment/clients/kb-policy.js';

/** The guardrail's properties (exported for the tests and for review). */
export function guardrailProperties(name: string): bedrock.CfnGuardrailProps {
  return {
    name,
    description: 'Knowledge-base answers on the phone line: prompt attacks, denied topics, PII, grounding (docs/fulfillment.md#knowledge-base)',
    blockedInputMessaging: BLOCKED_MESSAGING.input,
    blockedOutputsMessaging: BLOCKED_MESSAGING.outputs,
    contentPolicyConfig: {
      filtersConfig: [
        { type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' },
        ...(['HATE', 'INSULTS', 'SEXUAL', 'VIOLENCE', 'MISCONDUCT'] as const).map((type) => ({ type, inputStrength: 'HIGH', outputStrength: 'HIGH' })),
      ],
    },
    topicPolicyConfig: {
      topicsConfig: DENIED_TOPICS.map((t) => ({ name: t.name, definition: t.definition, examples: t.examples, type: 'DENY' })),
    },
    sensitiveInformationPolicyConfig: {
      piiEntitiesConfig: [...PII_BLOCKED.map((type) => ({ type, action: 'BLOCK' })), ...PII_ANONYMIZED.map((type) => ({ type, action: 'ANONYMIZE' }))],
    },
    wordPolicyConfig: { managedWordListsConfig: [{ type: 'PROFANITY' }] },
    contextualGroundingPolicyConfig: {
      filtersConfig: [
        { type: 'GROUNDING', threshold: GROUNDING.grounding },
        { type: 'RELEVANCE', threshold: GROUNDING.relevance },
      ],
    },
  };
}

/** The guardrail and its published version. */
export class KnowledgeBaseGuardrail extends Construct {
  readonly guardrail: bedrock.CfnGuardrail;
  readonly version: bedrock.CfnGuardrailVersion;

  constructor(scope: Construct, id: string, props: { name: string }) {
    super(scope, id);
    const properties = guardrailProperties(props.name);
    this.guardrail = new bedrock.CfnGuardrail(this, 'Guardrail', properties);
    // A version is an immutable snapshot; the policy's hash in the description makes a changed
    // policy publish a new version (a new description replaces the version resource).
    const hash = createHash('sha256').update(JSON.stringify(properties)).digest('hex').slice(0, 12);
    this.version = new bedrock.CfnGuardrailVersion(this, 'Version', {
      guardrailIdentifier: this.guardrail.attrGuardrailId,
      description: `Published by the fulfillment stack; policy ${hash}`,
    });
  }

  /** The guardrail's id (what RetrieveAndGenerate takes as `guardrailId`). */
  get guardrailId(): string {
    return this.guardrail.attrGuardrailId;
  }
  /** The published version number (RetrieveAndGenerate's `guardrailVersion`). */
  get guardrailVersion(): string {
    return this.version.attrVersion;
  }
  get guardrailArn(): string {
    return this.guardrail.attrGuardrailArn;
  }
}
