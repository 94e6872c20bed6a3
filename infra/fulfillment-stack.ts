/**
 * The fulfillment stack of one region: what the bots of that region rely on before `bots deploy`
 * runs — the Lex V2 code-hook Lambda and the Amazon Connect customer-lookup Lambda (the esbuild
 * bundles of `fulfillment/`), their DynamoDB tables, the passcode hash key in Secrets Manager, the
 * bot's Lex role, invoke permissions for Lex and Connect, CloudWatch alarms, and the outputs
 * `bots deploy` reads (scripts/deploy/stack-outputs.ts). docs/infrastructure.md has the IAM summary
 * and what each resource costs at rest.
 *
 * The account stays unresolved (`env: { region }` only), so `cdk synth` works with no AWS account;
 * `cdk deploy` fills it from the credentials in use.
 *
 * @see https://docs.aws.amazon.com/cdk/v2/guide/environments.html
 * @module
 */
import { ArnFormat, Aws, CfnOutput, Duration, RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lex from 'aws-cdk-lib/aws-lex';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { TTL_ATTRIBUTE } from '../fulfillment/stores/tables.js';
import { KnowledgeBaseGuardrail } from './guardrail.js';
import { fulfillmentStackName, STACK_OUTPUT, stackExportName, type StackOutputKey } from '../scripts/deploy/stack-outputs.js';
import { CONNECT_RUNTIME_ACTIONS, connectStatementId } from '../scripts/deploy/state.js';

/**
 * The Lambda code of both functions: paths for `lambda.Code.fromAsset` — the zips of
 * `npm run build:lambdas` (`dist/lambdas/lex.zip`, `connect.zip`), or any folder or zip with an
 * `index.mjs` exporting `handler` (tests use tiny ones). Paths, not `Code` objects: an asset
 * belongs to one stack, and every region has its own.
 */
export interface FulfillmentCode {
  lex: string;
  connect: string;
}

/** Settings of one region's stack; the app derives them from the bots' `targets.<region>`. */
export interface FulfillmentStackProps extends Omit<StackProps, 'env'> {
  /** The AWS region, e.g. `us-east-1`; the stack's `env` is `{ region }` with the account unresolved. */
  region: string;
  code: FulfillmentCode;
  /**
   * Bedrock knowledge base for AskQuestion (from `targets.<region>.knowledgeBase`): the code hook may
   * call `bedrock:Retrieve`/`RetrieveAndGenerate` on this knowledge base and `bedrock:InvokeModel` on
   * this model only. Without it, questions are handed to an agent and no Bedrock permission exists.
   */
  knowledgeBase?: { id: string; modelArn: string; localeFilterKey?: string };
  /** Amazon Connect instance ids (from `targets.<region>.connectInstanceId`) allowed to invoke the lookup; none: any instance of the account in the region. */
  connectInstanceIds?: string[];
  /**
   * Bot alias ARNs (from a `bots deploy`, context `connectAliasArns`) whose runtime only the
   * Connect instances of `connectInstanceIds` may use: an `AWS::Lex::ResourcePolicy` per alias with
   * one statement per instance, principal `connect.amazonaws.com`, `AWS:SourceAccount` and
   * `AWS:SourceArn` — the same statements `bots deploy` writes (same ids, so deploy then finds
   * them and writes nothing). https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lex-resourcepolicy.html
   */
  connectAliasArns?: string[];
  /** Conversation log groups the bots write to (from `targets.<region>.conversationLogGroup`): created here with a retention, writable by the Lex role. */
  conversationLogGroups?: string[];
  /** Any bot of the region has sentiment analysis on: the Lex role gets `comprehend:DetectSentiment`. */
  sentimentAnalysis?: boolean;
  /** SNS SMS origination number / sender id (env SMS_ORIGINATION_NUMBER, SMS_SENDER_ID). */
  sms?: { originationNumber?: string; senderId?: string };
  /**
   * Reserved concurrency (concurrent executions). Default lex 50, connect 20: the caller path never
   * starves when another function of the account spikes, and a runaway loop cannot exhaust the
   * account. `0` leaves the function unreserved (new accounts with a concurrency quota of 10 must:
   * Lambda keeps 10 unreserved; https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html).
   */
  reservedConcurrency?: { lex?: number; connect?: number };
  /** Retention of the Lambda and conversation log groups (default one month). */
  logRetention?: logs.RetentionDays;
  /** SNS topic ARN notified when an alarm fires (default: alarms without actions). */
  alarmTopicArn?: string;
}

/** Alarm thresholds; p99 duration thresholds sit at 75 % of each handler's own deadline (HANDLER_DEADLINE_MS). */
export const ALARM_THRESHOLDS = {
  /** Errors per 5 minutes (the handlers never throw by design: any error is a bug or a crash). */
  errors: 1,
  /** Throttles per 5 minutes. */
  throttles: 1,
  /** p99 duration of the Lex code hook, ms (deadline 6000 ms; Lex waits up to 30 s). */
  lexP99Ms: 4500,
  /** p99 duration of the Connect lookup, ms (deadline 3000 ms; Connect waits up to 8 s). */
  connectP99Ms: 2250,
  /** Failed SMS deliveries per 5 minutes. */
  smsFailures: 1,
} as const;

/**
 * One region's fulfillment resources.
 * @example
 * new FulfillmentStack(app, 'BotsFulfillment-us-east-1', {
 *   region: 'us-east-1',
 *   code: { lex: 'dist/lambdas/lex.zip', connect: 'dist/lambdas/connect.zip' },
 * });
 */
export class FulfillmentStack extends Stack {
  readonly lexFunction: lambda.Function;
  readonly connectFunction: lambda.Function;
  readonly customersTable: dynamodb.Table;
  readonly stateTable: dynamodb.Table;
  readonly otpHashKey: secretsmanager.Secret;
  readonly lexRole: iam.Role;
  /** The knowledge base's Bedrock guardrail; only when the region has a knowledge base. */
  readonly knowledgeBaseGuardrail?: KnowledgeBaseGuardrail;
  /** ARN of the customer-managed KMS key of the conversation log groups (undefined without conversation logs). */
  readonly conversationLogsKeyArn: string | undefined;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: FulfillmentStackProps) {
    const { region, code, ...rest } = props;
    super(scope, id, {
      description: `Fulfillment for the Lex V2 bots in ${region}: code-hook and Connect lookup Lambdas, tables, passcode key, Lex role, alarms (docs/infrastructure.md)`,
      ...rest,
      env: { region },
    });
    Tags.of(this).add('bots:stack', fulfillmentStackName(region));
    const retention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;

    // Tables: hash key `pk` only (fulfillment/stores/tables.ts); the code reads single items, so no index.
    const tableProps = {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // AWS managed key (aws/dynamodb): key use shows in CloudTrail; no monthly key fee.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.customersTable = new dynamodb.Table(this, 'CustomersTable', tableProps);
    // Sessions, passcode challenges, send rate limits, Connect contacts; `ttl` (epoch seconds) cleans them up.
    this.stateTable = new dynamodb.Table(this, 'StateTable', { ...tableProps, timeToLiveAttribute: TTL_ATTRIBUTE });

    // The passcode hash key: 64 hex characters (32 bytes, what parseHashKey in fulfillment/security/otp-code.ts accepts).
    this.otpHashKey = new secretsmanager.Secret(this, 'OtpHashKey', {
      description: 'HMAC key of the one-time passcode hashes (OTP_HASH_KEY of the Lex code hook); rotating it invalidates passcodes in flight only',
      generateSecretString: { passwordLength: 64, excludeUppercase: true, excludePunctuation: true, includeSpace: false, excludeCharacters: 'ghijklmnopqrstuvwxyz' },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const common = {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
    };
    const reserved = (n: number | undefined, dflt: number) => ((n ?? dflt) > 0 ? { reservedConcurrentExecutions: n ?? dflt } : {});

    // Lex V2 code hook.
    const lexLogs = new logs.LogGroup(this, 'LexCodeHookLogs', { retention, removalPolicy: RemovalPolicy.DESTROY });
    const lexRole = this.functionRole('LexCodeHookRole', lexLogs);
    this.lexFunction = new lambda.Function(this, 'LexCodeHook', {
      ...common,
      description: 'Lex V2 code hook: account balance, passcode verification by SMS, knowledge-base answers, agent transfer',
      code: lambda.Code.fromAsset(code.lex),
      role: lexRole,
      logGroup: lexLogs,
      memorySize: 512,
      // The handler answers within HANDLER_DEADLINE_MS (6 s); Lex waits up to 30 s.
      timeout: Duration.seconds(10),
      ...reserved(props.reservedConcurrency?.lex, 50),
      // AWS Parameters and Secrets Lambda Extension (an AWS-published layer; the ARN per region and
      // architecture comes with aws-cdk-lib): serves the secret on localhost:2773 with the role's credentials.
      paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103, {
        cacheEnabled: true,
        secretsManagerTimeout: Duration.seconds(2),
      }),
      environment: {
        CUSTOMERS_TABLE: this.customersTable.tableName,
        STATE_TABLE: this.stateTable.tableName,
        // The key is read at the first invocation through the Parameters and Secrets extension
        // (fulfillment/config.ts resolveSecretEnv): never in the template nor the function's configuration.
        OTP_HASH_KEY_SECRET_ARN: this.otpHashKey.secretArn,
        POWERTOOLS_SERVICE_NAME: 'selfservice-lex',
        ...(props.knowledgeBase
          ? {
              KNOWLEDGE_BASE_ID: props.knowledgeBase.id,
              KNOWLEDGE_BASE_MODEL_ARN: props.knowledgeBase.modelArn,
              ...(props.knowledgeBase.localeFilterKey ? { KNOWLEDGE_BASE_LOCALE_KEY: props.knowledgeBase.localeFilterKey } : {}),
            }
          : {}),
        ...(props.sms?.originationNumber ? { SMS_ORIGINATION_NUMBER: props.sms.originationNumber } : {}),
        ...(props.sms?.senderId ? { SMS_SENDER_ID: props.sms.senderId } : {}),
      },
    });

    // Amazon Connect customer lookup.
    const connectLogs = new logs.LogGroup(this, 'ConnectLookupLogs', { retention, removalPolicy: RemovalPolicy.DESTROY });
    const connectRole = this.functionRole('ConnectLookupRole', connectLogs);
    this.connectFunction = new lambda.Function(this, 'ConnectLookup', {
      ...common,
      description: 'Amazon Connect customer lookup by caller number, before the bot speaks',
      code: lambda.Code.fromAsset(code.connect),
      role: connectRole,
      logGroup: connectLogs,
      memorySize: 256,
      // The handler answers within 3 s; Connect waits up to 8 s.
      timeout: Duration.seconds(5),
      ...reserved(props.reservedConcurrency?.connect, 20),
      environment: {
        CUSTOMERS_TABLE: this.customersTable.tableName,
        STATE_TABLE: this.stateTable.tableName,
        POWERTOOLS_SERVICE_NAME: 'selfservice-connect',
      },
    });

    // Least privilege: exactly the calls fulfillment/stores/dynamodb.ts makes.
    this.customersTable.grant(lexRole, 'dynamodb:GetItem');
    this.stateTable.grant(lexRole, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem');
    // Read on the passcode key secret only (GetSecretValue, DescribeSecret on its ARN).
    this.otpHashKey.grantRead(lexRole);
    this.customersTable.grant(connectRole, 'dynamodb:GetItem');
    this.stateTable.grant(connectRole, 'dynamodb:PutItem');
    // SNS Publish to a phone number has no resource ARN to scope to (no topic): Resource must be "*".
    // https://docs.aws.amazon.com/sns/latest/dg/sns-using-identity-based-policies.html
    lexRole.addToPolicy(new iam.PolicyStatement({ sid: 'SendPasscodeSms', actions: ['sns:Publish'], resources: ['*'] }));
    if (props.knowledgeBase) {
      const kbArn = this.formatArn({ service: 'bedrock', resource: 'knowledge-base', resourceName: props.knowledgeBase.id, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
      lexRole.addToPolicy(new iam.PolicyStatement({ sid: 'AskKnowledgeBase', actions: ['bedrock:RetrieveAndGenerate', 'bedrock:Retrieve'], resources: [kbArn] }));
      lexRole.addToPolicy(new iam.PolicyStatement({ sid: 'GenerateAnswer', actions: ['bedrock:InvokeModel'], resources: [props.knowledgeBase.modelArn] }));

      // The knowledge base's guardrail (infra/guardrail.ts): every RetrieveAndGenerate request carries it.
      this.knowledgeBaseGuardrail = new KnowledgeBaseGuardrail(this, 'KnowledgeBaseGuardrail', { name: `${fulfillmentStackName(region)}-kb`.slice(0, 50) });
      this.lexFunction.addEnvironment('KNOWLEDGE_BASE_GUARDRAIL_ID', this.knowledgeBaseGuardrail.guardrailId);
      this.lexFunction.addEnvironment('KNOWLEDGE_BASE_GUARDRAIL_VERSION', this.knowledgeBaseGuardrail.guardrailVersion);
      lexRole.addToPolicy(new iam.PolicyStatement({ sid: 'ApplyGuardrail', actions: ['bedrock:ApplyGuardrail'], resources: [this.knowledgeBaseGuardrail.guardrailArn] }));
    }

    // Who may invoke: Lex V2 for the account's bot aliases in this region; Connect for the named instances.
    this.lexFunction.addPermission('LexV2Invoke', {
      principal: new iam.ServicePrincipal('lexv2.amazonaws.com'),
      sourceAccount: Aws.ACCOUNT_ID,
      sourceArn: this.formatArn({ service: 'lex', resource: 'bot-alias', resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME }),
    });
    const instances = props.connectInstanceIds?.length ? props.connectInstanceIds : ['*'];
    instances.forEach((instanceId, i) =>
      this.connectFunction.addPermission(`ConnectInvoke${i}`, {
        principal: new iam.ServicePrincipal('connect.amazonaws.com'),
        sourceAccount: Aws.ACCOUNT_ID,
        sourceArn: this.formatArn({ service: 'connect', resource: 'instance', resourceName: instanceId, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }),
      }),
    );

    // The bot aliases' runtime: only the region's Connect instances (the session must be the contact's).
    const aliasInstances = props.connectInstanceIds ?? [];
    if (props.connectAliasArns?.length && !aliasInstances.length) throw new Error('connectAliasArns needs the Connect instance ids (targets.<region>.connectInstanceId) the aliases are for.');
    props.connectAliasArns?.forEach((aliasArn, i) => {
      new lex.CfnResourcePolicy(this, `ConnectAliasPolicy${i}`, {
        resourceArn: aliasArn,
        policy: {
          Version: '2012-10-17',
          Statement: aliasInstances.map((instanceId) => ({
            Sid: connectStatementId(instanceId),
            Effect: 'Allow',
            Principal: { Service: ['connect.amazonaws.com'] },
            Action: [...CONNECT_RUNTIME_ACTIONS],
            Resource: aliasArn,
            Condition: {
              StringEquals: { 'AWS:SourceAccount': Aws.ACCOUNT_ID },
              ArnEquals: { 'AWS:SourceArn': this.formatArn({ service: 'connect', resource: 'instance', resourceName: instanceId, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }) },
            },
          })),
        },
      });
    });

    // The bots' Lex role (CreateBot roleArn): Polly for speech, optional conversation logs and sentiment.
    // https://docs.aws.amazon.com/lexv2/latest/dg/create-bot-iam-role.html (custom role instead of the service-linked one).
    this.lexRole = new iam.Role(this, 'LexBotRole', {
      description: 'Assumed by Amazon Lex V2 for the bots of this region: speech synthesis, conversation logs, sentiment',
      assumedBy: new iam.ServicePrincipal('lexv2.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'lex', resource: 'bot', resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME }) },
      }),
    });
    // polly:SynthesizeSpeech without a lexicon has no resource to scope to; Lex's own role policy uses "*".
    this.lexRole.addToPolicy(new iam.PolicyStatement({ sid: 'SynthesizeSpeech', actions: ['polly:SynthesizeSpeech'], resources: ['*'] }));
    if (props.sentimentAnalysis) {
      // Amazon Comprehend DetectSentiment supports no resource-level permissions.
      this.lexRole.addToPolicy(new iam.PolicyStatement({ sid: 'DetectSentiment', actions: ['comprehend:DetectSentiment'], resources: ['*'] }));
    }
    const conversationLogs = [...new Set(props.conversationLogGroups ?? [])];
    const conversationLogsKey = conversationLogs.length ? this.conversationLogsKey(region) : undefined;
    this.conversationLogsKeyArn = conversationLogsKey?.keyArn;
    conversationLogs.forEach((name, i) => {
      // Transcripts hold what callers said and what the bot answered (balances, first names): a
      // customer-managed key, and kept no longer than the Lambda logs.
      const group = new logs.LogGroup(this, `ConversationLogs${i}`, { logGroupName: name, retention, encryptionKey: conversationLogsKey, removalPolicy: RemovalPolicy.RETAIN });
      this.lexRole.addToPolicy(new iam.PolicyStatement({ sid: `ConversationLogs${i}`, actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [group.logGroupArn] }));
    });

    // Alarms.
    const topic = props.alarmTopicArn ? sns.Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn) : undefined;
    const period = Duration.minutes(5);
    const alarm = (id: string, description: string, metric: cloudwatch.IMetric, threshold: number) => {
      const a = new cloudwatch.Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      if (topic) a.addAlarmAction(new cwActions.SnsAction(topic));
      this.alarms.push(a);
      return a;
    };
    for (const [name, fn, p99] of [
      ['LexCodeHook', this.lexFunction, ALARM_THRESHOLDS.lexP99Ms],
      ['ConnectLookup', this.connectFunction, ALARM_THRESHOLDS.connectP99Ms],
    ] as const) {
      alarm(`${name}Errors`, `${name}: invocation errors (the handler never throws by design)`, fn.metricErrors({ period, statistic: 'Sum' }), ALARM_THRESHOLDS.errors);
      alarm(`${name}Throttles`, `${name}: throttled invocations (reserved concurrency reached)`, fn.metricThrottles({ period, statistic: 'Sum' }), ALARM_THRESHOLDS.throttles);
      alarm(`${name}DurationP99`, `${name}: p99 duration above ${p99} ms (75 % of the handler deadline)`, fn.metricDuration({ period, statistic: 'p99' }), p99);
    }
    // SMS sent with Publish to a phone number are counted under the PhoneNumber dimension.
    // https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html
    alarm(
      'SmsDeliveryFailures',
      'SMS passcodes that SNS failed to deliver (account-wide for direct-to-phone publishes in this region)',
      new cloudwatch.Metric({ namespace: 'AWS/SNS', metricName: 'NumberOfNotificationsFailed', dimensionsMap: { PhoneNumber: 'PhoneNumber' }, period, statistic: 'Sum' }),
      ALARM_THRESHOLDS.smsFailures,
    );

    // Outputs read by `bots deploy` (scripts/deploy/stack-outputs.ts), with stable export names.
    const output = (key: StackOutputKey, value: string, description: string) =>
      new CfnOutput(this, key, { key, value, description, exportName: stackExportName(region, key) });
    output(STACK_OUTPUT.lexFunctionArn, this.lexFunction.functionArn, 'Lex V2 code-hook Lambda ARN (bots deploy puts it on the alias)');
    output(STACK_OUTPUT.connectFunctionArn, this.connectFunction.functionArn, 'Amazon Connect customer-lookup Lambda ARN (contact flow "Invoke AWS Lambda function")');
    output(STACK_OUTPUT.lexRoleArn, this.lexRole.roleArn, 'IAM role Lex V2 assumes for the bots (bots deploy passes it to CreateBot)');
    output(STACK_OUTPUT.customersTable, this.customersTable.tableName, 'Customers table');
    output(STACK_OUTPUT.stateTable, this.stateTable.tableName, 'State table (sessions, passcodes, rate limits, contacts)');
    output(STACK_OUTPUT.otpHashKeySecretArn, this.otpHashKey.secretArn, 'Secrets Manager secret holding the passcode hash key');
  }

  /**
   * The customer-managed key of the conversation log groups (rotated yearly): CloudWatch Logs of
   * this region may use it only for log groups of this account and region (encryption context).
   * Who may read the logs is then also who may kms:Decrypt with this key.
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
   * @see https://docs.aws.amazon.com/lexv2/latest/dg/conversation-logs-text.html
   */
  private conversationLogsKey(region: string): kms.Key {
    const key = new kms.Key(this, 'ConversationLogsKey', {
      description: `Encrypts the Lex V2 conversation logs in ${region} (transcripts and bot messages)`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsUse',
        principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${region}:${Aws.ACCOUNT_ID}:log-group:*` } },
      }),
    );
    return key;
  }

  /** A function's execution role: only writing its own log group (no AWSLambdaBasicExecutionRole, whose resource is "*"). */
  private functionRole(id: string, logGroup: logs.LogGroup): iam.Role {
    const role = new iam.Role(this, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
    return role;
  }
}

