import { useRef, useState } from 'preact/hooks';
import type { UserProfileResponse } from '../../../../wire/admin-users.ts';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { formatTokens, tokensText } from '../../lib/money.ts';
import { absoluteTime } from '../../lib/time.ts';
import { ActionResult, useAction } from './use-action.tsx';

/** Users: search by email or handle, then one account with its wallet and the actions on it. */
export function UsersPanel() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [results] = useResource(query ? () => client.admin.users.$get({ query: { q: query } }) : null, [query]);
  return (
    <>
      <h2 class="console-title">Users</h2>
      <search>
        <form
          class="admin-search"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) setQuery(text.trim());
          }}
        >
          <div class="field">
            <label for="user-search">Email or handle starts with</label>
            <input
              class="input"
              id="user-search"
              type="search"
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
              placeholder="fan@example.com or @nova"
              autoComplete="off"
            />
          </div>
          <button type="submit" class="button button--primary">
            Search
          </button>
        </form>
      </search>
      {query && results.state === 'loading' && <Loading label="Searching…" />}
      {results.state === 'failed' && query && <ErrorState error={results.error} />}
      {query && results.state === 'ready' && results.data.users.length === 0 && (
        <EmptyState title="No account matches" icon="users" />
      )}
      {query && results.state === 'ready' && results.data.users.length > 0 && (
        <ul class="user-results">
          {results.data.users.map((u) => (
            <li key={u.id}>
              <button
                type="button"
                class="user-result"
                aria-pressed={selected === u.id}
                onClick={() => setSelected(u.id)}
              >
                <strong>@{u.handle}</strong> <span class="muted">{u.email}</span> <span class="badge">{u.role}</span>
                {u.status === 'suspended' && <span class="badge badge--danger">suspended</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {selected && <UserProfileView key={selected} userId={selected} />}
    </>
  );
}

function UserProfileView({ userId }: { userId: string }) {
  const [profile, reload] = useResource(() => client.admin.users[':userId'].$get({ param: { userId } }), [userId]);
  // After an action the profile reloads; keep showing the last one, so the forms and their
  // confirmations stay on screen instead of flashing to a spinner.
  const last = useRef<UserProfileResponse | null>(null);
  if (profile.state === 'ready') last.current = profile.data;
  if (!last.current) {
    if (profile.state === 'failed') return <ErrorState error={profile.error} retry={reload} />;
    return <Loading label="Opening the account…" />;
  }
  const u = last.current.user;
  return (
    <section class="card user-profile" aria-labelledby="user-profile-title">
      <h3 id="user-profile-title">
        {u.displayName} <span class="muted">@{u.handle}</span>
      </h3>
      <dl class="facts">
        <dt>Email</dt>
        <dd>{u.email}</dd>
        <dt>Role</dt>
        <dd>{u.role}</dd>
        <dt>Status</dt>
        <dd>{u.status}</dd>
        <dt>KYC</dt>
        <dd>{u.kycStatus}</dd>
        <dt>Wallet</dt>
        <dd>
          {tokensText(u.wallet.balance)}
          {u.wallet.frozen && (
            <>
              {' '}
              — <strong>frozen</strong> by {u.wallet.frozen.frozenBy ?? 'a chargeback'}: {u.wallet.frozen.reason}
            </>
          )}
        </dd>
        {u.earnings !== null && (
          <>
            <dt>Earnings</dt>
            <dd>{tokensText(u.earnings)}</dd>
          </>
        )}
        <dt>Open reports</dt>
        <dd>{u.openReports}</dd>
        <dt>Joined</dt>
        <dd>{absoluteTime(u.createdAt)}</dd>
      </dl>
      <AccountActions
        userId={u.id}
        suspended={u.status === 'suspended'}
        frozen={u.wallet.frozen !== null}
        onChange={reload}
      />
      <AdjustmentForm userId={u.id} onDone={reload} />
      <h4>Recent wallet entries</h4>
      {u.wallet.recent.length === 0 ? (
        <p class="muted">No entries yet.</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table admin-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Tokens</th>
              </tr>
            </thead>
            <tbody>
              {u.wallet.recent.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{absoluteTime(item.createdAt)}</th>
                  <td class="cell-text">{item.description}</td>
                  <td>{item.amount > 0 ? `+${formatTokens(item.amount)}` : formatTokens(item.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AccountActions({
  userId,
  suspended,
  frozen,
  onChange,
}: {
  userId: string;
  suspended: boolean;
  frozen: boolean;
  onChange: () => void;
}) {
  const [reason, setReason] = useState('');
  const [state, run] = useAction();
  const act = (verb: 'suspend' | 'unsuspend' | 'freeze' | 'unfreeze') =>
    run(
      () => call(client.admin.users[':userId'][verb].$post({ param: { userId }, json: { reason } })),
      (s) => {
        onChange();
        const closed = s.socketsClosed ? `, ${s.socketsClosed} room connection(s) closed` : '';
        return `Account ${s.status}, wallet ${s.frozen ? 'frozen' : 'not frozen'}${closed}`;
      },
    );
  return (
    <div class="user-actions">
      <div class="field">
        <label for={`reason-${userId}`}>Reason (kept in the audit log)</label>
        <input
          class="input"
          id={`reason-${userId}`}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
          minLength={3}
          maxLength={300}
        />
      </div>
      <div class="button-row">
        {suspended ? (
          <button type="button" class="button" disabled={state.busy} onClick={() => act('unsuspend')}>
            Unsuspend
          </button>
        ) : (
          <button type="button" class="button button--danger" disabled={state.busy} onClick={() => act('suspend')}>
            Suspend and sign out
          </button>
        )}
        {frozen ? (
          <button type="button" class="button" disabled={state.busy} onClick={() => act('unfreeze')}>
            Unfreeze wallet
          </button>
        ) : (
          <button type="button" class="button button--danger" disabled={state.busy} onClick={() => act('freeze')}>
            Freeze wallet
          </button>
        )}
      </div>
      <ActionResult state={state} />
    </div>
  );
}

function AdjustmentForm({ userId, onDone }: { userId: string; onDone: () => void }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  // One key per intended adjustment: a retried click after a lost answer counts once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [state, run] = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void run(
      () =>
        call(
          client.admin.users[':userId'].adjustments.$post({
            param: { userId },
            json: {
              amount: Number(amount),
              reason,
              idempotencyKey: key,
            },
          }),
        ),
      (r) => {
        setKey(crypto.randomUUID());
        setAmount('');
        onDone();
        return `${r.replayed ? 'Already done' : 'Adjusted'}: the wallet now holds ${tokensText(r.balance)}`;
      },
    );
  };
  return (
    <form class="adjust-form" onSubmit={submit} aria-label="Wallet adjustment">
      <div class="field">
        <label for={`amount-${userId}`}>Adjust tokens (negative takes back)</label>
        <input
          class="input"
          id={`amount-${userId}`}
          type="number"
          step={1}
          inputMode="numeric"
          value={amount}
          onInput={(e) => setAmount(e.currentTarget.value)}
          required
        />
      </div>
      <div class="field">
        <label for={`adjust-reason-${userId}`}>Reason</label>
        <input
          class="input"
          id={`adjust-reason-${userId}`}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
          required
          minLength={3}
          maxLength={300}
        />
      </div>
      <button type="submit" class="button" disabled={state.busy}>
        {state.busy ? 'Adjusting…' : 'Adjust wallet'}
      </button>
      <ActionResult state={state} />
    </form>
  );
}
