/**
 * Errors as Lex V2 sends them (restJson1): the HTTP status of the error shape, the error type in the
 * `x-amzn-ErrorType` header and a JSON body with `message`. The SDK picks the exception class from
 * the header, so `err instanceof ResourceNotFoundException` holds for errors the emulator raises.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/CommonErrors.html
 * @see https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html#operation-error-serialization
 * @module
 */
import type { EmulatorResponse } from './contracts.js';

/** HTTP status of each Lex Models V2 error shape (from the SDK's error schemas). */
export const ERROR_STATUS = {
  ValidationException: 400,
  ServiceQuotaExceededException: 402,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  PreconditionFailedException: 412,
  ThrottlingException: 429,
  InternalServerException: 500,
} as const;

/** A Lex Models V2 error type. */
export type ModelsErrorType = keyof typeof ERROR_STATUS;

/**
 * An error a route throws to answer with a Lex error. `type` may be any error shape name (the
 * runtime API has its own, e.g. `DependencyFailedException`); `status` defaults from {@link ERROR_STATUS}.
 */
export class LexError extends Error {
  readonly status: number;
  /** Extra headers (e.g. `Retry-After`). */
  readonly headers: Record<string, string>;
  /** Extra body members besides `message` (e.g. `retryAfterSeconds`). */
  readonly fields: Record<string, unknown>;

  constructor(
    readonly type: string,
    message: string,
    opts: { status?: number; headers?: Record<string, string>; fields?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = type;
    this.status = opts.status ?? ERROR_STATUS[type as ModelsErrorType] ?? 400;
    this.headers = opts.headers ?? {};
    this.fields = opts.fields ?? {};
  }

  /** The HTTP response: type header, `message` body (Lex spells it lower-case). */
  toResponse(): EmulatorResponse {
    return { status: this.status, headers: { 'x-amzn-ErrorType': this.type, ...this.headers }, body: { message: this.message, ...this.fields } };
  }
}

/** 404: the bot, locale, intent, ... does not exist. */
export const notFound = (message: string) => new LexError('ResourceNotFoundException', message);
/** 409: duplicate name or a conflicting state (e.g. a build already running). */
export const conflict = (message: string) => new LexError('ConflictException', message);
/** 412: revision mismatch, or the resource is in use by another. */
export const preconditionFailed = (message: string) => new LexError('PreconditionFailedException', message);
/** 400: a request member breaks a constraint. */
export const validation = (message: string) => new LexError('ValidationException', message);
/** 402: a Lex quota would be exceeded. */
export const quotaExceeded = (message: string) => new LexError('ServiceQuotaExceededException', message);
/** 500. */
export const internal = (message: string) => new LexError('InternalServerException', message);

/** 429 with the seconds to wait in the `Retry-After` header (which the SDK maps to `retryAfterSeconds`) and in the body. */
export function throttled(retryAfterSeconds: number, message = 'Rate exceeded'): LexError {
  return new LexError('ThrottlingException', message, {
    headers: { 'Retry-After': String(retryAfterSeconds) },
    fields: { retryAfterSeconds },
  });
}

/**
 * A `ValidationException` worded as AWS words constraint failures, e.g.
 * `1 validation error detected: Value 'a b' at 'botName' failed to satisfy constraint: Member must satisfy regular expression pattern: ...`.
 */
export function constraint(member: string, value: unknown, rule: string): LexError {
  const shown = value === undefined || value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return validation(`1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${rule}`);
}
