/**
 * `bots chat` (stub, replaced by its implementation).
 * @module
 */
import type { Command } from 'commander';

/** Registers the command on `program`. */
export function registerChat(program: Command): void {
  void program;
}
