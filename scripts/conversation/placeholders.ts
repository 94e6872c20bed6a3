/**
 * The placeholders of conversation turns and scripted calls: `{otp}` / `{otp:+1...}` (the last
 * passcode the local SMS outbox holds for a number), `{wrongOtp}` and `{sessionId}`.
 * @module
 */
import { PLACEHOLDER } from './test-file.js';

/** A 6-digit code that is certainly not `code`. */
export const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/**
 * Replaces `{otp}` / `{otp:+1...}` (the last code texted to the number), `{wrongOtp}` (a code that
 * is not it) and `{sessionId}`.
 * @throws Error when no code was texted to the number
 */
export function resolvePlaceholders(text: string, ctx: { sessionId: string; phone?: string; lastCodeTo?: (phone: string) => string | undefined }): string {
  return text.replace(PLACEHOLDER, (_whole, kind: string, explicit: string | undefined) => {
    if (kind === 'sessionId') return ctx.sessionId;
    const phone = explicit ?? ctx.phone;
    if (!phone) throw new Error(`{${kind}} needs the caller's number (phone: in the conversation).`);
    if (!ctx.lastCodeTo) throw new Error(`{${kind}} needs the local SMS outbox (local target only).`);
    const code = ctx.lastCodeTo(phone);
    if (!code) throw new Error(`No passcode was texted to ${phone} yet, so {${kind}} has no value: an earlier turn should have sent one.`);
    return kind === 'otp' ? code : wrongCode(code);
  });
}

