/**
 * Sending text messages. Backends: Amazon SNS (`sms-sns.ts`) on AWS, an outbox file plus a console
 * notice locally (`sms-outbox.ts`).
 * @module
 */

export interface SmsSender {
  /**
   * Sends `body` to `to` (E.164). Resolves when the provider accepted the message; rejects on any
   * failure (the caller apologises and offers an agent).
   */
  send(to: string, body: string): Promise<void>;
}
