/**
 * Packaging: both Lambdas bundle into zips under 1 MB holding only `index.mjs`; the bundles contain
 * nothing from scripts/ and none of the local backends; the AWS SDK is left to the runtime; and the
 * built Lex bundle runs a real conversation against dynalite and the fake SNS through environment
 * configuration only, as it would in Lambda. (Sizes are asserted as budgets; no timing is.)
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLambdas, type LambdaBuild } from '../../fulfillment/build.js';
import type { LocalHandlers } from '../../fulfillment/local.js';
import { Conversation, lexEvent, localHandlers, textOf, valid } from './helpers.js';
import { startFakeAws, type FakeAws } from './fake-aws.js';

const ROOT = join(import.meta.dirname, '..', '..');
let builds: LambdaBuild[];

beforeAll(async () => {
  builds = await buildLambdas(mkdtempSync(join(tmpdir(), 'lambdas-')));
}, 60_000);

describe('bundles', () => {
  it('each zip is under 1 MB and holds only index.mjs', () => {
    expect(builds.map((b) => b.name)).toEqual(['lex', 'connect']);
    for (const b of builds) {
      expect(b.zipBytes).toBeLessThan(1024 * 1024);
      expect(Object.keys(unzipSync(readFileSync(b.zip)))).toEqual(['index.mjs']);
    }
  });

  it('contain nothing from scripts/ and none of the local backends; the SDK stays external', () => {
    for (const b of builds) {
      const bad = b.inputs.filter((i) => /(^|\/)scripts\/|dynalite|minisearch|fflate|esbuild|fulfillment\/local\.ts|kb-local|sms-outbox|stores\/memory|stores\/tables|knowledge-base\//.test(i));
      expect(bad, b.name).toEqual([]);
      expect(b.externals.every((e) => e.startsWith('@aws-sdk/') || e.startsWith('node:')), b.externals.join(',')).toBe(true);
    }
    const connect = builds.find((b) => b.name === 'connect')!;
    expect(connect.externals.filter((e) => e.startsWith('@aws-sdk/'))).toEqual(['@aws-sdk/client-dynamodb']);
    const lex = builds.find((b) => b.name === 'lex')!;
    expect(lex.externals.filter((e) => e.startsWith('@aws-sdk/'))).toEqual(['@aws-sdk/client-bedrock-agent-runtime', '@aws-sdk/client-dynamodb', '@aws-sdk/client-sns']);
  });
});

describe('no file under fulfillment/ imports scripts/', () => {
  it('checked on the sources', () => {
    const dir = join(ROOT, 'fulfillment');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const m of src.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (!spec.startsWith('.')) continue;
        const target = relative(ROOT, join(dir, f, '..', spec));
        expect(target.startsWith('fulfillment'), `${f} imports ${spec}`).toBe(true);
      }
    }
  });
});

describe('the built Lex bundle on "AWS" (dynalite + fake SNS, configured by environment only)', () => {
  let h: LocalHandlers;
  let fake: FakeAws;
  const saved = { ...process.env };
  beforeAll(async () => {
    h = await localHandlers();
    fake = await startFakeAws();
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_DYNAMODB: h.dynamodb.endpoint,
      AWS_ENDPOINT_URL_SNS: fake.snsEndpoint,
      CUSTOMERS_TABLE: h.dynamodb.customersTable,
      STATE_TABLE: h.dynamodb.stateTable,
      OTP_HASH_KEY: 'cd'.repeat(32),
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
  });
  afterAll(async () => {
    process.env = saved;
    await fake.close();
    await h.close();
  });

  it('verifies with the texted code and reads the balance', async () => {
    const lex = builds.find((b) => b.name === 'lex')!;
    const mod = (await import(`${pathToFileURL(lex.bundle).href}?run=${Date.now()}`)) as { handler: (e: unknown) => Promise<unknown> };
    const c = new Conversation(mod.handler, { sessionId: 'bundle-1', locale: 'fr_CA' });
    await c.send('CheckBalance', 'solde', { slots: { AccountType: 'checking' } });
    await c.reply('514 555 0123');
    const sms = fake.requests.find((r) => r.service === 'sns')!;
    expect(sms.body.PhoneNumber).toBe('+15145550123');
    const r = await c.reply(/\d{6}/.exec(String(sms.body.Message))![0]);
    expect(textOf(r)).toMatch(/1\s560,42\s\$/);
    // And a garbage event is answered, not thrown.
    valid(await mod.handler({ nonsense: true }));
    valid(await mod.handler(lexEvent({ intent: 'BusinessHours', source: 'FulfillmentCodeHook' })));
  });
});
