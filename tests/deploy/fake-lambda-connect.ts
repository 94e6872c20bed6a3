/**
 * HTTP-level fakes of the two AWS APIs deploy calls besides Lex, on 127.0.0.1 (HTTP/1.1, restJson1
 * as the SDK's schemas define it), so that the real `@aws-sdk/client-lambda` and
 * `@aws-sdk/client-connect` serialise, sign and parse as against AWS:
 * - Lambda GetPolicy `GET /2015-03-31/functions/{FunctionName}/policy` and AddPermission `POST` on
 *   the same path (409 ResourceConflictException for a statement id that exists);
 * - Connect ListBots `GET /instance/{InstanceId}/bots?lexVersion=V2` and AssociateBot
 *   `PUT /instance/{InstanceId}/bot` (409 ResourceConflictException when already associated).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  operation: 'GetPolicy' | 'AddPermission' | 'ListBots' | 'AssociateBot';
  path: string;
  body: Record<string, unknown>;
}

export interface FakeLambdaConnect {
  endpoint: string;
  requests: FakeRequest[];
  /** Lambda policy statements by function name (URL-decoded ARN). */
  statements: Map<string, Record<string, unknown>[]>;
  /** Alias ARNs associated per Connect instance. */
  associations: Map<string, string[]>;
  /** GetPolicy answers "no policy" even when there is one (to exercise AddPermission's conflict answer). */
  hidePolicy: boolean;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, type?: string): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': 'fake-1', ...(type ? { 'x-amzn-errortype': type } : {}) });
  res.end(payload);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startFakeLambdaConnect(): Promise<FakeLambdaConnect> {
  const fake: FakeLambdaConnect = {
    endpoint: '',
    requests: [],
    statements: new Map(),
    associations: new Map(),
    hidePolicy: false,
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = await readJson(req);
      let m = /^\/2015-03-31\/functions\/([^/]+)\/policy$/.exec(url.pathname);
      if (m) {
        const fn = decodeURIComponent(m[1]!);
        if (req.method === 'GET') {
          fake.requests.push({ operation: 'GetPolicy', path: url.pathname, body });
          const statements = fake.statements.get(fn);
          if (!statements?.length || fake.hidePolicy) return send(res, 404, { Type: 'User', message: 'The resource you requested does not exist.' }, 'ResourceNotFoundException');
          return send(res, 200, { Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements }), RevisionId: 'r1' });
        }
        fake.requests.push({ operation: 'AddPermission', path: url.pathname, body });
        const list = fake.statements.get(fn) ?? [];
        if (list.some((s) => s.Sid === body.StatementId)) {
          return send(res, 409, { Type: 'User', message: `The statement id (${String(body.StatementId)}) provided already exists.` }, 'ResourceConflictException');
        }
        const statement = {
          Sid: body.StatementId,
          Effect: 'Allow',
          Principal: { Service: body.Principal },
          Action: body.Action,
          Resource: fn,
          Condition: { StringEquals: { 'AWS:SourceAccount': body.SourceAccount }, ArnLike: { 'AWS:SourceArn': body.SourceArn } },
        };
        fake.statements.set(fn, [...list, statement]);
        return send(res, 201, { Statement: JSON.stringify(statement) });
      }
      m = /^\/instance\/([^/]+)\/bots?$/.exec(url.pathname);
      if (m) {
        const instance = decodeURIComponent(m[1]!);
        const list = fake.associations.get(instance) ?? [];
        if (req.method === 'GET') {
          fake.requests.push({ operation: 'ListBots', path: `${url.pathname}${url.search}`, body });
          return send(res, 200, { LexBots: list.map((AliasArn) => ({ LexV2Bot: { AliasArn } })) });
        }
        fake.requests.push({ operation: 'AssociateBot', path: url.pathname, body });
        const arn = (body.LexV2Bot as { AliasArn?: string } | undefined)?.AliasArn ?? '';
        if (list.includes(arn)) return send(res, 409, { Message: 'The bot is already associated.' }, 'ResourceConflictException');
        fake.associations.set(instance, [...list, arn]);
        res.writeHead(200, { 'x-amzn-requestid': 'fake-2' });
        return res.end();
      }
      send(res, 404, { message: `No fake for ${req.method} ${url.pathname}` }, 'UnknownOperationException');
    })().catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return fake;
}
