/**
 * Terminal output helpers: colour only on a TTY (respecting NO_COLOR and FORCE_COLOR).
 * @module
 */
import { createColors } from 'picocolors';

/** Whether to colour output written to `stream`. @see https://no-color.org/ */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** Colour functions for stdout, or identity functions when colour is off. */
export const colors = createColors(colorEnabled());

/** Colour functions for stderr. */
export const errColors = createColors(colorEnabled(process.stderr));

/** Exit codes of every `bots` command. */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** The command ran and found problems (validation errors, failed tests) or failed. */
  failure: 1,
  /** The command line was wrong (unknown option, missing argument). */
  usage: 2,
} as const;

/** An error the user can fix: printed without a stack trace, exits with `exitCode`. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
