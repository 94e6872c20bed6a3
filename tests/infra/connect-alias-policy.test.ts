/**
 * The alias resource policy of the CDK stack (issue 14 point 5): only the region's Connect
 * instances may use the bot aliases' runtime, with both confused-deputy conditions, and the
 * statements are the ones `bots deploy` writes (so a deploy after the stack writes nothing).
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { connectStatement } from '../../scripts/deploy/state.js';
import { logicalId, synthStack, testApp, testCode } from './helpers.js';

const INSTANCE = '6a3f6bd3-5d4f-4f34-9e3e-0d2a5c3b1e21';
const ALIAS = 'arn:aws:lex:us-east-1:111122223333:bot-alias/BOTID12345/ALIASID123';

describe('alias resource policy for Amazon Connect', () => {
  it('allows only connect.amazonaws.com from the named instance of this account, for RecognizeText and StartConversation', () => {
    const { json } = synthStack({ connectInstanceIds: [INSTANCE], connectAliasArns: [ALIAS] });
    const policy = json.Resources[logicalId(json, 'AWS::Lex::ResourcePolicy', 'ConnectAliasPolicy0')].Properties;
    expect(policy.ResourceArn).toBe(ALIAS);
    expect(policy.Policy.Statement).toEqual([
      {
        Sid: `bots-connect-${INSTANCE}`,
        Effect: 'Allow',
        Principal: { Service: ['connect.amazonaws.com'] },
        Action: ['lex:RecognizeText', 'lex:StartConversation'],
        Resource: ALIAS,
        Condition: {
          StringEquals: { 'AWS:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnEquals: { 'AWS:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':connect:us-east-1:', { Ref: 'AWS::AccountId' }, `:instance/${INSTANCE}`]] } },
        },
      },
    ]);
    // The same statement bots deploy writes (scripts/deploy/state.ts), with the account filled in.
    const wanted = connectStatement('aws', 'us-east-1', '111122223333', INSTANCE);
    expect(policy.Policy.Statement[0].Sid).toBe(wanted.statementId);
    expect(policy.Policy.Statement[0].Action).toEqual(wanted.action);
    expect(Object.keys(policy.Policy.Statement[0].Condition).sort()).toEqual(Object.keys(wanted.condition).sort());
  });

  it('writes no policy without alias ARNs, and refuses aliases without a Connect instance', () => {
    const { template } = synthStack({ connectInstanceIds: [INSTANCE] });
    template.resourceCountIs('AWS::Lex::ResourcePolicy', 0);
    expect(() => synthStack({ connectAliasArns: [ALIAS] })).toThrow(/needs the Connect instance ids/);
  });

  it('the app reads -c connectAliasArns and refuses what is not an alias ARN, or an alias of a region without a Connect instance', async () => {
    await expect(buildApp({ app: testApp({ connectAliasArns: 'live' }), code: testCode() })).rejects.toThrow(/connectAliasArns: "live" is not a bot alias ARN/);
    // The shipped targets name no Connect instance yet.
    await expect(buildApp({ app: testApp({ connectAliasArns: ALIAS }), code: testCode() })).rejects.toThrow(/needs the Connect instance ids/);
  });
});
