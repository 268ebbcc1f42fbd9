import { useState } from 'preact/hooks';
import {
  FAN_CLUB_MAX_PERKS,
  FAN_CLUB_MAX_PRICE,
  FAN_CLUB_MIN_PRICE,
  FAN_CLUB_PERK_MAX_CHARS,
  type FanClubMembersResponse,
  type FanClubMonth,
  FanClubSettings,
} from '../../../../wire/fan-club.ts';
import { FAN_CLUB_DISCOUNT_MAX_PERCENT, FanClubDiscountBody } from '../../../../wire/tip-menu.ts';
import { FieldError, FieldShell, fieldAria } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { toast } from '../../components/toast.tsx';
import { call, client } from '../../lib/api-client.ts';
import { schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { tokensText } from '../../lib/money.ts';
import { FanClubChart } from './fan-club-chart.tsx';
import { FanClubMembersTable } from './fan-club-members.tsx';
import '../../styles/earnings.css';
import '../../styles/fan-club.css';

/**
 * The studio's Fan club section: on or off, the monthly price and perks, the members' discount on the tip
 * menu, the members with their status, and per month the members, joins, lapses and recurring tokens.
 */
export default function StudioFanClub() {
  const [settings, reloadSettings] = useResource(() => client.studio['fan-club'].$get(), []);
  const [members, reloadMembers] = useResource(() => client.studio['fan-club'].members.$get(), []);
  return (
    <>
      <h1 class="console-title">Fan club</h1>
      <p class="muted">
        Monthly memberships paid in tokens. Members get a badge in your chat, can chat when you switch on fan-club-only
        chat (Go live → moderation), and pay less for your tip menu if you set a discount.
      </p>
      <section class="card studio-panel" aria-labelledby="fan-club-settings-title">
        <h2 id="fan-club-settings-title">Settings</h2>
        {settings.state === 'loading' && <Loading label="Loading your fan club…" />}
        {settings.state === 'failed' && (
          <ErrorState error={settings.error} retry={reloadSettings} title="Your fan club did not load" />
        )}
        {settings.state === 'ready' && <SettingsForm initial={settings.data.settings} />}
      </section>
      <DiscountCard />
      <section class="card studio-panel" aria-labelledby="fan-club-members-title">
        <h2 id="fan-club-members-title">Members</h2>
        {members.state === 'loading' && <Loading label="Loading your members…" />}
        {members.state === 'failed' && (
          <ErrorState error={members.error} retry={reloadMembers} title="Your members did not load" />
        )}
        {members.state === 'ready' && <MembersView data={members.data} />}
      </section>
    </>
  );
}

function SettingsForm({ initial }: { initial: FanClubSettings }) {
  const form = useFormState();
  const fields = form.fields.value;
  const [enabled, setEnabled] = useState(initial.enabled);
  const [price, setPrice] = useState(String(initial.priceTokens));
  const [perks, setPerks] = useState<string[]>(initial.perks.length > 0 ? initial.perks : ['']);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const body = {
      enabled,
      priceTokens: /^\d+$/.test(price) ? Number(price) : Number.NaN,
      perks: perks.map((p) => p.trim()).filter(Boolean),
    };
    await submitForm(form, schemaProblems(FanClubSettings, body), async () => {
      const saved = await call(client.studio['fan-club'].$put({ json: body }));
      setPerks(saved.settings.perks.length > 0 ? saved.settings.perks : ['']);
      toast(saved.settings.enabled ? 'Fan club saved: it is open to join' : 'Fan club saved: it is off');
    });
  };
  const labels: Record<string, [string, string]> = {
    priceTokens: ['Monthly price', 'fan-club-price'],
    perks: ['Perks', 'fan-club-perk-0'],
    ...Object.fromEntries(perks.map((_, i) => [`perks.${i}`, [`Perk ${i + 1}`, `fan-club-perk-${i}`]])),
  };
  return (
    <form noValidate onSubmit={submit} class="form">
      <FormAlert message={form.summary.value} fields={fields} labels={labels} />
      <label class="checkbox">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        Fan club open to join
      </label>
      <FieldShell
        id="fan-club-price"
        label="Monthly price (tokens)"
        hint={
          `${FAN_CLUB_MIN_PRICE} to ${FAN_CLUB_MAX_PRICE} tokens per 30 days. ` +
          'A new price applies to each member at their next renewal; they are told.'
        }
        error={fields.priceTokens}
      >
        <input
          {...fieldAria('fan-club-price', true, fields.priceTokens)}
          class="input"
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          value={price}
          autocomplete="off"
          onInput={(e) => setPrice(e.currentTarget.value.replace(/\D/g, ''))}
        />
      </FieldShell>
      <fieldset class="group">
        <legend>Perks</legend>
        <p class="field-hint">Up to {FAN_CLUB_MAX_PERKS}, shown when a viewer joins.</p>
        <ol class="fan-club-perk-rows">
          {perks.map((perk, i) => (
            <li key={i} class="fan-club-perk-row">
              <label for={`fan-club-perk-${i}`} class="visually-hidden">
                Perk {i + 1}
              </label>
              <input
                {...fieldAria(`fan-club-perk-${i}`, false, fields[`perks.${i}`])}
                class="input"
                type="text"
                value={perk}
                maxLength={FAN_CLUB_PERK_MAX_CHARS + 10}
                placeholder="For example: a shout-out on your first visit each month"
                onInput={(e) => setPerks(perks.map((p, j) => (j === i ? e.currentTarget.value : p)))}
              />
              <button
                type="button"
                class="button button--ghost button--small"
                onClick={() => setPerks(perks.length > 1 ? perks.filter((_, j) => j !== i) : [''])}
              >
                Remove<span class="visually-hidden"> perk {i + 1}</span>
              </button>
              <FieldError id={`fan-club-perk-${i}`} error={fields[`perks.${i}`]} />
            </li>
          ))}
        </ol>
        {perks.length < FAN_CLUB_MAX_PERKS && (
          <button type="button" class="button button--small" onClick={() => setPerks([...perks, ''])}>
            Add a perk
          </button>
        )}
      </fieldset>
      <SubmitButton busy={form.busy.value}>Save fan club</SubmitButton>
    </form>
  );
}

