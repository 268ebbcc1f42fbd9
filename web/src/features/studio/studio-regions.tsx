import { useEffect, useState } from 'preact/hooks';
import { BlockEntry } from '../../../../wire/geo.ts';
import { ErrorState, Loading } from '../../components/states.tsx';
import { ApiFailure } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import '../../styles/settings.css';

const names = new Intl.DisplayNames(undefined, { type: 'region', fallback: 'none' });
// Codes CLDR names that are not countries a request can come from.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB']);
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Every two-letter code the browser can name: the country list without shipping one. */
const COUNTRIES = [...LETTERS]
  .flatMap((a) => [...LETTERS].map((b) => a + b))
  .filter((code) => !NOT_COUNTRIES.has(code) && names.of(code) !== undefined)
  .map((code) => ({ code, name: names.of(code) ?? code }))
  .sort((a, b) => a.name.localeCompare(b.name));

const describe = (entry: string) => {
  const [country = '', region] = entry.split('-');
  const name = names.of(country) ?? country;
  return region ? `${name}, region ${region}` : name;
};

/** The performer's block list: countries (and regions) where the room is hidden and closed. */
export default function StudioRegions() {
  const [saved, reload, replace] = useResource(() => client.studio.geo.$get(), []);
  const [list, setList] = useState<string[]>([]);
  const [country, setCountry] = useState('');
  const [region, setRegion] = useState('');
  const [problem, setProblem] = useState('');
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  useEffect(() => {
    if (saved.state === 'ready') setList(saved.data.blocked);
  }, [saved.state]);

  if (saved.state === 'loading') return <Loading label="Loading your blocked regions…" />;
  if (saved.state === 'failed') return <ErrorState error={saved.error} retry={reload} />;

  const add = (e: Event) => {
    e.preventDefault();
    const parsed = BlockEntry.safeParse(region.trim() ? `${country}-${region.trim()}` : country);
    if (!country || !parsed.success)
      return setProblem(country ? 'A region is 1 to 3 letters or digits, like TX or 06' : 'Choose a country first');
    if (list.includes(parsed.data)) return setProblem(`${describe(parsed.data)} is already blocked`);
    setList([...list, parsed.data].sort());
    setRegion('');
    setProblem('');
    setStatus('idle');
  };
  const save = async () => {
    setStatus('saving');
    try {
      replace(await call(client.studio.geo.$put({ json: { blocked: list } })));
      setStatus('saved');
    } catch (error) {
      setStatus('idle');
      setProblem(error instanceof ApiFailure ? error.message : String(error));
    }
  };
  const dirty = JSON.stringify(list) !== JSON.stringify(saved.data.blocked);

  return (
    <>
      <h1 class="console-title">Blocked regions</h1>
      <p class="muted">
        Viewers in these places do not see your room in the directory or your page, and cannot join your room or watch
        your stream. We go by the country (and, where known, the region) their connection comes from.
      </p>
      {list.length === 0 ? (
        <p>Your room is open everywhere.</p>
      ) : (
        <ul class="tag-list" aria-label="Blocked countries and regions">
          {list.map((entry) => (
            <li class="tag tag--removable" key={entry}>
              {describe(entry)} ({entry})
              <button
                type="button"
                class="tag-remove"
                aria-label={`Unblock ${describe(entry)}`}
                onClick={() => {
                  setList(list.filter((x) => x !== entry));
                  setStatus('idle');
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="geo-add" onSubmit={add}>
        <div class="field">
          <label for="geo-country">Country</label>
          <select id="geo-country" class="input" value={country} onChange={(e) => setCountry(e.currentTarget.value)}>
            <option value="">Choose a country…</option>
            {COUNTRIES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="geo-region">Region code (optional)</label>
          <input
            id="geo-region"
            class="input"
            value={region}
            maxLength={3}
            placeholder="e.g. TX"
            autoCapitalize="characters"
            onInput={(e) => setRegion(e.currentTarget.value.toUpperCase())}
            aria-describedby="geo-region-hint"
          />
        </div>
        <button type="submit" class="button">
          Add
        </button>
        <p id="geo-region-hint" class="field-hint geo-hint">
          Leave the region empty to block the whole country. Region codes are the part after the dash in ISO 3166-2,
          like TX in US-TX.
        </p>
      </form>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      <p class="button-row">
        <button type="button" class="button button--primary" disabled={!dirty || status === 'saving'} onClick={save}>
          {status === 'saving' ? 'Saving…' : 'Save blocked regions'}
        </button>
        <span role="status" class="muted">
          {status === 'saved' && !dirty ? 'Saved' : dirty ? 'Unsaved changes' : ''}
        </span>
      </p>
    </>
  );
}
