import { DEVICE_PATTERNS, type DevicePattern, describeReaction, type Reaction } from '../../../../wire/devices.ts';
import { FieldError } from '../../components/field.tsx';

/** A reaction as the form holds it: the choice, and the numbers as typed. */
export type ReactionDraft = {
  choice: 'none' | 'steady' | DevicePattern | 'custom';
  intensity: string;
  seconds: string;
  /** A custom pattern set elsewhere (the API, an assistant): kept as it is unless another choice is made. */
  custom: Reaction | null;
};

const PATTERN_NAMES: Record<DevicePattern, string> = {
  pulse: 'Pulse',
  wave: 'Wave',
  fireworks: 'Fireworks',
  earthquake: 'Earthquake',
};

export function draftOf(reaction: Reaction | null): ReactionDraft {
  if (!reaction) return { choice: 'none', intensity: '50', seconds: '5', custom: null };
  if (reaction.kind === 'custom') return { choice: 'custom', intensity: '50', seconds: '5', custom: reaction };
  return {
    choice: reaction.kind === 'steady' ? 'steady' : reaction.pattern,
    intensity: String(reaction.intensity),
    seconds: String(reaction.seconds),
    custom: null,
  };
}

/** The reaction to send; a number that is not one goes as NaN, so the schema names the field. */
export function reactionOfDraft(draft: ReactionDraft): Reaction | null {
  const number = (text: string) => (/^\d+$/.test(text) ? Number(text) : Number.NaN);
  const intensity = number(draft.intensity);
  const seconds = number(draft.seconds);
  switch (draft.choice) {
    case 'none':
      return null;
    case 'custom':
      return draft.custom;
    case 'steady':
      return { kind: 'steady', intensity, seconds };
    default:
      return { kind: 'pattern', pattern: draft.choice, intensity, seconds };
  }
}

/**
 * What the performer's device does: a steady buzz or a pattern at a strength for some seconds, or nothing of
 * its own (`noneLabel`: the tip level decides). Kept small: a select and two numbers.
 */
export function ReactionPicker({
  id,
  label,
  noneLabel,
  draft,
  onChange,
  errors,
}: {
  id: string;
  label: string;
  noneLabel: string;
  draft: ReactionDraft;
  onChange: (draft: ReactionDraft) => void;
  errors: { intensity?: string | undefined; seconds?: string | undefined; reaction?: string | undefined };
}) {
  const numbers = draft.choice !== 'none' && draft.choice !== 'custom';
  return (
    <div class="reaction-picker">
      <div class={`field${errors.reaction ? ' field--invalid' : ''}`}>
        <label for={id}>{label}</label>
        <select
          id={id}
          class="input"
          value={draft.choice}
          aria-invalid={errors.reaction ? 'true' : undefined}
          aria-describedby={errors.reaction ? `${id}-error` : undefined}
          onChange={(e) => onChange({ ...draft, choice: e.currentTarget.value as ReactionDraft['choice'] })}
        >
          <option value="none">{noneLabel}</option>
          <option value="steady">Steady</option>
          {DEVICE_PATTERNS.map((pattern) => (
            <option key={pattern} value={pattern}>
              {PATTERN_NAMES[pattern]}
            </option>
          ))}
          {draft.custom && <option value="custom">Custom: {describeReaction(draft.custom)}</option>}
        </select>
        <FieldError id={id} error={errors.reaction} />
      </div>
      {numbers && (
        <>
          <NumberField
            id={`${id}-intensity`}
            label="Strength (%)"
            value={draft.intensity}
            error={errors.intensity}
            onInput={(intensity) => onChange({ ...draft, intensity })}
          />
          <NumberField
            id={`${id}-seconds`}
            label="Seconds"
            value={draft.seconds}
            error={errors.seconds}
            onInput={(seconds) => onChange({ ...draft, seconds })}
          />
        </>
      )}
    </div>
  );
}

function NumberField({
  id,
  label,
  value,
  error,
  onInput,
}: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}) {
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label for={id}>{label}</label>
      <input
        id={id}
        class="input"
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autocomplete="off"
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => onInput(e.currentTarget.value.replace(/\D/g, ''))}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}
