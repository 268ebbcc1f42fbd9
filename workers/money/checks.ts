import { Account, neverNegativeSql } from './accounts.ts';

/** Account-name patterns, from accounts.ts, as SQL LIKE patterns. */
const WALLETS = Account.wallet('%');
const DEBTS = Account.debt('%');
const GOAL_HOLDS = Account.goalHold('%');
const REQUEST_HOLDS = Account.requestHold('%');
const SHOW_HOLDS = Account.showHold('%');
const PHASE = "json_extract(t.memo, '$.phase')";

/**
 * The ledger's invariants as SQL, so the same queries run in the Worker (GET
 * /api/admin/ledger/check), in tests, and from `npm run ledger:check` through wrangler. Every
 * figure is read from the ledger itself (transactions, entries, balances); the purchases table
 * is only what the ledger is held against.
 */
export type CheckOptions = {
  /** The platform's share of a tip, in percent (workers/money/config.ts): every tip's split is checked against it. */
  feePercent: number;
  /** A decided goal's hold must be empty once its settlement had this long to run (ms since the epoch). */
  settledBefore: number;
};

/** How long a goal's settlement may take (the Room retries it) before a non-empty hold is a violation. */
export const SETTLEMENT_GRACE_MS = 10 * 60 * 1000;

/** A song request's payment settled: released to the performer or refunded, with the payment in its memo. */
const REQUEST_SETTLEMENT = `t.kind in ('request_income', 'request_refund')`;

/** A settlement of a held goal tip: a release (kind tip) or a refund, with the goal in its memo. */
const SETTLEMENT = `t.kind in ('tip', 'goal_refund') and json_extract(t.memo, '$.goal') is not null`;
const SETTLED_TIP = `coalesce(json_extract(t.memo, '$.released'), json_extract(t.memo, '$.refunded'))`;

