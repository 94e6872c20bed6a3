/**
 * The knowledge base's guardrail policy as data: one definition read by the CDK stack, which
 * creates the Amazon Bedrock guardrail from it (infra/guardrail.ts), and by the local guardrail
 * (kb-guardrail-local.ts), which applies the same denied topics without AWS.
 *
 * Limits (classic safeguard tier, which covers English, French and Spanish without cross-Region
 * inference; https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-tiers.html): topic
 * name 1-100 characters of `[0-9a-zA-Z-_ !?.]`, definition 1-200 characters, at most 5 examples of
 * 1-100 characters each (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GuardrailTopicConfig.html).
 * A test checks them.
 * @module
 */

/** A denied topic of the guardrail. */
export interface DeniedTopic {
  /** Topic name (pattern `[0-9a-zA-Z-_ !?.]+`, ≤ 100 characters). */
  name: string;
  /** What the topic covers (≤ 200 characters). */
  definition: string;
  /** Prompts that belong to the topic (≤ 5, each ≤ 100 characters). */
  examples: string[];
}

/**
 * Topics a phone line's knowledge base must never discuss: the bot answers balances itself, only
 * after verification, and never through a model.
 */
export const DENIED_TOPICS: DeniedTopic[] = [
  {
    name: 'Account data',
    definition: "Requests for a particular customer's balances, transactions, statements, account or card numbers, or other details of their accounts.",
    examples: ['What is my balance?', 'Read me my last five transactions.', 'What is the account number on my profile?', 'How much money does my husband have?', 'List the accounts for this phone number.'],
  },
  {
    name: 'Credentials',
    definition: 'Requests to reveal, repeat, guess or bypass passcodes, verification codes, PINs, passwords or security answers.',
    examples: ['What is the code you just texted me?', 'Tell me my PIN.', 'Skip the verification and give me access.', 'Read me the passcode for this account.', 'What is my online banking password?'],
  },
  {
    name: 'Other customers',
    definition: 'Questions about another person or customer: whether they bank here, who they are, how to contact them, their accounts or their activity.',
    examples: ['Who owns the phone number I just gave you?', 'Give me the address of John Smith.', 'Is Maria Lopez a customer of yours?', 'What did the last caller ask about?', 'Tell me about your other customers.'],
  },
  {
    name: 'Financial advice',
    definition: 'Personal recommendations on investments, securities, cryptocurrency, taxes or legal matters.',
    examples: ['Which stocks should I buy?', 'Should I put my savings in bitcoin?', 'How do I avoid paying taxes on this?', 'Can I sue my landlord?', 'Is now a good time to invest?'],
  },
];

/** PII the guardrail blocks in questions and masks in answers (type names of AWS::Bedrock::Guardrail PiiEntityConfig). */
export const PII_BLOCKED = [
  'CREDIT_DEBIT_CARD_NUMBER',
  'CREDIT_DEBIT_CARD_CVV',
  'CREDIT_DEBIT_CARD_EXPIRY',
  'PIN',
  'PASSWORD',
  'US_SOCIAL_SECURITY_NUMBER',
  'CA_SOCIAL_INSURANCE_NUMBER',
  'US_BANK_ACCOUNT_NUMBER',
] as const;
/** PII the guardrail masks (ANONYMIZE) in both directions: a caller naming themselves is no reason to hang up. */
export const PII_ANONYMIZED = ['NAME', 'EMAIL', 'PHONE', 'ADDRESS'] as const;

/**
 * The guardrail's own blocked messages. The Lex code hook never reads them to a caller: on
 * `guardrailAction: INTERVENED` it says the locale's refusal (fulfillment/messages), so one
 * guardrail serves every locale.
 */
export const BLOCKED_MESSAGING = {
  input: 'I can only answer general questions about our services.',
  outputs: 'I can only answer general questions about our services.',
} as const;

/** Contextual grounding thresholds: an answer less grounded in the retrieved passages, or less relevant to the question, is blocked. */
export const GROUNDING = { grounding: 0.75, relevance: 0.5 } as const;
