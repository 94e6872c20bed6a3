/**
 * CheckBalance: reads an account only for a caller the server has verified; anyone else is taken
 * through verification first and brought back here.
 * @module
 */
import { ACCOUNT_TYPES, formatList, formatMoney, type AccountType } from '../messages/index.js';
import { close, delegate, elicitSlot, scalarSlot, type LexResponse } from '../lex/response.js';
import type { Turn } from '../lex/turn.js';
import { fold } from '../security/text.js';
import type { Customer } from '../stores/types.js';
import type { HandlerDeps } from './deps.js';
import { beginVerification, transfer } from './verify-dialog.js';

export const CHECK_BALANCE = 'CheckBalance';
export const ACCOUNT_TYPE_SLOT = 'AccountType';

/** The canonical account type of a slot value, or undefined. */
export function accountTypeOf(value: string | undefined): AccountType | undefined {
  if (!value) return undefined;
  const v = fold(value).trim();
  return ACCOUNT_TYPES.find((t) => t === v);
}

/** CheckBalance (dialog and fulfillment code hooks): the balance for a verified caller, else verification first. */
export async function checkBalance(turn: Turn, deps: HandlerDeps): Promise<LexResponse> {
  const type = accountTypeOf(turn.slot(ACCOUNT_TYPE_SLOT));
  const customer = await deps.verification.verifiedCustomer(turn.sessionId);
  turn.verified = !!customer;
  if (!customer) return beginVerification(turn, deps, { intent: CHECK_BALANCE, ...(type ? { accountType: type } : {}) });
  if (!type) {
    // Let Lex elicit the slot with the bot's own prompt during the dialog; at fulfillment, ask ourselves.
    if (turn.source === 'DialogCodeHook') return delegate(turn.intent, turn.attrs);
    return elicitSlot({ name: CHECK_BALANCE, slots: { [ACCOUNT_TYPE_SLOT]: null } }, ACCOUNT_TYPE_SLOT, turn.say(turn.m.whichAccount), turn.attrs);
  }
  return balanceResponse(turn, customer, type, []);
}

/** Speaks the balance of the customer's account of `type` (after `lead` messages), or offers the accounts they have. */
export function balanceResponse(turn: Turn, customer: Customer, type: AccountType, lead: string[]): LexResponse {
  const m = turn.m;
  if (customer.accounts.length === 0) return transfer(turn, m.noAccounts, 'noAccounts');
  const account = customer.accounts.find((a) => a.type === type);
  if (!account) {
    turn.outcome = 'no_such_account';
    const available = formatList(m, [...new Set(customer.accounts.map((a) => m.accountWithArticle[a.type]))]);
    return elicitSlot({ name: CHECK_BALANCE, slots: { [ACCOUNT_TYPE_SLOT]: null } }, ACCOUNT_TYPE_SLOT, turn.say(...lead, m.noSuchAccount(m.accountNames[type], available)), turn.attrs);
  }
  const amount = formatMoney(m, account.balanceCents, account.currency);
  turn.outcome = 'balance';
  const text = type === 'credit card' ? m.creditBalance(amount) : m.balance(m.accountNames[type], amount);
  return close({ name: CHECK_BALANCE, slots: { [ACCOUNT_TYPE_SLOT]: scalarSlot(type) } }, 'Fulfilled', turn.say(...lead, text), turn.attrs);
}
