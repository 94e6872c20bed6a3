/**
 * Resource-based policies on bots and aliases: CreateResourcePolicy, DescribeResourcePolicy,
 * UpdateResourcePolicy, DeleteResourcePolicy, CreateResourcePolicyStatement,
 * DeleteResourcePolicyStatement. Every change increments `revisionId`; a request with an
 * `expectedRevisionId` that is not the current one fails with PreconditionFailedException.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateResourcePolicyStatement.html
 * @module
 */
import type {
  CreateResourcePolicyResponse,
  CreateResourcePolicyStatementResponse,
  DeleteResourcePolicyResponse,
  DeleteResourcePolicyStatementResponse,
  DescribeResourcePolicyResponse,
  Principal,
  UpdateResourcePolicyResponse,
} from '@aws-sdk/client-lex-models-v2';
import type { EmulatorRequest, Route } from '../contracts.js';
import { conflict, constraint, notFound, preconditionFailed, validation } from '../errors.js';
import { param, reply, route, type ModelsContext } from './context.js';
import { bodyOf, checkLength, optArr, optObj, reqStr } from './input.js';
import type { PolicyRecord } from './types.js';

/** An IAM policy statement as it appears in the policy JSON. */
interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

interface PolicyDocument {
  Version?: string;
  Statement: Statement[];
}

/** Parses a policy string; ValidationException when it is not a policy document. */
function parsePolicy(text: string): PolicyDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw validation('The policy is not valid JSON.');
  }
  const statements = (doc as { Statement?: unknown } | null)?.Statement;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || statements === undefined) {
    throw validation('The policy must be a JSON object with a Statement.');
  }
  const list = Array.isArray(statements) ? statements : [statements];
  if (!list.every((s) => typeof s === 'object' && s !== null)) throw validation('Every policy statement must be a JSON object.');
  return { ...(doc as object), Statement: list as Statement[] };
}

/** The revision that follows `revisionId`. */
const nextRevision = (revisionId: string | undefined) => String((Number(revisionId) || 0) + 1);

