/**
 * The fulfillment stack, synthesized in-process with tiny Lambda assets and checked with
 * aws-cdk-lib/assertions: functions, tables, the secret, IAM (least privilege, no "*" action, "*"
 * resource only where AWS offers nothing narrower), invoke permissions, alarms and outputs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readConnectConfig, readLexConfig } from '../../fulfillment/config.js';
import { TTL_ATTRIBUTE } from '../../fulfillment/stores/tables.js';
import { ALARM_THRESHOLDS } from '../../infra/fulfillment-stack.js';
import { STACK_OUTPUT } from '../../scripts/deploy/stack-outputs.js';
import { identityStatements, logicalId, synthStack } from './helpers.js';

const KB = { id: 'KB12345678', modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0' };
const INSTANCE = '6a3f6bd3-5d4f-4f34-9e3e-0d2a5c3b1e21';

/** Actions AWS authorizes only on "*" (documented in docs/infrastructure.md, IAM summary). */
const STAR_RESOURCE_ALLOWED = new Set(['sns:Publish', 'polly:SynthesizeSpeech', 'comprehend:DetectSentiment']);

const full = synthStack({ knowledgeBase: KB, connectInstanceIds: [INSTANCE], conversationLogGroups: ['/aws/lex/SelfService', '/aws/lex/SelfService'], sentimentAnalysis: true, sms: { originationNumber: '+18005550100' } });
const bare = synthStack();

describe('Lambdas', () => {
  it('runs both bundles on Node.js 22 arm64 with index.handler, timeouts inside the callers\' limits, own log groups', () => {
    for (const [prefix, timeout, memory, reserved] of [
      ['LexCodeHook', 10, 512, 50],
      ['ConnectLookup', 5, 256, 20],
    ] as const) {
      const id = logicalId(full.json, 'AWS::Lambda::Function', prefix);
      const fn = full.json.Resources[id].Properties;
      expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler', Timeout: timeout, MemorySize: memory, ReservedConcurrentExecutions: reserved });
      expect(fn.LoggingConfig).toEqual({ LogGroup: { Ref: logicalId(full.json, 'AWS::Logs::LogGroup', `${prefix}Logs`) } });
      expect(fn.Role).toEqual({ 'Fn::GetAtt': [logicalId(full.json, 'AWS::IAM::Role', `${prefix}Role`), 'Arn'] });
    }
    full.template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 3);
  });

  it('gives each handler the environment its configuration reader needs (names from fulfillment/config.ts)', () => {
    const env = (prefix: string) => full.json.Resources[logicalId(full.json, 'AWS::Lambda::Function', prefix)].Properties.Environment.Variables as Record<string, unknown>;
    const lex = env('LexCodeHook');
    expect(lex).toMatchObject({
      CUSTOMERS_TABLE: { Ref: logicalId(full.json, 'AWS::DynamoDB::Table', 'CustomersTable') },
      STATE_TABLE: { Ref: logicalId(full.json, 'AWS::DynamoDB::Table', 'StateTable') },
      OTP_HASH_KEY_SECRET_ARN: { Ref: logicalId(full.json, 'AWS::SecretsManager::Secret', 'OtpHashKey') },
      KNOWLEDGE_BASE_ID: KB.id,
      KNOWLEDGE_BASE_MODEL_ARN: KB.modelArn,
      SMS_ORIGINATION_NUMBER: '+18005550100',
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '2773',
    });
    expect(lex).not.toHaveProperty('OTP_HASH_KEY');
    // The readers accept the environment once CloudFormation has resolved the references.
    const resolved = (e: Record<string, unknown>) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, typeof v === 'string' ? v : k === 'KNOWLEDGE_BASE_GUARDRAIL_VERSION' ? '1' : `resolved-${k}`]));
    const lexConfig = readLexConfig(resolved(lex));
    expect(lexConfig.knowledgeBase).toEqual({ knowledgeBaseId: KB.id, modelArn: KB.modelArn, guardrail: { id: 'resolved-KNOWLEDGE_BASE_GUARDRAIL_ID', version: '1' } });
    expect(lexConfig.sms.originationNumber).toBe('+18005550100');
    expect(readConnectConfig(resolved(env('ConnectLookup'))).customersTable).toBe('resolved-CUSTOMERS_TABLE');
    expect(env('ConnectLookup')).not.toHaveProperty('OTP_HASH_KEY_SECRET_ARN');
  });

  it('adds the AWS Parameters and Secrets extension (arm64, this region) to the code hook only', () => {
    const lex = full.json.Resources[logicalId(full.json, 'AWS::Lambda::Function', 'LexCodeHook')].Properties;
    expect(lex.Layers).toHaveLength(1);
    expect(lex.Layers[0]).toMatch(/^arn:aws:lambda:us-east-1:\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:\d+$/);
    expect(full.json.Resources[logicalId(full.json, 'AWS::Lambda::Function', 'ConnectLookup')].Properties.Layers).toBeUndefined();
  });

  it('leaves a function unreserved when its reserved concurrency is 0', () => {
    const { template } = synthStack({ reservedConcurrency: { lex: 0, connect: 7 } });
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', Timeout: 10, ReservedConcurrentExecutions: Match.absent() });
    template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 5, ReservedConcurrentExecutions: 7 });
  });
});

