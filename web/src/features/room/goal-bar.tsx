import { useEffect, useState } from 'preact/hooks';
import type { Goal } from '../../../../wire/goals.ts';
import { Icon } from '../../components/icon.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { formatTokens } from '../../lib/money.ts';
import type { RoomState } from './room-state.ts';
import '../../styles/room-goals.css';

/** How long the celebration plays; it is decorative (and skipped with reduced motion). */
const CELEBRATION_MS = 4_000;

/** "2 h 05 min", "4 min 09 s": the time left before an escrowed goal's deadline. */
export function timeLeft(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${two(m)} min`;
  return `${m} min ${two(s % 60)} s`;
}

/**
 * The room's goal: title, progress, the deadline countdown of an escrowed goal, and the celebration when it
 * is reached.
 */
export function GoalBar({ room }: { room: RoomState }) {
  const goal = room.goal.value;
  const celebration = useCelebration(room);
  if (!goal) return null;
  const celebrating = celebration?.id === goal.id ? celebration : null;
  return (
    <section class={`card goal-bar goal-bar--${goal.status}`} aria-labelledby="goal-title">
      <h2 id="goal-title" class="room-panel-title">
        <Icon name="flag" /> Goal: {goal.title}
      </h2>
      <ProgressBar fraction={goal.progress / goal.target} label={`Progress toward ${goal.title}`} />
      <p class="goal-figures">
        <strong>{formatTokens(Math.min(goal.progress, goal.target))}</strong> of {formatTokens(goal.target)} tokens
        {goal.status === 'reached' && <span class="badge goal-badge"> Reached</span>}
        {goal.status === 'missed' && <span class="badge goal-badge goal-badge--missed"> Missed</span>}
      </p>
      <GoalTerms goal={goal} />
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">
        {celebrating ? `Goal reached: ${celebrating.title}!` : ''}
      </p>
      {celebrating && (
        <div class="goal-celebration" aria-hidden="true">
          <span class="goal-celebration-text">Goal reached!</span>
          {Array.from({ length: 14 }, (_, i) => (
            <span key={i} class="goal-confetti" style={{ '--i': String(i) }} />
          ))}
        </div>
      )}
    </section>
  );
}

function GoalTerms({ goal }: { goal: Goal }) {
  if (!goal.escrow) return null;
  if (goal.status === 'reached') return <p class="goal-terms">Every tip held for this goal went to the performer.</p>;
  if (goal.status === 'missed')
    return <p class="goal-terms">The deadline passed: every tip toward it goes back to its tipper.</p>;
  return (
    <p class="goal-terms">
      Tips are held until the goal is reached, and refunded if it is not reached in{' '}
      <Countdown until={goal.deadline ?? 0} />.
    </p>
  );
}

/** Ticks each second; its text is not announced on every tick (that would talk over the room). */
function Countdown({ until }: { until: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time class="goal-countdown" dateTime={new Date(until).toISOString()}>
      {timeLeft(until - now)}
    </time>
  );
}

/**
 * The goal being celebrated right now: until CELEBRATION_MS after the room said it was reached (a bar mounted
 * later plays only what is left).
 */
function useCelebration(room: RoomState): Goal | null {
  const reached = room.celebration.value;
  const [shown, setShown] = useState<Goal | null>(null);
  useEffect(() => {
    const left = reached ? reached.at + CELEBRATION_MS - Date.now() : 0;
    if (!reached || left <= 0) {
      setShown(null);
      return;
    }
    setShown(reached.goal);
    const timer = setTimeout(() => setShown(null), left);
    return () => clearTimeout(timer);
  }, [reached]);
  return shown;
}
