/**
 * `bots studio`: a local web app for prompt authors, served on 127.0.0.1 only. Static pages from
 * `scripts/studio/public/` (plain HTML, CSS and JavaScript: nothing to build) and a JSON API over the
 * project's capabilities:
 *
 * | route | what |
 * | --- | --- |
 * | `GET /api/state` | project, bots and locales, prompts with lint counts, preview mode |
 * | `GET /api/prompts/:locale/:id` | text, hash and lint findings of a prompt |
 * | `PUT /api/prompts/:locale/:id` | save `{ text, baseHash }` atomically; 409 when the file changed on disk |
 * | `POST /api/lint` | lint `{ text, localeId, voice?, engine? }` |
 * | `GET /api/completions?localeId&voice&engine` | SSML completion for the voice's engine |
 * | `GET /api/phonemes?language` | the language's Polly phoneme table |
 * | `POST /api/phonemes/convert` | `{ ph, from, to, language }` X-SAMPA ⇄ IPA, with problems |
 * | `POST /api/play` | render a saved prompt (`bots ssml preview`); audio under `/audio/:token` |
 * | `POST /api/chat` | one turn with the local bot (text or voice channel) |
 * | `GET /api/tune?bot&localeId` | the tuning report of the local emulator's traffic (HTML) |
 *
 * Requests whose Host is not this server (DNS rebinding) and state-changing requests from another
 * origin are refused; request bodies are JSON of at most 1 MiB.
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { loadProject } from '../definitions/load.js';
import { checkPhonemes, convertPhonemes, phonemeLanguages, phonemeTable, POLLY_ENGINES, type PhoneticAlphabet, type PollyEngine } from '../ssml/lint.js';
import { knownVoices } from '../ssml/voices.js';
import { PhonemeConversionError } from '../ssml/phonemes.js';
import { completionsFor } from './completion.js';
import { ChatError, StudioChat } from './chat.js';
import { PlayError, StudioPreviewer } from './preview.js';
import { lintPrompt, listPrompts, openPrompt, PromptConflictError, PromptRequestError, savePrompt } from './prompts.js';

/** The default port of `bots studio`. */
export const DEFAULT_STUDIO_PORT = 4590;

/** The interface the studio listens on: loopback only, never the network. */
export const STUDIO_HOST = '127.0.0.1';

/** Largest accepted request body, bytes. */
const MAX_BODY = 1 << 20;

/** Options of {@link startStudio}. */
export interface StudioOptions {
  /** Project root (holds `bots/` and `ssml/`). */
  root: string;
  /** TCP port (default {@link DEFAULT_STUDIO_PORT}; 0 picks a free one). */
  port?: number;
  /** Always preview with eSpeak NG. */
  offline?: boolean;
  /** AWS region and profile for Polly. */
  region?: string;
  profile?: string;
  /** Local emulator for the chat pane and the tuning report (default: in process, data in `.bots/local`). */
  local?: { endpoint?: string; dataDir?: string | null };
  // Test hooks.
  /** Polly endpoint (the HTTP fake). */
  pollyEndpoint?: string;
  env?: NodeJS.ProcessEnv;
  /** Preview output folder (default `.bots/studio/preview`). */
  previewDir?: string;
}

/** A running studio. */
export interface Studio {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  server: Server;
  /** Stops the server and the chat targets. */
  close(): Promise<void>;
}

/** An HTTP error with a message the page shows. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const PUBLIC_DIR = join(import.meta.dirname, 'public');
/** The static files, by URL path: a fixed list, so no URL maps to another file. */
const STATIC: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/studio.js': { file: 'studio.js', type: 'text/javascript; charset=utf-8' },
  '/studio.css': { file: 'studio.css', type: 'text/css; charset=utf-8' },
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'Send the request body as application/json.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, `The request body is over ${MAX_BODY} bytes.`);
    chunks.push(c as Buffer);
  }
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'The request body is not a JSON object.');
  }
}

const str = (body: Record<string, unknown>, key: string, required = true): string | undefined => {
  const v = body[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw new HttpError(400, `"${key}" is required.`);
    return undefined;
  }
  if (typeof v !== 'string') throw new HttpError(400, `"${key}" must be a string.`);
  return v;
};

const engineOf = (v: string | undefined | null): PollyEngine | undefined => {
  if (!v) return undefined;
  if (!(POLLY_ENGINES as readonly string[]).includes(v)) throw new HttpError(400, `"${v}" is not a Polly engine (${POLLY_ENGINES.join(', ')}).`);
  return v as PollyEngine;
};

