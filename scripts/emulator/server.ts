/**
 * The local Lex V2 emulator: one HTTP server on localhost that answers the Lex Models V2 API
 * (model building), the Lex Runtime V2 API and the Amazon Connect contact-flow subset deploy uses
 * (`connect/routes.ts`), so the real `@aws-sdk/client-lex-models-v2` and
 * `@aws-sdk/client-lex-runtime-v2` clients work against it with an endpoint override.
 *
 * Wire format is AWS restJson1: JSON bodies, timestamps as epoch seconds, request ids in
 * `x-amzn-RequestId`, errors as `x-amzn-ErrorType` + `{"message"}` with the status of the error
 * shape. Requests are not authenticated (any SigV4 signature is accepted); the signing region
 * scopes resources, as Lex's are regional.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/welcome.html
 * @see https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorRequest, EmulatorResponse, Route } from './contracts.js';
import { internal, LexError } from './errors.js';
import { FaultController, type FaultConfig } from './faults.js';
import { connectRoutes } from './connect/routes.js';
import { createModelRoutes } from './models/routes.js';
import { ModelStore } from './models/store.js';
import { createDualServer } from './dual-server.js';
import { Router } from './router.js';
import { createRuntimeRoutes, type RuntimeOptions } from './runtime/routes.js';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Folder for the persisted state; default `.bots/local`; `null` keeps everything in memory. */
  dataDir?: string | null;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Faults to inject from the start (off by default). */
  faults?: FaultConfig;
  /** Options of the runtime routes. */
  runtime?: RuntimeOptions;
  /** How long BuildBotLocale stays `Building`, in ms; default 50. */
  buildDelayMs?: number;
  /** Region for requests that carry no SigV4 signature; default us-east-1. */
  region?: string;
  /**
   * Clock in ms since the epoch for timestamps and analytics windows (tests); default the runtime's
   * clock, else Date.now. Build delays always run on the wall clock.
   */
  now?: () => number;
  /** Called with one line per request (`bots local serve` prints them). */
  log?: (line: string) => void;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL for the SDK `endpoint` option, e.g. `http://127.0.0.1:4566`. */
  endpoint: string;
  port: number;
  store: ModelStore;
  faults: FaultController;
  /** Stops listening, drops open connections and writes pending state. */
  close(): Promise<void>;
}

/** Default delay of a build. */
export const DEFAULT_BUILD_DELAY_MS = 50;

/** Largest request body accepted (Lex's own limits are far below). */
const MAX_BODY = 20 * 1024 * 1024;

/**
 * Starts the emulator.
 *
 * @example
 * const emu = await startEmulator({ dataDir: null });
 * const lex = new LexModelsV2Client({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 * await lex.send(new ListBotsCommand({}));
 * await emu.close();
 */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  // One clock for the whole emulator, so that the turns the runtime records fall in the analytics windows.
  const store = new ModelStore({ dataDir: opts.dataDir, now: opts.now ?? opts.runtime?.now });
  const faults = new FaultController(opts.faults);
  const modelsContext = { store, faults, buildDelayMs: opts.buildDelayMs ?? DEFAULT_BUILD_DELAY_MS, defaultRegion: opts.region ?? 'us-east-1' };
  const routes: Route[] = [
    ...createModelRoutes(modelsContext),
    // Amazon Connect's paths (/contact-flows/..., /queues-summary/...) do not overlap Lex's.
    ...connectRoutes(modelsContext),
    ...createRuntimeRoutes(store, { now: opts.now, ...opts.runtime }),
  ];
  const router = new Router(routes);

  // HTTP/1.1 and HTTP/2 on one port: the JS runtime client speaks HTTP/2, the models client and the AWS CLI HTTP/1.1.
  const dual = createDualServer((req, res) => {
    void handle(req as IncomingMessage, res as ServerResponse).catch((err: unknown) => {
      // Only reached if writing the response itself failed.
      process.stderr.write(`emulator: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    let operation = '-';
    let response: EmulatorResponse;
    try {
      const raw = await readBody(req);
      const found = router.match(req.method ?? 'GET', url.pathname);
      if (!found.match) {
        throw new LexError('UnknownOperationException', `No Lex V2 operation for ${req.method} ${url.pathname}${found.methodNotAllowed ? ' (wrong method)' : ''}.`, { status: 404 });
      }
      const { route, params } = found.match;
      operation = route.operation;
      const fault = faults.take(operation);
      if (fault.latencyMs) await sleep(fault.latencyMs);
      if (fault.error) throw fault.error;
      const request: EmulatorRequest = { method: route.method, path: url.pathname, params, query: url.searchParams, headers: req.headers, body: parseBody(raw, req.headers['content-type']) };
      store.sync();
      try {
        response = await route.handle(request);
      } finally {
        store.flush();
      }
    } catch (err) {
      if (err instanceof LexError) response = err.toResponse();
      else {
        process.stderr.write(`emulator: ${operation} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        response = internal(`The emulator failed: ${err instanceof Error ? err.message : String(err)}`).toResponse();
      }
    }
    send(res, response, requestId);
    opts.log?.(`${req.method} ${url.pathname} ${operation} ${response.status} ${Date.now() - started}ms`);
  }

  const server = dual.server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    endpoint: `http://${host}:${port}`,
    port,
    store,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => {
          store.flush();
          if (err) reject(err);
          else resolve();
        });
        // SDK clients keep connections alive; without this close() would wait for them to time out.
        dual.closeAllConnections();
      }),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new LexError('ValidationException', 'The request body is too large.'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The body for a route: parsed JSON when the content type is JSON (or absent), the raw bytes
 * otherwise (RecognizeUtterance sends text or audio), undefined when empty.
 */
function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType && !/json/i.test(contentType)) return raw;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new LexError('SerializationException', 'The request body is not valid JSON.', { status: 400 });
  }
}

/** JSON with `Date` values as epoch seconds, the restJson1 timestamp format. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const original = this[key];
    return original instanceof Date ? original.getTime() / 1000 : v;
  });
}

function send(res: ServerResponse, r: EmulatorResponse, requestId: string): void {
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId, ...r.headers };
  let payload: Buffer | undefined;
  if (r.status !== 204 && r.status !== 304 && r.body !== undefined) {
    if (Buffer.isBuffer(r.body) || r.body instanceof Uint8Array) {
      payload = Buffer.from(r.body);
      headers['Content-Type'] ??= 'application/octet-stream';
    } else {
      payload = Buffer.from(toJson(r.body));
      headers['Content-Type'] ??= 'application/json';
    }
  }
  if (payload) headers['Content-Length'] = String(payload.length);
  res.writeHead(r.status, headers);
  res.end(payload);
}
