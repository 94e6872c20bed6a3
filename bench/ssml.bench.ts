/**
 * `npm run bench:ssml`: lints 10,000 generated SSML prompts (phonemes, say-as, prosody, breaks, in
 * en-US, es-US and fr-CA) and parses the same prompts with fast-xml-parser alone, several rounds
 * each, and prints both medians and their ratio. About 5% of the prompts carry a mistake.
 * Budget (issue #6): lint ≤ 3× parsing.
 * Results go in BENCHMARKS.md ("SSML lint (issue #6)").
 */
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { XMLParser } from 'fast-xml-parser';
import { lintSsml, type SsmlLintOptions } from '../scripts/ssml/lint.js';
import { seededRandom } from '../scripts/nlu/random.js';

const COUNT = Number(process.env.SSML_BENCH_COUNT ?? 10_000);
const ROUNDS = Number(process.env.SSML_BENCH_ROUNDS ?? 7);


const LOCALES: { options: SsmlLintOptions; words: string[]; phonemes: [string, string, string][] }[] = [
  {
    options: { voice: 'Danielle', engine: 'neural', languageCode: 'en-US' },
    words: 'thanks for calling your balance is ready please say the account number we will call you back shortly have a great day'.split(' '),
    phonemes: [['ipa', 'ˈseɪbə', 'Ceiba'], ['ipa', 'kɛtˈsɑl', 'Quetzal'], ['x-sampa', '"seI.b@', 'Ceiba'], ['ipa', 'pɪˈkɑn', 'pecan']],
  },
  {
    options: { voice: 'Lupe', engine: 'neural', languageCode: 'es-US' },
    words: 'gracias por llamar su saldo está listo por favor diga el número de cuenta le llamaremos pronto que tenga un buen día'.split(' '),
    phonemes: [['x-sampa', '"sej.Ba', 'Ceiba'], ['ipa', 'ket.ˈsal', 'Quetzal'], ['ipa', 'ˈt͡ʃi.le', 'Chile']],
  },
  {
    options: { voice: 'Gabrielle', engine: 'neural', languageCode: 'fr-CA' },
    words: 'merci de votre appel votre solde est prêt dites le numéro de compte nous vous rappellerons bientôt bonne journée'.split(' '),
    phonemes: [['ipa', 'se.i.ˈba', 'Ceiba'], ['ipa', 'kɛt.ˈzal', 'Quetzal'], ['x-sampa', 'kEt."zal', 'Quetzal']],
  },
];

/** Generates `n` varied prompts with the options to lint each with. */
export function generatePrompts(n: number, seed = 6): { text: string; options: SsmlLintOptions }[] {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const out: { text: string; options: SsmlLintOptions }[] = [];
  for (let i = 0; i < n; i++) {
    const locale = LOCALES[i % LOCALES.length]!;
    const sentence = () => Array.from({ length: 4 + Math.floor(r() * 10) }, () => pick(locale.words)).join(' ');
    const parts: string[] = [];
    const pieces = 2 + Math.floor(r() * 4);
    for (let k = 0; k < pieces; k++) {
      switch (Math.floor(r() * 7)) {
        case 0: {
          const [alphabet, ph, word] = pick(locale.phonemes);
          parts.push(`${sentence()} <phoneme alphabet="${alphabet}" ph='${ph}'>${word}</phoneme>.`);
          break;
        }
        case 1:
          parts.push(`<say-as interpret-as="${pick(['cardinal', 'digits', 'telephone', 'ordinal'])}">${Math.floor(r() * 1e7)}</say-as> ${sentence()}.`);
          break;
        case 2:
          parts.push(`<say-as interpret-as="date" format="mdy">${1 + Math.floor(r() * 12)}/${1 + Math.floor(r() * 28)}/2026</say-as>.`);
          break;
        case 3:
          parts.push(`<prosody rate="${pick(['90%', 'slow', '110%', 'medium'])}" volume="${pick(['loud', '+2dB', 'soft', '-3dB'])}">${sentence()}.</prosody>`);
          break;
        case 4:
          parts.push(`<break time="${pick(['150ms', '200ms', '1s', '300ms'])}"/>`);
          break;
        case 5:
          parts.push(`<s>${sentence()} &amp; ${sentence()}.</s>`);
          break;
        default:
          parts.push(`${sentence()}. <break strength="${pick(['weak', 'medium', 'strong'])}"/>`);
      }
    }
    // About 1 prompt in 20 carries a mistake, so the finding path (positions, nearest symbols) is timed too.
    if (r() < 0.05) parts.push(pick(['<prosody pitch="+5%">x</prosody>', `<phoneme alphabet="ipa" ph="ˈseɪgə">Ceiba</phoneme>`, '<break time="12s"/>', 'A & B']));
    out.push({ text: `<speak>${parts.join(' ')}</speak>`, options: { ...locale.options, playedBy: 'connect' } });
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const prompts = generatePrompts(COUNT);
const chars = prompts.reduce((s, p) => s + p.text.length, 0);
const parser = new XMLParser({ ignoreAttributes: false });

// Warm up both paths (JIT) on a slice before timing.
for (const p of prompts.slice(0, 1000)) {
  lintSsml(p.text, p.options);
  parser.parse(p.text);
}

const parseTimes: number[] = [];
const lintTimes: number[] = [];
let findings = 0;
for (let round = 0; round < ROUNDS; round++) {
  let t0 = performance.now();
  for (const p of prompts) parser.parse(p.text);
  parseTimes.push(performance.now() - t0);
  t0 = performance.now();
  findings = 0;
  for (const p of prompts) findings += lintSsml(p.text, p.options).length;
  lintTimes.push(performance.now() - t0);
}

const parse = median(parseTimes);
const lint = median(lintTimes);
console.log(`prompts: ${COUNT} (${(chars / 1e6).toFixed(2)} M characters, ${(chars / COUNT).toFixed(0)} per prompt), ${ROUNDS} rounds, medians`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${process.platform}`);
console.log(`fast-xml-parser parse only: ${parse.toFixed(1)} ms (min ${Math.min(...parseTimes).toFixed(1)})`);
console.log(`lintSsml (parse + every rule): ${lint.toFixed(1)} ms (min ${Math.min(...lintTimes).toFixed(1)}), ${(lint / COUNT * 1000).toFixed(1)} µs per prompt, ${findings} findings`);
console.log(`ratio lint / parse: ${(lint / parse).toFixed(2)}× (budget 3×)`);
