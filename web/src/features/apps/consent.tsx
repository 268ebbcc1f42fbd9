import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { describeScope } from '../../../../wire/connected-apps.ts';
import { RequireUser } from '../../components/require-user.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { ApiFailure } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import '../../styles/auth.css';
import '../../styles/apps.css';

/**
 * The consent page of the MCP authorization (/connect?handle=…, opened by /oauth/authorize): which app asks,
 * where its access goes, what it may do. Approve and Deny both end at the app's redirect URI.
 */
export default function Consent() {
  usePageTitle('Connect an app');
  const { query } = useLocation();
  if (query.problem || !query.handle) {
    return (
      <div class="page auth-page">
        <div class="auth-card" role="alert">
          <h1>This connection request is not valid</h1>
          <p class="auth-lede">Start again from the app you were connecting to Encore.</p>
        </div>
      </div>
    );
  }
  const handle = query.handle;
  return (
    <div class="page auth-page">
      <RequireUser>{() => <ConsentCard handle={handle} />}</RequireUser>
    </div>
  );
}

function ConsentCard({ handle }: { handle: string }) {
  const [view, reload] = useResource(() => client.consent[':handle'].$get({ param: { handle } }), [handle]);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [busy, setBusy] = useState<'approve' | 'deny' | null>(null);
  const [problem, setProblem] = useState('');

  if (view.state === 'loading') return <Loading label="Loading the request…" />;
  if (view.state === 'failed') return <ErrorState error={view.error} retry={reload} title="This request is gone" />;
  const { client: app, scopes, refusal, account, redirectHost, redirectIsLoopback } = view.data;
  const selected = chosen ?? scopes;

  const answer = async (decision: 'approve' | 'deny') => {
    if (decision === 'approve' && selected.length === 0) return setProblem('Choose at least one thing the app may do');
    setBusy(decision);
    setProblem('');
    try {
      const json =
        decision === 'approve' ? { decision, scopes: scopes.filter((s) => selected.includes(s)) } : { decision };
      const { redirectTo } = await call(client.consent[':handle'].$post({ param: { handle }, json }));
      // The app's own address (often a program on this computer): a full navigation, not a route in the app.
      window.location.assign(redirectTo);
    } catch (error) {
      setBusy(null);
      setProblem(error instanceof ApiFailure ? error.message : String(error));
    }
  };

  return (
    <section class="auth-card consent" aria-labelledby="consent-title">
      <h1 id="consent-title">Connect {app.name} to Encore?</h1>
      <p class="auth-lede">
        Signed in as <strong>@{account.handle}</strong>. “{app.name}” is the name the app gave itself; Encore has not
        verified it.
      </p>
      <p>
        Your answer goes back to <strong>{redirectHost}</strong>
        {redirectIsLoopback ? ', a program on this computer. Continue only if you just started connecting it.' : '.'}
      </p>
      {refusal ? (
        <p class="alert alert--error" role="alert">
          {refusal}
        </p>
      ) : (
        <fieldset class="group consent-scopes">
          <legend>It will be able to act for you:</legend>
          {scopes.map((scope) => (
            <label class="consent-scope" key={scope}>
              <input
                type="checkbox"
                name="scope"
                value={scope}
                checked={selected.includes(scope)}
                onChange={(e) =>
                  setChosen(e.currentTarget.checked ? [...selected, scope] : selected.filter((s) => s !== scope))
                }
              />
              <span>
                <strong>{scope}</strong>: {describeScope(scope)}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      <p class="button-row">
        {!refusal && (
          <button
            type="button"
            class="button button--primary"
            disabled={busy !== null}
            aria-busy={busy === 'approve'}
            onClick={() => answer('approve')}
          >
            {busy === 'approve' && <span class="spinner" aria-hidden="true" />}Approve
          </button>
        )}
        <button
          type="button"
          class="button button--ghost"
          disabled={busy !== null}
          aria-busy={busy === 'deny'}
          onClick={() => answer('deny')}
        >
          {busy === 'deny' && <span class="spinner" aria-hidden="true" />}
          {refusal ? 'Return to the app' : 'Deny'}
        </button>
      </p>
      <p class="muted">You can disconnect it at any time in Studio → Connected apps.</p>
    </section>
  );
}
