/**
 * An HTTP-level fake of CloudFormation `DescribeStacks` on 127.0.0.1, speaking the awsQuery protocol
 * the real `@aws-sdk/client-cloudformation` uses: a form-encoded `POST /` with
 * `Action=DescribeStacks&Version=2010-05-15&StackName=...`, answered with the XML document
 * CloudFormation returns (`DescribeStacksResponse/DescribeStacksResult/Stacks/member`), or an
 * `ErrorResponse` (`ValidationError: Stack with id <name> does not exist`, 400).
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stack the fake knows. */
export interface FakeStack {
  status: string;
  outputs: Record<string, string>;
}

export interface FakeCloudFormation {
  endpoint: string;
  /** Stacks by name. */
  stacks: Map<string, FakeStack>;
  /** Every request's form fields (signed by the real client). */
  requests: Record<string, string>[];
  /** When set, every request fails with this error code and HTTP status. */
  failWith?: { code: string; status: number; message: string };
  close(): Promise<void>;
}

const NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function reply(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'fake-cfn-1' });
  res.end(xml);
}

function error(res: ServerResponse, status: number, code: string, message: string): void {
  reply(res, status, `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>fake-cfn-1</RequestId></ErrorResponse>`);
}

async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/** The DescribeStacks answer for one stack. */
export function describeStacksXml(name: string, stack: FakeStack, region = 'us-east-1'): string {
  const outputs = Object.entries(stack.outputs)
    .map(([k, v]) => `<member><OutputKey>${esc(k)}</OutputKey><OutputValue>${esc(v)}</OutputValue><ExportName>${esc(`${name}-${k}`)}</ExportName></member>`)
    .join('');
  return (
    `<DescribeStacksResponse xmlns="${NS}"><DescribeStacksResult><Stacks><member>` +
    `<StackName>${esc(name)}</StackName><StackId>arn:aws:cloudformation:${region}:000000000000:stack/${esc(name)}/6f1e2a30-0000-4000-8000-000000000001</StackId>` +
    `<CreationTime>2026-01-01T00:00:00.000Z</CreationTime><StackStatus>${stack.status}</StackStatus><Outputs>${outputs}</Outputs>` +
    `</member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>fake-cfn-1</RequestId></ResponseMetadata></DescribeStacksResponse>`
  );
}

export async function startFakeCloudFormation(): Promise<FakeCloudFormation> {
  const fake: FakeCloudFormation = { endpoint: '', stacks: new Map(), requests: [], close: async () => undefined };
  const server = createServer((req, res) => {
    void (async () => {
      const form = await readForm(req);
      fake.requests.push(form);
      if (req.method !== 'POST' || form.Action !== 'DescribeStacks') return error(res, 400, 'InvalidAction', `unsupported action ${form.Action}`);
      if (fake.failWith) return error(res, fake.failWith.status, fake.failWith.code, fake.failWith.message);
      const name = form.StackName ?? '';
      const stack = fake.stacks.get(name);
      if (!stack) return error(res, 400, 'ValidationError', `Stack with id ${name} does not exist`);
      const region = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
      return reply(res, 200, describeStacksXml(name, stack, region));
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  fake.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((ok) => server.close(() => ok()));
  return fake;
}
