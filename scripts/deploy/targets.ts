/**
 * Deploy targets: the local emulator (default) or AWS regions from each bot's `targets`.
 * @module
 */
import type { Bot } from '../definitions/model.js';
import type { ResolvedTarget } from './types.js';

/** The region the local target's resources live in (the emulator scopes them by signing region). */
export const LOCAL_REGION = 'us-east-1';

/** The bot role of the local target (the emulator checks only the ARN's shape). */
export const LOCAL_ROLE_ARN = 'arn:aws:iam::000000000000:role/bots-local-lex';

/**
 * The code-hook Lambda of the local target when a bot's targets name none. The `bots` CLI maps it
 * (like every code-hook ARN) to the in-process fulfillment handler.
 */
export const LOCAL_LAMBDA_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:bots-local-fulfillment';

/**
 * The Amazon Connect instance of the local target: the emulator keeps the flows a local deploy
 * writes under this id. There is no local Connect administration, so queues, hours of operation
 * and prompts resolve to ARNs under it by name (`.../queue/VIP`).
 */
export const LOCAL_CONNECT_INSTANCE_ID = '00000000-0000-4000-8000-00000000b075';

/**
 * The Connect customer-lookup Lambda of the local target (`flows/instance.yaml` lambdas with
 * `function: connect`); the local simulator maps it to the in-process handler.
 */
export const LOCAL_CONNECT_LAMBDA_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:bots-local-connect-lookup';

/** Default alias name. */
export const DEFAULT_ALIAS = 'live';

/**
 * The local target of a bot: the settings of its first target (alias name, log group, sentiment,
 * knowledge base), the first code-hook Lambda any target names (else {@link LOCAL_LAMBDA_ARN}),
 * no Connect instance (there is no local Connect), the local role.
 */
export function localTarget(bot: Bot): ResolvedTarget {
  const first = bot.targets[0];
  const lambda = bot.targets.find((t) => t.codeHookLambdaArn)?.codeHookLambdaArn ?? LOCAL_LAMBDA_ARN;
  const target: ResolvedTarget = {
    name: 'local',
    kind: 'local',
    region: LOCAL_REGION,
    alias: first?.alias ?? DEFAULT_ALIAS,
    codeHookLambdaArn: lambda,
    roleArn: LOCAL_ROLE_ARN,
    at: first?.at ?? bot.at,
  };
  if (first?.conversationLogGroup) target.conversationLogGroup = first.conversationLogGroup;
  if (first?.sentimentAnalysis !== undefined) target.sentimentAnalysis = first.sentimentAnalysis;
  if (first?.knowledgeBase) target.knowledgeBase = first.knowledgeBase;
  return target;
}

/** The AWS target of `bot` in `region`, or undefined when its file has none. */
export function awsTarget(bot: Bot, region: string): ResolvedTarget | undefined {
  const t = bot.targets.find((x) => x.region === region);
  return t ? { ...t, name: region, kind: 'aws' } : undefined;
}

/** Every region any of `bots` has a target in, in file order. */
export function allRegions(bots: readonly Bot[]): string[] {
  return [...new Set(bots.flatMap((b) => b.targets.map((t) => t.region)))];
}

/** AWS region names: `us-east-1`, `ca-central-1`, `us-gov-west-1`, `cn-north-1`, ... */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;
