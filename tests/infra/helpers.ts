/**
 * Helpers of the infrastructure tests: tiny Lambda assets (so no test waits for esbuild), stacks
 * synthesized in-process, and the IAM statements of a template.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FulfillmentStack, type FulfillmentCode, type FulfillmentStackProps } from '../../infra/fulfillment-stack.js';

/** Two folders with an `index.mjs` exporting `handler`: stand-ins for the esbuild bundles. */
export function testCode(): FulfillmentCode {
  const root = mkdtempSync(join(tmpdir(), 'bots-infra-'));
  const make = (name: string) => {
    const dir = join(root, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.mjs'), `export const handler = async () => ({ name: '${name}' });\n`);
    return dir;
  };
  return { lex: make('lex'), connect: make('connect') };
}

/** The context of cdk.json (feature flags), so the tests synthesize what `npm run synth` does. */
export const CDK_JSON_CONTEXT = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> }).context ?? {};

/** An app with cdk.json's context (plus `context`) that writes its assembly to a temporary folder. */
export function testApp(context: Record<string, unknown> = {}): App {
  return new App({ outdir: mkdtempSync(join(tmpdir(), 'bots-cdk-out-')), context: { ...CDK_JSON_CONTEXT, ...context } });
}

/** A fulfillment stack and its template. */
export function synthStack(props: Partial<FulfillmentStackProps> = {}): { stack: FulfillmentStack; template: Template; json: Record<string, any> } {
  const app = testApp();
  const stack = new FulfillmentStack(app, 'BotsFulfillment-us-east-1', { region: 'us-east-1', code: testCode(), ...props });
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() };
}

/** An IAM statement with the logical id of the policy or role holding it. */
export interface FoundStatement {
  holder: string;
  /** The role the policy is attached to (logical id), for identity policies. */
  role?: string;
  Effect: string;
  Action: string[];
  Resource: unknown[];
  Sid?: string;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every identity-policy statement of the template (AWS::IAM::Policy and inline role policies). */
export function identityStatements(json: Record<string, any>): FoundStatement[] {
  const out: FoundStatement[] = [];
  for (const [id, r] of Object.entries<any>(json.Resources ?? {})) {
    const docs: { doc: any; role?: string }[] = [];
    if (r.Type === 'AWS::IAM::Policy') docs.push({ doc: r.Properties.PolicyDocument, role: r.Properties.Roles?.[0]?.Ref });
    if (r.Type === 'AWS::IAM::Role') for (const p of r.Properties.Policies ?? []) docs.push({ doc: p.PolicyDocument, role: id });
    for (const { doc, role } of docs) {
      for (const s of doc.Statement) out.push({ holder: id, ...(role ? { role } : {}), Effect: s.Effect, Action: list(s.Action), Resource: list(s.Resource), ...(s.Sid ? { Sid: s.Sid } : {}) });
    }
  }
  return out;
}

/** The logical id of the only resource of `type` whose id starts with `prefix`. */
export function logicalId(json: Record<string, any>, type: string, prefix: string): string {
  const ids = Object.entries<any>(json.Resources).filter(([id, r]) => r.Type === type && id.startsWith(prefix)).map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${ids.join(', ') || 'none'}`);
  return ids[0]!;
}
