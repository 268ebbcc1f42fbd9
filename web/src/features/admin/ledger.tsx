import { useState } from 'preact/hooks';
import { call, client } from '../../lib/api-client.ts';
import { formatTokens } from '../../lib/money.ts';
import { ActionResult, useAction } from './use-action.tsx';

type LedgerReport = Record<string, number | boolean> & { ok: boolean };

const ROWS: [key: string, label: string, mustBeZero?: boolean][] = [
  ['transactions', 'Transactions'],
  ['entrySum', 'Sum of all entries', true],
  ['unbalancedTransactions', 'Unbalanced transactions', true],
  ['driftedBalances', 'Balances that differ from their entries', true],
  ['negativeBalances', 'Negative wallet, earnings or hold balances', true],
  ['purchasesNotCreditedOnce', 'Purchases not credited exactly once', true],
  ['tipsMissplit', 'Tips not split at the platform fee', true],
  ['escrowMissettled', 'Goal tips settled twice or for the wrong amount', true],
  ['decidedHoldsNotEmpty', 'Decided goals with tokens still held', true],
  ['requestsMisrouted', 'Song-request payments moved the wrong way', true],
  ['requestsMissettled', 'Song-request payments settled twice or for the wrong amount', true],
  ['finishedRequestHoldsNotEmpty', 'Finished song requests with tokens still held', true],
  ['fanClubMissplit', 'Fan-club periods paid twice or not split at the fee', true],
  ['tokensSold', 'Tokens sold (credited by purchases, with bonus)'],
  ['tokensReversed', 'Tokens taken back by refunds and disputes'],
  ['tokensAdjusted', 'Tokens adjusted by admins'],
  ['tokensSpent', 'Tokens spent on tips, shows, song requests and fan clubs'],
  ['tokensReturned', 'Tokens refunded from goals and song requests'],
  ['tokensOutstanding', 'Tokens outstanding (must equal wallets less debts)'],
  ['tokensInWallets', 'Tokens in wallets'],
  ['tokensOwed', 'Tokens owed after refunds and disputes'],
];

/** The ledger check: run the invariants now and show each figure (each run is audited). */
export function LedgerPanel() {
  const [report, setReport] = useState<LedgerReport | null>(null);
  const [state, run] = useAction();
  const check = () =>
    run(
      () => call(client.admin.ledger.check.$get()),
      (r) => {
        // The route's schema names only `ok`; the figures pass through it as numbers and booleans.
        setReport(r as LedgerReport);
        return r.ok ? 'Ledger OK' : 'Ledger violation: see the rows marked';
      },
    );
  return (
    <>
      <h2 class="console-title">Ledger check</h2>
      <p class="muted">
        Double-entry invariants: every transaction sums to zero, cached balances match their entries, no wallet or
        earnings below zero, each purchase credited once, each tip split at the fee, each goal settled once and emptied,
        and wallets holding exactly what was sold, granted, spent and refunded.
      </p>
      <p class="button-row">
        <button type="button" class="button button--primary" onClick={check} disabled={state.busy}>
          {state.busy ? 'Checking…' : report ? 'Check again' : 'Run the check'}
        </button>
      </p>
      <ActionResult state={state} />
      {report && (
        <div class="table-scroll">
          <table class="data-table admin-table">
            <caption class={report.ok ? 'ledger-ok' : 'ledger-bad'}>
              {report.ok ? 'Ledger OK' : 'LEDGER VIOLATION'}
            </caption>
            <tbody>
              {ROWS.filter(([key]) => key in report).map(([key, label, mustBeZero]) => {
                const value = Number(report[key]);
                const bad = mustBeZero && value !== 0;
                return (
                  <tr key={key} class={bad ? 'row-bad' : undefined}>
                    <th scope="row">
                      {label}
                      {mustBeZero ? ' (must be 0)' : ''}
                    </th>
                    <td>
                      {formatTokens(value)}
                      {bad ? ' ⚠' : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
