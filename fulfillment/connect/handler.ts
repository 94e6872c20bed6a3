/**
 * The Amazon Connect customer lookup, run by the contact flow's "Invoke AWS Lambda function" block
 * before the bot speaks.
 *
 * Caller ID is a claim, not an identity. Only `Details.ContactData.CustomerEndpoint.Address` on the
 * VOICE channel (set by the telephone network) decides routing (`found`, `vip`, `preferredLocale`);
 * a typed number (the block parameter `phoneNumber`, a chat pre-chat form, any non-voice channel)
 * only says where the passcode may go, and gets the default routing (`callerIdSource: typed`).
 * Before verification the result never names anyone (no first or last name). A server-side
 * contact record (`CONTACT#<ContactId>` in the state table, 2 h) is written for every number: the
 * customer id and number on file when found, a decoy when not, so the Lex code hook says the same
 * words either way. That record — never a session attribute — is how the code hook learns where to
 * send the one-time passcode; the caller is NOT verified by it.
 *
 * - `handler(event, context)`: the Lambda entry point (DynamoDB from the environment).
 * - `createConnectHandler(deps)`: the same over any stores (local emulator, tests).
 * Never throws; failures return `lookupStatus: "error"` and `found: "false"`.
 * @module
 */
import { createAwsConnectDeps } from '../aws/connect.js';
import { createLogger, readConnectConfig } from '../config.js';
import { isLocale } from '../messages/index.js';
import { maskPhone, pseudonym } from '../security/mask.js';
import { toE164 } from '../security/phone.js';
import type { ConnectHandler, ConnectHandlerDeps } from './deps.js';
import { connectEventSchema, type ConnectLookupResult } from './event.js';

export type { ConnectHandler, ConnectHandlerDeps } from './deps.js';

function notFound(locale: string, status: 'ok' | 'error', callerIdSource: ConnectLookupResult['callerIdSource'] = 'none'): ConnectLookupResult {
  return { found: 'false', vip: 'false', preferredLocale: locale, callerIdSource, lookupStatus: status };
}

/** Builds a Connect lookup handler over the given stores. */
export function createConnectHandler(deps: ConnectHandlerDeps): ConnectHandler {
  const logger = deps.logger ?? createLogger('selfservice-connect');
  const now = deps.now ?? Date.now;
  const ttl = deps.contactTtlMs ?? 2 * 3600_000;
  const deadlineMs = deps.deadlineMs ?? 3000;

  async function lookup(event: ReturnType<typeof connectEventSchema.parse>, defaultLocale: string): Promise<ConnectLookupResult> {
    const { ContactData, Parameters } = event.Details;
    // Only the network's caller ID on a voice contact routes; anything typed is a claim.
    const network = ContactData.Channel === 'VOICE' && !Parameters.phoneNumber ? ContactData.CustomerEndpoint?.Address : undefined;
    const raw = network ?? Parameters.phoneNumber ?? (ContactData.Channel === 'VOICE' ? undefined : ContactData.CustomerEndpoint?.Address) ?? '';
    const source = network ? 'callerId' : raw ? 'typed' : 'none';
    const phone = toE164(raw, 'US');
    const ref = phone ? await deps.customers.findByPhone(phone) : undefined;
    logger.info('connect lookup', { contact: pseudonym(ContactData.ContactId), channel: ContactData.Channel, caller: maskPhone(phone ?? raw), source, found: !!ref });
    if (!phone) return notFound(defaultLocale, 'ok', source);
    // A decoy record when nobody matched: the code hook then answers exactly as for a customer.
    await deps.state.putContact({ contactId: ContactData.ContactId, customerId: ref?.customerId ?? '', phone: ref?.phone ?? '', ...(ref ? {} : { decoy: true }) }, now(), ttl);
    if (!ref || source !== 'callerId') return notFound(defaultLocale, 'ok', source);
    const customer = await deps.customers.getCustomer(ref.customerId);
    if (!customer) return notFound(defaultLocale, 'ok', source);
    return { found: 'true', vip: customer.vip ? 'true' : 'false', preferredLocale: customer.preferredLocale, callerIdSource: 'callerId', lookupStatus: 'ok' };
  }

  return async (raw) => {
    const parsed = connectEventSchema.safeParse(raw);
    if (!parsed.success) {
      logger.warn('invalid Connect event', { outcome: 'invalid_event' });
      return notFound('en_US', 'error');
    }
    const requested = parsed.data.Details.Parameters.defaultLocale;
    const defaultLocale = isLocale(requested) ? requested : 'en_US';
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        lookup(parsed.data, defaultLocale),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error('deadline'), { name: 'DeadlineError' })), deadlineMs);
          timer.unref?.();
        }),
      ]);
    } catch (e) {
      logger.error('connect lookup failed', { contact: pseudonym(parsed.data.Details.ContactData.ContactId), errorName: (e as Error)?.name ?? 'Error' });
      return notFound(defaultLocale, 'error');
    } finally {
      clearTimeout(timer);
    }
  };
}

let instance: ConnectHandler | undefined;

/** The Lambda entry point (`index.handler` in the bundle); configuration from the environment (docs/fulfillment.md). */
export async function handler(event: unknown, context?: { awsRequestId?: string }): Promise<ConnectLookupResult> {
  if (!instance) {
    try {
      instance = createConnectHandler(createAwsConnectDeps(readConnectConfig(process.env)));
    } catch (e) {
      createLogger('selfservice-connect').error('configuration error', { errorName: (e as Error)?.name, errorMessage: (e as Error)?.message });
      return notFound('en_US', 'error');
    }
  }
  return instance(event, context);
}