/** The resource policy operations. */
export function policyRoutes(ctx: ModelsContext): Route[] {
  const { store } = ctx;
  const arnOf = (req: EmulatorRequest) => {
    const arn = param(req, 'resourceArn');
    store.resourceOfArn(arn);
    return arn;
  };
  const existing = (arn: string): PolicyRecord => {
    const p = store.state.policies[arn];
    if (!p) throw notFound(`There is no resource policy for ${arn}.`);
    return p;
  };
  const checkRevision = (req: EmulatorRequest, p: PolicyRecord | undefined) => {
    const expected = req.query.get('expectedRevisionId');
    if (expected !== null && expected !== p?.revisionId) {
      throw preconditionFailed(`The expected revision ${expected} does not match the current revision ${p?.revisionId ?? '(no policy)'}.`);
    }
  };
  const save = (arn: string, doc: PolicyDocument | string, previous: PolicyRecord | undefined): PolicyRecord => {
    const p = { policy: typeof doc === 'string' ? doc : JSON.stringify(doc), revisionId: nextRevision(previous?.revisionId) };
    store.state.policies[arn] = p;
    store.touch();
    return p;
  };

  return [
    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateResourcePolicy.html
    route('POST', '/policy/{resourceArn}', 'CreateResourcePolicy', (req) => {
      const arn = arnOf(req);
      const policy = reqStr(bodyOf(req), 'policy');
      parsePolicy(policy);
      if (store.state.policies[arn]) throw preconditionFailed(`${arn} already has a resource policy; use UpdateResourcePolicy.`);
      const p = save(arn, policy, undefined);
      const out: CreateResourcePolicyResponse = { resourceArn: arn, revisionId: p.revisionId };
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DescribeResourcePolicy.html
    route('GET', '/policy/{resourceArn}', 'DescribeResourcePolicy', (req) => {
      const arn = arnOf(req);
      const p = existing(arn);
      const out: DescribeResourcePolicyResponse = { resourceArn: arn, policy: p.policy, revisionId: p.revisionId };
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UpdateResourcePolicy.html
    route('PUT', '/policy/{resourceArn}', 'UpdateResourcePolicy', (req) => {
      const arn = arnOf(req);
      const policy = reqStr(bodyOf(req), 'policy');
      parsePolicy(policy);
      const old = existing(arn);
      checkRevision(req, old);
      const p = save(arn, policy, old);
      const out: UpdateResourcePolicyResponse = { resourceArn: arn, revisionId: p.revisionId };
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DeleteResourcePolicy.html
    route('DELETE', '/policy/{resourceArn}', 'DeleteResourcePolicy', (req) => {
      const arn = arnOf(req);
      const old = existing(arn);
      checkRevision(req, old);
      delete store.state.policies[arn];
      store.touch();
      // Lex's model says 204, which cannot carry the body it documents; 200 keeps revisionId visible.
      const out: DeleteResourcePolicyResponse = { resourceArn: arn, revisionId: nextRevision(old.revisionId) };
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateResourcePolicyStatement.html
    route('POST', '/policy/{resourceArn}/statements', 'CreateResourcePolicyStatement', (req) => {
      const arn = arnOf(req);
      const b = bodyOf(req);
      const statementId = reqStr(b, 'statementId');
      checkLength('statementId', statementId, 1, 200);
      if (!/^[0-9A-Za-z_-]+$/.test(statementId)) throw constraint('statementId', statementId, 'Member must satisfy regular expression pattern: ^[0-9A-Za-z_-]+$');
      const effect = reqStr(b, 'effect');
      if (effect !== 'Allow' && effect !== 'Deny') throw constraint('effect', effect, 'Member must satisfy enum value set: [Allow, Deny]');
      const principals = optArr<Principal>(b, 'principal');
      if (!principals?.length) throw constraint('principal', null, 'Member must not be null');
      const actions = optArr<string>(b, 'action');
      if (!actions?.length) throw constraint('action', null, 'Member must not be null');
      const condition = optObj<Record<string, Record<string, string>>>(b, 'condition');
      const services = principals.map((p) => p.service).filter((s): s is string => typeof s === 'string');
      const arns = principals.map((p) => p.arn).filter((s): s is string => typeof s === 'string');
      if (services.length) {
        // Lex requires both confused-deputy conditions for a service principal.
        const keys = new Set(Object.values(condition ?? {}).flatMap((block) => Object.keys(block ?? {}).map((k) => k.toLowerCase())));
        if (!keys.has('aws:sourceaccount') || !keys.has('aws:sourcearn')) {
          throw validation('A statement with a service principal must have conditions on both AWS:SourceAccount and AWS:SourceArn.');
        }
      }
      const old = store.state.policies[arn];
      checkRevision(req, old);
      const doc = old ? parsePolicy(old.policy) : { Version: '2012-10-17', Statement: [] };
      if (doc.Statement.some((s) => s.Sid === statementId)) throw conflict(`The policy of ${arn} already has a statement with ID ${statementId}.`);
      const statement: Statement = {
        Sid: statementId,
        Effect: effect,
        Principal: { ...(services.length ? { Service: services } : {}), ...(arns.length ? { AWS: arns } : {}) },
        Action: actions,
        Resource: arn,
      };
      if (condition) statement.Condition = condition;
      doc.Statement.push(statement);
      const p = save(arn, doc, old);
      const out: CreateResourcePolicyStatementResponse = { resourceArn: arn, revisionId: p.revisionId };
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DeleteResourcePolicyStatement.html
    route('DELETE', '/policy/{resourceArn}/statements/{statementId}', 'DeleteResourcePolicyStatement', (req) => {
      const arn = arnOf(req);
      const statementId = param(req, 'statementId');
      const old = existing(arn);
      checkRevision(req, old);
      const doc = parsePolicy(old.policy);
      const kept = doc.Statement.filter((s) => s.Sid !== statementId);
      if (kept.length === doc.Statement.length) throw notFound(`The policy of ${arn} has no statement with ID ${statementId}.`);
      const p = save(arn, { ...doc, Statement: kept }, old);
      const out: DeleteResourcePolicyStatementResponse = { resourceArn: arn, revisionId: p.revisionId };
      return reply(200, out);
    }),
  ];
}
