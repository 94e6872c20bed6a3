/**
 * Fault injection and persistence of the emulator, through the SDK: throttles the SDK retries
 * through, server errors, latency, failing builds; two emulators on one data folder.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BuildBotLocaleCommand,
  CreateBotCommand,
  CreateBotLocaleCommand,
  CreateBotVersionCommand,
  CreateIntentCommand,
  DescribeBotCommand,
  DescribeBotLocaleCommand,
  ListBotsCommand,
  ListUtteranceAnalyticsDataCommand,
  ResourceNotFoundException,
  waitUntilBotLocaleBuilt,
} from '@aws-sdk/client-lex-models-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { FaultController, parseFaults } from '../../scripts/emulator/faults.js';
import { createBotFromDefinitions } from '../helpers/create-bot.js';
import { ROLE_ARN, startTestEmulator, useEmulator, type TestEmulator } from '../helpers/emulator.js';

const lex = useEmulator();
const ROOT = new URL('../..', import.meta.url).pathname;
const WAIT = { minDelay: 0.02, maxDelay: 0.2, maxWaitTime: 10 };
const botInput = (botName: string) => ({ botName, roleArn: ROLE_ARN, dataPrivacy: { childDirected: false }, idleSessionTTLInSeconds: 300 });

afterEach(() => lex.emulator.faults.reset());

describe('fault injection', () => {
  it('throttles the next N calls; the SDK retries and succeeds', async () => {
    lex.emulator.faults.throttle('CreateBot', 2, { retryAfterSeconds: 0 });
    const out = await lex.models.send(new CreateBotCommand(botInput('Retried')));
    expect(out.botName).toBe('Retried');
    expect(out.$metadata.attempts).toBe(3);
    expect(lex.emulator.faults.injected).toEqual([
      { operation: 'CreateBot', kind: 'throttle' },
      { operation: 'CreateBot', kind: 'throttle' },
    ]);
    // Only one bot was created: throttled calls never reach the handler.
    const list = await lex.models.send(new ListBotsCommand({ filters: [{ name: 'BotName', operator: 'EQ', values: ['Retried'] }] }));
    expect(list.botSummaries).toHaveLength(1);
  });

  it('answers 500s for any operation with *, which the SDK retries', async () => {
    lex.emulator.faults.serverError('*', 1);
    const out = await lex.models.send(new ListBotsCommand({}));
    expect(out.$metadata.attempts).toBe(2);
  });

  it('adds latency to an operation', async () => {
    lex.emulator.faults.latency('ListBots', 150);
    const started = Date.now();
    await lex.models.send(new ListBotsCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    lex.emulator.faults.latency('ListBots', 0);
    const again = Date.now();
    await lex.models.send(new ListBotsCommand({}));
    expect(Date.now() - again).toBeLessThan(140);
  });

  it('starts with faults from the options, as `bots local serve --fault` does', async () => {
    const faulty = await startTestEmulator({ faults: parseFaults('fail-build,retry-after:0,throttle:DescribeBot:1') });
    try {
      const botId = (await faulty.models.send(new CreateBotCommand(botInput('Faulty')))).botId!;
      expect((await faulty.models.send(new DescribeBotCommand({ botId }))).$metadata.attempts).toBe(2);
      const path = { botId, botVersion: 'DRAFT', localeId: 'en_US' };
      await faulty.models.send(new CreateBotLocaleCommand({ ...path, nluIntentConfidenceThreshold: 0.4 }));
      await faulty.models.send(new CreateIntentCommand({ ...path, intentName: 'Hi', sampleUtterances: [{ utterance: 'hi' }] }));
      await faulty.models.send(new BuildBotLocaleCommand(path));
      await expect(waitUntilBotLocaleBuilt({ client: faulty.models, ...WAIT }, path)).rejects.toThrow();
      expect((await faulty.models.send(new DescribeBotLocaleCommand(path))).failureReasons?.[0]).toMatch(/Injected fault/);
    } finally {
      await faulty.stop();
    }
  });

  it('parses fault rules and rejects malformed ones', () => {
    expect(parseFaults(['throttle:CreateBot:2,latency:*:100', 'error:ListBots', 'fail-build:3', 'retry-after:0'])).toEqual({
      throttle: { CreateBot: 2 },
      latencyMs: { '*': 100 },
      serverError: { ListBots: 1 },
      failBuilds: 3,
      retryAfterSeconds: 0,
    });
    expect(() => parseFaults('explode:*')).toThrow(/Unknown fault/);
    expect(() => parseFaults('throttle')).toThrow(/operation name/);
    expect(() => parseFaults('latency:*:soon')).toThrow(/whole number/);
    const c = new FaultController({ throttle: { '*': 1, ListBots: 1 } });
    expect(c.take('ListBots').error?.type).toBe('ThrottlingException');
    expect(c.take('ListBots').error?.type).toBe('ThrottlingException');
    expect(c.take('ListBots').error).toBeUndefined();
  });
});

describe('persistence', () => {
  const started: TestEmulator[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((e) => e.stop()));
  });
  const open = async (dataDir: string, opts: { buildDelayMs?: number } = {}) => {
    const e = await startTestEmulator({ dataDir, ...opts });
    started.push(e);
    return e;
  };

  it('keeps bots, builds and versions across emulator restarts on the same data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lex-emulator-'));
    const { project } = await loadProject(ROOT);
    const first = await open(dir);
    const created = await createBotFromDefinitions(first.models, project, 'SelfService', { locales: ['en_US'] });
    await first.models.send(new CreateBotVersionCommand({ botId: created.botId, botVersionLocaleSpecification: { en_US: { sourceBotVersion: 'DRAFT' } } }));
    await first.stop();
    started.length = 0;

    const second = await open(dir);
    const bot = await second.models.send(new DescribeBotCommand({ botId: created.botId }));
    expect(bot.botName).toBe('SelfService');
    expect((await second.models.send(new DescribeBotLocaleCommand({ botId: created.botId, botVersion: 'DRAFT', localeId: 'en_US' }))).botLocaleStatus).toBe('Built');
    expect(second.emulator.store.getBuiltLocale(created.botId, '1', 'en_US')?.intents).toHaveLength(8);
    expect(JSON.parse(readFileSync(join(dir, 'models.json'), 'utf8')).format).toBe(1);
  });

  it('shares one data folder between two running emulators (a deploy in one, a chat in another)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lex-emulator-'));
    const a = await open(dir);
    const b = await open(dir);
    const botId = (await a.models.send(new CreateBotCommand(botInput('Shared')))).botId!;
    expect((await b.models.send(new DescribeBotCommand({ botId }))).botName).toBe('Shared');
    expect(b.emulator.store.resolveAlias(botId, 'TSTALIASID')?.botVersion).toBe('DRAFT');

    b.emulator.store.recordUtterance({
      botId,
      botAliasId: 'TSTALIASID',
      botVersion: 'DRAFT',
      localeId: 'en_US',
      sessionId: 's1',
      utterance: 'hello there',
      timestamp: Date.now(),
      utteranceUnderstood: true,
      mode: 'Text',
      botResponses: [],
    });
    const seen = await a.models.send(new ListUtteranceAnalyticsDataCommand({ botId, startDateTime: new Date(Date.now() - 60_000), endDateTime: new Date(Date.now() + 60_000) }));
    expect(seen.utterances?.map((u) => u.utterance)).toEqual(['hello there']);
  });

  it('finishes a build in another process after the one that started it stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lex-emulator-'));
    const a = await open(dir, { buildDelayMs: 100 });
    const botId = (await a.models.send(new CreateBotCommand(botInput('Handover')))).botId!;
    const path = { botId, botVersion: 'DRAFT', localeId: 'en_US' };
    await a.models.send(new CreateBotLocaleCommand({ ...path, nluIntentConfidenceThreshold: 0.4 }));
    await a.models.send(new CreateIntentCommand({ ...path, intentName: 'Hi', sampleUtterances: [{ utterance: 'hi' }] }));
    await a.models.send(new BuildBotLocaleCommand(path));
    await a.stop();
    started.length = 0;
    const b = await open(dir);
    await waitUntilBotLocaleBuilt({ client: b.models, ...WAIT }, path);
    expect(b.emulator.store.getBuiltLocale(botId, 'DRAFT', 'en_US')?.intents.map((i) => i.intentName).sort()).toEqual(['FallbackIntent', 'Hi']);
  });

  it('refuses a data folder whose models.json is not emulator state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lex-emulator-'));
    writeFileSync(join(dir, 'models.json'), '{"hello": 1}');
    await expect(startTestEmulator({ dataDir: dir })).rejects.toThrow(/not an emulator state file/);
  });

  it('keeps nothing when in memory', async () => {
    const a = await startTestEmulator();
    started.push(a);
    const botId = (await a.models.send(new CreateBotCommand(botInput('Ephemeral')))).botId!;
    const b = await startTestEmulator();
    started.push(b);
    await expect(b.models.send(new DescribeBotCommand({ botId }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(a.emulator.store.dataDir).toBeNull();
  });
});
