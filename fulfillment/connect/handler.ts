/**
 * The Amazon Connect customer lookup, run by the contact flow's "Invoke AWS Lambda function" block
 * before the bot speaks.
 *
 * Looks the caller's number (`Details.ContactData.CustomerEndpoint.Address`, or the block parameter
 * `phoneNumber`) up in the customers table and returns the flat string map Connect requires
 * (`found`, `firstName`, `lastName`, `vip`, `preferredLocale`, `lookupStatus`). When found, it also
 * writes a server-side contact record (`CONTACT#<ContactId>` in the state table, 2 h) with the
 * customer id and the number on file: that record — never a session attribute — is how the Lex code
 * hook learns where to send the caller's one-time passcode. The caller is NOT verified by this: the
 * caller id can be spoofed, so balances still need the passcode.
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

function notFound(locale: string, status: 'ok' | 'error'): ConnectLookupResult {
  return { found: 'false', firstName: '', lastName: '', vip: 'false', preferredLocale: locale, lookupStatus: status };
}

/** Builds a Connect lookup handler over the given stores. */
export function createConnectHandler(deps: ConnectHandlerDeps): ConnectHandler {
  const logger = deps.logger ?? createLogger('selfservice-connect');
  const now = deps.now ?? Date.now;
  const ttl = deps.contactTtlMs ?? 2 * 3600_000;
  const deadlineMs = deps.deadlineMs ?? 3000;

  async function lookup(event: ReturnType<typeof connectEventSchema.parse>, defaultLocale: string): Promise<ConnectLookupResult> {
    const { ContactData, Parameters } = event.Details;
    const raw = Parameters.phoneNumber || ContactData.CustomerEndpoint?.Address || '';
    const phone = toE164(raw, 'US');
    const ref = phone ? await deps.customers.findByPhone(phone) : undefined;
    const customer = ref ? await deps.customers.getCustomer(ref.customerId) : undefined;
    logger.info('connect lookup', { contact: pseudonym(ContactData.ContactId), channel: ContactData.Channel, caller: maskPhone(phone ?? raw), found: !!customer });
    if (!customer) return notFound(defaultLocale, 'ok');
    await deps.state.putContact({ contactId: ContactData.ContactId, customerId: customer.customerId, phone: customer.phone }, now(), ttl);
    return {
      found: 'true',
      firstName: customer.firstName,
      lastName: customer.lastName,
      vip: customer.vip ? 'true' : 'false',
      preferredLocale: customer.preferredLocale,
      lookupStatus: 'ok',
    };
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
