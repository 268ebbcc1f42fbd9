import { useState } from 'preact/hooks';
import {
  DEVICE_LEVELS_MAX,
  DEVICE_PATTERNS,
  DeviceSettings,
  type Reaction,
  type TipLevel,
} from '../../../../../wire/devices.ts';
import { FormAlert } from '../../../components/form-alert.tsx';
import { ErrorState, Loading } from '../../../components/states.tsx';
import { SubmitButton } from '../../../components/submit-button.tsx';
import { toast } from '../../../components/toast.tsx';
import { call, client } from '../../../lib/api-client.ts';
import { schemaProblems, submitForm, useFormState } from '../../../lib/forms.ts';
import { useResource } from '../../../lib/hooks/use-resource.ts';

/** One level as typed: numbers stay text until saved, so a half-typed field is not a zero. */
type Row = {
  key: string;
  min: string;
  max: string;
  name: string;
  /** 'steady', a pattern name, or 'custom' (kept as the API set it; this form does not edit steps). */
  kind: string;
  intensity: string;
  seconds: string;
  custom?: Extract<Reaction, { kind: 'custom' }>;
};

const rowOf = (level: TipLevel): Row => ({
  key: crypto.randomUUID(),
  min: String(level.min),
  max: level.max === null ? '' : String(level.max),
  name: level.name ?? '',
  kind: level.reaction.kind === 'pattern' ? level.reaction.pattern : level.reaction.kind,
  intensity: level.reaction.kind === 'custom' ? '' : String(level.reaction.intensity),
  seconds: level.reaction.kind === 'custom' ? '' : String(level.reaction.seconds),
  ...(level.reaction.kind === 'custom' ? { custom: level.reaction } : {}),
});

const whole = (text: string) => (/^\d+$/.test(text) ? Number(text) : Number.NaN);

function levelOf(row: Row): TipLevel {
  const intensity = whole(row.intensity);
  const seconds = whole(row.seconds);
  const reaction: Reaction =
    row.kind === 'custom' && row.custom
      ? row.custom
      : row.kind === 'steady'
        ? { kind: 'steady', intensity, seconds }
        : { kind: 'pattern', pattern: row.kind as (typeof DEVICE_PATTERNS)[number], intensity, seconds };
  return {
    min: whole(row.min),
    max: row.max.trim() === '' ? null : whole(row.max),
    reaction,
    ...(row.name.trim() ? { name: row.name.trim() } : {}),
  };
}

/** The tip levels: which tip amounts make the device react, and how; the cap and the queue's length. */
export function LevelsEditor() {
  const [answer, reload] = useResource(() => client.studio.devices.$get(), []);
  return (
    <section class="card" aria-labelledby="levels-title">
      <h2 id="levels-title" class="room-panel-title">
        Tip levels
      </h2>
      <p class="muted">
        Each range of tip amounts makes your device react: how strong (0 to 100%) and how long (1 to 60 s), or a
        pattern. No reaction ever goes above the cap.
      </p>
      {answer.state === 'loading' && <Loading label="Loading your tip levels…" />}
      {answer.state === 'failed' && <ErrorState error={answer.error} retry={reload} title="Tip levels did not load" />}
      {answer.state === 'ready' && <LevelsForm initial={answer.data.settings} />}
    </section>
  );
}

