/**
 * `bots ssml-preview` (stub, replaced by its implementation).
 * @module
 */
import type { Command } from 'commander';

/** Registers the command on `program`. */
export function registerSsmlPreview(program: Command): void {
  void program;
}
