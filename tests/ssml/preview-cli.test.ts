/**
 * `bots ssml preview` as a user runs it: a child process on a temporary project, Polly reached
 * through the real client pointed at the HTTP fake (test hook BOTS_POLLY_ENDPOINT) with dummy
 * credentials. runBots blocks this process (spawnSync), so the fake runs in its own process.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findEspeak } from '../../scripts/ssml/preview/espeak.js';
import { runBots } from '../helpers/cli.js';
import { baseFiles, writeProject } from '../helpers/project.js';
import { startFakePollyProcess, type PollyRequest, type RemoteFakePolly } from './fake-polly.js';

let fake: RemoteFakePolly;
const CREDS = { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'secret-test', AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined };
/** No credentials anywhere, and no instance metadata lookups. */
const NO_CREDS = {
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'no-such-credentials'),
  AWS_CONFIG_FILE: join(tmpdir(), 'no-such-config'),
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
};

beforeAll(async () => {
  fake = await startFakePollyProcess();
}, 30_000);
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  await fake.reset();
});

const synth = (requests: PollyRequest[], format?: string) => requests.filter((r) => r.operation === 'SynthesizeSpeech' && (!format || r.body.OutputFormat === format));

function project(): string {
  return writeProject(
    baseFiles({
      'bots/Demo.yaml': {
        name: 'Demo',
        locales: { en_US: { voice: { id: 'Danielle', engine: 'neural' }, intents: ['Balance', 'Goodbye'] } },
        targets: { 'eu-west-1': { alias: 'live' } },
      },
      'ssml/en_US/welcome.ssml': '<speak>Welcome.</speak>\n',
    }),
  );
}

