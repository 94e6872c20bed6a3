/**
 * Generates a large synthetic project for the validation benchmark: L locales × I intents × U
 * sample utterances (with misspelling variants) plus P SSML prompts, deterministic (seeded).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { seededRandom } from '../scripts/nlu/random.js';

export interface SuiteSize {
  locales: string[];
  intents: number;
  utterances: number;
  ssmlPrompts: number;
}

/** The size the issue asks for: 3 locales × 300 intents × 20 utterances, 2,000 SSML prompts. */
export const LARGE: SuiteSize = { locales: ['en_US', 'es_US', 'fr_CA'], intents: 300, utterances: 20, ssmlPrompts: 2000 };


const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'de', 'po', 'la', 'ni', 'be', 'go', 'fu', 'zi', 're', 'ta', 'mo', 'che'];
const FRAMES = ['i want to {w}', 'can you {w} my {x}', 'help me {w} the {x}', 'please {w} {x} now', '{w} my {x} account', 'how do i {w} {x}',
  'i need to {w} a {x}', 'what about {w} {x}', 'is it possible to {w} {x}', '{x} {w} please', 'could you {w} the {x} for me', 'i would like to {w} {x}',
  'tell me how to {w} my {x}', 'why can i not {w} {x}', 'where do i {w} {x}', 'when can i {w} my {x}', 'start {w} {x}'];

/** Writes the suite into `root` (which must be empty or absent). */
export async function generateSuite(root: string, size: SuiteSize = LARGE, seed = 42): Promise<void> {
  const rand = seededRandom(seed);
  const word = (n: number) => Array.from({ length: n }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join('');
  await mkdir(join(root, 'bots'), { recursive: true });
  const names = Array.from({ length: size.intents }, (_, i) => `Intent${String(i).padStart(3, '0')}`);
  const perLocalePrompts = Math.ceil(size.ssmlPrompts / size.locales.length);
  for (const locale of size.locales) {
    await mkdir(join(root, 'intents', locale), { recursive: true });
    await mkdir(join(root, 'ssml', locale), { recursive: true });
    const writes: Promise<void>[] = [];
    names.forEach((name, i) => {
      // Index-derived syllables keep each intent's key words unique (no accidental duplicates).
      const tag = `${SYLLABLES[i % 20]}${SYLLABLES[Math.floor(i / 20) % 20]}`;
      const w = `${word(2)}${tag}`;
      const x = `${tag}${word(2)}`;
      const utts = new Set<string>();
      for (let f = 0; utts.size < size.utterances - 3; f++) {
        const frame = FRAMES[f % FRAMES.length]!;
        utts.add(frame.replace('{w}', w).replace('{x}', f >= FRAMES.length ? `${x} ${word(2)}` : x));
      }
      // Three misspelling variants: drop a letter of the intent's verb.
      const base = [...utts].slice(0, 3);
      for (const u of base) utts.add(u.replace(w, w.slice(0, -1)));
      const prompt = i < perLocalePrompts ? { closing: { ssml: `prompt-${i}` } } : {};
      writes.push(writeFile(join(root, 'intents', locale, `${name}.yaml`), stringify({ name, sampleUtterances: [...utts], ...prompt })));
    });
    for (let p = 0; p < perLocalePrompts; p++) {
      writes.push(writeFile(join(root, 'ssml', locale, `prompt-${p}.ssml`), `<speak>Prompt ${p}: <break time="300ms"/> your request <prosody rate="90%">${word(4)}</prosody> is done.</speak>\n`));
    }
    await Promise.all(writes);
  }
  const bot = {
    name: 'BenchBot',
    locales: Object.fromEntries(size.locales.map((l) => [l, { intents: names }])),
  };
  await writeFile(join(root, 'bots', 'BenchBot.yaml'), stringify(bot));
}
