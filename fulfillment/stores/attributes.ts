/**
 * Minimal DynamoDB AttributeValue conversion for JSON-like values. The Lambdas use only
 * `@aws-sdk/client-dynamodb` (always present in the Lambda Node.js runtime, so it stays outside the
 * bundle) instead of `@aws-sdk/lib-dynamodb`, whose presence in the runtime is not documented.
 * @module
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** JSON value → AttributeValue (strings S, numbers N, booleans BOOL, null NULL, arrays L, objects M). */
export function toAttr(v: Json): AttributeValue {
  if (v === null) return { NULL: true };
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError('non-finite number');
    return { N: String(v) };
  }
  if (typeof v === 'boolean') return { BOOL: v };
  if (Array.isArray(v)) return { L: v.map(toAttr) };
  return { M: toItem(v) };
}

/** A plain object → an item (undefined properties are left out). */
export function toItem(o: Record<string, Json | undefined>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = toAttr(v);
  return out;
}

/** AttributeValue → JSON value (sets and binaries are not used by these tables and read as null). */
export function fromAttr(a: AttributeValue): Json {
  if (a.S !== undefined) return a.S;
  if (a.N !== undefined) return Number(a.N);
  if (a.BOOL !== undefined) return a.BOOL;
  if (a.L !== undefined) return a.L.map(fromAttr);
  if (a.M !== undefined) return fromItem(a.M);
  return null;
}

export function fromItem(item: Record<string, AttributeValue>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(item)) out[k] = fromAttr(v);
  return out;
}

export const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: Json | undefined): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const bool = (v: Json | undefined): boolean => v === true;
