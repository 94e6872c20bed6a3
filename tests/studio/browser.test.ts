/**
 * `bots studio` in a real browser: Debian's Chromium driven by playwright-core, against the real
 * server, a real project on disk and the Polly HTTP fake (so the preview has speech marks). Skipped
 * with a message when /usr/bin/chromium is absent (CI installs it: .ci/run).
 * Also writes the screenshots of docs/studio.md (docs/studio-*.png) when STUDIO_SCREENSHOTS=1.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStudio, type Studio } from '../../scripts/studio/server.js';
import { startFakePolly, type FakePolly } from '../ssml/fake-polly.js';
import { baseFiles, writeProject } from '../helpers/project.js';

const CHROMIUM = process.env.BOTS_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`Chromium is not at ${CHROMIUM} (sudo apt-get install chromium): skipping the bots studio browser tests`);
const SHOTS = process.env.STUDIO_SCREENSHOTS === '1' ? join(import.meta.dirname, '..', '..', 'docs') : undefined;

let root: string;
let studio: Studio;
let fake: FakePolly;
let context: BrowserContext;
let page: Page;

describe.skipIf(!HAVE_CHROMIUM)('bots studio in Chromium', () => {
  beforeAll(async () => {
    root = writeProject(baseFiles({ 'ssml/en_US/goodbye.ssml': '<speak>Thanks for calling & goodbye!</speak>\n' }));
    fake = await startFakePolly();
    // The Polly client's credential chain reads process.env.
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret-test');
    vi.stubEnv('AWS_SESSION_TOKEN', '');
    studio = await startStudio({
      root,
      port: 0,
      local: { dataDir: null },
      pollyEndpoint: fake.endpoint,
      region: 'us-east-1',
    });
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bots-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      // Without the background-networking flags Chromium's own connections fail on a closed network.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await studio?.close();
    await fake?.close();
    vi.unstubAllEnvs();
  });

  it('opens the studio, fixes a lint error in the editor, saves, hears the preview and chats one turn', async () => {
    await page.goto(studio.url);
    await page.waitForSelector('body[data-ready="true"]');
    // Prepare: the prompt opens with its lint error shown in place.
    await expect.poll(() => page.textContent('#findings')).toContain('1:27 error');
    expect(await page.getAttribute('#prompt-list button[data-prompt="en_US/goodbye"]', 'aria-label')).toBe('en_US/goodbye: 1 errors, 0 warnings');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'studio-editor.png') });

    // Act: fix it by typing, with completion of a tag for the neural engine.
    const editor = page.getByLabel('SSML of the prompt');
    await editor.fill('<speak>Thanks for calling &amp; goodbye!</speak>\n');
    await expect.poll(() => page.textContent('#findings-summary')).toBe('No lint findings.');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.textContent('#save-status')).toBe('Saved ssml/en_US/goodbye.ssml.');
    expect(readFileSync(join(root, 'ssml/en_US/goodbye.ssml'), 'utf8')).toBe('<speak>Thanks for calling &amp; goodbye!</speak>\n');

    // Play: the audio element gets a source with a body, and words are highlighted from the marks.
    await page.getByRole('button', { name: 'Play A' }).click();
    await expect.poll(() => page.textContent('#status-a'), { timeout: 20_000 }).toContain('word timings');
    const src = await page.getAttribute('#audio-a', 'src');
    expect(src).toMatch(/^\/audio\/[0-9a-f]{24}$/);
    const size = await page.evaluate(async (s) => (await (await fetch(s!)).arrayBuffer()).byteLength, src);
    expect(size).toBeGreaterThan(0);
    expect(await page.locator('#transcript-a .w').count()).toBe(5);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'studio-play.png') });

    // Chat one turn with the local bot.
    await page.getByRole('tab', { name: 'Chat' }).click();
    await page.getByLabel('Say').fill('goodbye');
    await page.getByLabel('Say').press('Enter');
    await expect.poll(() => page.locator('#chat-log .bot').count(), { timeout: 90_000 }).toBeGreaterThan(0);
    expect(await page.textContent('#chat-log')).toContain('Goodbye');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'studio-chat.png') });
  }, 150_000);

  it('completes SSML for the engine and shows the phoneme table, all by keyboard', async () => {
    const editor = page.getByLabel('SSML of the prompt');
    await editor.focus();
    await editor.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.type('<em');
    const option = page.getByRole('option', { name: /emphasis/ });
    await expect.poll(() => option.textContent()).toContain('not on this engine');
    await page.keyboard.press('Escape');
    expect(await page.getAttribute('#editor', 'aria-expanded')).toBe('false');

    await page.getByRole('tab', { name: 'Chat' }).focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.getAttribute('#tab-phonemes', 'aria-selected')).toBe('true');
    await expect.poll(() => page.locator('#ph-table tbody tr').count()).toBeGreaterThan(30);
    await page.getByRole('textbox', { name: 'Phonemes' }).fill('"seI.b@');
    await page.getByRole('button', { name: 'Convert' }).click();
    await expect.poll(() => page.textContent('#ph-result')).toContain('IPA: ˈseɪ.bə');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'studio-phonemes.png') });

    // Every control has an accessible name.
    // A string: the test's tsconfig has no DOM types.
    const unnamed = await page.evaluate(`[...document.querySelectorAll('button, input, select, textarea, [role="tab"]')]
      .filter((e) => !e.hidden && !e.closest('[hidden]'))
      .filter((e) => {
        const label = (e.id && document.querySelector('label[for="' + e.id + '"]')) || e.closest('label');
        return !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !label && !(e.textContent || '').trim();
      })
      .map((e) => e.outerHTML.slice(0, 80))`);
    expect(unnamed).toEqual([]);
  }, 60_000);
});
