/**
 * Stored records as the SDK's Describe* output shapes (timestamps as `Date`; the server writes them
 * as epoch seconds, the restJson1 default).
 * @module
 */
import type { DescribeIntentResponse, DescribeSlotResponse, DescribeSlotTypeResponse } from '@aws-sdk/client-lex-models-v2';
import type { IntentRecord, SlotRecord, SlotTypeRecord } from './types.js';

/** Where a record lives. */
export interface LocalePath {
  botId: string;
  botVersion: string;
  localeId: string;
}

/** ms since the epoch as a Date, keeping undefined. */
export function date(ms: number | undefined): Date | undefined {
  return ms === undefined ? undefined : new Date(ms);
}

/** DescribeIntent output. */
export function describeIntent(r: IntentRecord, at: LocalePath): DescribeIntentResponse {
  const { creationDateTime, lastUpdatedDateTime, ...rest } = r;
  return { ...rest, ...at, creationDateTime: new Date(creationDateTime), lastUpdatedDateTime: new Date(lastUpdatedDateTime) };
}

/** DescribeSlot output. */
export function describeSlot(r: SlotRecord, at: LocalePath): DescribeSlotResponse {
  const { creationDateTime, lastUpdatedDateTime, ...rest } = r;
  return { ...rest, ...at, creationDateTime: new Date(creationDateTime), lastUpdatedDateTime: new Date(lastUpdatedDateTime) };
}

/** DescribeSlotType output. */
export function describeSlotType(r: SlotTypeRecord, at: LocalePath): DescribeSlotTypeResponse {
  const { creationDateTime, lastUpdatedDateTime, ...rest } = r;
  return { ...rest, ...at, creationDateTime: new Date(creationDateTime), lastUpdatedDateTime: new Date(lastUpdatedDateTime) };
}

/** Removes the members that a Create or Update output does not have. */
export function omit<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const out = { ...value };
  for (const k of keys) delete out[k];
  return out;
}
