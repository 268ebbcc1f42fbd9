import { useEffect, useState } from 'preact/hooks';

/** The time now, re-read every `everyMs` while mounted: clocks and countdowns tick with it. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** 75 s → "1:15"; 3725 s → "1:02:05". */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/** Time since `since` (epoch ms), ticking each second; not announced (it would talk over everything). */
export function ShowClock({ since }: { since: number }) {
  const now = useNow();
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  return (
    <time class="show-clock" dateTime={`PT${seconds}S`}>
      {clockText(seconds)}
    </time>
  );
}

/** Seconds left until `until` (epoch ms), never below zero, ticking each second. */
export function useSecondsLeft(until: number | null): number {
  const now = useNow();
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}
