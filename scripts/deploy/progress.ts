/**
 * Deploy progress: permanent lines for finished steps, and what each target is doing now. On a
 * terminal the "now" is one status line with a spinner, redrawn in place; elsewhere (CI, a pipe,
 * `--json`) every step and every new activity is a plain line, so logs stay readable.
 * @module
 */

/** Where deploy reports progress. `scope` is the target (and bot) a line is about. */
export interface Progress {
  /** A finished step. */
  line(scope: string, text: string): void;
  /** What `scope` is doing now (undefined: nothing). */
  activity(scope: string, text: string | undefined): void;
  /** Text as it is (a plan), without disturbing the status line. */
  write(text: string): void;
  /** Stops redrawing and clears the status line. */
  close(): void;
}

/** Discards everything. */
export const silentProgress: Progress = { line: () => undefined, activity: () => undefined, write: () => undefined, close: () => undefined };

/** Collects lines in memory (tests, library use). */
export class MemoryProgress implements Progress {
  readonly lines: string[] = [];
  line(scope: string, text: string): void {
    this.lines.push(`[${scope}] ${text}`);
  }
  activity(scope: string, text: string | undefined): void {
    if (text) this.lines.push(`[${scope}] … ${text}`);
  }
  write(text: string): void {
    this.lines.push(...text.replace(/\n$/, '').split('\n'));
  }
  close(): void {}
}

/** Plain lines, one per step and per new activity. */
export class PlainProgress implements Progress {
  private readonly last = new Map<string, string>();
  constructor(private readonly out: NodeJS.WritableStream) {}
  line(scope: string, text: string): void {
    this.out.write(`[${scope}] ${text}\n`);
  }
  activity(scope: string, text: string | undefined): void {
    if (text === undefined) {
      this.last.delete(scope);
      return;
    }
    if (this.last.get(scope) === text) return;
    this.last.set(scope, text);
    this.out.write(`[${scope}] ${text}...\n`);
  }
  write(text: string): void {
    this.out.write(text);
  }
  close(): void {}
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A status line with a spinner under the permanent lines (a terminal only). */
export class TtyProgress implements Progress {
  private readonly now = new Map<string, { text: string; since: number }>();
  private frame = 0;
  private drawn = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly dim: (s: string) => string = (s) => s,
  ) {
    this.timer = setInterval(() => this.draw(), 100);
    this.timer.unref();
  }

  line(scope: string, text: string): void {
    this.clear();
    this.out.write(`${this.dim(`[${scope}]`)} ${text}\n`);
    this.draw();
  }

  write(text: string): void {
    this.clear();
    this.out.write(text);
    this.draw();
  }

  activity(scope: string, text: string | undefined): void {
    if (text === undefined) this.now.delete(scope);
    else if (this.now.get(scope)?.text !== text) this.now.set(scope, { text, since: Date.now() });
    this.draw();
  }

  close(): void {
    clearInterval(this.timer);
    this.clear();
  }

  private clear(): void {
    if (this.drawn) this.out.write('\r\x1b[2K');
    this.drawn = false;
  }

  private draw(): void {
    this.clear();
    if (!this.now.size) return;
    this.frame = (this.frame + 1) % FRAMES.length;
    const parts = [...this.now].map(([scope, a]) => `${scope}: ${a.text} (${Math.floor((Date.now() - a.since) / 1000)}s)`);
    const width = this.out.columns || 100;
    let text = `${FRAMES[this.frame]} ${parts.join(' · ')}`;
    if (text.length > width - 1) text = `${text.slice(0, width - 2)}…`;
    this.out.write(text);
    this.drawn = true;
  }
}

/** The progress for a stream: a spinner on a terminal, plain lines otherwise. */
export function progressFor(out: NodeJS.WriteStream, dim?: (s: string) => string): Progress {
  return out.isTTY && process.env.TERM !== 'dumb' && !process.env.CI ? new TtyProgress(out, dim) : new PlainProgress(out);
}
