/**
 * An HTTP-level fake of the Amazon Polly operations `bots ssml preview` calls, on 127.0.0.1, so that
 * the real `@aws-sdk/client-polly` serialises, signs and parses as it does against AWS (restJson1,
 * paths from the client's schemas in node_modules/@aws-sdk/client-polly/dist-cjs):
 * - SynthesizeSpeech `POST /v1/speech` (JSON body `{OutputFormat, Text, TextType, VoiceId, Engine,
 *   LexiconNames, SpeechMarkTypes, SampleRate}`): audio bytes, or newline-delimited JSON speech marks
 *   (`application/x-json-stream`) when `OutputFormat` is `json`; `x-amzn-RequestCharacters` header;
 * - PutLexicon `PUT /v1/lexicons/{Name}` (body `{Content}`) and GetLexicon `GET /v1/lexicons/{Name}`
 *   (404 LexiconNotFoundException when absent).
 *
 * The Polly client sends over HTTP/2 (its default request handler is `NodeHttp2Handler`; cleartext
 * `http://` endpoints mean h2c), so the fake is a `node:http2` server with the HTTP/1-compatible
 * request/response API.
 *
 * @see https://docs.aws.amazon.com/polly/latest/dg/API_SynthesizeSpeech.html
 * @see https://docs.aws.amazon.com/polly/latest/dg/API_PutLexicon.html
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect, createServer, type Http2ServerRequest, type Http2ServerResponse, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';

/** One request the fake answered. */
export interface PollyRequest {
  operation: 'SynthesizeSpeech' | 'PutLexicon' | 'GetLexicon' | 'Unknown';
  method: string;
  path: string;
  body: Record<string, unknown>;
}

export interface FakePolly {
  endpoint: string;
  requests: PollyRequest[];
  /** Stored lexicons by name (PLS content). */
  lexicons: Map<string, string>;
  /** Milliseconds each SynthesizeSpeech answer waits (to observe concurrency). */
  delayMs: number;
  /** Answers a SynthesizeSpeech request with a 400 error of this type when it returns one. */
  refuse?: (body: Record<string, unknown>) => { type: string; message: string } | undefined;
  /** Most SynthesizeSpeech requests in flight at once so far. */
  maxInFlight: number;
  /** Answer the next `n` requests (any operation) with a throttling error. */
  throttleNext(n: number, style?: 'ThrottlingException' | '429'): void;
  /** SynthesizeSpeech calls, optionally only those with this OutputFormat. */
  synthesizeCalls(outputFormat?: string): PollyRequest[];
  close(): Promise<void>;
}

/** The bytes the fake returns as audio: a recognisable header plus the request's text. */
export function fakeAudio(format: string, text: string): Buffer {
  return Buffer.from(`FAKE-${format.toUpperCase()}:${text}`, 'utf8');
}

/** Word and sentence marks for `ssml`: one per word of its text content, 300 ms apart. */
export function fakeMarks(ssml: string): string {
  const text = ssml.replace(/<[^>]*>/g, ' ');
  const marks: string[] = [`{"time":0,"type":"sentence","start":0,"end":${ssml.length},"value":${JSON.stringify(text.trim())}}`];
  let t = 6;
  for (const m of text.matchAll(/[^\s.,!?;:]+/g)) {
    marks.push(JSON.stringify({ time: t, type: 'word', start: m.index, end: m.index + m[0].length, value: m[0] }));
    t += 300;
  }
  return `${marks.join('\n')}\n`;
}

function send(res: Http2ServerResponse, status: number, body: unknown, type?: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': 'fake-polly', ...(type ? { 'x-amzn-errortype': type } : {}) });
  res.end(JSON.stringify(body));
}

