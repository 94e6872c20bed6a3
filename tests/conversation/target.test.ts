/**
 * Opening a target: the clear errors (bot not deployed, alias missing, unknown bot or locale), and a
 * running emulator used through its endpoint with the outbox file of its data folder. The "AWS"
 * target is the emulator behind an endpoint override, so nothing reaches AWS.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateTarget } from '../../scripts/conversation/eval.js';
import { LexSession } from '../../scripts/conversation/session.js';
import { runTests } from '../../scripts/conversation/test-run.js';
import { startLocalFulfillment, type LocalFulfillment } from '../../scripts/emulator/local-fulfillment.js';
import { LexTargetError, openLexTarget } from '../../scripts/conversation/target.js';
import { CREDENTIALS, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { ROOT } from './helpers.js';

let lex: TestEmulator;
let fulfillment: LocalFulfillment;
beforeAll(async () => {
  // Like `bots local serve`: the fulfillment Lambdas as the code hooks.
  fulfillment = await startLocalFulfillment({ dataDir: mkdtempSync(join(tmpdir(), 'target-fulfillment-')), smsConsole: 'off', logLevel: 'ERROR' });
  lex = await startTestEmulator({ runtime: { codeHooks: fulfillment.codeHooks } });
});
afterAll(async () => {
  await lex?.stop();
  await fulfillment?.close();
});

describe('openLexTarget', () => {
  it('says to run bots deploy when the bot is not deployed in the region', async () => {
    const err = await openLexTarget({ root: ROOT, bot: 'SelfService', region: 'us-east-1', endpoint: lex.emulator.endpoint, credentials: CREDENTIALS }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LexTargetError);
    expect((err as Error).message).toBe('Bot SelfService is not deployed in us-east-1. Run bots deploy --region us-east-1.');
  });

  it('says how to sign in when there are no AWS credentials', async () => {
    const none = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    };
    const err = await openLexTarget({ root: ROOT, bot: 'SelfService', region: 'ca-central-1', profile: 'prod', endpoint: lex.emulator.endpoint, credentials: none }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('No AWS credentials for ca-central-1 (profile prod): Could not load credentials from any providers. Sign in (aws sso login, or set AWS_PROFILE / AWS_ACCESS_KEY_ID), or pass --profile.');
  });

  it('says the same for the local emulator when deploy is off', async () => {
    const err = await openLexTarget({ root: ROOT, bot: 'SelfService', local: { endpoint: lex.emulator.endpoint, dataDir: null }, deploy: false }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^Bot SelfService is not deployed in the local emulator\. Run bots deploy/);
  });

  it('rejects an unknown bot, locale or region name before calling anything', async () => {
    await expect(openLexTarget({ root: ROOT, bot: 'Nope' })).rejects.toThrow('No bot named Nope in');
    await expect(openLexTarget({ root: ROOT, bot: 'SelfService', localeId: 'de_DE' })).rejects.toThrow('Bot SelfService has no locale de_DE. Its locales: en_US, es_US, fr_CA.');
    await expect(openLexTarget({ root: ROOT, bot: 'SelfService', region: 'moon-1' })).rejects.toThrow('"moon-1" is not an AWS region name.');
  });

  it('deploys into a running emulator, then finds its alias, and names the aliases when one is missing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'target-'));
    const t = await openLexTarget({ root: ROOT, bot: 'SelfService', localeId: 'fr_CA', local: { endpoint: lex.emulator.endpoint, dataDir } });
    try {
      expect(t).toMatchObject({ kind: 'local', region: 'us-east-1', botAliasName: 'live', localeId: 'fr_CA', endpoint: lex.emulator.endpoint });
      expect(t.connectLookup).toBeUndefined();
      // A running emulator's texts are read from the outbox file of its data folder.
      writeFileSync(join(dataDir, 'sms-outbox.jsonl'), `${JSON.stringify({ timestamp: 'x', to: '+15145550123', body: 'Votre code est 123456.' })}\n{torn`);
      expect(t.lastCodeTo!('+15145550123')).toBe('123456');
      expect(t.outbox!()).toHaveLength(1);
      const turn = await new LexSession(t).say('Quelles sont vos heures?');
      expect(turn.interpretations[0]?.intent).toBe('BusinessHours');
      // `bots eval --test-file --target local`: the alias classifies held-out utterances.
      const predictions = await evaluateTarget(t, [
        { text: 'Vous fermez à quelle heure?', label: 'BusinessHours' },
        { text: 'je veux parler à un agent', label: 'TalkToAgent' },
        { text: 'quelle est la météo à Paris', label: 'BusinessHours' },
      ]);
      expect(predictions.map((p) => [p.expected, p.predicted])).toEqual([
        ['BusinessHours', 'BusinessHours'],
        ['TalkToAgent', 'TalkToAgent'],
        ['BusinessHours', 'FallbackIntent'],
      ]);
      expect(predictions[0]!.confidence).toBeGreaterThan(0.4);
    } finally {
      await t.close();
    }
    const err = await openLexTarget({ root: ROOT, bot: 'SelfService', alias: 'beta', local: { endpoint: lex.emulator.endpoint, dataDir: null }, deploy: false }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/has no alias named beta \(aliases: .*live.*\)\. Pass --alias <name>/);

    // The same alias as an "AWS" target (the emulator behind an endpoint override): local-only conversations are skipped.
    const { summary } = await runTests({ root: ROOT, paths: ['tests/conversations/en_US-flows.yaml'], cwd: ROOT, target: { region: 'us-east-1', endpoint: lex.emulator.endpoint, credentials: CREDENTIALS } });
    expect(summary!.target).toEqual({ kind: 'aws', region: 'us-east-1', alias: 'live' });
    const skipped = summary!.conversations.filter((o) => o.status === 'skipped');
    expect(skipped.map((o) => o.skipReason)).toEqual([
      'reads passcodes from the local SMS outbox (local target only)',
      'needs the simulated Connect lookup of the in-process local target',
      'needs the simulated Connect lookup of the in-process local target',
      'reads passcodes from the local SMS outbox (local target only)',
      // The two callback channel conversations: a callback to a number needs the code texted to it.
      'reads passcodes from the local SMS outbox (local target only)',
      'reads passcodes from the local SMS outbox (local target only)',
    ]);
    expect(summary!.failed).toBe(0);
    expect(summary!.passed).toBe(summary!.conversations.length - 6);
  }, 120_000);
});