describe('bots ssml preview (CLI)', () => {
  it('renders through Polly, prints each prompt and the page, and a second run makes no call', async () => {
    const root = project();
    const env = { ...CREDS, BOTS_POLLY_ENDPOINT: fake.endpoint };

    const first = runBots(['ssml', 'preview', '--all'], root, env);

    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('✔ en_US/goodbye  Danielle neural  lint ok  rendered');
    expect(first.stdout).toContain('2 prompt(s): 2 rendered, 0 cached, 0 failed; 4 SynthesizeSpeech call(s).');
    expect(first.stdout).toContain('Open ');
    expect(first.stderr).toContain('[2/2]');
    expect(existsSync(join(root, '.bots', 'preview', 'index.html'))).toBe(true);
    expect(synth(await fake.requests(), 'mp3')).toHaveLength(2);

    await fake.reset();
    const second = runBots(['ssml', 'preview', '--all'], root, env);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain('0 rendered, 2 cached, 0 failed; 0 SynthesizeSpeech call(s).');
    expect(await fake.requests()).toHaveLength(0);
  });

  it('--json prints the result on stdout (progress on stderr); retries throttling', async () => {
    const root = project();
    await fake.throttleNext(1, '429');

    const r = runBots(['ssml', 'preview', '--locale', 'en_US', 'welcome', '--json', '--format', 'ogg_vorbis', '--out', 'site'], root, { ...CREDS, BOTS_POLLY_ENDPOINT: fake.endpoint });

    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, mode: 'polly', region: 'eu-west-1', format: 'ogg_vorbis', outDir: 'site', index: join('site', 'index.html') });
    expect(out.prompts).toHaveLength(1);
    expect(out.prompts[0]).toMatchObject({ id: 'welcome', localeId: 'en_US', voice: 'Danielle', engine: 'neural', status: 'rendered', audio: 'audio/en_US/welcome.ogg', lint: { errors: 0, warnings: 0 } });
    expect(out.prompts[0].marks.filter((m: { type: string }) => m.type === 'word').map((m: { value: string }) => m.value)).toEqual(['Welcome']);
    expect(out.calls).toMatchObject({ SynthesizeSpeech: 2, attempts: 3 });
    expect(r.stderr).toContain('retry SynthesizeSpeech (attempt 2)');
    expect(existsSync(join(root, 'site', 'audio', 'en_US', 'welcome.ogg'))).toBe(true);
  });

  it('exits 1 when Polly refuses a prompt, naming the error; the other prompts still render', async () => {
    const root = project();
    await fake.refuse('Welcome', 'InvalidSsmlException', 'Invalid SSML request');

    const r = runBots(['ssml', 'preview', '--all'], root, { ...CREDS, BOTS_POLLY_ENDPOINT: fake.endpoint });

    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/✖ en_US\/welcome .*failed: InvalidSsmlException: Invalid SSML request/);
    expect(r.stdout).toContain('✔ en_US/goodbye');
    expect(readFileSync(join(root, '.bots', 'preview', 'index.html'), 'utf8')).toContain('not rendered: InvalidSsmlException');
  });

  it('usage errors exit 2 with the fix', () => {
    const root = project();
    const none = runBots(['ssml', 'preview'], root, CREDS);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Name the prompts to preview');
    const unknown = runBots(['ssml', 'preview', 'nope'], root, CREDS);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('No prompt "nope"');
    expect(runBots(['ssml', 'preview', '--all', '--format', 'wav'], root, CREDS).status).toBe(2);
    expect(runBots(['ssml', 'preview', '--all', '--engine', 'turbo'], root, CREDS).status).toBe(2);
    expect(runBots(['ssml', 'preview', '--all', '--concurrency', '0'], root, CREDS).status).toBe(2);
    expect(runBots(['ssml', 'preview', 'welcome', '--all'], root, CREDS).status).toBe(2);
  });

  it('--offline with --format mp3 or ogg_vorbis is refused (eSpeak NG writes WAV), exit 2, before anything is written', () => {
    const root = project();
    for (const format of ['mp3', 'ogg_vorbis']) {
      const r = runBots(['ssml', 'preview', '--all', '--offline', '--format', format], root, CREDS);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--offline renders with eSpeak NG, which writes WAV, not ${format}`);
    }
    expect(existsSync(join(root, '.bots', 'preview'))).toBe(false);
  });

  it('a prompt with lint errors is not rendered: reported skipped, and the run exits 1', () => {
    const root = writeProject({ ...baseFiles(), 'ssml/en_US/broken.ssml': '<speak>Unclosed <break time="1s"></speak>\n' });
    const r = runBots(['ssml', 'preview', '--all', '--json'], root, { ...CREDS, BOTS_POLLY_ENDPOINT: fake.endpoint, AWS_REGION: 'us-east-1' });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    const broken = out.prompts.find((p: { id: string }) => p.id === 'broken');
    expect(broken.status).toBe('skipped');
    expect(broken.audio).toBeUndefined();
    expect(broken.error).toContain('lint error');
    expect(out.prompts.find((p: { id: string }) => p.id === 'goodbye').status).toBe('rendered');
    const text = runBots(['ssml', 'preview', 'broken'], root, { ...CREDS, BOTS_POLLY_ENDPOINT: fake.endpoint, AWS_REGION: 'us-east-1' });
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/✖ en_US\/broken .*skipped: not rendered: \d+ lint error/);
    expect(text.stdout).toMatch(/0 rendered.*1 skipped/);
  });

  it('previewing one prompt keeps the other prompts of index.html', async () => {
    const root = project();
    const env = { ...CREDS, BOTS_POLLY_ENDPOINT: fake.endpoint };
    expect(runBots(['ssml', 'preview', '--all'], root, env).status).toBe(0);
    const page = () => readFileSync(join(root, '.bots', 'preview', 'index.html'), 'utf8');
    expect(page().match(/<tr id=/g)).toHaveLength(2);

    expect(runBots(['ssml', 'preview', 'welcome'], root, env).status).toBe(0);
    expect(page()).toContain('<tr id="en_US/goodbye">');
    expect(page()).toContain('<tr id="en_US/welcome">');
    expect(page()).toContain('src="audio/en_US/goodbye.mp3"');
    expect(page()).not.toContain('changed since this preview');

    // A kept row whose prompt changed since says so.
    writeFileSync(join(root, 'ssml', 'en_US', 'goodbye.ssml'), '<speak>Bye now.</speak>\n');
    expect(runBots(['ssml', 'preview', 'welcome'], root, env).status).toBe(0);
    expect(page()).toMatch(/<tr id="en_US\/goodbye">[\s\S]*?changed since this preview/);
  });

  it('--help lists the options and examples', () => {
    const r = runBots(['ssml', 'preview', '--help'], project());
    expect(r.status).toBe(0);
    for (const flag of ['--all', '--locale', '--voice', '--engine', '--format', '--out', '--offline', '--json', '--region', '--profile']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('sudo apt-get install espeak-ng');
  });

  it('without espeak-ng on PATH, the offline preview says how to install it and exits 1', () => {
    const root = project();
    const emptyBin = mkdtempSync(join(tmpdir(), 'no-espeak-'));

    const r = runBots(['ssml', 'preview', '--all'], root, { ...NO_CREDS, PATH: emptyBin });

    expect(r.status).toBe(1);
    expect(r.stderr).toContain('needs espeak-ng, which is not on PATH');
    expect(r.stderr).toContain('sudo apt-get install espeak-ng');
    expect(existsSync(join(root, '.bots', 'preview', 'index.html'))).toBe(false);
  });

  it.skipIf(!findEspeak())('without credentials renders the offline approximation and says so', () => {
    const root = project();

    const r = runBots(['ssml', 'preview', '--all'], root, NO_CREDS);

    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^offline approximation \(eSpeak NG [\d.]+; no AWS credentials/);
    expect(r.stdout).toContain('(espeak-ng en-us)');
    expect(readFileSync(join(root, '.bots', 'preview', 'index.html'), 'utf8')).toContain('Offline approximation');
  });
});
