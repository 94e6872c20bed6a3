/**
 * What every model-building operation gets: the store, the fault controller and settings, and a
 * helper to declare routes.
 * @module
 */
import type { EmulatorRequest, EmulatorResponse, Route } from '../contracts.js';
import { LexError, preconditionFailed } from '../errors.js';
import type { FaultController } from '../faults.js';
import type { ModelStore } from './store.js';

/** Shared by the model-building routes. */
export interface ModelsContext {
  store: ModelStore;
  faults: FaultController;
  /** How long a build stays `Building`, in ms. */
  buildDelayMs: number;
  /** Region used when a request is not SigV4-signed. */
  defaultRegion: string;
}

/**
 * The region a request was signed for (SigV4 credential scope `<key>/<date>/<region>/lex/aws4_request`),
 * else the default. Lex resources are regional; so are the emulator's.
 */
export function regionOf(req: EmulatorRequest, ctx: ModelsContext): string {
  const auth = req.headers.authorization;
  const m = typeof auth === 'string' ? /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\//.exec(auth) : null;
  return m?.[1] ?? ctx.defaultRegion;
}

/**
 * Operations whose error list (in the SDK) has no ResourceNotFoundException: Lex answers a missing
 * bot, locale or intent with PreconditionFailedException there ("Failed to retrieve resource since
 * it does not exist"), while Describe* answers ResourceNotFoundException.
 */
function preconditionOnMissing(operation: string): boolean {
  if (/ResourcePolicy/.test(operation)) return false;
  return /^(Create|Update|Delete|Build)/.test(operation) || operation === 'ListAggregatedUtterances' || operation === 'ListUtteranceAnalyticsData';
}

/** Declares a route. */
export function route(
  method: Route['method'],
  pattern: string,
  operation: string,
  handle: (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>,
): Route {
  if (!preconditionOnMissing(operation)) return { method, pattern, operation, handle };
  return {
    method,
    pattern,
    operation,
    handle: async (req) => {
      try {
        return await handle(req);
      } catch (err) {
        if (err instanceof LexError && err.type === 'ResourceNotFoundException') {
          throw preconditionFailed(`Failed to retrieve resource since it does not exist. ${err.message}`);
        }
        throw err;
      }
    },
  };
}

/** A JSON response (the status each operation's SDK schema names). */
export function reply(status: number, body?: unknown): EmulatorResponse {
  return body === undefined ? { status } : { status, body };
}

/** The path parameter `name` (always present when the route matched). */
export function param(req: EmulatorRequest, name: string): string {
  const v = req.params[name];
  if (v === undefined) throw new Error(`route has no {${name}} parameter`);
  return v;
}
