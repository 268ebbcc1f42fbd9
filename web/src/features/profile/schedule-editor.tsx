import type { Schedule, ScheduleSlot } from '../../../../wire/profile.ts';
import { FieldError } from '../../components/field.tsx';
import type { FieldErrors } from '../../lib/forms.ts';
import { WEEKDAY_NAMES, WEEKDAYS } from '../../lib/schedule.ts';

const MAX_SLOTS = 21;
type Props = { schedule: Schedule; onChange: (schedule: Schedule) => void; errors: FieldErrors; zones: string[] };

/** A time zone and weekly slots; a slot that ends before it starts runs past midnight. */
export function ScheduleEditor({ schedule, onChange, errors, zones }: Props) {
  const slots = schedule.slots;
  const setSlots = (next: ScheduleSlot[]) => onChange({ ...schedule, slots: next });
  const update = (index: number, change: Partial<ScheduleSlot>) =>
    setSlots(slots.map((s, i) => (i === index ? { ...s, ...change } : s)));
  const zoneError = errors['schedule.timeZone'];
  return (
    <fieldset class="field rows-editor">
      <legend>Schedule</legend>
      <p class="field-hint">When you usually go live. Viewers see it in their own time zone.</p>
      <div class="field">
        <label for="schedule-zone">Time zone</label>
        <select
          id="schedule-zone"
          class="input"
          value={schedule.timeZone}
          onChange={(e) => onChange({ ...schedule, timeZone: e.currentTarget.value })}
          aria-invalid={zoneError ? 'true' : undefined}
          aria-describedby={zoneError ? 'schedule-zone-error' : undefined}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
        <FieldError id="schedule-zone" error={zoneError} />
      </div>
      {slots.map((slot, i) => {
        const n = i + 1;
        const problem =
          errors[`schedule.slots.${i}.start`] ?? errors[`schedule.slots.${i}.end`] ?? errors[`schedule.slots.${i}.day`];
        const aria = {
          'aria-invalid': problem ? ('true' as const) : undefined,
          'aria-describedby': problem ? `slot-${i}-error` : undefined,
        };
        return (
          <div class="editor-row slot-row" key={i}>
            <div class="editor-cell">
              <label for={`slot-${i}-day`} class="cell-label">
                Slot {n} day
              </label>
              <select
                id={`slot-${i}-day`}
                class="input"
                value={slot.day}
                onChange={(e) => update(i, { day: e.currentTarget.value as ScheduleSlot['day'] })}
                {...aria}
              >
                {WEEKDAYS.map((d) => (
                  <option key={d} value={d}>
                    {WEEKDAY_NAMES[d]}
                  </option>
                ))}
              </select>
            </div>
            <div class="editor-cell">
              <label for={`slot-${i}-start`} class="cell-label">
                Slot {n} start
              </label>
              <input
                id={`slot-${i}-start`}
                class="input"
                type="time"
                value={slot.start}
                onInput={(e) => update(i, { start: e.currentTarget.value })}
                {...aria}
              />
            </div>
            <div class="editor-cell">
              <label for={`slot-${i}-end`} class="cell-label">
                Slot {n} end
              </label>
              <input
                id={`slot-${i}-end`}
                class="input"
                type="time"
                value={slot.end}
                onInput={(e) => update(i, { end: e.currentTarget.value })}
                {...aria}
              />
            </div>
            <button
              type="button"
              class="button button--ghost row-remove"
              onClick={() => setSlots(slots.filter((_, j) => j !== i))}
            >
              Remove<span class="visually-hidden"> slot {n}</span>
            </button>
            <FieldError id={`slot-${i}`} error={problem} />
          </div>
        );
      })}
      <button
        type="button"
        class="button"
        disabled={slots.length >= MAX_SLOTS}
        onClick={() => setSlots([...slots, { day: 'fri', start: '20:00', end: '23:00' }])}
      >
        + Add a time slot
      </button>
    </fieldset>
  );
}
