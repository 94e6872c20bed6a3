/**
 * The fulfillment stack's outputs, read by `bots deploy` for AWS targets whose bot file names no
 * code-hook Lambda or no Lex role: the CDK app in `infra/` deploys one CloudFormation stack per
 * region, `BotsFulfillment-<region>`, whose outputs carry the Lambda ARNs, the bot's Lex role ARN
 * and the table names (docs/infrastructure.md).
 *
 * The names here are the contract between `infra/` (which writes them) and deploy (which reads them
 * with CloudFormation `DescribeStacks`); no CDK code is imported, so deploy stays light.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html
 * @module
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { Bot } from '../definitions/model.js';
import type { ResolvedTarget } from './types.js';

/** Prefix of the fulfillment stacks' names; the stack of a region is `BotsFulfillment-<region>`. */
export const FULFILLMENT_STACK_PREFIX = 'BotsFulfillment';

/** The fulfillment stack's name in `region`, e.g. `BotsFulfillment-us-east-1`. */
export function fulfillmentStackName(region: string): string {
  return `${FULFILLMENT_STACK_PREFIX}-${region}`;
}

/** The output keys (CloudFormation `OutputKey`) of the fulfillment stack. */
export const STACK_OUTPUT = {
  /** ARN of the Lex V2 code-hook Lambda (what deploy puts on the alias). */
  lexFunctionArn: 'LexCodeHookFunctionArn',
  /** ARN of the Amazon Connect customer-lookup Lambda (for the contact flow's "Invoke AWS Lambda function" block). */
  connectFunctionArn: 'ConnectLookupFunctionArn',
  /** ARN of the IAM role Lex V2 assumes for the bots of the region (what deploy passes to CreateBot). */
  lexRoleArn: 'LexBotRoleArn',
  /** Customers table name. */
  customersTable: 'CustomersTableName',
  /** State table name (sessions, passcode challenges, rate limits, contacts). */
  stateTable: 'StateTableName',
  /** ARN of the Secrets Manager secret holding the passcode hash key. */
  otpHashKeySecretArn: 'OtpHashKeySecretArn',
} as const;

/** One of {@link STACK_OUTPUT}'s values. */
export type StackOutputKey = (typeof STACK_OUTPUT)[keyof typeof STACK_OUTPUT];

/**
 * The export name of an output (`Fn::ImportValue` name): `BotsFulfillment-<region>-<OutputKey>`.
 * Export names are unique per account and region; keeping the region in the name makes them
 * unambiguous in logs too.
 */
export function stackExportName(region: string, key: StackOutputKey): string {
  return `${fulfillmentStackName(region)}-${key}`;
}

/** The outputs of a stack: OutputKey → OutputValue. */
export type StackOutputs = Record<string, string>;

/** DescribeStacks failed for a reason other than "the stack does not exist" (credentials, permissions, network). */
export class StackOutputsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StackOutputsError';
  }
}

/** Stack statuses whose outputs describe resources that exist (CREATE/UPDATE finished, or rolled back to a working state). */
const USABLE = /^(CREATE_COMPLETE|UPDATE_COMPLETE|UPDATE_ROLLBACK_COMPLETE|IMPORT_COMPLETE|IMPORT_ROLLBACK_COMPLETE|UPDATE_COMPLETE_CLEANUP_IN_PROGRESS|UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS)$/;

/**
 * Reads a stack's outputs with one `DescribeStacks` call.
 * @returns the outputs, or undefined when the stack does not exist (CloudFormation answers
 *   `ValidationError: Stack with id <name> does not exist`) or is in a state without usable
 *   outputs (e.g. `ROLLBACK_COMPLETE` after a failed creation, `DELETE_COMPLETE`).
 * @throws StackOutputsError for any other failure, with the stack name and the SDK error's name.
 */
export async function readStackOutputs(client: CloudFormationClient, stackName: string): Promise<{ outputs: StackOutputs; status: string } | undefined> {
  const { DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  try {
    const r = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = r.Stacks?.[0];
    if (!stack || !USABLE.test(stack.StackStatus ?? '')) return undefined;
    const outputs: StackOutputs = {};
    for (const o of stack.Outputs ?? []) if (o.OutputKey && o.OutputValue) outputs[o.OutputKey] = o.OutputValue;
    return { outputs, status: stack.StackStatus! };
  } catch (err) {
    const e = err as { name?: string; message?: string };
    if (e.name === 'ValidationError' && /does not exist/i.test(e.message ?? '')) return undefined;
    throw new StackOutputsError(`could not read the outputs of stack ${stackName} (${e.name ?? 'Error'}: ${e.message ?? String(err)})`, { cause: err });
  }
}

/** True when any intent of any locale of `bot` invokes a code hook (dialog, fulfillment or slot capture). */
export function usesCodeHook(bot: Bot): boolean {
  return bot.locales.some((l) => l.intents.some((i) => i.dialogCodeHook || i.fulfillment?.enabled || i.slots.some((s) => s.codeHook)));
}

/** What {@link resolveFromStack} filled in, for the progress output. */
export interface StackResolution {
  target: ResolvedTarget;
  /** Human-readable notes, e.g. "code-hook Lambda from stack BotsFulfillment-us-east-1". */
  notes: string[];
}

/**
 * Fills the code-hook Lambda ARN and the Lex role ARN of an AWS target from the region's
 * fulfillment stack where the bot file gives none. Values in the bot file always win.
 *
 * @param read - reads the region's stack (cached by the caller: one DescribeStacks per region).
 * @throws Error when the bot uses a code hook, its file names no Lambda, and the stack does not
 *   exist or has no {@link STACK_OUTPUT.lexFunctionArn} output; the message says how to fix it.
 * @throws StackOutputsError when the stack could not be read.
 */
export async function resolveFromStack(bot: Bot, target: ResolvedTarget, read: (stackName: string) => Promise<{ outputs: StackOutputs } | undefined>): Promise<StackResolution> {
  if (target.codeHookLambdaArn && target.roleArn) return { target, notes: [] };
  const stackName = fulfillmentStackName(target.region);
  const stack = await read(stackName);
  const out: ResolvedTarget = { ...target };
  const notes: string[] = [];
  const lambda = stack?.outputs[STACK_OUTPUT.lexFunctionArn];
  const role = stack?.outputs[STACK_OUTPUT.lexRoleArn];
  if (!out.codeHookLambdaArn && lambda) {
    out.codeHookLambdaArn = lambda;
    notes.push(`code-hook Lambda from stack ${stackName} (output ${STACK_OUTPUT.lexFunctionArn})`);
  }
  if (!out.roleArn && role) {
    out.roleArn = role;
    notes.push(`Lex role from stack ${stackName} (output ${STACK_OUTPUT.lexRoleArn})`);
  }
  if (!out.codeHookLambdaArn && usesCodeHook(bot)) {
    const why = stack ? `stack ${stackName} has no output ${STACK_OUTPUT.lexFunctionArn}` : `stack ${stackName} does not exist in ${target.region}`;
    throw new Error(
      `${bot.name} uses code hooks but targets.${target.region}.codeHookLambdaArn in ${bot.file} is empty and ${why}. ` +
        `Deploy the fulfillment stack first (npx cdk deploy ${stackName}; see docs/infrastructure.md) or set targets.${target.region}.codeHookLambdaArn in ${bot.file}.`,
    );
  }
  return { target: out, notes };
}