export function ledgerChecks(o: CheckOptions) {
  const fee = Math.trunc(o.feePercent);
  const before = Math.trunc(o.settledBefore);
  return {
    transactions: 'select count(*) as value from ledger_transactions',
    entrySum: 'select coalesce(sum(amount), 0) as value from ledger_entries',
    unbalancedTransactions: `select count(*) as value from (
        select transaction_id from ledger_entries group by transaction_id having sum(amount) <> 0 or count(*) < 2)`,
    driftedBalances: `select count(*) as value from (
        select account from account_balances b
         where balance <> coalesce((select sum(amount) from ledger_entries e where e.account = b.account), 0)
        union
        select distinct account from ledger_entries e
         where not exists (select 1 from account_balances b where b.account = e.account))`,
    negativeBalances: `select count(*) as value from account_balances
        where balance < 0 and (${neverNegativeSql('account')})`,
    tokensInWallets: `select coalesce(sum(balance), 0) as value from account_balances where account like '${WALLETS}'`,
    /** What refunds and chargebacks left unpaid (debt accounts sit at or below zero). */
    tokensOwed: `select coalesce(-sum(balance), 0) as value from account_balances where account like '${DEBTS}'`,
    tokensSold: `select coalesce(sum(e.amount), 0) as value
        from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
        where t.kind = 'purchase' and e.account like '${WALLETS}'`,
    tokensReversed: `select coalesce(-sum(e.amount), 0) as value
        from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
        where t.kind in ('refund', 'chargeback')
          and (e.account like '${WALLETS}' or e.account like '${DEBTS}')`,
    /** Tokens admins put into (positive) or took out of (negative) wallets, and debts they wrote off. */
    tokensAdjusted: `select coalesce(sum(e.amount), 0) as value
        from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
        where t.kind = 'adjustment' and (e.account like '${WALLETS}' or e.account like '${DEBTS}')`,
    tokensSpent: `select coalesce(-sum(e.amount), 0) as value
        from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
        where t.kind in ('tip', 'show_minute', 'request_hold') and e.account like '${WALLETS}'`,
    tokensReturned: `select coalesce(sum(e.amount), 0) as value
        from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
        where t.kind in ('goal_refund', 'request_refund') and e.account like '${WALLETS}'`,
    /**
     * Each paid (or later reversed) purchase credited exactly once, with its tokens and bonus; no credit
     * without a purchase.
     */
    purchasesNotCreditedOnce: `select count(*) as value from (
        select p.id from purchases p where p.status in ('paid', 'refunded', 'disputed')
           and (select count(*) from ledger_transactions t where t.kind = 'purchase' and t.reference = p.id) <> 1
        union all
        select t.id from ledger_transactions t where t.kind = 'purchase'
           and not exists (select 1 from purchases p
                            where p.id = t.reference and p.status in ('paid', 'refunded', 'disputed'))
        union all
        select t.id from ledger_transactions t join purchases p on p.id = t.reference where t.kind = 'purchase'
           and (select coalesce(sum(e.amount), 0) from ledger_entries e
                 where e.transaction_id = t.id and e.account like '${WALLETS}') <> p.tokens + p.bonus_tokens)`,
    /**
     * Every tip is either wholly held for an escrowed goal, or paid from a wallet or goal hold and
     * split between the performer (rounded down) and the platform at the fee in force.
     */
    tipsMissplit: `select count(*) as value from (
        select sum(case when e.amount < 0 then -e.amount else 0 end) as paid,
               sum(case when e.amount < 0 and not (e.account like '${WALLETS}' or e.account like '${GOAL_HOLDS}')
                        then 1 else 0 end) as odd,
               sum(case when e.account = '${Account.earnings('')}' || t.counterparty_id
                        then e.amount else 0 end) as performer,
               sum(case when e.account = '${Account.fees}' then e.amount else 0 end) as platform,
               sum(case when e.account like '${GOAL_HOLDS}' and e.amount > 0 then e.amount else 0 end) as held,
               count(*) as n
          from ledger_transactions t join ledger_entries e on e.transaction_id = t.id
         where t.kind = 'tip' group by t.id)
       where odd > 0
          or not ((held = paid and n = 2)
                  or (held = 0 and performer = paid * (100 - ${fee}) / 100
                      and platform = paid - performer and n <= 3))`,
    /** Each held goal tip is settled at most once, for what it put in the hold. */
    escrowMissettled: `select count(*) as value from (
        select ${SETTLED_TIP} as tip_id from ledger_transactions t
         where ${SETTLEMENT} group by tip_id having count(*) > 1
        union all
        select t.id from ledger_transactions t where ${SETTLEMENT}
           and coalesce((select -sum(e.amount) from ledger_entries e
                          where e.transaction_id = t.id and e.account like '${GOAL_HOLDS}'), 0)
            <> coalesce((select sum(e.amount) from ledger_entries e
                          where e.transaction_id = ${SETTLED_TIP}
                            and e.account = '${Account.goalHold('')}' || json_extract(t.memo, '$.goal')
                            and e.amount > 0), -1))`,
    /**
     * Song-request money moves only its own way: a payment from the requester's wallet into the request's
     * hold; a refund from the hold back to that wallet; request income from the hold, split at the fee.
     */
    requestsMisrouted: `select count(*) as value from (
        select t.kind,
               sum(case when e.account like '${REQUEST_HOLDS}' then e.amount else 0 end) as hold,
               sum(case when e.account = '${Account.wallet('')}' || t.actor_id then e.amount else 0 end) as wallet,
               sum(case when e.account = '${Account.earnings('')}' || t.counterparty_id
                        then e.amount else 0 end) as performer,
               sum(case when e.account = '${Account.fees}' then e.amount else 0 end) as platform,
               count(*) as n,
               sum(case when e.account = '${Account.requestHold('')}' || t.reference then 1 else 0 end) as own
          from ledger_transactions t join ledger_entries e on e.transaction_id = t.id
         where t.kind in ('request_hold', 'request_income', 'request_refund') group by t.id)
       where own <> 1
          or not ((kind = 'request_hold' and n = 2 and hold > 0 and wallet = -hold)
                  or (kind = 'request_refund' and n = 2 and hold < 0 and wallet = -hold)
                  or (kind = 'request_income' and hold < 0 and performer = -hold * (100 - ${fee}) / 100
                      and platform = -hold - performer and n <= 3))`,
    /** Each request payment is settled at most once, for what it put in the hold. */
    requestsMissettled: `select count(*) as value from (
        select json_extract(t.memo, '$.payment') as payment from ledger_transactions t
         where ${REQUEST_SETTLEMENT} group by payment having count(*) > 1
        union all
        select t.id from ledger_transactions t where ${REQUEST_SETTLEMENT}
           and coalesce((select -sum(e.amount) from ledger_entries e
                          where e.transaction_id = t.id and e.account like '${REQUEST_HOLDS}'), 0)
            <> coalesce((select sum(e.amount) from ledger_entries e
                           join ledger_transactions p on p.id = e.transaction_id
                          where p.id = json_extract(t.memo, '$.payment') and p.kind = 'request_hold'
                            and p.reference = t.reference and e.account = '${Account.requestHold('')}' || t.reference
                            and e.amount > 0), -1))`,
    /** A finished request (its settlement started) has an empty hold once the settlement had time to finish. */
    finishedRequestHoldsNotEmpty: `select count(*) as value from account_balances b
        where b.account like '${REQUEST_HOLDS}' and b.balance <> 0
          and exists (select 1 from ledger_transactions t
                       where ${REQUEST_SETTLEMENT}
                         and t.reference = substr(b.account, ${Account.requestHold('').length + 1}))
          and (select max(e.created_at) from ledger_entries e where e.account = b.account) < ${before}`,
    /**
     * Paid-show money moves only its own way (show-escrow.ts): a minute from the payer's wallet into the show's
     * hold; a seat's used minutes from the hold to the performer at the fee; the unused back to the wallet.
     */
    showsMisrouted: `select count(*) as value from (
        select ${PHASE} as phase,
               sum(case when e.account like '${SHOW_HOLDS}' then e.amount else 0 end) as hold,
               sum(case when e.account = '${Account.wallet('')}' || t.actor_id then e.amount else 0 end) as wallet,
               sum(case when e.account = '${Account.earnings('')}' || t.counterparty_id
                        then e.amount else 0 end) as performer,
               sum(case when e.account = '${Account.fees}' then e.amount else 0 end) as platform,
               count(*) as n,
               sum(case when e.account = '${Account.showHold('')}' || t.reference then 1 else 0 end) as own
          from ledger_transactions t join ledger_entries e on e.transaction_id = t.id
         where t.kind = 'show_minute' group by t.id)
       where own <> 1
          or not ((phase = 'hold' and n = 2 and hold > 0 and wallet = -hold)
                  or (phase = 'refund' and n = 2 and hold < 0 and wallet = -hold)
                  or (phase = 'settle' and hold < 0 and performer = -hold * (100 - ${fee}) / 100
                      and platform = -hold - performer and n <= 3))`,
    /** Each seat of a show is settled (and refunded) at most once. */
    showsSettledTwice: `select count(*) as value from (
        select 1 from ledger_transactions t where t.kind = 'show_minute' and ${PHASE} in ('settle', 'refund')
         group by t.reference, t.actor_id, ${PHASE} having count(*) > 1)`,
    /** An ended show's hold is empty once its settlement had time to finish. */
    endedShowHoldsNotEmpty: `select count(*) as value from account_balances b
        join shows s on s.id = substr(b.account, ${Account.showHold('').length + 1})
        where b.account like '${SHOW_HOLDS}' and b.balance <> 0 and s.ended_at is not null and s.ended_at < ${before}`,
    /** What each ended seat was charged (its record) is what the ledger settled to the performer for it. */
    showChargesMismatched: `select count(*) as value from show_participants p
        where p.ended_at is not null and p.tokens <> coalesce((
          select -sum(e.amount) from ledger_transactions t join ledger_entries e on e.transaction_id = t.id
           where t.kind = 'show_minute' and ${PHASE} = 'settle' and t.reference = p.show_id
             and t.actor_id = p.user_id and e.account like '${SHOW_HOLDS}'), 0)`,
    /** A goal whose settlement started (it was decided) has an empty hold once the settlement had time to finish. */
    decidedHoldsNotEmpty: `select count(*) as value from account_balances b
        where b.account like '${GOAL_HOLDS}' and b.balance <> 0
          and exists (select 1 from ledger_transactions t
                       where ${SETTLEMENT} and t.reference = substr(b.account, ${Account.goalHold('').length + 1}))
          and (select max(e.created_at) from ledger_entries e where e.account = b.account) < ${before}`,
  } as const;
}

