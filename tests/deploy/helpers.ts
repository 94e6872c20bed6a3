/**
 * Helpers of the deploy tests: deploys through the real SDK clients into an in-memory emulator,
 * with fast retries and waiters, and generated projects of any size.
 */
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { generateSuite } from '../../bench/generate-suite.js';
import type { CallInfo } from '../../scripts/deploy/clients.js';
import { deploy, type BotResult, type DeployOptions, type DeployResult } from '../../scripts/deploy/index.js';
import { MemoryProgress } from '../../scripts/deploy/progress.js';
import { LOCAL_LAMBDA_ARN } from '../../scripts/deploy/targets.js';
import type { EmulatorOptions } from '../../scripts/emulator/server.js';
import { CREDENTIALS, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

/** The repository root (the shipped SelfService bot). */
export const ROOT = join(import.meta.dirname, '..', '..');

/** Attempts per call in the tests (an injected fault must fire this many times to fail a call). */
export const ATTEMPTS = 3;

/** A code hook that lets Lex go on (Delegate), for conversations through an alias with a Lambda. */
export const delegateHook = async (event: unknown) => {
  const e = event as { sessionState: { intent?: unknown } };
  return { sessionState: { dialogAction: { type: 'Delegate' }, intent: e.sessionState.intent } };
};

/** An in-memory emulator whose runtime answers every code-hook ARN with {@link delegateHook}. */
export function startDeployEmulator(opts: EmulatorOptions = {}): Promise<TestEmulator> {
  return startTestEmulator({ buildDelayMs: 5, runtime: { codeHooks: () => delegateHook }, ...opts });
}

/** A deploy result with the progress lines and the write calls in order. */
export interface TestDeploy {
  result: DeployResult;
  /** The first bot's result. */
  bot: BotResult;
  progress: MemoryProgress;
  writes: string[];
}

/** Fast retries and waiters for the emulator. */
export const FAST: Partial<DeployOptions> = {
  retry: { maxAttempts: ATTEMPTS, baseDelayMs: 1, throttleBaseDelayMs: 1, maxDelayMs: 20 },
  waiter: { minDelay: 0.01, maxDelay: 0.05, maxWaitTime: 30 },
  lease: { pollMs: 20 },
};

/**
 * Deploys `root` to the local target served by `emu`.
 * @throws Error listing the validation errors when the project does not validate (unless `allowInvalid`).
 */
export async function deployLocal(emu: TestEmulator, root: string, opts: Partial<DeployOptions> = {}, { allowInvalid = false } = {}): Promise<TestDeploy> {
  const progress = new MemoryProgress();
  const writes: string[] = [];
  const onCall = (c: CallInfo & { target: string }) => {
    if (c.kind === 'write') writes.push(c.operation);
    opts.onCall?.(c);
  };
  const result = await deploy({ root, local: { endpoint: emu.emulator.endpoint }, progress, ...FAST, ...opts, onCall });
  if (result.validation && !allowInvalid) {
    const errors = result.validation.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.message}`);
    throw new Error(`The test project does not validate:\n${errors.join('\n')}`);
  }
  const bot = result.targets[0]?.bots[0] as BotResult;
  return { result, bot, progress, writes };
}

/** Deploys `root` to AWS regions, every service pointed at `endpoints`. */
export async function deployAws(root: string, opts: Partial<DeployOptions> & Pick<DeployOptions, 'endpoints'>): Promise<TestDeploy> {
  const progress = new MemoryProgress();
  const writes: string[] = [];
  const result = await deploy({
    root,
    target: { kind: 'aws', allRegions: true },
    credentials: CREDENTIALS,
    progress,
    ...FAST,
    ...opts,
    onCall: (c) => {
      if (c.kind === 'write') writes.push(`${c.target}:${c.operation}`);
      opts.onCall?.(c);
    },
  });
  return { result, bot: result.targets[0]?.bots[0] as BotResult, progress, writes };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'bots-deploy-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `files` (objects as YAML) under `root`. */
export function writeFiles(root: string, files: Record<string, string | object | null>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    if (content === null) {
      rmSync(path, { force: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === 'string' ? content : stringify(content));
  }
}

/** Reads a YAML file of a project. */
export function readYaml<T = Record<string, unknown>>(root: string, rel: string): T {
  return parse(readFileSync(join(root, rel), 'utf8')) as T;
}

/** A copy of the shipped project (bots, intents, slot types, SSML) in a temporary folder. */
export function copyShipped(): string {
  const root = tempDir();
  for (const dir of ['bots', 'intents', 'slot-types', 'ssml']) cpSync(join(ROOT, dir), join(root, dir), { recursive: true });
  return root;
}

/**
 * A generated project: bot `BenchBot` with `intents` intents per locale (16 utterances each, 3
 * spelling variants, closings from SSML files), as `npm run bench:deploy` uses.
 */
export async function generatedProject(intents: number, locales: string[] = ['en_US']): Promise<string> {
  const root = tempDir();
  await generateSuite(root, { locales, intents, utterances: 16, ssmlPrompts: 10 * locales.length });
  return root;
}

/** Adds a sample utterance to an intent (a change the plan must find). */
export function changeUtterances(root: string, locale: string, intent: string, extra: string): void {
  const rel = `intents/${locale}/${intent}.yaml`;
  const doc = readYaml<{ sampleUtterances: string[] }>(root, rel);
  doc.sampleUtterances = [...doc.sampleUtterances, extra];
  writeFiles(root, { [rel]: doc });
}

/**
 * A small project exercising every resource kind: 1 locale, a slot type, an intent with 2 slots,
 * one without. The bot is `Demo` unless `botName` says otherwise.
 */
export function smallProject(botName = 'Demo'): string {
  const root = tempDir();
  writeFiles(root, SMALL_FILES);
  if (botName !== 'Demo') writeFiles(root, { 'bots/Demo.yaml': null, [`bots/${botName}.yaml`]: { ...(SMALL_FILES['bots/Demo.yaml'] as object), name: botName } });
  return root;
}

export const BALANCE = [
  "what's my balance", 'whats my balance', 'check my balance', 'check my balence', 'how much money do I have',
  'how much money do i hav', 'tell me my account balance', 'tell me my a count balance', 'balance please',
  'I need my current balance', 'what do I have in {Account}', 'how much is left in {Account}', 'show me the balance on my card',
  'is there money in my account', 'account balance',
];

export const GOODBYE = [
  'goodbye', 'good bye', 'bye now', 'bye nw', "that's all", 'thats all', 'thank you that is everything', 'thank you that is everythin',
  'I am done', 'no more questions', 'have a nice day', 'talk to you later', 'see you', 'nothing else', 'we are finished here',
];

/** The files of {@link smallProject}. */
export const SMALL_FILES: Record<string, object | string> = {
  'bots/Demo.yaml': {
    name: 'Demo',
    description: 'Deploy test bot',
    locales: { en_US: { voice: { id: 'Danielle', engine: 'neural' }, intents: ['Balance', 'Goodbye'] } },
    targets: { 'us-east-1': { alias: 'live', conversationLogGroup: '/aws/lex/Demo', sentimentAnalysis: true } },
    tags: { team: 'test' },
  },
  'intents/en_US/Balance.yaml': {
    name: 'Balance',
    sampleUtterances: BALANCE,
    slots: [
      { name: 'Account', type: 'AccountKind', prompt: 'Which account?' },
      { name: 'Pin', type: 'AMAZON.Number', required: false, obfuscate: true },
    ],
    dialogCodeHook: true,
    fulfillment: { enabled: true, success: 'Here is your {Account} balance.' },
    closing: 'Anything else?',
  },
  'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: GOODBYE, closing: { ssml: 'goodbye' } },
  'slot-types/en_US/AccountKind.yaml': { name: 'AccountKind', resolution: 'TopResolution', values: [{ value: 'checking', synonyms: ['chequing'] }, 'savings'] },
  'ssml/en_US/goodbye.ssml': '<speak>Thanks for calling. Goodbye!</speak>\n',
};

export { LOCAL_LAMBDA_ARN };
