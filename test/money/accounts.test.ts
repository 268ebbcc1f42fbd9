import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { constraintViolated } from '../../workers/db/constraint.ts';
import { Account } from '../../workers/money/accounts.ts';
import { ledgerChecks } from '../../workers/money/checks.ts';

const id = () => crypto.randomUUID();
const insertBalance = (account: string, balance: number) =>
  env.DB.prepare('insert into account_balances (account, balance) values (?, ?)').bind(account, balance).run();

describe('accounts that may never go negative', () => {
  it.each([
    ['a wallet', Account.wallet(id())],
    ['an earnings account', Account.earnings(id())],
    ['a payout hold', Account.payoutHold(id())],
    ['a goal hold', Account.goalHold(id())],
  ])('refuses %s below zero in the schema', async (_, account) => {
    const error = await insertBalance(account, -1).then(
      () => null,
      (e: unknown) => e,
    );
    expect(constraintViolated(error, 'CHECK', 'account_balances_not_negative')).toBe(true);
  });

  it('lets debts and the outside world go below zero, and the ledger check counts only the others', async () => {
    const negative = ledgerChecks({ feePercent: 30, settledBefore: 0 }).negativeBalances;
    const before = await env.DB.prepare(negative).first<{ value: number }>();
    await insertBalance(Account.debt(id()), -5);
    expect((await env.DB.prepare(negative).first<{ value: number }>())?.value).toBe(before?.value);
    // The platform's fees are on the same list, so the check names them too.
    expect(negative).toContain(`account = '${Account.fees}'`);
  });
});
