/**
 * The code hook's passcode key from Secrets Manager through the AWS Parameters and Secrets Lambda
 * Extension (fulfillment/config.ts resolveSecretEnv), against an HTTP fake of the extension's
 * localhost API: `GET /secretsmanager/get?secretId=<id>` with `X-Aws-Parameters-Secrets-Token`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readLexConfig, resolveSecretEnv } from '../../fulfillment/config.js';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:OtpHashKey2C1EE30C-AbCdEf';
const KEY = 'a1'.repeat(32);
const TOKEN = 'session-token-of-the-function';

let server: Server;
let port: string;
const seen: { path: string; token: string | undefined }[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: { ARN: SECRET_ARN, Name: 'OtpHashKey', SecretString: KEY, VersionId: 'v1' } };

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', token: req.headers['x-aws-parameters-secrets-token'] as string | undefined });
    if (req.headers['x-aws-parameters-secrets-token'] !== TOKEN) {
      res.writeHead(401).end('unauthorized');
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = String((server.address() as AddressInfo).port);
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const env = (extra: Record<string, string> = {}) => ({
  CUSTOMERS_TABLE: 'customers',
  STATE_TABLE: 'state',
  OTP_HASH_KEY_SECRET_ARN: SECRET_ARN,
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: port,
  AWS_SESSION_TOKEN: TOKEN,
  ...extra,
});

describe('resolveSecretEnv', () => {
  it('reads the key through the extension with the session token, and the Lex config decodes it', async () => {
    seen.length = 0;
    const resolved = await resolveSecretEnv(env());
    expect(seen).toEqual([{ path: `/secretsmanager/get?secretId=${encodeURIComponent(SECRET_ARN)}`, token: TOKEN }]);
    expect(resolved.OTP_HASH_KEY).toBe(KEY);
    expect(readLexConfig(resolved).otpHashKey).toEqual(Buffer.from(KEY, 'hex'));
  });

  it('keeps a plain OTP_HASH_KEY and calls nothing; leaves an environment without a secret as it is', async () => {
    seen.length = 0;
    const plain = env({ OTP_HASH_KEY: 'b2'.repeat(32) });
    expect(await resolveSecretEnv(plain)).toBe(plain);
    const none = { CUSTOMERS_TABLE: 'c', STATE_TABLE: 's' };
    expect(await resolveSecretEnv(none)).toBe(none);
    expect(seen).toEqual([]);
  });

  it('fails with ConfigError when the extension refuses, answers without a SecretString, or is not there', async () => {
    await expect(resolveSecretEnv(env({ AWS_SESSION_TOKEN: 'wrong' }))).rejects.toThrow(new ConfigError('OTP_HASH_KEY_SECRET_ARN: the secrets extension answered HTTP 401'));
    answer = { status: 200, body: { ARN: SECRET_ARN } };
    await expect(resolveSecretEnv(env())).rejects.toThrow('OTP_HASH_KEY_SECRET_ARN: the secret has no SecretString');
    answer = { status: 200, body: { ARN: SECRET_ARN, SecretString: KEY } };
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const deadPort = String((closed.address() as AddressInfo).port);
    await new Promise<void>((ok) => closed.close(() => ok()));
    await expect(resolveSecretEnv(env({ PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: deadPort }))).rejects.toThrow(/the secrets extension is unreachable \(TypeError\)/);
  });
});