describe('DynamoDB tables', () => {
  it('creates both tables on demand with hash key pk, PITR, KMS encryption, deletion protection and no index', () => {
    full.template.resourceCountIs('AWS::DynamoDB::Table', 2);
    full.template.allResourcesProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      // SSEEnabled without a key id: the AWS managed key aws/dynamodb.
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
      GlobalSecondaryIndexes: Match.absent(),
      LocalSecondaryIndexes: Match.absent(),
    });
    full.template.allResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('expires state items on the TTL attribute the stores write; customers never expire', () => {
    const props = (prefix: string) => full.json.Resources[logicalId(full.json, 'AWS::DynamoDB::Table', prefix)].Properties;
    expect(props('StateTable').TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    expect(props('CustomersTable').TimeToLiveSpecification).toBeUndefined();
  });
});

describe('passcode hash key', () => {
  it('is generated by Secrets Manager as 64 hex characters (32 bytes) and never appears in the template', () => {
    full.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludeUppercase: true, ExcludePunctuation: true, IncludeSpace: false, ExcludeCharacters: 'ghijklmnopqrstuvwxyz' },
      SecretString: Match.absent(),
    });
    const text = JSON.stringify(full.json);
    expect(text).not.toMatch(/OTP_HASH_KEY"/);
    expect(text).not.toContain('{{resolve:secretsmanager');
  });
});

