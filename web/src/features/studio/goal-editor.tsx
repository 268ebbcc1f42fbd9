import { useRef, useState } from 'preact/hooks';
import { GOAL_TITLE_MAX_CHARS, type Goal, GoalBody } from '../../../../wire/goals.ts';
import { FieldShell, fieldAria } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { Icon } from '../../components/icon.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { toast } from '../../components/toast.tsx';
import { ApiFailure } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { formatTokens } from '../../lib/money.ts';
import { timeLeft } from '../room/goal-bar.tsx';
import type { RoomState } from '../room/room-state.ts';
import '../../styles/room-goals.css';

const LABELS: Record<string, [string, string]> = {
  title: ['Goal', 'goal-title-input'],
  target: ['Target', 'goal-target'],
  deadline: ['Deadline', 'goal-deadline'],
};

/** A datetime-local value (the performer's own clock) an hour from now. */
function inAnHour(): string {
  const at = new Date(Date.now() + 60 * 60 * 1000);
  at.setMinutes(at.getMinutes() - at.getTimezoneOffset());
  return at.toISOString().slice(0, 16);
}

/**
 * The studio's goal editor: the current goal with its progress and an End goal step, and a form for a new one.
 * With the room's socket joined, the goal is the room's own (the figures the live goal card shows, moving
 * with each tip); the fetched one serves until then.
 */
export function GoalEditor({ room }: { room?: RoomState }) {
  const [answer, reload, replace] = useResource(() => client.studio.goal.$get(), []);
  const joined = room !== undefined && room.connection.value === 'live';
  const goal = joined ? room.goal.value : answer.state === 'ready' ? answer.data.goal : null;
  return (
    <section class="card" aria-labelledby="goal-editor-title">
      <h2 id="goal-editor-title" class="room-panel-title">
        <Icon name="flag" /> Goal
      </h2>
      {answer.state === 'loading' && <Loading label="Loading your goal…" />}
      {answer.state === 'failed' && <ErrorState error={answer.error} retry={reload} title="Your goal did not load" />}
      {answer.state === 'ready' && (
        <>
          {goal && (
            <CurrentGoal goal={goal} onEnded={() => replace({ goal: null })} onRefresh={joined ? undefined : reload} />
          )}
          <GoalForm current={goal} onSet={(set) => replace({ goal: set })} />
        </>
      )}
    </section>
  );
}

function CurrentGoal({ goal, onEnded, onRefresh }: { goal: Goal; onEnded: () => void; onRefresh?: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const endButton = useRef<HTMLButtonElement>(null);
  const end = async () => {
    setBusy(true);
    setProblem('');
    try {
      await call(client.studio.goal.$delete());
      toast(goal.escrow && goal.status === 'open' ? 'Goal ended; its tips are being refunded' : 'Goal ended');
      onEnded();
    } catch (error) {
      setProblem(error instanceof ApiFailure ? error.message : 'Something went wrong; try again');
      setBusy(false);
    }
  };
  const status =
    goal.status === 'reached'
      ? 'Reached'
      : goal.status === 'missed'
        ? 'Missed (tips refunded)'
        : goal.escrow && goal.deadline
          ? `Open, ${timeLeft(goal.deadline - Date.now())} left`
          : 'Open';
  return (
    <div class="goal-editor-current">
      <p>
        <strong>{goal.title}</strong> · {status}
      </p>
      <ProgressBar fraction={goal.progress / goal.target} label={`Progress toward ${goal.title}`} />
      <p class="muted">
        {formatTokens(goal.progress)} of {formatTokens(goal.target)} tokens
        {goal.escrow ? ' · tips held until reached' : ''}{' '}
        {onRefresh && (
          <button type="button" class="button button--ghost button--small" onClick={onRefresh}>
            Refresh
          </button>
        )}
      </p>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      {confirming ? (
        <fieldset
          class="group"
          aria-labelledby="goal-end-question"
          onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}
        >
          <p id="goal-end-question">
            End this goal?
            {goal.escrow && goal.status === 'open'
              ? ' It has not been reached: every tip held for it goes back to its tipper.'
              : ''}
          </p>
          <p class="button-row">
            <button type="button" class="button button--danger" disabled={busy} aria-busy={busy} onClick={end}>
              {busy && <span class="spinner" aria-hidden="true" />}Yes, end goal
            </button>
            <button
              type="button"
              class="button button--ghost"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => endButton.current?.focus());
              }}
            >
              Keep it
            </button>
          </p>
        </fieldset>
      ) : (
        <p class="button-row">
          <button type="button" class="button button--danger" ref={endButton} onClick={() => setConfirming(true)}>
            End goal
          </button>
        </p>
      )}
    </div>
  );
}