type Checks = ReturnType<typeof ledgerChecks>;
export type CheckValues = { [K in keyof Checks]: number };
export type LedgerReport = CheckValues & { ok: boolean; tokensOutstanding: number };
export const CHECK_NAMES = Object.keys(ledgerChecks({ feePercent: 0, settledBefore: 0 })) as (keyof Checks)[];

const MUST_BE_ZERO = [
  'entrySum',
  'unbalancedTransactions',
  'driftedBalances',
  'negativeBalances',
  'purchasesNotCreditedOnce',
  'tipsMissplit',
  'escrowMissettled',
  'decidedHoldsNotEmpty',
  'requestsMisrouted',
  'requestsMissettled',
  'finishedRequestHoldsNotEmpty',
  'showsMisrouted',
  'showsSettledTwice',
  'endedShowHoldsNotEmpty',
  'showChargesMismatched',
] as const;

export function report(values: CheckValues): LedgerReport {
  // Every token in a wallet (net of what buyers owe) came from a sale or an admin, less what was reversed or
  // spent, plus goal refunds.
  const tokensOutstanding =
    values.tokensSold - values.tokensReversed + values.tokensAdjusted - values.tokensSpent + values.tokensReturned;
  const ok =
    MUST_BE_ZERO.every((name) => values[name] === 0) &&
    values.tokensInWallets - values.tokensOwed === tokensOutstanding;
  return { ...values, tokensOutstanding, ok };
}

