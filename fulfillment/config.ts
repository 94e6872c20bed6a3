/**
 * Configuration of the Lambdas from environment variables (documented in docs/fulfillment.md).
 * No AWS SDK here: parsing only, so it is cheap and testable.
 * @module
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { DEFAULT_CALLBACK_POLICY, parseCountries, type CallbackPolicy } from './security/callback-number.js';
import { parseHashKey } from './security/otp-code.js';
import { DEFAULT_OTP_POLICY, type OtpPolicy } from './security/verification.js';

/** Timeouts of every AWS SDK call, well inside Connect's 8 s and Lex's 30 s Lambda limits. */
export interface SdkTimeouts {
  /** TCP/TLS connection timeout, ms (SDK_CONNECT_TIMEOUT_MS, default 1000). */
  connectionTimeoutMs: number;
  /** Per-request socket timeout, ms (SDK_REQUEST_TIMEOUT_MS, default 2500). */
  requestTimeoutMs: number;
  /** Attempts including retries (SDK_MAX_ATTEMPTS, default 2): one retry with backoff for throttling and 5xx. */
  maxAttempts: number;
}

export interface CommonConfig {
  region: string;
  customersTable: string;
  stateTable: string;
  sdk: SdkTimeouts;
  /** Whole-turn deadline, ms; past it the caller hears the apology and is offered an agent. */
  deadlineMs: number;
}

export interface LexConfig extends CommonConfig {
  /** Decoded OTP_HASH_KEY; undefined (missing or shorter than 32 bytes) disables verification (fail closed). */
  otpHashKey: Buffer | undefined;
  /**
   * Bedrock knowledge base; undefined when KNOWLEDGE_BASE_ID, KNOWLEDGE_BASE_MODEL_ARN or the
   * guardrail (KNOWLEDGE_BASE_GUARDRAIL_ID, KNOWLEDGE_BASE_GUARDRAIL_VERSION) is missing: questions
   * then go to an agent. No guardrail, no model (fail closed).
   */
  knowledgeBase: { knowledgeBaseId: string; modelArn: string; guardrail: { id: string; version: string }; localeFilterKey?: string } | undefined;
  /** Why `knowledgeBase` is undefined although a knowledge base id is set (logged by name, e.g. `NoGuardrail`). */
  knowledgeBaseProblem?: 'NoModel' | 'NoGuardrail';
  sms: { senderId?: string; originationNumber?: string };
  policy: OtpPolicy;
  /** Callback numbers and limits (CALLBACK_COUNTRIES, CALLBACK_MAX_PER_NUMBER, CALLBACK_MAX_PER_SESSION). */
  callbacks: CallbackPolicy;
}