const alphabetOf = (v: string | undefined): PhoneticAlphabet => {
  if (v !== 'ipa' && v !== 'x-sampa') throw new HttpError(400, `"${v ?? ''}" is not a phonetic alphabet: use ipa or x-sampa.`);
  return v;
};

/**
 * Starts the studio on 127.0.0.1.
 * @throws the listen error (e.g. `EADDRINUSE` when the port is taken).
 * @example
 * const studio = await startStudio({ root: '.', port: 0 });
 * console.log(studio.url);
 * await studio.close();
 */
export async function startStudio(opts: StudioOptions): Promise<Studio> {
  const root = opts.root;
  const env = opts.env ?? process.env;
  const previewer = new StudioPreviewer({
    root,
    ...(opts.previewDir ? { outDir: opts.previewDir } : {}),
    ...(opts.offline ? { offline: true } : {}),
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.pollyEndpoint ? { endpoint: opts.pollyEndpoint } : {}),
    env,
  });
  const chat = new StudioChat({ root, ...(opts.local ? { local: opts.local } : {}), env });
  let port = opts.port ?? DEFAULT_STUDIO_PORT;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${STATIC_HOST(port)}`);
    const method = req.method ?? 'GET';
    // DNS rebinding: a page on another name resolving to 127.0.0.1 sends its own Host.
    if (!allowedHosts().has(req.headers.host ?? '')) throw new HttpError(421, `This studio answers only at http://127.0.0.1:${port}/.`);
    if (method !== 'GET' && method !== 'HEAD') {
      const origin = req.headers.origin;
      if (origin && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) throw new HttpError(403, 'Requests from other web pages are refused.');
    }
    const path = url.pathname;

    const asset = STATIC[path];
    if (asset && (method === 'GET' || method === 'HEAD')) {
      const body = await readFile(join(PUBLIC_DIR, asset.file));
      res.writeHead(200, {
        'content-type': asset.type,
        'content-security-policy': "default-src 'self'; media-src 'self' blob:; frame-src 'self' data:; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
        ...SECURITY_HEADERS,
      });
      res.end(method === 'HEAD' ? undefined : body);
      return;
    }

    if (path === '/favicon.ico') {
      res.writeHead(204, SECURITY_HEADERS);
      res.end();
      return;
    }

    const audio = /^\/audio\/([0-9a-f]{24})$/.exec(path);
    if (audio && (method === 'GET' || method === 'HEAD')) {
      const file = previewer.audioFile(audio[1]!);
      if (!file) throw new HttpError(404, 'No such audio: play the prompt again.');
      const info = await stat(file.path);
      res.writeHead(200, { 'content-type': file.type, 'content-length': info.size, 'accept-ranges': 'none', ...SECURITY_HEADERS });
      if (method === 'HEAD') res.end();
      else createReadStream(file.path).pipe(res);
      return;
    }

    if (path === '/api/state' && method === 'GET') {
      const { project } = await loadProject(root);
      const prompts = await listPrompts(root);
      sendJson(res, 200, {
        root,
        bots: project.bots.map((b) => ({ name: b.name, locales: b.locales.map((l) => ({ localeId: l.localeId, voice: l.voice ?? null })) })),
        prompts,
        voices: knownVoices(),
        engines: POLLY_ENGINES,
        phonemeLanguages: phonemeLanguages(),
        preview: {
          offline: Boolean(opts.offline),
          note: opts.offline
            ? 'Offline: prompts are spoken by eSpeak NG, an approximation of Polly with no word timings.'
            : 'Amazon Polly when AWS credentials are found, else eSpeak NG offline (an approximation with no word timings).',
        },
      });
      return;
    }

    const prompt = /^\/api\/prompts\/([^/]+)\/([^/]+)$/.exec(path);
    if (prompt) {
      const localeId = decodeURIComponent(prompt[1]!);
      const id = decodeURIComponent(prompt[2]!);
      if (method === 'GET') return sendJson(res, 200, await openPrompt(root, localeId, id));
      if (method === 'PUT') {
        const body = await readJson(req);
        const text = body.text;
        if (typeof text !== 'string') throw new HttpError(400, '"text" must be a string.');
        const saved = await savePrompt(root, localeId, id, text, str(body, 'baseHash')!);
        return sendJson(res, 200, saved);
      }
    }

    if (path === '/api/lint' && method === 'POST') {
      const body = await readJson(req);
      const text = body.text;
      if (typeof text !== 'string') throw new HttpError(400, '"text" must be a string.');
      const localeId = str(body, 'localeId')!;
      const listed = (await listPrompts(root)).find((p) => p.localeId === localeId);
      const voice = str(body, 'voice', false) ?? listed?.voice;
      const engine = engineOf(str(body, 'engine', false)) ?? listed?.engine;
      return sendJson(res, 200, { findings: lintPrompt(text, { ...(voice ? { voice } : {}), ...(engine ? { engine } : {}), languageCode: listed?.languageCode ?? localeId.replace('_', '-') }) });
    }

    if (path === '/api/completions' && method === 'GET') {
      const languageCode = url.searchParams.get('language') ?? 'en-US';
      const voice = url.searchParams.get('voice') || undefined;
      const engine = engineOf(url.searchParams.get('engine'));
      return sendJson(res, 200, { tags: completionsFor({ ...(voice ? { voice } : {}), ...(engine ? { engine } : {}), languageCode }) });
    }

    if (path === '/api/phonemes' && method === 'GET') {
      const language = url.searchParams.get('language') ?? '';
      const table = phonemeTable(language);
      if (!table) throw new HttpError(404, `No Polly phoneme table for "${language}" (tables: ${phonemeLanguages().join(', ')}).`);
      return sendJson(res, 200, { language, symbols: table.symbols });
    }

    if (path === '/api/phonemes/convert' && method === 'POST') {
      const body = await readJson(req);
      const ph = str(body, 'ph')!;
      const from = alphabetOf(str(body, 'from'));
      const to = alphabetOf(str(body, 'to'));
      const language = str(body, 'language')!;
      const table = phonemeTable(language);
      if (!table) throw new HttpError(404, `No Polly phoneme table for "${language}".`);
      const problems = checkPhonemes(ph, table, from);
      try {
        return sendJson(res, 200, { result: convertPhonemes(ph, from, to, language), problems });
      } catch (err) {
        if (err instanceof PhonemeConversionError) return sendJson(res, 200, { error: err.message, problems });
        throw err;
      }
    }

    if (path === '/api/play' && method === 'POST') {
      const body = await readJson(req);
      const voice = str(body, 'voice', false);
      const engine = engineOf(str(body, 'engine', false));
      const r = await previewer.play({ localeId: str(body, 'localeId')!, id: str(body, 'id')!, ...(voice ? { voice } : {}), ...(engine ? { engine } : {}), ...(body.offline === true ? { offline: true } : {}) });
      return sendJson(res, 200, r);
    }

    if (path === '/api/chat' && method === 'POST') {
      const body = await readJson(req);
      const channel = str(body, 'channel', false) ?? 'text';
      if (channel !== 'text' && channel !== 'voice') throw new HttpError(400, '"channel" is text or voice.');
      const conversationId = str(body, 'conversationId', false);
      const r = await chat.turn({ bot: str(body, 'bot')!, localeId: str(body, 'localeId')!, channel, text: str(body, 'text')!, ...(conversationId ? { conversationId } : {}) });
      return sendJson(res, 200, r);
    }

    if (path === '/api/tune' && method === 'GET') {
      const bot = url.searchParams.get('bot') ?? '';
      const localeId = url.searchParams.get('localeId') ?? undefined;
      const { runTune, renderHtml, TuneUsageError } = await import('../tuning/index.js');
      let target;
      try {
        target = await chat.target(bot);
      } catch (err) {
        throw new HttpError(422, (err as Error).message);
      }
      try {
        const report = await runTune({ root, bot, ...(localeId ? { localeId } : {}), local: { endpoint: target.endpoint! }, env });
        return sendJson(res, 200, { html: renderHtml(report), totals: report.totals });
      } catch (err) {
        if (err instanceof TuneUsageError) throw new HttpError(400, err.message);
        throw err;
      }
    }

    throw new HttpError(404, `Nothing at ${method} ${path}.`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      let status = 500;
      let message = err instanceof Error ? err.message : String(err);
      let extra: Record<string, unknown> = {};
      if (err instanceof HttpError) ({ status, extra } = err);
      else if (err instanceof PromptConflictError) [status, extra] = [409, { currentHash: err.currentHash, file: err.file }];
      else if (err instanceof PromptRequestError) status = err.status;
      else if (err instanceof PlayError || err instanceof ChatError) status = err.status;
      else message = `Internal error: ${message}`;
      if (status === 500) process.stderr.write(`studio: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      if (res.headersSent) res.destroy();
      else sendJson(res, status, { error: message, ...extra });
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, STUDIO_HOST, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${STATIC_HOST(port)}/`,
    port,
    server,
    async close() {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await chat.close();
    },
  };
}

const STATIC_HOST = (port: number) => `${STUDIO_HOST}:${port}`;
