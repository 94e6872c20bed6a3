/**
 * The embedded local backends, for the emulator, tests and benchmarks: no AWS account needed.
 *
 * - DynamoDB: dynalite (a DynamoDB implementation on LevelDB) started in this process on
 *   127.0.0.1 with an ephemeral port, in memory, with both tables created and the sample customers
 *   of `fulfillment/data/customers.json` seeded. The stores are the same code as on AWS.
 * - SMS: an outbox file (JSON Lines) plus a console notice.
 * - Knowledge base: MiniSearch over `fulfillment/knowledge-base/<locale>/*.md`.
 * - OTP hash key: generated once into `<dataDir>/otp-hash.key` (mode 0600) and reused; the data
 *   folder gets a `.gitignore` of `*` so neither the key nor the outbox is ever committed.
 *
 * Not part of any Lambda bundle.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import * as z from 'zod';
import { LocalKnowledgeBase, type KnowledgeTextAnalyzer } from './clients/kb-local.js';
import { OutboxSmsSender, type OutboxConsole } from './clients/sms-outbox.js';
import { createLogger } from './config.js';
import { createConnectHandler, type ConnectHandler } from './connect/handler.js';
import { createLexHandler, type LexHandler } from './lex/handler.js';
import { ACCOUNT_TYPES, LOCALES } from './messages/types.js';
import type { OtpPolicy } from './security/verification.js';
import type { CallbackPolicy } from './security/callback-number.js';
import { DynamoCustomerStore, DynamoStateStore } from './stores/dynamodb.js';
import { ensureTable, seedCustomers } from './stores/tables.js';
import type { Customer } from './stores/types.js';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The shipped sample customers. */
export const SAMPLE_CUSTOMERS_FILE = join(HERE, 'data', 'customers.json');
/** The shipped FAQ documents (`<locale>/*.md`). */
export const KNOWLEDGE_BASE_DIR = join(HERE, 'knowledge-base');

const customerSchema = z.strictObject({
  customerId: z.string().min(1),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164'),
  preferredLocale: z.enum(LOCALES),
  vip: z.boolean(),
  accounts: z.array(
    z.strictObject({
      type: z.enum(ACCOUNT_TYPES),
      number: z.string().regex(/^\d{6,17}$/),
      balanceCents: z.number().int(),
      currency: z.string().length(3),
    }),
  ),
});

/** Reads and validates a customers file (the shape of `fulfillment/data/customers.json`). */
export async function loadCustomers(file = SAMPLE_CUSTOMERS_FILE): Promise<Customer[]> {
  return z.array(customerSchema).parse(JSON.parse(await readFile(file, 'utf8')));
}

export interface LocalHandlersOptions {
  /**
   * Folder for local state: the SMS outbox and the OTP hash key. Created if missing.
   * Default: `.bots/local` under the current working directory.
   */
  dataDir?: string;
  /** The SMS outbox file. Default: `<dataDir>/sms-outbox.jsonl`. */
  outboxFile?: string;
  /** Console output per text message: `notice` (default; masked number, no code), `full` (whole text), `off`. */
  smsConsole?: OutboxConsole;
  /** Customers to seed. Default: the sample customers of `fulfillment/data/customers.json`. */
  customers?: Customer[];
  /** FAQ folder (`<locale>/*.md`). Default: `fulfillment/knowledge-base`. */
  knowledgeBaseDir?: string;
  /**
   * How the FAQ and the questions are cut into terms. Default: the knowledge base's plain terms;
   * the emulator passes the NLU's stems and synonyms (`scripts/emulator/local-fulfillment.ts`).
   */
  knowledgeBaseAnalyzer?: KnowledgeTextAnalyzer;
  /** Clock for both handlers (epoch ms). Default Date.now. */
  now?: () => number;
  /** Logger for both handlers. Default: Powertools loggers `selfservice-lex` / `selfservice-connect`. */
  logger?: Logger;
  /** Log level of the default loggers (default: POWERTOOLS_LOG_LEVEL, else INFO). */
  logLevel?: LogLevel;
  /** Passcode policy overrides (tests). */
  policy?: Partial<OtpPolicy>;
  /** Callback policy overrides (tests): countries, number types, limits. */
  callbackPolicy?: Partial<CallbackPolicy>;
  /** Whole-turn deadline of the Lex handler, ms (default 6000). */
  deadlineMs?: number;
}

