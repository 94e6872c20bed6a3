/**
 * Builds throwaway projects in a temporary folder for tests: real files, loaded by the real loader.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { Diagnostic } from '../../scripts/definitions/diagnostics.js';
import { loadProject } from '../../scripts/definitions/load.js';
import { validateProject } from '../../scripts/validate/index.js';

/** Sample utterances that pass every utterance rule: 15, with 3 spelling/transcription variants. */
export const BALANCE_UTTERANCES = [
  "what's my balance", 'whats my balance', 'check my balance', 'check my balence', 'how much money do I have',
  'how much money do i hav', 'tell me my account balance', 'tell me my a count balance', 'balance please',
  'I need my current balance', 'what do I have in checking', 'how much is left in savings', 'show me the balance on my card',
  'is there money in my account', 'account balance',
];

/** A second intent's utterances, far from the first. */
export const GOODBYE_UTTERANCES = [
  'goodbye', 'good bye', 'bye now', 'bye nw', "that's all", 'thats all', 'thank you that is everything', 'thank you that is everythin',
  'I am done', 'no more questions', 'have a nice day', 'talk to you later', 'see you', 'nothing else', 'we are finished here',
];

export type Files = Record<string, string | object>;

/** A valid one-locale project: bot Demo with intents Balance and Goodbye (en_US). Override any file. */
export function baseFiles(overrides: Files = {}): Files {
  return {
    'bots/Demo.yaml': {
      name: 'Demo',
      locales: { en_US: { voice: { id: 'Danielle', engine: 'neural' }, intents: ['Balance', 'Goodbye'] } },
    },
    'intents/en_US/Balance.yaml': { name: 'Balance', sampleUtterances: BALANCE_UTTERANCES },
    'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: GOODBYE_UTTERANCES, closing: { ssml: 'goodbye' } },
    'ssml/en_US/goodbye.ssml': '<speak>Thanks for calling. Goodbye!</speak>\n',
    ...overrides,
  };
}

/** Writes `files` (objects are written as YAML) into a new temporary folder and returns its path. */
export function writeProject(files: Files): string {
  const root = mkdtempSync(join(tmpdir(), 'bots-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === 'string' ? content : stringify(content));
  }
  return root;
}

/** Loads and validates a project built from `files`. */
export async function validateFiles(files: Files): Promise<Diagnostic[]> {
  const root = writeProject(files);
  const { project, diagnostics } = await loadProject(root);
  return validateProject(project, diagnostics);
}

/** Diagnostics of one rule. */
export function only(ds: Diagnostic[], ruleId: string): Diagnostic[] {
  return ds.filter((d) => d.ruleId === ruleId);
}