describe('IAM', () => {
  const statements = identityStatements(full.json);
  const roleOf = (prefix: string) => logicalId(full.json, 'AWS::IAM::Role', prefix);
  const actionsOf = (role: string) => statements.filter((s) => s.role === role).flatMap((s) => s.Action).sort();

  it('has no "*" action and no service-wide wildcard anywhere', () => {
    for (const s of [...statements, ...identityStatements(bare.json)]) for (const a of s.Action) expect(a, `${s.holder} ${a}`).not.toMatch(/(^\*$|:\*)/);
  });

  it('uses Resource "*" only for actions without resource-level permissions', () => {
    const star = statements.filter((s) => s.Resource.includes('*'));
    expect(star.flatMap((s) => s.Action).sort()).toEqual(['comprehend:DetectSentiment', 'polly:SynthesizeSpeech', 'sns:Publish']);
    for (const s of star) for (const a of s.Action) expect(STAR_RESOURCE_ALLOWED.has(a)).toBe(true);
  });

  it('lets the code hook read customers, write state, read its secret, send SMS, and ask its knowledge base and model only', () => {
    const lexRole = roleOf('LexCodeHookRole');
    expect(actionsOf(lexRole)).toEqual([
      'bedrock:ApplyGuardrail',
      'bedrock:InvokeModel',
      'bedrock:Retrieve',
      'bedrock:RetrieveAndGenerate',
      'dynamodb:GetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'sns:Publish',
    ]);
    const of = (action: string) => statements.filter((s) => s.role === lexRole && s.Action.includes(action)).flatMap((s) => s.Resource);
    const table = (prefix: string) => ({ 'Fn::GetAtt': [logicalId(full.json, 'AWS::DynamoDB::Table', prefix), 'Arn'] });
    expect(of('dynamodb:UpdateItem')).toEqual([table('StateTable')]);
    expect(of('dynamodb:GetItem')).toEqual([table('CustomersTable'), table('StateTable')]);
    expect(of('secretsmanager:GetSecretValue')).toEqual([{ Ref: logicalId(full.json, 'AWS::SecretsManager::Secret', 'OtpHashKey') }]);
    expect(of('bedrock:InvokeModel')).toEqual([KB.modelArn]);
    expect(of('bedrock:RetrieveAndGenerate')).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock:us-east-1:`, { Ref: 'AWS::AccountId' }, `:knowledge-base/${KB.id}`]] }]);
    expect(of('logs:PutLogEvents')).toEqual([{ 'Fn::GetAtt': [logicalId(full.json, 'AWS::Logs::LogGroup', 'LexCodeHookLogs'), 'Arn'] }]);
  });

  it('lets the Connect lookup read customers and put contacts, nothing else', () => {
    expect(actionsOf(roleOf('ConnectLookupRole'))).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'logs:CreateLogStream', 'logs:PutLogEvents']);
  });

  it('grants no Bedrock permission when no knowledge base is configured, and no Comprehend without sentiment analysis', () => {
    const actions = identityStatements(bare.json).flatMap((s) => s.Action);
    expect(actions.filter((a) => a.startsWith('bedrock:') || a.startsWith('comprehend:'))).toEqual([]);
    expect(bare.json.Resources[logicalId(bare.json, 'AWS::Lambda::Function', 'LexCodeHook')].Properties.Environment.Variables).not.toHaveProperty('KNOWLEDGE_BASE_ID');
  });

  it('attaches no managed policy (AWSLambdaBasicExecutionRole\'s logs resource is "*")', () => {
    full.template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });

  it('lets Lex V2 of this account assume the bot role for Polly, sentiment and the conversation log group', () => {
    const role = roleOf('LexBotRole');
    expect(full.json.Resources[role].Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'lexv2.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':lex:us-east-1:', { Ref: 'AWS::AccountId' }, ':bot/*']] } },
        },
      },
    ]);
    expect(actionsOf(role)).toEqual(['comprehend:DetectSentiment', 'logs:CreateLogStream', 'logs:PutLogEvents', 'polly:SynthesizeSpeech']);
    // One log group for the two identical names, kept when the stack goes, with the retention.
    const group = logicalId(full.json, 'AWS::Logs::LogGroup', 'ConversationLogs');
    expect(full.json.Resources[group]).toMatchObject({ Properties: { LogGroupName: '/aws/lex/SelfService', RetentionInDays: 30 }, DeletionPolicy: 'Retain' });
    expect(statements.find((s) => s.role === role && s.Action.includes('logs:PutLogEvents'))!.Resource).toEqual([{ 'Fn::GetAtt': [group, 'Arn'] }]);
  });

  it('lets Lex V2 invoke the code hook for this account\'s bot aliases, and Connect the lookup for the named instance', () => {
    full.template.resourceCountIs('AWS::Lambda::Permission', 2);
    full.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [logicalId(full.json, 'AWS::Lambda::Function', 'LexCodeHook'), 'Arn'] },
      Principal: 'lexv2.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':lex:us-east-1:', { Ref: 'AWS::AccountId' }, ':bot-alias/*']] },
    });
    full.template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [logicalId(full.json, 'AWS::Lambda::Function', 'ConnectLookup'), 'Arn'] },
      Principal: 'connect.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':connect:us-east-1:', { Ref: 'AWS::AccountId' }, `:instance/${INSTANCE}`]] },
    });
    // Without a named instance: any instance of the account in the region.
    bare.template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'connect.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':connect:us-east-1:', { Ref: 'AWS::AccountId' }, ':instance/*']] },
    });
  });
});

describe('alarms', () => {
  it('alarms on errors, throttles and p99 duration of each function, and on failed SMS deliveries', () => {
    full.template.resourceCountIs('AWS::CloudWatch::Alarm', 7);
    for (const prefix of ['LexCodeHook', 'ConnectLookup']) {
      const fn = { Name: 'FunctionName', Value: { Ref: logicalId(full.json, 'AWS::Lambda::Function', prefix) } };
      full.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/Lambda', MetricName: 'Errors', Statistic: 'Sum', Period: 300, Threshold: ALARM_THRESHOLDS.errors, Dimensions: [fn] });
      full.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/Lambda', MetricName: 'Throttles', Statistic: 'Sum', Threshold: ALARM_THRESHOLDS.throttles, Dimensions: [fn] });
      full.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Duration',
        ExtendedStatistic: 'p99',
        Threshold: prefix === 'LexCodeHook' ? ALARM_THRESHOLDS.lexP99Ms : ALARM_THRESHOLDS.connectP99Ms,
        Dimensions: [fn],
      });
    }
    full.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SNS',
      MetricName: 'NumberOfNotificationsFailed',
      Dimensions: [{ Name: 'PhoneNumber', Value: 'PhoneNumber' }],
      Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    full.template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.absent(), TreatMissingData: 'notBreaching' });
  });

  it('notifies the alarm topic when one is given', () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:ops-alarms';
    synthStack({ alarmTopicArn: topic }).template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [topic] });
  });
});

describe('outputs', () => {
  it('exports the ARNs and names bots deploy and operators read, under stable export names', () => {
    const outputs = full.json.Outputs as Record<string, { Value: unknown; Export: { Name: string } }>;
    expect(Object.keys(outputs).sort()).toEqual(Object.values(STACK_OUTPUT).sort());
    for (const [key, o] of Object.entries(outputs)) expect(o.Export.Name).toBe(`BotsFulfillment-us-east-1-${key}`);
    expect(outputs.LexCodeHookFunctionArn!.Value).toEqual({ 'Fn::GetAtt': [logicalId(full.json, 'AWS::Lambda::Function', 'LexCodeHook'), 'Arn'] });
    expect(outputs.ConnectLookupFunctionArn!.Value).toEqual({ 'Fn::GetAtt': [logicalId(full.json, 'AWS::Lambda::Function', 'ConnectLookup'), 'Arn'] });
    expect(outputs.LexBotRoleArn!.Value).toEqual({ 'Fn::GetAtt': [logicalId(full.json, 'AWS::IAM::Role', 'LexBotRole'), 'Arn'] });
    expect(outputs.StateTableName!.Value).toEqual({ Ref: logicalId(full.json, 'AWS::DynamoDB::Table', 'StateTable') });
  });

  it('keeps the stack in its region with the account left to deploy time', () => {
    expect(full.stack.region).toBe('us-east-1');
    expect(full.stack.account).toMatch(/^\$\{Token/);
  });
});

describe('docs', () => {
  it('docs/infrastructure.md names every output and every "*"-resource action', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'infrastructure.md'), 'utf8');
    for (const key of Object.values(STACK_OUTPUT)) expect(doc).toContain(key);
    for (const action of STAR_RESOURCE_ALLOWED) expect(doc).toContain(action);
  });
});
