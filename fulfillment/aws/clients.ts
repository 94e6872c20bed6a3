/**
 * AWS SDK client settings shared by every client: region, timeouts, retries, and (for tests and the
 * local backends) an endpoint and static credentials.
 * @module
 */
import type { SdkTimeouts } from '../config.js';

export interface ClientTarget {
  region: string;
  /** Another endpoint (dynalite, a test server); default: the service's regional endpoint. */
  endpoint?: string;
  /** Static credentials (local only); default: the Lambda's role through the default provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * The constructor options of an SDK v3 client with connection and request timeouts
 * (https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/node-configuring-maxsockets.html;
 * the `requestHandler` object form creates the NodeHttpHandler with these options).
 */
export function clientOptions(target: ClientTarget, t: SdkTimeouts) {
  return {
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(target.credentials ? { credentials: target.credentials } : {}),
    maxAttempts: t.maxAttempts,
    // throwOnRequestTimeout: recent NodeHttpHandler versions only warn on requestTimeout without it.
    // Bedrock Agent Runtime's client uses the HTTP/2 handler, which honours requestTimeout alone.
    requestHandler: { connectionTimeout: t.connectionTimeoutMs, requestTimeout: t.requestTimeoutMs, throwOnRequestTimeout: true },
  };
}