function GoalForm({ current, onSet }: { current: Goal | null; onSet: (goal: Goal | null) => void }) {
  const form = useFormState();
  const fields = form.fields.value;
  const [title, setTitle] = useState('');
  const [target, setTarget] = useState('');
  const [escrow, setEscrow] = useState(false);
  const [deadline, setDeadline] = useState(inAnHour);
  // The default deadline is "an hour from when the performer asks for one", not from when the form first rendered:
  // the studio stays open for hours, so ticking the box refreshes it unless the performer has typed their own.
  const [deadlineTyped, setDeadlineTyped] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const when = new Date(deadline);
    const body = {
      title: title.trim(),
      target: /^\d+$/.test(target) ? Number(target) : Number.NaN,
      escrow,
      ...(escrow ? { deadline: Number.isNaN(when.getTime()) ? 'invalid' : when.toISOString() } : {}),
    };
    await submitForm(form, schemaProblems(GoalBody, body), async () => {
      const answer = await call(client.studio.goal.$put({ json: body }));
      toast('Goal set');
      setTitle('');
      setTarget('');
      onSet(answer.goal);
    });
  };
  const titleAria = fieldAria('goal-title-input', false, fields.title);
  const targetAria = fieldAria('goal-target', true, fields.target);
  const deadlineAria = fieldAria('goal-deadline', true, fields.deadline);
  return (
    <form noValidate onSubmit={submit} class="form">
      <h3 class="room-panel-title">{current ? 'Set a new goal' : 'Set a goal'}</h3>
      {current?.escrow && current.status === 'open' && (
        <p class="muted">A new goal ends the current one unmet: its held tips go back to the tippers.</p>
      )}
      <FormAlert message={form.summary.value} fields={fields} labels={LABELS} />
      <FieldShell id="goal-title-input" label="Goal" error={fields.title}>
        <input
          class="input"
          type="text"
          value={title}
          maxLength={GOAL_TITLE_MAX_CHARS + 10}
          autocomplete="off"
          onInput={(e) => setTitle(e.currentTarget.value)}
          {...titleAria}
        />
      </FieldShell>
      <FieldShell id="goal-target" label="Target (tokens)" hint="Every tip counts toward it." error={fields.target}>
        <input
          class="input"
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          value={target}
          autocomplete="off"
          onInput={(e) => setTarget(e.currentTarget.value.replace(/\D/g, ''))}
          {...targetAria}
        />
      </FieldShell>
      <label class="tip-check">
        <input
          type="checkbox"
          checked={escrow}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            if (on && !deadlineTyped) setDeadline(inAnHour());
            setEscrow(on);
          }}
        />{' '}
        <span>Hold tips until the goal is reached, and refund them if it is missed</span>
      </label>
      {escrow && (
        <FieldShell
          id="goal-deadline"
          label="Deadline"
          hint="Between one minute and seven days from now, your local time."
          error={fields.deadline}
        >
          <input
            class="input"
            type="datetime-local"
            value={deadline}
            onInput={(e) => {
              setDeadlineTyped(true);
              setDeadline(e.currentTarget.value);
            }}
            {...deadlineAria}
          />
        </FieldShell>
      )}
      <p class="button-row">
        <SubmitButton busy={form.busy.value}>Set goal</SubmitButton>
      </p>
    </form>
  );
}
