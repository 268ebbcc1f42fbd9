import { useState } from 'preact/hooks';
import { NewNowPlayingTokenBody, type NowPlayingToken } from '../../../../wire/music.ts';
import { TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { toast } from '../../components/toast.tsx';
import { call, client } from '../../lib/api-client.ts';
import { schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { whenText } from '../../lib/time.ts';

/** The command the DJ runs beside Serato, pointed at this site. */
const companionCommand = () => `npm run nowplaying -- --serato --url ${location.origin}`;

/**
 * Now-playing tokens: what the companion command signs its posts with. Each is shown once when made, then
 * listed by name with its first characters and last use, and can be revoked.
 */
export function NowPlayingTokens() {
  const [list, reload] = useResource(() => client.studio['now-playing'].tokens.$get(), []);
  return (
    <section class="card" aria-labelledby="now-playing-tokens-title">
      <h2 id="now-playing-tokens-title" class="room-panel-title">
        Now playing tokens
      </h2>
      <p class="muted">
        A token lets the companion command on your DJ computer post what is playing, and nothing else: it cannot sign
        in, tip or change anything in your studio.
      </p>
      {list.state === 'loading' && <Loading label="Loading your tokens…" />}
      {list.state === 'failed' && <ErrorState error={list.error} retry={reload} title="Your tokens did not load" />}
      {list.state === 'ready' && <TokenList initial={list.data.tokens} />}
    </section>
  );
}

function TokenList({ initial }: { initial: NowPlayingToken[] }) {
  const form = useFormState();
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState('');
  const [made, setMade] = useState<{ name: string; secret: string } | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const body = { name: name.trim() };
    await submitForm(form, schemaProblems(NewNowPlayingTokenBody, body), async () => {
      const answer = await call(client.studio['now-playing'].tokens.$post({ json: body }));
      setTokens([answer.token, ...tokens]);
      setMade({ name: answer.token.name, secret: answer.secret });
      setName('');
    });
  };
  const revoke = async (token: NowPlayingToken) => {
    try {
      await call(client.studio['now-playing'].tokens[':id'].$delete({ param: { id: token.id } }));
      setTokens(tokens.filter((t) => t.id !== token.id));
      toast(`Token “${token.name}” revoked`);
    } catch {
      toast('The token was not revoked; try again', 'error');
    }
  };
  return (
    <>
      {made && (
        <div class="alert now-playing-secret" role="status">
          <p>Your token “{made.name}” is below. Copy it now: it is not shown again.</p>
          <p>
            <code id="now-playing-secret">{made.secret}</code>
          </p>
          <p class="muted">
            On the DJ computer, in a copy of Encore: <code>{companionCommand()}</code> with the token in{' '}
            <code>ENCORE_NOW_PLAYING_TOKEN</code> (or <code>--token</code>).
          </p>
        </div>
      )}
      {tokens.length === 0 ? (
        <p class="muted">No tokens yet.</p>
      ) : (
        <ul class="now-playing-tokens">
          {tokens.map((token) => (
            <li key={token.id}>
              <span>
                <strong>{token.name}</strong> <code>{token.hint}…</code>
                <br />
                <span class="muted">{token.lastUsedAt ? `Last used ${whenText(token.lastUsedAt)}` : 'Never used'}</span>
              </span>
              <button type="button" class="button button--ghost" onClick={() => revoke(token)}>
                Revoke<span class="visually-hidden"> {token.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form noValidate onSubmit={submit} class="form">
        <FormAlert message={form.summary.value} fields={form.fields.value} labels={{ name: ['Name', 'token-name'] }} />
        <TextField
          id="token-name"
          label="Name"
          hint="Where the token goes, for example “Booth laptop”."
          value={name}
          maxLength={70}
          autocomplete="off"
          error={form.fields.value.name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <p class="button-row">
          <SubmitButton busy={form.busy.value}>Make a token</SubmitButton>
        </p>
      </form>
    </>
  );
}
