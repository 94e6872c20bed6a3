/**
 * Starts the local Lex V2 emulator for a test file and builds real SDK clients pointed at it.
 *
 * @example
 * const lex = useEmulator();
 * it('lists bots', async () => { await lex.models.send(new ListBotsCommand({})); });
 */
import { LexModelsV2Client, type LexModelsV2ClientConfig } from '@aws-sdk/client-lex-models-v2';
import { LexRuntimeV2Client, type LexRuntimeV2ClientConfig } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../scripts/emulator/server.js';

/** The region every test client signs for. */
export const REGION = 'us-east-1';

/** Dummy credentials: the emulator accepts any signature. */
export const CREDENTIALS = { accessKeyId: 'AKIAEMULATOR00000000', secretAccessKey: 'emulator-secret' } as const;

/** A role ARN that passes CreateBot's pattern. */
export const ROLE_ARN = 'arn:aws:iam::000000000000:role/LexBotRole';

/** A Lex Models V2 client for `endpoint`. */
export function modelsClient(endpoint: string, config: Partial<LexModelsV2ClientConfig> = {}): LexModelsV2Client {
  return new LexModelsV2Client({ endpoint, region: REGION, credentials: CREDENTIALS, ...config });
}

/** A Lex Runtime V2 client for `endpoint`. */
export function runtimeClient(endpoint: string, config: Partial<LexRuntimeV2ClientConfig> = {}): LexRuntimeV2Client {
  return new LexRuntimeV2Client({ endpoint, region: REGION, credentials: CREDENTIALS, ...config });
}

/** An emulator and clients for it. */
export interface TestEmulator {
  emulator: Emulator;
  models: LexModelsV2Client;
  runtime: LexRuntimeV2Client;
  /** Stops the clients and the emulator. */
  stop(): Promise<void>;
}

/** Starts an emulator (in memory unless `opts.dataDir` says otherwise) and clients for it. */
export async function startTestEmulator(opts: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ dataDir: null, ...opts });
  const models = modelsClient(emulator.endpoint);
  const runtime = runtimeClient(emulator.endpoint);
  return {
    emulator,
    models,
    runtime,
    stop: async () => {
      models.destroy();
      runtime.destroy();
      await emulator.close();
    },
  };
}

/**
 * One in-memory emulator for the current test file: started in `beforeAll`, stopped in
 * `afterAll`. Read the members inside tests (they exist once `beforeAll` ran).
 */
export function useEmulator(opts: EmulatorOptions = {}): TestEmulator {
  let current: TestEmulator | undefined;
  beforeAll(async () => {
    current = await startTestEmulator(opts);
  });
  afterAll(async () => {
    await current?.stop();
  });
  const get = () => {
    if (!current) throw new Error('useEmulator: the emulator starts in beforeAll; use it inside tests or hooks.');
    return current;
  };
  return {
    get emulator() {
      return get().emulator;
    },
    get models() {
      return get().models;
    },
    get runtime() {
      return get().runtime;
    },
    stop: () => get().stop(),
  };
}
