import { signal } from '@preact/signals';

type Toast = { id: number; text: string; tone: 'success' | 'error' };
const toasts = signal<Toast[]>([]);
let nextId = 1;

/** Shows a short message in the app's live region, then removes it. */
export function toast(text: string, tone: Toast['tone'] = 'success'): void {
  const id = nextId++;
  toasts.value = [...toasts.value, { id, text, tone }];
  setTimeout(() => (toasts.value = toasts.value.filter((t) => t.id !== id)), 5000);
}

/** Always in the DOM, so screen readers are already listening when a message arrives. */
export function Toasts() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.value.map((t) => (
        <p key={t.id} class={`toast toast--${t.tone}`}>
          <span aria-hidden="true">{t.tone === 'success' ? '✓ ' : '⚠ '}</span>
          {t.text}
        </p>
      ))}
    </div>
  );
}
