import { useState } from 'preact/hooks';
import { type ConnectedApp, describeScope } from '../../../../wire/connected-apps.ts';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { toast } from '../../components/toast.tsx';
import { ApiFailure } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { whenText } from '../../lib/time.ts';
import '../../styles/apps.css';

/** Studio → Connected apps: the MCP clients acting for the performer, what each may do, its activity. */
export default function StudioApps() {
  const [list, reload] = useResource(() => client.studio.apps.$get(), []);
  return (
    <>
      <h1 class="console-title">Connected apps</h1>
      <p class="muted">
        AI assistants and other MCP clients you let act for you. To connect one, give it this address:{' '}
        <code>{`${window.location.origin}/mcp`}</code>. It asks you to sign in here and approve what it may do.
      </p>
      {list.state === 'loading' && <Loading label="Loading your connected apps…" />}
      {list.state === 'failed' && <ErrorState error={list.error} retry={reload} />}
      {list.state === 'ready' && (
        <>
          <section class="apps-section" aria-labelledby="apps-title">
            <h2 id="apps-title">Apps</h2>
            {list.data.apps.length === 0 ? (
              <EmptyState title="No apps connected" icon="grid">
                <p>An app you connect appears here, with what it may do and when it last did something.</p>
              </EmptyState>
            ) : (
              <ul class="app-list">
                {list.data.apps.map((app) => (
                  <AppItem key={app.id} app={app} onRevoked={reload} />
                ))}
              </ul>
            )}
          </section>
          <section class="apps-section" aria-labelledby="activity-title">
            <h2 id="activity-title">Recent activity</h2>
            {list.data.activity.length === 0 ? (
              <p class="muted">No tool calls yet.</p>
            ) : (
              <ol class="activity-list">
                {list.data.activity.map((entry) => (
                  <li key={entry.id} class="activity-item">
                    <span>
                      <code>{entry.tool}</code> · {outcomeText(entry.outcome)}
                    </span>
                    <span class="muted">
                      {entry.clientName} · {whenText(entry.at)}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </>
  );
}

/** 'ok', or the refusal's code (wire/errors.ts) in words. */
function outcomeText(outcome: string): string {
  return outcome === 'ok' ? 'done' : `refused (${outcome.toLowerCase().replace(/_/g, ' ')})`;
}

function AppItem({ app, onRevoked }: { app: ConnectedApp; onRevoked: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const revoke = async () => {
    setBusy(true);
    try {
      await call(client.studio.apps[':id'].$delete({ param: { id: encodeURIComponent(app.id) } }));
      toast(`${app.clientName} is disconnected`);
      onRevoked();
    } catch (error) {
      setBusy(false);
      setProblem(error instanceof ApiFailure ? error.message : String(error));
    }
  };
  return (
    <li class="card app-item">
      <div>
        <h3>{app.clientName}</h3>
        <p class="muted">
          Connected {whenText(app.connectedAt)} ·{' '}
          {app.lastUsedAt ? `last used ${whenText(app.lastUsedAt)}` : 'not used yet'}
        </p>
        <p>
          May:{' '}
          {app.scopes.map((scope, i) => (
            <span key={scope} title={describeScope(scope)}>
              {i > 0 && ', '}
              <strong>{scope}</strong>
            </span>
          ))}
        </p>
        {problem && (
          <p class="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <button
        type="button"
        class="button button--danger"
        disabled={busy}
        aria-busy={busy}
        aria-label={`Revoke ${app.clientName}`}
        onClick={revoke}
      >
        {busy && <span class="spinner" aria-hidden="true" />}Revoke
      </button>
    </li>
  );
}
