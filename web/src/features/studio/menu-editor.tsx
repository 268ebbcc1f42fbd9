import { useState } from 'preact/hooks';
import { MENU_LABEL_MAX_CHARS, MenuBody, type MenuItem, TIP_MENU_MAX_ITEMS } from '../../../../wire/tip-menu.ts';
import { FieldError } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { Icon } from '../../components/icon.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { toast } from '../../components/toast.tsx';
import { call, client } from '../../lib/api-client.ts';
import { schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import '../../styles/room-goals.css';
import { draftOf, type ReactionDraft, ReactionPicker, reactionOfDraft } from './reaction-picker.tsx';

type Row = { key: string; id?: string; label: string; price: string; device: ReactionDraft };

const rowOf = (item: MenuItem): Row => ({
  key: item.id,
  id: item.id,
  label: item.label,
  price: String(item.price),
  device: draftOf(item.deviceAction),
});

/** The studio's tip-menu editor: label and price per item, saved all at once; the room sees it at once. */
export function MenuEditor() {
  const [menu, reload] = useResource(() => client.studio.menu.$get(), []);
  return (
    <section class="card" aria-labelledby="menu-editor-title">
      <h2 id="menu-editor-title" class="room-panel-title">
        <Icon name="star" /> Tip menu
      </h2>
      <p class="muted">Things viewers can tip for, each at a fixed price. Up to {TIP_MENU_MAX_ITEMS} items.</p>
      {menu.state === 'loading' && <Loading label="Loading your tip menu…" />}
      {menu.state === 'failed' && <ErrorState error={menu.error} retry={reload} title="Your tip menu did not load" />}
      {menu.state === 'ready' && <MenuForm initial={menu.data.items} />}
    </section>
  );
}

function MenuForm({ initial }: { initial: MenuItem[] }) {
  const form = useFormState();
  const fields = form.fields.value;
  const [rows, setRows] = useState<Row[]>(() => initial.map(rowOf));
  const change = (key: string, patch: Partial<Row>) =>
    setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    const key = crypto.randomUUID();
    setRows([...rows, { key, label: '', price: '', device: draftOf(null) }]);
    requestAnimationFrame(() => document.getElementById(`menu-label-${key}`)?.focus());
  };
  const remove = (index: number) => {
    setRows(rows.filter((_, i) => i !== index));
    requestAnimationFrame(() => document.getElementById('menu-add')?.focus());
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const body = {
      items: rows.map((r) => ({
        ...(r.id ? { id: r.id } : {}),
        label: r.label.trim(),
        price: /^\d+$/.test(r.price) ? Number(r.price) : Number.NaN,
        deviceAction: reactionOfDraft(r.device),
      })),
    };
    await submitForm(form, schemaProblems(MenuBody, body), async () => {
      const saved = await call(client.studio.menu.$put({ json: body }));
      setRows(saved.items.map(rowOf));
      toast('Tip menu saved');
    });
  };

  const labels = Object.fromEntries(
    rows.flatMap((r, i) => [
      [`items.${i}.label`, [`Item ${i + 1} label`, `menu-label-${r.key}`]],
      [`items.${i}.price`, [`Item ${i + 1} price`, `menu-price-${r.key}`]],
      [`items.${i}.deviceAction`, [`Item ${i + 1} device`, `menu-device-${r.key}`]],
      [`items.${i}.deviceAction.intensity`, [`Item ${i + 1} strength`, `menu-device-${r.key}-intensity`]],
      [`items.${i}.deviceAction.seconds`, [`Item ${i + 1} seconds`, `menu-device-${r.key}-seconds`]],
    ]),
  ) as Record<string, [string, string]>;
  return (
    <form noValidate onSubmit={submit} class="form">
      <FormAlert message={form.summary.value} fields={fields} labels={{ ...labels, items: ['Items', 'menu-add'] }} />
      {rows.length === 0 ? (
        <p class="muted">No items yet.</p>
      ) : (
        <ol class="menu-editor-rows">
          {rows.map((row, i) => {
            const labelError = fields[`items.${i}.label`];
            const priceError = fields[`items.${i}.price`];
            return (
              <li key={row.key} class="menu-editor-row">
                <div class={`field${labelError ? ' field--invalid' : ''}`}>
                  <label for={`menu-label-${row.key}`}>Item {i + 1}</label>
                  <input
                    id={`menu-label-${row.key}`}
                    class="input"
                    type="text"
                    value={row.label}
                    maxLength={MENU_LABEL_MAX_CHARS + 10}
                    autocomplete="off"
                    aria-invalid={labelError ? 'true' : undefined}
                    aria-describedby={labelError ? `menu-label-${row.key}-error` : undefined}
                    onInput={(e) => change(row.key, { label: e.currentTarget.value })}
                  />
                  <FieldError id={`menu-label-${row.key}`} error={labelError} />
                </div>
                <div class={`field${priceError ? ' field--invalid' : ''}`}>
                  <label for={`menu-price-${row.key}`}>
                    Price <span class="muted">(tokens)</span>
                  </label>
                  <input
                    id={`menu-price-${row.key}`}
                    class="input"
                    type="text"
                    inputMode="numeric"
                    pattern="[0-9]*"
                    value={row.price}
                    autocomplete="off"
                    aria-invalid={priceError ? 'true' : undefined}
                    aria-describedby={priceError ? `menu-price-${row.key}-error` : undefined}
                    onInput={(e) => change(row.key, { price: e.currentTarget.value.replace(/\D/g, '') })}
                  />
                  <FieldError id={`menu-price-${row.key}`} error={priceError} />
                </div>
                <button type="button" class="button button--ghost" onClick={() => remove(i)}>
                  Remove
                  <span class="visually-hidden">
                    {' '}
                    item {i + 1}
                    {row.label ? `, ${row.label}` : ''}
                  </span>
                </button>
                <ReactionPicker
                  id={`menu-device-${row.key}`}
                  label="Device"
                  noneLabel="Tip level decides"
                  draft={row.device}
                  onChange={(device) => change(row.key, { device })}
                  errors={{
                    reaction: fields[`items.${i}.deviceAction`],
                    intensity: fields[`items.${i}.deviceAction.intensity`],
                    seconds: fields[`items.${i}.deviceAction.seconds`],
                  }}
                />
              </li>
            );
          })}
        </ol>
      )}
      <p class="button-row">
        <button type="button" id="menu-add" class="button" disabled={rows.length >= TIP_MENU_MAX_ITEMS} onClick={add}>
          Add item
        </button>
        <SubmitButton busy={form.busy.value}>Save menu</SubmitButton>
      </p>
    </form>
  );
}
