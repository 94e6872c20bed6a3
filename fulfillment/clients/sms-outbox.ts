/**
 * The local SMS backend: every message is appended to a JSON Lines outbox file (the developer's
 * "phone") and kept in memory for the emulator and tests; the console gets a one-line notice.
 * @module
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { maskPhone } from '../security/mask.js';
import type { SmsSender } from './sms.js';

/** One line of the outbox file. */
export interface OutboxMessage {
  /** ISO 8601 time the message was "sent". */
  timestamp: string;
  /** E.164 recipient. */
  to: string;
  body: string;
}

/**
 * What the console shows per message: `notice` (default) prints the masked recipient and the file,
 * never the code, so terminal output is as clean as CloudWatch; `full` prints the whole text (a
 * simulated handset, for hands-on demos); `off` prints nothing.
 */
export type OutboxConsole = 'notice' | 'full' | 'off';

export class OutboxSmsSender implements SmsSender {
  private readonly sent: OutboxMessage[] = [];
  private dirReady: Promise<unknown> | undefined;

  constructor(
    /** Absolute path of the JSON Lines file. */
    readonly file: string,
    private readonly consoleMode: OutboxConsole = 'notice',
    private readonly now: () => number = Date.now,
  ) {}

  async send(to: string, body: string): Promise<void> {
    const msg: OutboxMessage = { timestamp: new Date(this.now()).toISOString(), to, body };
    this.sent.push(msg);
    this.dirReady ??= mkdir(dirname(this.file), { recursive: true });
    await this.dirReady;
    await appendFile(this.file, `${JSON.stringify(msg)}\n`, 'utf8');
    if (this.consoleMode === 'full') console.error(`[sms-outbox] to ${to}: ${body}`);
    else if (this.consoleMode === 'notice') console.error(`[sms-outbox] text to ${maskPhone(to)} written to ${this.file}`);
  }

  /** Every message sent by this process, oldest first. */
  messages(): readonly OutboxMessage[] {
    return this.sent;
  }

  /** The most recent message to `to` (E.164), if any. */
  lastTo(to: string): OutboxMessage | undefined {
    for (let i = this.sent.length - 1; i >= 0; i--) if (this.sent[i]!.to === to) return this.sent[i];
    return undefined;
  }

  /** The 6-digit code in the most recent message to `to`, if any (for the emulator and tests). */
  lastCodeTo(to: string): string | undefined {
    return /\b(\d{6})\b/.exec(this.lastTo(to)?.body ?? '')?.[1];
  }
}
