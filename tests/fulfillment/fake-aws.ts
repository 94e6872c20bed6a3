/**
 * An HTTP-level fake of the two AWS APIs the Lex Lambda calls besides DynamoDB, on 127.0.0.1: the
 * real SDK clients talk to it over HTTP, so request serialisation, response parsing, retries and
 * timeouts are the SDK's own.
 * - Bedrock Agent Runtime `POST /retrieveAndGenerate` (restJson1) over cleartext HTTP/2, because
 *   that client's default request handler is the SDK's HTTP/2 handler: answers with JSON.
 * - SNS `Publish` (awsQuery: form-encoded request, XML response) over HTTP/1.1.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  service: 'bedrock' | 'sns';
  path: string;
  /** Parsed JSON (Bedrock) or form fields (SNS). */
  body: Record<string, unknown>;
}

export type FakeReply = { status: number; body: unknown; headers?: Record<string, string> } | 'hang';

export interface FakeAws {
  /** Bedrock Agent Runtime endpoint (h2c). */
  bedrockEndpoint: string;
  /** SNS endpoint (HTTP/1.1). */
  snsEndpoint: string;
  requests: RecordedRequest[];
  /** Replaces the Bedrock behaviour (default: an answer about fees with one citation). */
  bedrock: (body: Record<string, unknown>) => FakeReply;
  /** Replaces the SNS behaviour (default: a MessageId). */
  sns: (form: Record<string, string>) => FakeReply;
  close(): Promise<void>;
}

export const DEFAULT_ANSWER = 'Outgoing domestic wires cost $25 and international wires cost $40. Incoming wires are free. Fees are charged when the wire is sent.';

/** A RetrieveAndGenerate response body. */
export function ragResponse(text: string, refs: { uri?: string; title?: string }[], sessionId = 'bedrock-session-1') {
  return {
    sessionId,
    output: { text },
    citations: [
      {
        generatedResponsePart: { textResponsePart: { text, span: { start: 0, end: text.length } } },
        retrievedReferences: refs.map((r) => ({
          content: { text: 'passage', type: 'TEXT' },
          location: { type: 'S3', s3Location: { uri: r.uri ?? 's3://kb-bucket/en_US/fees.md' } },
          metadata: { ...(r.title ? { title: r.title } : {}), 'x-amz-bedrock-kb-source-uri': r.uri ?? 's3://kb-bucket/en_US/fees.md' },
        })),
      },
    ],
  };
}

export const snsOk = (): FakeReply => ({
  status: 200,
  headers: { 'content-type': 'text/xml' },
  body: '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>0f6c1a8e-0000-4000-8000-000000000001</MessageId></PublishResult><ResponseMetadata><RequestId>req-sns-1</RequestId></ResponseMetadata></PublishResponse>',
});

export const snsError = (code: string, status = 400): FakeReply => ({
  status,
  headers: { 'content-type': 'text/xml' },
  body: `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${code}</Message></Error><RequestId>req-sns-2</RequestId></ErrorResponse>`,
});

export const bedrockError = (type: string, status: number): FakeReply => ({ status, headers: { 'x-amzn-errortype': type }, body: { message: type } });

async function readBody(req: IncomingMessage | Http2ServerRequest): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeAws(): Promise<FakeAws> {
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse | Http2ServerResponse>();
  const sessions = new Set<Http2Session>();
  const fake: FakeAws = {
    bedrockEndpoint: '',
    snsEndpoint: '',
    requests,
    bedrock: () => ({ status: 200, body: ragResponse(DEFAULT_ANSWER, [{ uri: 's3://kb-bucket/en_US/fees.md' }]) }),
    sns: () => snsOk(),
    close: async () => {
      for (const res of hanging) res.destroy();
      for (const s of sessions) s.destroy();
      snsServer.closeAllConnections();
      await Promise.all([new Promise<void>((ok) => snsServer.close(() => ok())), new Promise<void>((ok) => bedrockServer.close(() => ok()))]);
    },
  };
  const answer = (res: ServerResponse | Http2ServerResponse, reply: FakeReply) => {
    if (reply === 'hang') {
      hanging.add(res);
      return;
    }
    const isText = typeof reply.body === 'string';
    res.writeHead(reply.status, { 'content-type': isText ? 'text/xml' : 'application/json', 'x-amzn-requestid': 'req-fake', ...reply.headers });
    res.end(isText ? (reply.body as string) : JSON.stringify(reply.body));
  };
  const bedrockServer = createHttp2Server(async (req, res) => {
    const raw = await readBody(req);
    const body = JSON.parse(raw || '{}') as Record<string, unknown>;
    requests.push({ service: 'bedrock', path: req.url, body });
    answer(res, req.url.startsWith('/retrieveAndGenerate') ? fake.bedrock(body) : { status: 404, body: { message: 'not found' } });
  });
  bedrockServer.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  const snsServer = createServer(async (req, res) => {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    requests.push({ service: 'sns', path: req.url ?? '/', body: form });
    answer(res, form.Action === 'Publish' ? fake.sns(form) : snsError('InvalidAction'));
  });
  const listen = (srv: { listen: (port: number, host: string, cb: () => void) => unknown; address: () => unknown }) =>
    new Promise<string>((ok) => srv.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(srv.address() as AddressInfo).port}`)));
  fake.bedrockEndpoint = await listen(bedrockServer);
  fake.snsEndpoint = await listen(snsServer);
  return fake;
}
