/**
 * Missing or refused AWS credentials, told the same way by every command that calls AWS
 * (`bots deploy`, `bots chat`/`test`/`tune` on a region, `bots translate`, `bots ssml preview`).
 * @module
 */

/** What went wrong and what to do about it. */
export interface CredentialsProblem {
  /** One sentence, e.g. `No AWS credentials for us-east-1: Could not load credentials from any providers.` */
  message: string;
  /** What to do, e.g. `Sign in (aws sso login, ...), or pass --profile.` */
  fix: string;
}

/** The fix for missing credentials. */
export const SIGN_IN_FIX = 'Sign in (aws sso login, or set AWS_PROFILE / AWS_ACCESS_KEY_ID), or pass --profile.';

/**
 * Classifies an SDK error: missing credentials (the default provider chain found none, or an SSO
 * session expired) or credentials AWS refused; undefined for any other error.
 *
 * @param region - the region the call went to, named in the message.
 * @param profile - the `--profile` given, named in the message.
 * @see https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/setting-credentials-node.html
 */
export function credentialsProblem(err: unknown, region: string, profile?: string): CredentialsProblem | undefined {
  const name = (err as Error)?.name ?? '';
  const message = (err as Error)?.message ?? '';
  if (name === 'CredentialsProviderError' || (/Could not load credentials|credential/i.test(message) && !/AccessDenied/.test(name))) {
    return { message: `No AWS credentials for ${region}${profile ? ` (profile ${profile})` : ''}: ${message.split('\n')[0]!.replace(/[.\s]*$/, '.')}`, fix: SIGN_IN_FIX };
  }
  if (name === 'ExpiredTokenException' || name === 'UnrecognizedClientException' || name === 'InvalidSignatureException') {
    return { message: `The AWS credentials for ${region} were refused (${name}).`, fix: 'Refresh them (aws sso login) or pass another --profile.' };
  }
  return undefined;
}

/**
 * Resolves an SDK client's credentials once, without calling the service.
 *
 * @param client - any AWS SDK v3 client (its `config.credentials` provider).
 * @returns undefined when the provider chain gave an access key, else the SDK's reason.
 * @see https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/setting-credentials-node.html
 */
export async function missingCredentials(client: { config: { credentials?: unknown } }): Promise<string | undefined> {
  try {
    const provider = client.config.credentials as (() => Promise<{ accessKeyId?: string } | undefined>) | undefined;
    const creds = typeof provider === 'function' ? await provider() : (provider as { accessKeyId?: string } | undefined);
    return creds?.accessKeyId ? undefined : 'the credential chain returned no access key';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