export interface ConnectConfig extends CommonConfig {
  /** How long the contact record is usable by the Lex code hook, ms (CONTACT_TTL_SECONDS, default 2 h). */
  contactTtlMs: number;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const int = (env: Env, key: string, dflt: number, min: number, max: number): number => {
  const v = env[key];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${key} must be an integer in [${min}, ${max}]`);
  return n;
};

function common(env: Env, defaultDeadlineMs: number): CommonConfig {
  const customersTable = env.CUSTOMERS_TABLE;
  const stateTable = env.STATE_TABLE;
  if (!customersTable || !stateTable) throw new ConfigError('CUSTOMERS_TABLE and STATE_TABLE are required');
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    customersTable,
    stateTable,
    sdk: {
      connectionTimeoutMs: int(env, 'SDK_CONNECT_TIMEOUT_MS', 1000, 50, 10_000),
      requestTimeoutMs: int(env, 'SDK_REQUEST_TIMEOUT_MS', 2500, 50, 20_000),
      maxAttempts: int(env, 'SDK_MAX_ATTEMPTS', 2, 1, 5),
    },
    deadlineMs: int(env, 'HANDLER_DEADLINE_MS', defaultDeadlineMs, 100, 25_000),
  };
}

function countries(value: string | undefined): CallbackPolicy['allowedCountries'] {
  if (value === undefined || value.trim() === '') return DEFAULT_CALLBACK_POLICY.allowedCountries;
  try {
    return parseCountries(value);
  } catch (e) {
    throw new ConfigError(`CALLBACK_COUNTRIES: ${(e as Error).message} (ISO 3166-1 alpha-2 codes, e.g. "US,CA")`);
  }
}

/** Reads the Lex code hook's configuration. Throws ConfigError for missing tables or malformed numbers. */
export function readLexConfig(env: Env): LexConfig {
  const kbId = env.KNOWLEDGE_BASE_ID;
  const modelArn = env.KNOWLEDGE_BASE_MODEL_ARN;
  const guardrailId = env.KNOWLEDGE_BASE_GUARDRAIL_ID;
  const guardrailVersion = env.KNOWLEDGE_BASE_GUARDRAIL_VERSION;
  if (guardrailVersion && !/^(?:[1-9]\d{0,7}|DRAFT)$/.test(guardrailVersion)) throw new ConfigError('KNOWLEDGE_BASE_GUARDRAIL_VERSION must be a version number or DRAFT');
  const kbReady = !!(kbId && modelArn && guardrailId && guardrailVersion);
  const problem = kbId && !kbReady ? (!modelArn ? 'NoModel' : 'NoGuardrail') : undefined;
  return {
    ...common(env, 6000),
    otpHashKey: parseHashKey(env.OTP_HASH_KEY),
    knowledgeBase: kbReady
      ? { knowledgeBaseId: kbId!, modelArn: modelArn!, guardrail: { id: guardrailId!, version: guardrailVersion! }, ...(env.KNOWLEDGE_BASE_LOCALE_KEY ? { localeFilterKey: env.KNOWLEDGE_BASE_LOCALE_KEY } : {}) }
      : undefined,
    ...(problem ? { knowledgeBaseProblem: problem } : {}),
    sms: {
      ...(env.SMS_SENDER_ID ? { senderId: env.SMS_SENDER_ID } : {}),
      ...(env.SMS_ORIGINATION_NUMBER ? { originationNumber: env.SMS_ORIGINATION_NUMBER } : {}),
    },
    policy: {
      ...DEFAULT_OTP_POLICY,
      verifiedTtlMs: int(env, 'VERIFIED_TTL_SECONDS', DEFAULT_OTP_POLICY.verifiedTtlMs / 1000, 60, 86_400) * 1000,
    },
    callbacks: {
      ...DEFAULT_CALLBACK_POLICY,
      allowedCountries: countries(env.CALLBACK_COUNTRIES),
      maxPerNumber: int(env, 'CALLBACK_MAX_PER_NUMBER', DEFAULT_CALLBACK_POLICY.maxPerNumber, 1, 100),
      maxPerSession: int(env, 'CALLBACK_MAX_PER_SESSION', DEFAULT_CALLBACK_POLICY.maxPerSession, 1, 10),
    },
  };
}

/** Default port of the AWS Parameters and Secrets Lambda Extension. */
const SECRETS_EXTENSION_PORT = '2773';

/**
 * Fills OTP_HASH_KEY from AWS Secrets Manager when OTP_HASH_KEY_SECRET_ARN names the secret (the CDK
 * stack in infra/ does; the key never sits in the function's configuration). Read once per execution
 * environment through the AWS Parameters and Secrets Lambda Extension on localhost (port
 * PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, default 2773), authenticated with AWS_SESSION_TOKEN
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html).
 * A plain OTP_HASH_KEY wins (local runs, tests). Returns `env` unchanged when neither applies.
 * @throws ConfigError when the extension does not answer with the secret within 2000 ms.
 */
export async function resolveSecretEnv(env: Env): Promise<Env> {
  const secretId = env.OTP_HASH_KEY_SECRET_ARN;
  if (!secretId || env.OTP_HASH_KEY) return env;
  const port = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT || SECRETS_EXTENSION_PORT;
  try {
    const r = await fetch(`http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`, {
      headers: { 'X-Aws-Parameters-Secrets-Token': env.AWS_SESSION_TOKEN ?? '' },
      signal: AbortSignal.timeout(2000),
    });
    if (!r.ok) throw new ConfigError(`OTP_HASH_KEY_SECRET_ARN: the secrets extension answered HTTP ${r.status}`);
    const body = (await r.json()) as { SecretString?: unknown };
    if (typeof body.SecretString !== 'string' || !body.SecretString) throw new ConfigError('OTP_HASH_KEY_SECRET_ARN: the secret has no SecretString');
    return { ...env, OTP_HASH_KEY: body.SecretString };
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`OTP_HASH_KEY_SECRET_ARN: the secrets extension is unreachable (${(e as Error)?.name ?? 'Error'})`);
  }
}

/** Reads the Connect lookup's configuration (3 s deadline: Connect allows 8 s for the whole invocation). */
export function readConnectConfig(env: Env): ConnectConfig {
  return { ...common(env, 3000), contactTtlMs: int(env, 'CONTACT_TTL_SECONDS', 7200, 60, 86_400) * 1000 };
}

/** A Powertools JSON logger (level from POWERTOOLS_LOG_LEVEL, default INFO). Never log events: they hold codes. */
export function createLogger(serviceName: string, logLevel?: LogLevel): Logger {
  return new Logger({ serviceName, ...(logLevel ? { logLevel } : {}) });
}
