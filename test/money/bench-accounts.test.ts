import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { benchAccounts } from '../../workers/money/bench-accounts.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { count, walletOf } from './fixtures.ts';

describe('the ledger bench accounts', () => {
  it('creates a performer and more viewers than one statement could hold, each wallet funded once', async () => {
    const { performer, tippers } = await benchAccounts(env.DB, 12, 50);
    expect(tippers).toHaveLength(12);
    expect(await count("select count(*) as n from users where id = ? and role = 'performer'", performer)).toBe(1);
    for (const tipper of tippers) expect(await walletOf(tipper)).toBe(50);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });
});