export function formatReport(r: LedgerReport): string {
  const line = (label: string, value: number, bad = false) =>
    `${label.padEnd(62)} ${String(value).padStart(12)}${bad ? '   << VIOLATION' : ''}`;
  const zero = (label: string, value: number) => line(`${label} (must be 0)`, value, value !== 0);
  const walletsWrong = r.tokensInWallets - r.tokensOwed !== r.tokensOutstanding;
  return [
    line('transactions', r.transactions),
    zero('sum of all entries', r.entrySum),
    zero('unbalanced transactions', r.unbalancedTransactions),
    zero('balances that differ from their entries', r.driftedBalances),
    zero('negative wallet/earnings/hold balances', r.negativeBalances),
    zero('purchases not credited exactly once', r.purchasesNotCreditedOnce),
    zero('tips not split at the fee', r.tipsMissplit),
    zero('goal tips settled twice or wrongly', r.escrowMissettled),
    zero('decided goals with tokens still held', r.decidedHoldsNotEmpty),
    zero('song-request payments moved the wrong way', r.requestsMisrouted),
    zero('song-request payments settled twice or wrongly', r.requestsMissettled),
    zero('finished song requests with tokens still held', r.finishedRequestHoldsNotEmpty),
    zero('paid-show minutes moved the wrong way', r.showsMisrouted),
    zero('paid-show seats settled twice', r.showsSettledTwice),
    zero('ended paid shows with tokens still held', r.endedShowHoldsNotEmpty),
    zero('paid-show records that differ from what was settled', r.showChargesMismatched),
    line('tokens sold (credited by purchases, with bonus)', r.tokensSold),
    line('tokens taken back by refunds and disputes', r.tokensReversed),
    line('tokens adjusted by admins (audited)', r.tokensAdjusted),
    line('tokens spent on tips, shows and song requests', r.tokensSpent),
    line('tokens refunded from goals and song requests', r.tokensReturned),
    line('tokens outstanding (sold - back + adjusted - spent + refunded)', r.tokensOutstanding),
    line('tokens in wallets - tokens owed (must equal outstanding)', r.tokensInWallets - r.tokensOwed, walletsWrong),
    r.ok ? 'ledger OK' : 'LEDGER VIOLATION',
  ].join('\n');
}