function LevelsForm({ initial }: { initial: DeviceSettings }) {
  const form = useFormState();
  const fields = form.fields.value;
  const [rows, setRows] = useState<Row[]>(() => initial.levels.map(rowOf));
  const [cap, setCap] = useState(String(initial.maxIntensity));
  const [queue, setQueue] = useState(String(initial.maxQueue));
  const change = (key: string, patch: Partial<Row>) =>
    setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    const last = rows.at(-1);
    const min = last ? whole(last.max) + 1 || whole(last.min) + 1 : 1;
    setRows([
      ...rows,
      { key: crypto.randomUUID(), min: String(min), max: '', name: '', kind: 'steady', intensity: '50', seconds: '5' },
    ]);
  };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const body: DeviceSettings = { levels: rows.map(levelOf), maxIntensity: whole(cap), maxQueue: whole(queue) };
    await submitForm(form, schemaProblems(DeviceSettings, body), async () => {
      const saved = await call(client.studio.devices.$put({ json: body }));
      setRows(saved.settings.levels.map(rowOf));
      toast('Tip levels saved');
    });
  };
  const labels: Record<string, [string, string]> = {
    levels: ['Levels', 'levels-add'],
    maxIntensity: ['Intensity cap', 'levels-cap'],
    maxQueue: ['Longest queue', 'levels-queue'],
    ...Object.fromEntries(
      rows.flatMap((r, i) => [
        [`levels.${i}.min`, [`Level ${i + 1} from`, `level-min-${r.key}`]],
        [`levels.${i}.max`, [`Level ${i + 1} to`, `level-max-${r.key}`]],
        [`levels.${i}.reaction.intensity`, [`Level ${i + 1} intensity`, `level-intensity-${r.key}`]],
        [`levels.${i}.reaction.seconds`, [`Level ${i + 1} seconds`, `level-seconds-${r.key}`]],
        [`levels.${i}.name`, [`Level ${i + 1} name`, `level-name-${r.key}`]],
      ]),
    ),
  };
  return (
    <form noValidate onSubmit={submit} class="form">
      <FormAlert message={form.summary.value} fields={fields} labels={labels} />
      {rows.length === 0 ? (
        <p class="muted">No levels: tips make no reaction.</p>
      ) : (
        <ol class="levels-rows">
          {rows.map((row, i) => (
            <li key={row.key} class="levels-row">
              <NumberField
                id={`level-min-${row.key}`}
                label="From"
                value={row.min}
                error={fields[`levels.${i}.min`]}
                onInput={(min) => change(row.key, { min })}
              />
              <NumberField
                id={`level-max-${row.key}`}
                label="To (blank: and up)"
                value={row.max}
                error={fields[`levels.${i}.max`]}
                onInput={(max) => change(row.key, { max })}
              />
              <div class="field">
                <label for={`level-kind-${row.key}`}>Reaction</label>
                <select
                  id={`level-kind-${row.key}`}
                  class="input"
                  value={row.kind}
                  onChange={(e) => change(row.key, { kind: e.currentTarget.value })}
                >
                  <option value="steady">Steady</option>
                  {DEVICE_PATTERNS.map((p) => (
                    <option key={p} value={p}>
                      {p[0]!.toUpperCase() + p.slice(1)}
                    </option>
                  ))}
                  {row.custom && <option value="custom">Custom ({row.custom.steps.length} steps)</option>}
                </select>
              </div>
              {row.kind !== 'custom' && (
                <>
                  <NumberField
                    id={`level-intensity-${row.key}`}
                    label="Intensity %"
                    value={row.intensity}
                    error={fields[`levels.${i}.reaction.intensity`]}
                    onInput={(intensity) => change(row.key, { intensity })}
                  />
                  <NumberField
                    id={`level-seconds-${row.key}`}
                    label="Seconds"
                    value={row.seconds}
                    error={fields[`levels.${i}.reaction.seconds`]}
                    onInput={(seconds) => change(row.key, { seconds })}
                  />
                </>
              )}
              <div class="field">
                <label for={`level-name-${row.key}`}>Name</label>
                <input
                  id={`level-name-${row.key}`}
                  class="input"
                  type="text"
                  value={row.name}
                  autocomplete="off"
                  onInput={(e) => change(row.key, { name: e.currentTarget.value })}
                />
              </div>
              <button type="button" class="button button--ghost" onClick={() => setRows(rows.filter((r) => r !== row))}>
                Remove<span class="visually-hidden"> level {i + 1}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      <div class="levels-limits">
        <NumberField id="levels-cap" label="Intensity cap %" value={cap} error={fields.maxIntensity} onInput={setCap} />
        <NumberField id="levels-queue" label="Longest queue" value={queue} error={fields.maxQueue} onInput={setQueue} />
      </div>
      {fields.levels && <p class="field-error">{fields.levels}</p>}
      <p class="button-row">
        <button type="button" id="levels-add" class="button" disabled={rows.length >= DEVICE_LEVELS_MAX} onClick={add}>
          Add level
        </button>
        <SubmitButton busy={form.busy.value}>Save levels</SubmitButton>
      </p>
    </form>
  );
}

function NumberField(props: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}) {
  const { id, label, value, error, onInput } = props;
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label for={id}>{label}</label>
      <input
        id={id}
        class="input"
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        value={value}
        autocomplete="off"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => onInput(e.currentTarget.value.replace(/\D/g, ''))}
      />
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
