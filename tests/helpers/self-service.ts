/**
 * The shipped SelfService bot served end to end for a test file: the in-memory emulator, the bot
 * created from the definitions through the real SDK, a version and an alias whose code hook is the
 * project's Lex fulfillment handler on its embedded local backends (dynalite, SMS outbox, FAQ search).
 */
import { CreateBotAliasCommand, CreateBotVersionCommand, waitUntilBotVersionAvailable } from '@aws-sdk/client-lex-models-v2';
import { RecognizeTextCommand, type RecognizeTextCommandOutput } from '@aws-sdk/client-lex-runtime-v2';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalHandlersOptions } from '../../fulfillment/local.js';
import { loadProject } from '../../scripts/definitions/load.js';
import { LOCAL_FULFILLMENT_ARN, startLocalFulfillment, type LocalFulfillment } from '../../scripts/emulator/local-fulfillment.js';
import { createBotFromDefinitions } from './create-bot.js';
import { startTestEmulator, type TestEmulator } from './emulator.js';

const ROOT = join(import.meta.dirname, '..', '..');
export const LOCALES = ['en_US', 'es_US', 'fr_CA'] as const;

export interface SelfService {
  lex: TestEmulator;
  fulfillment: LocalFulfillment;
  botId: string;
  aliasId: string;
  /** A new conversation (its own session id unless given): `say(text)` sends one RecognizeText turn; `said` collects the bot's messages. */
  chat(localeId: string, opts?: { sessionId?: string; sessionAttributes?: Record<string, string>; requestAttributes?: Record<string, string> }): {
    sessionId: string;
    said: string[];
    say(text: string): Promise<RecognizeTextCommandOutput>;
  };
  stop(): Promise<void>;
}

let counter = 0;

/** Starts everything (about 2 s); call `stop()` in afterAll. */
export async function startSelfService(options: LocalHandlersOptions = {}): Promise<SelfService> {
  const fulfillment = await startLocalFulfillment({ dataDir: mkdtempSync(join(tmpdir(), 'selfservice-')), smsConsole: 'off', ...options });
  const lex = await startTestEmulator({ runtime: { codeHooks: fulfillment.codeHooks } });
  const { project } = await loadProject(ROOT);
  const { botId } = await createBotFromDefinitions(lex.models, project, 'SelfService');
  const version = await lex.models.send(
    new CreateBotVersionCommand({ botId, botVersionLocaleSpecification: Object.fromEntries(LOCALES.map((l) => [l, { sourceBotVersion: 'DRAFT' }])) }),
  );
  await waitUntilBotVersionAvailable({ client: lex.models, maxWaitTime: 30, minDelay: 1 }, { botId, botVersion: version.botVersion! });
  const settings = Object.fromEntries(LOCALES.map((l) => [l, { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaARN: LOCAL_FULFILLMENT_ARN, codeHookInterfaceVersion: '1.0' } } }]));
  const aliasId = (await lex.models.send(new CreateBotAliasCommand({ botId, botAliasName: 'live', botVersion: version.botVersion, botAliasLocaleSettings: settings }))).botAliasId!;
  return {
    lex,
    fulfillment,
    botId,
    aliasId,
    chat(localeId, opts = {}) {
      const sessionId = opts.sessionId ?? `ss-${localeId}-${++counter}`;
      const said: string[] = [];
      let first = true;
      return {
        sessionId,
        said,
        async say(text) {
          const sessionState = first && opts.sessionAttributes ? { sessionAttributes: opts.sessionAttributes } : undefined;
          first = false;
          const r = await lex.runtime.send(new RecognizeTextCommand({ botId, botAliasId: aliasId, localeId, sessionId, text, sessionState, requestAttributes: opts.requestAttributes }));
          said.push(...(r.messages ?? []).map((m) => m.content ?? ''));
          return r;
        },
      };
    },
    async stop() {
      await lex.stop();
      await fulfillment.close();
    },
  };
}