async function readJson(req: Http2ServerRequest): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakePolly(): Promise<FakePolly> {
  let throttle = 0;
  let inFlight = 0;
  let throttleStyle: 'ThrottlingException' | '429' = 'ThrottlingException';
  const sessions = new Set<ServerHttp2Session>();
  const fake: FakePolly = {
    endpoint: '',
    requests: [],
    lexicons: new Map(),
    delayMs: 0,
    maxInFlight: 0,
    throttleNext: (n, style = 'ThrottlingException') => {
      throttle = n;
      throttleStyle = style;
    },
    synthesizeCalls: (format) => fake.requests.filter((r) => r.operation === 'SynthesizeSpeech' && (format === undefined || r.body.OutputFormat === format)),
    close: async () => undefined,
  };
  // Control routes for a fake in another process (see startFakePollyProcess).
  const control = (path: string, body: Record<string, unknown>, res: Http2ServerResponse) => {
    if (path === '/__fake/reset') {
      fake.requests.length = 0;
      fake.lexicons.clear();
      throttle = 0;
      fake.refuse = undefined;
    } else if (path === '/__fake/refuse') {
      const { textIncludes, type, message } = body as { textIncludes: string; type: string; message: string };
      fake.refuse = (b) => (String(b.Text).includes(textIncludes) ? { type, message } : undefined);
    } else if (path === '/__fake/throttle') fake.throttleNext(Number(body.n), body.style === '429' ? '429' : 'ThrottlingException');
    return send(res, 200, { requests: fake.requests, lexicons: Object.fromEntries(fake.lexicons) });
  };
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = await readJson(req);
      if (url.pathname.startsWith('/__fake/')) return control(url.pathname, body, res);
      const lexicon = /^\/v1\/lexicons\/([^/]+)$/.exec(url.pathname);
      const operation: PollyRequest['operation'] =
        url.pathname === '/v1/speech' && req.method === 'POST' ? 'SynthesizeSpeech' : lexicon && req.method === 'PUT' ? 'PutLexicon' : lexicon && req.method === 'GET' ? 'GetLexicon' : 'Unknown';
      fake.requests.push({ operation, method: req.method, path: url.pathname, body });
      if (throttle > 0) {
        throttle--;
        if (throttleStyle === '429') return send(res, 429, { message: 'Too Many Requests' });
        return send(res, 400, { message: 'Rate exceeded' }, 'ThrottlingException');
      }
      if (operation === 'SynthesizeSpeech') {
        inFlight++;
        fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
        try {
          if (fake.delayMs) await new Promise((r) => setTimeout(r, fake.delayMs));
        } finally {
          inFlight--;
        }
        const refused = fake.refuse?.(body);
        if (refused) return send(res, 400, { message: refused.message }, refused.type);
        const format = String(body.OutputFormat);
        const text = String(body.Text ?? '');
        for (const name of (body.LexiconNames as string[] | undefined) ?? []) {
          if (!fake.lexicons.has(name)) return send(res, 404, { message: `Lexicon not found: ${name}` }, 'LexiconNotFoundException');
        }
        if (format === 'json') {
          if (body.Engine === 'generative') return send(res, 400, { message: 'Speech marks are not available for generative voices' }, 'EngineNotSupportedException');
          res.writeHead(200, { 'content-type': 'application/x-json-stream', 'x-amzn-requestcharacters': String(text.length) });
          return res.end(fakeMarks(text));
        }
        const type = format === 'mp3' ? 'audio/mpeg' : format === 'ogg_vorbis' ? 'audio/ogg' : 'audio/pcm';
        res.writeHead(200, { 'content-type': type, 'x-amzn-requestcharacters': String(text.length) });
        return res.end(fakeAudio(format, text));
      }
      if (operation === 'PutLexicon') {
        fake.lexicons.set(decodeURIComponent(lexicon![1]!), String(body.Content));
        return send(res, 200, {});
      }
      if (operation === 'GetLexicon') {
        const name = decodeURIComponent(lexicon![1]!);
        const content = fake.lexicons.get(name);
        if (content === undefined) return send(res, 404, { message: `Lexicon not found: ${name}` }, 'LexiconNotFoundException');
        return send(res, 200, { Lexicon: { Name: name, Content: content }, LexiconAttributes: { Alphabet: 'ipa', LanguageCode: 'en-US', Size: content.length } });
      }
      send(res, 404, { message: `No fake for ${req.method} ${url.pathname}` }, 'UnknownOperationException');
    })().catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sessions) s.destroy();
      server.close(() => resolve());
    });
  return fake;
}

/** The fake in a child process, driven over its control routes. */
export interface RemoteFakePolly {
  endpoint: string;
  /** The requests answered so far. */
  requests(): Promise<PollyRequest[]>;
  reset(): Promise<void>;
  throttleNext(n: number, style?: 'ThrottlingException' | '429'): Promise<void>;
  /** Answers SynthesizeSpeech requests whose Text includes `textIncludes` with a 400 error `type`. */
  refuse(textIncludes: string, type: string, message: string): Promise<void>;
  close(): Promise<void>;
}

async function h2Json(endpoint: string, path: string, body: unknown): Promise<{ requests: PollyRequest[] }> {
  const session = connect(endpoint);
  try {
    return await new Promise((resolve, reject) => {
      const req = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/json' });
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (d: string) => (text += d));
      req.on('end', () => resolve(JSON.parse(text) as { requests: PollyRequest[] }));
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  } finally {
    session.close();
  }
}

/**
 * Starts the fake in a child process. Needed when the code under test runs in a child started with
 * `spawnSync` (tests/helpers/cli.ts runBots): that blocks this process's event loop, so an
 * in-process fake could not answer.
 */
export async function startFakePollyProcess(): Promise<RemoteFakePolly> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      out += d;
      const m = /listening (http:\/\/\S+)\n/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`fake Polly process exited with ${code}`)));
  });
  return {
    endpoint,
    requests: async () => (await h2Json(endpoint, '/__fake/state', {})).requests,
    reset: async () => void (await h2Json(endpoint, '/__fake/reset', {})),
    throttleNext: async (n, style = 'ThrottlingException') => void (await h2Json(endpoint, '/__fake/throttle', { n, style })),
    refuse: async (textIncludes, type, message) => void (await h2Json(endpoint, '/__fake/refuse', { textIncludes, type, message })),
    close: async () => {
      child.kill();
      await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    },
  };
}

if (process.argv.includes('--serve') && process.argv[1] === fileURLToPath(import.meta.url)) {
  const fake = await startFakePolly();
  process.stdout.write(`listening ${fake.endpoint}\n`);
  process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
}
