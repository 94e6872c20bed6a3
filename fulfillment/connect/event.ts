/**
 * The Amazon Connect "Invoke AWS Lambda function" event
 * (https://docs.aws.amazon.com/connect/latest/adminguide/connect-lambda-functions.html), validated
 * leniently with zod: only the contact id is required; unknown fields pass through.
 * @module
 */
import * as z from 'zod';

const strings = z.preprocess((v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string'));
}, z.record(z.string(), z.string()));

export const connectEventSchema = z.looseObject({
  Name: z.string().optional(),
  Details: z.looseObject({
    ContactData: z.looseObject({
      ContactId: z.string().min(1).max(256),
      InitialContactId: z.string().optional(),
      Channel: z.string().optional(),
      InstanceARN: z.string().optional(),
      CustomerEndpoint: z.looseObject({ Address: z.string().max(100).optional(), Type: z.string().optional() }).nullish(),
      Attributes: strings.optional(),
      LanguageCode: z.string().optional(),
    }),
    /** Parameters set on the flow block; `phoneNumber` may carry what a caller typed, so it is only a claim. */
    Parameters: strings.optional().transform((p) => p ?? {}),
  }),
});

export type ConnectEvent = z.infer<typeof connectEventSchema>;

/**
 * What the lookup returns: a flat map of strings, which Connect stores as contact attributes
 * (`$.External.found`, ...). Connect requires string values and no nesting.
 */
export interface ConnectLookupResult {
  [key: string]: string;
  /** "true" when the network caller ID of a voice contact is a number on file (routing only; not verification). */
  found: 'true' | 'false';
  /** Routing only; "false" for a typed number. No names: the caller is not verified yet. */
  vip: 'true' | 'false';
  /** `callerId` (the network's caller ID on VOICE), `typed` (a claim: parameter or non-voice channel), `none`. */
  callerIdSource: 'callerId' | 'typed' | 'none';
  /** en_US | es_US | fr_CA: the customer's language, else the flow's default. */
  preferredLocale: string;
  /** "ok", or "error" when the lookup itself failed (the flow may retry or go on unidentified). */
  lookupStatus: 'ok' | 'error';
}
