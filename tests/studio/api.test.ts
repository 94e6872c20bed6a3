/**
 * The studio's server: its JSON API over a real project on disk, through real HTTP requests.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from '../../scripts/studio/server.js';
import { byteToCharOffsets } from '../../scripts/studio/preview.js';
import { completionsFor } from '../../scripts/studio/completion.js';
import { baseFiles, writeProject } from '../helpers/project.js';

let root: string;
let studio: Studio;

beforeAll(async () => {
  root = writeProject(baseFiles({ 'ssml/en_US/goodbye.ssml': '<speak>Thanks &amp; goodbye!</speak>\n' }));
  studio = await startStudio({ root, port: 0, local: { dataDir: null } });
});
afterAll(async () => studio?.close());

const api = (path: string, init: RequestInit = {}) => fetch(new URL(path, studio.url), init);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const read = (r: Response): Promise<any> => r.json();
const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('bots studio server', () => {
  it('listens on 127.0.0.1 only', () => {
    const addr = studio.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('lists the prompts with their voice and lint counts, and opens one with its findings positioned', async () => {
    const state = await read(await api('/api/state'));
    expect(state.prompts).toEqual([expect.objectContaining({ id: 'goodbye', localeId: 'en_US', voice: 'Danielle', engine: 'neural', errors: 0 })]);
    const r = await api('/api/lint', json('POST', { localeId: 'en_US', text: '<speak>A & B</speak>' }));
    const { findings } = await read(r);
    expect(findings[0]).toMatchObject({ ruleId: 'ssml/escape', severity: 'error', line: 1, column: 10 });
  });

  it('saves atomically, then refuses to overwrite a file changed on disk since it was opened', async () => {
    const opened = await read(await api('/api/prompts/en_US/goodbye'));
    const saved = await api('/api/prompts/en_US/goodbye', json('PUT', { text: '<speak>Goodbye!</speak>\n', baseHash: opened.hash }));
    expect(saved.status).toBe(200);
    const body = await read(saved);
    expect(readFileSync(join(root, 'ssml/en_US/goodbye.ssml'), 'utf8')).toBe('<speak>Goodbye!</speak>\n');

    writeFileSync(join(root, 'ssml/en_US/goodbye.ssml'), '<speak>Changed elsewhere.</speak>\n');
    const refused = await api('/api/prompts/en_US/goodbye', json('PUT', { text: '<speak>Mine</speak>\n', baseHash: body.hash }));
    expect(refused.status).toBe(409);
    expect((await read(refused)).error).toMatch(/changed on disk since you opened it/);
    expect(readFileSync(join(root, 'ssml/en_US/goodbye.ssml'), 'utf8')).toBe('<speak>Changed elsewhere.</speak>\n');
  });

  it('refuses path traversal, other hosts and cross-origin writes', async () => {
    for (const p of ['/api/prompts/..%2F..%2Fetc/passwd', '/api/prompts/en_US/..%2F..%2Fbots%2FDemo', '/api/prompts/en_US/.hidden']) {
      const r = await api(p, json('PUT', { text: 'x', baseHash: 'x' }));
      expect(r.status, p).toBe(400);
    }
    expect((await api('/../../etc/passwd')).status).toBe(404);
    // fetch cannot set Host: a raw request, as a DNS-rebinding page would send it.
    const status = await new Promise<number | undefined>((done) => request(new URL('/api/state', studio.url), { headers: { host: 'evil.example' } }, (res) => { res.resume(); done(res.statusCode); }).end());
    expect(status).toBe(421);
    const cross = await api('/api/lint', { ...json('POST', { localeId: 'en_US', text: '' }), headers: { 'content-type': 'application/json', origin: 'http://evil.example' } });
    expect(cross.status).toBe(403);
  });

  it('completion follows the engine: no <emphasis> on neural, <emphasis> on standard', () => {
    expect(completionsFor({ voice: 'Danielle', engine: 'neural', languageCode: 'en-US' }).find((t) => t.name === 'emphasis')?.support).toBe('unsupported');
    expect(completionsFor({ voice: 'Joanna', engine: 'standard', languageCode: 'en-US' }).find((t) => t.name === 'emphasis')?.support).toBe('supported');
  });

  it('maps Polly speech-mark byte offsets to string offsets', () => {
    const text = '<speak>Café ñu</speak>';
    const at = byteToCharOffsets(text);
    expect(at(Buffer.byteLength('<speak>Café '))).toBe(text.indexOf('ñ'));
  });

  it('converts X-SAMPA to IPA with the language table', async () => {
    const r = await read(await api('/api/phonemes/convert', json('POST', { ph: '"seI.b@', from: 'x-sampa', to: 'ipa', language: 'en-US' })));
    expect(r.result).toBe('ˈseɪ.bə');
  });
});

describe('bots studio chat and tuning report', () => {
  it('chats one voice-channel turn with the local bot, then reports that traffic as bots tune does', async () => {
    const turn = await read(await api('/api/chat', json('POST', { bot: 'Demo', localeId: 'en_US', channel: 'voice', text: 'purple elephants dancing' })));
    expect(turn.turn.intent?.name ?? 'FallbackIntent').toBe('FallbackIntent');
    const r = await read(await api('/api/tune?bot=Demo&localeId=en_US'));
    expect(r.html).toContain('<html');
    expect(r.totals.turns).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('refuses an empty turn and a bad channel', async () => {
    expect((await api('/api/chat', json('POST', { bot: 'Demo', localeId: 'en_US', text: '   ' }))).status).toBe(400);
    expect((await api('/api/chat', json('POST', { bot: 'Demo', localeId: 'en_US', channel: 'sms', text: 'hi' }))).status).toBe(400);
  });
});
