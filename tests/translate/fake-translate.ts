/**
 * An HTTP-level fake of Amazon Translate `TranslateText` on 127.0.0.1 (HTTP/1.1, awsJson1_1: `POST /`
 * with `X-Amz-Target: AWSShineFrontendService_20170701.TranslateText`, JSON in and out, as the
 * SDK's `@aws-sdk/client-translate` sends it), so the real TranslateClient serialises, signs and
 * parses as against AWS.
 *
 * It "translates" like the service treats HTML: markup and `translate="no"` elements are copied,
 * each text run between tags is looked up in `dictionary` (exact, trimmed) or else pseudo-translated
 * word by word (`wordMap`, else the word reversed), which also mangles brand names unless a
 * requested custom terminology lists them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TRANSLATE_TARGET = 'AWSShineFrontendService_20170701.TranslateText';

export interface TranslateRequestBody {
  Text: string;
  SourceLanguageCode: string;
  TargetLanguageCode: string;
  TerminologyNames?: string[];
  Settings?: { Formality?: string };
}

export interface FakeTranslate {
  endpoint: string;
  /** Every TranslateText request body, in order. */
  requests: TranslateRequestBody[];
  /** Exact text run (trimmed) -> translation. */
  dictionary: Map<string, string>;
  /** Lower-case word -> translation, for runs not in the dictionary. */
  wordMap: Map<string, string>;
  /** Custom terminologies: name -> terms kept as they are. */
  terminologies: Record<string, string[]>;
  /** Drop every `translate="no"` element from replies (a misbehaving translation). */
  dropPlaceholders: boolean;
  /** Drop `<p>` wrappers from replies (batches then do not split back). */
  mergeParagraphs: boolean;
  /** Every text run translated (trimmed), to see what was sent. */
  runs: string[];
  close(): Promise<void>;
}

const TAGGED = /(<span translate="no">[\s\S]*?<\/span>|<[^>]+>)/g;

export async function startFakeTranslate(): Promise<FakeTranslate> {
  const fake: FakeTranslate = {
    endpoint: '',
    requests: [],
    dictionary: new Map(),
    wordMap: new Map(),
    terminologies: {},
    dropPlaceholders: false,
    mergeParagraphs: false,
    runs: [],
    close: async () => undefined,
  };

  const translateRun = (run: string, kept: string[]): string => {
    const key = run.trim();
    if (!key) return run;
    fake.runs.push(key);
    const lead = /^\s*/.exec(run)![0];
    const trail = /\s*$/.exec(run)![0];
    const hit = fake.dictionary.get(key);
    if (hit !== undefined) return lead + hit + trail;
    // Terms of a requested terminology are copied; every other word is translated.
    const protectedTerms = kept.filter((t) => key.includes(t));
    let text = key;
    protectedTerms.forEach((t, i) => (text = text.split(t).join(`\u0000${i}\u0000`)));
    text = text.replace(/\p{L}+/gu, (w) => fake.wordMap.get(w.toLowerCase()) ?? [...w].reverse().join(''));
    protectedTerms.forEach((t, i) => (text = text.split(`\u0000${i}\u0000`).join(t)));
    return lead + text + trail;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const target = req.headers['x-amz-target'];
      const reply = (status: number, body: unknown, type?: string) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'fake-translate-1', ...(type ? { 'x-amzn-errortype': type } : {}) });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || target !== TRANSLATE_TARGET) return reply(400, { __type: 'UnknownOperationException', message: `unexpected ${String(target)}` }, 'UnknownOperationException');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as TranslateRequestBody;
      fake.requests.push(body);
      const kept = (body.TerminologyNames ?? []).flatMap((n) => fake.terminologies[n] ?? []);
      let out = body.Text.split(TAGGED)
        .map((part) => (part.startsWith('<') ? part : translateRun(part, kept)))
        .join('');
      if (fake.dropPlaceholders) out = out.replace(/<span translate="no">[\s\S]*?<\/span>/g, '');
      if (fake.mergeParagraphs) out = out.replace(/<\/?p>/g, ' ');
      reply(200, {
        TranslatedText: out,
        SourceLanguageCode: body.SourceLanguageCode,
        TargetLanguageCode: body.TargetLanguageCode,
        ...(body.TerminologyNames?.length ? { AppliedTerminologies: body.TerminologyNames.map((Name) => ({ Name, Terms: [] })) } : {}),
        ...(body.Settings ? { AppliedSettings: body.Settings } : {}),
      });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