export interface LocalHandlers {
  /** The Lex V2 code hook: Lex V2 event in, Lex V2 response out (same contract as the Lambda). Never rejects. */
  lex: LexHandler;
  /** The Connect customer lookup: Connect event in, flat string map out (same contract as the Lambda). Never rejects. */
  connect: ConnectHandler;
  /** The SMS outbox: file path, messages sent by this process, the last code sent to a number. */
  outbox: OutboxSmsSender;
  /** The embedded DynamoDB (for inspection in tests; the handlers need nothing from it). */
  dynamodb: { client: DynamoDBClient; endpoint: string; customersTable: string; stateTable: string };
  /** Stops dynalite and releases the client. Idempotent. In-memory state is lost. */
  close(): Promise<void>;
}

/** Reads the OTP hash key from `<dataDir>/otp-hash.key`, creating a random 32-byte key the first time. */
async function localHashKey(dataDir: string): Promise<Buffer> {
  const file = join(dataDir, 'otp-hash.key');
  try {
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
  if (key.length < 32) throw new Error(`${file}: expected 32+ bytes of hex; delete it to regenerate`);
  return key;
}

/**
 * Starts the embedded local backends and returns ready handlers.
 *
 * Contract (for the emulator): call once per process (each call starts its own dynalite on an
 * ephemeral port, ~100 ms); call `lex(event)` for every Lex V2 code-hook invocation with the event
 * exactly as Lex would send it (`sessionId`, `bot.localeId`, `sessionState.intent`, `inputTranscript`,
 * `invocationSource`, `inputMode`, `requestAttributes`, `sessionState.sessionAttributes`), then
 * apply the returned `sessionState` like Lex does (session attributes replace the session's, the
 * dialog action decides the next step). Call `connect(event)` with a Connect flow event before the
 * first Lex turn of a voice contact to simulate the lookup (use the contact id as the Lex session id,
 * or pass it in the `contactId` session attribute). Read codes from `outbox.lastCodeTo(e164)` or the
 * outbox file. Call `close()` on shutdown.
 *
 * @throws if the data folder cannot be created, the customers file is invalid, or dynalite cannot bind 127.0.0.1
 */
export async function createLocalHandlers(options: LocalHandlersOptions = {}): Promise<LocalHandlers> {
  const dataDir = resolve(options.dataDir ?? join(process.cwd(), '.bots', 'local'));
  await mkdir(dataDir, { recursive: true });
  // The folder holds a secret (the local hash key) and texts with codes: keep it out of git.
  await writeFile(join(dataDir, '.gitignore'), '*\n', { flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  const [customers, hashKey, knowledgeBase] = await Promise.all([
    options.customers ? Promise.resolve(options.customers) : loadCustomers(),
    localHashKey(dataDir),
    LocalKnowledgeBase.fromDirectory(options.knowledgeBaseDir ?? KNOWLEDGE_BASE_DIR, options.knowledgeBaseAnalyzer ? { analyzer: options.knowledgeBaseAnalyzer } : {}),
  ]);

  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 5000, throwOnRequestTimeout: true },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    client.destroy();
    await new Promise<void>((ok) => server.close(() => ok()));
  };

  try {
    const customersTable = 'selfservice-customers';
    const stateTable = 'selfservice-state';
    await Promise.all([ensureTable(client, customersTable), ensureTable(client, stateTable)]);
    await seedCustomers(client, customersTable, customers);

    const customerStore = new DynamoCustomerStore(client, customersTable);
    const state = new DynamoStateStore(client, stateTable);
    const outbox = new OutboxSmsSender(resolve(options.outboxFile ?? join(dataDir, 'sms-outbox.jsonl')), options.smsConsole ?? 'notice', options.now);
    const now = options.now ?? Date.now;

    const lex = createLexHandler({
      customers: customerStore,
      state,
      sms: outbox,
      knowledgeBase,
      otpHashKey: hashKey,
      logger: options.logger ?? createLogger('selfservice-lex', options.logLevel),
      now,
      ...(options.deadlineMs ? { deadlineMs: options.deadlineMs } : {}),
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.callbackPolicy ? { callbackPolicy: options.callbackPolicy } : {}),
    });
    const connect = createConnectHandler({ customers: customerStore, state, logger: options.logger ?? createLogger('selfservice-connect', options.logLevel), now });
    return { lex, connect, outbox, dynamodb: { client, endpoint, customersTable, stateTable }, close };
  } catch (e) {
    await close();
    throw e;
  }
}
