/**
 * `bots ssml`: prompt tools (lint, phonemes, preview). The lint and phonemes subcommands are
 * registered here; preview lives in ssml-preview.ts.
 * @module
 */
import type { Command } from 'commander';
import { registerSsmlPreview } from './ssml-preview.js';

/** Registers `bots ssml` and its subcommands on `program`. */
export function registerSsml(program: Command): void {
  const ssml = program.command('ssml').description('Lint, convert phonemes and preview SSML prompts (Amazon Polly)');
  registerSsmlPreview(ssml);
}
