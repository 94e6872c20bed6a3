/**
 * `bots eval` (stub, replaced by its implementation).
 * @module
 */
import type { Command } from 'commander';

/** Registers the command on `program`. */
export function registerEval(program: Command): void {
  void program;
}