/** One percent off the whole tip menu for members: the Room works out each members' price. */
function DiscountCard() {
  const [menu, reload] = useResource(() => client.studio.menu.$get(), []);
  return (
    <section class="card studio-panel" aria-labelledby="fan-club-discount-title">
      <h2 id="fan-club-discount-title">Tip-menu discount for members</h2>
      {menu.state === 'loading' && <Loading label="Loading your tip menu…" />}
      {menu.state === 'failed' && <ErrorState error={menu.error} retry={reload} title="Your tip menu did not load" />}
      {menu.state === 'ready' && (
        <DiscountForm initial={menu.data.fanClubDiscountPercent} items={menu.data.items.length} />
      )}
    </section>
  );
}

function DiscountForm({ initial, items }: { initial: number; items: number }) {
  const form = useFormState();
  const [percent, setPercent] = useState(String(initial));
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const body = { percent: /^\d+$/.test(percent) ? Number(percent) : Number.NaN };
    await submitForm(form, schemaProblems(FanClubDiscountBody, body), async () => {
      const saved = await call(client.studio.menu['fan-club-discount'].$put({ json: body }));
      toast(saved.fanClubDiscountPercent > 0 ? `Members save ${saved.fanClubDiscountPercent}%` : 'No discount');
    });
  };
  return (
    <form noValidate onSubmit={submit} class="form">
      <FormAlert
        message={form.summary.value}
        fields={form.fields.value}
        labels={{ percent: ['Discount', 'fan-club-discount'] }}
      />
      <FieldShell
        id="fan-club-discount"
        label="Percent off every item"
        hint={
          <>
            0 to {FAN_CLUB_DISCOUNT_MAX_PERCENT}; 0 is no discount. Rounded down in the member’s favour, at least 1
            token. {items === 0 ? 'Your tip menu is empty: add items under Go live.' : 'The room shows both prices.'}
          </>
        }
        error={form.fields.value.percent}
      >
        <input
          {...fieldAria('fan-club-discount', true, form.fields.value.percent)}
          class="input fan-club-short-input"
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          value={percent}
          autocomplete="off"
          onInput={(e) => setPercent(e.currentTarget.value.replace(/\D/g, ''))}
        />
      </FieldShell>
      <SubmitButton busy={form.busy.value}>Save discount</SubmitButton>
    </form>
  );
}

/**
 * The months oldest first and without gaps, at least the last six: a month with nothing in it is a zero on the
 * chart, not a missing point (and one month alone still gets a readable axis).
 */
export function monthsInARow(newestFirst: FanClubMonth[]): FanClubMonth[] {
  const byMonth = new Map(newestFirst.map((m) => [m.month, m]));
  const newest = newestFirst[0]?.month ?? new Date().toISOString().slice(0, 7);
  const oldest = newestFirst.at(-1)?.month ?? newest;
  const [year, month] = newest.split('-').map(Number) as [number, number];
  const row: FanClubMonth[] = [];
  for (let back = 0; back < 12; back++) {
    const key = new Date(Date.UTC(year, month - 1 - back, 1)).toISOString().slice(0, 7);
    if (back >= 6 && key < oldest) break;
    row.unshift(byMonth.get(key) ?? { month: key, members: 0, joins: 0, lapses: 0, recurringTokens: 0 });
  }
  return row;
}

function MembersView({ data }: { data: FanClubMembersResponse }) {
  const thisMonth = data.months[0];
  return (
    <>
      <dl class="fan-club-figures">
        <div>
          <dt>Members now</dt>
          <dd>{data.memberCount}</dd>
        </div>
        <div>
          <dt>Recurring this month</dt>
          <dd>{tokensText(thisMonth?.recurringTokens ?? 0)}</dd>
        </div>
      </dl>
      {data.months.length > 0 && <FanClubChart months={monthsInARow(data.months)} />}
      {data.members.length === 0 ? (
        <EmptyState title="No members yet" icon="heart">
          <p>Members show here once viewers join from your room or profile.</p>
        </EmptyState>
      ) : (
        <FanClubMembersTable members={data.members} />
      )}
    </>
  );
}
