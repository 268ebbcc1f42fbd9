import { useEffect, useRef, useState } from 'preact/hooks';
import { usePageTitle } from '../../lib/page-title.ts';
import { confirmAdult } from './adult-notice.ts';
import '../../styles/legal.css';

/**
 * The 18+ entry notice, before any room or profile content: a full-page modal dialog (the
 * platform's <dialog>, so the page behind is inert) with Enter and Leave. Escape does not dismiss
 * it, since it needs an answer, and Tab wraps inside it.
 */
export function AgeGate() {
  usePageTitle('Adults only');
  const [left, setLeft] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const box = dialog.current;
    if (!box) return;
    if (!box.open) box.showModal();
    // The pressed button is gone when the content swaps: start again at the first choice.
    box.querySelector<HTMLElement>('button')?.focus();
  }, [left]);

  // Keep Tab inside the dialog (Chromium would otherwise let it out to the browser's own controls).
  const trapTab = (event: KeyboardEvent) => {
    if (event.key !== 'Tab' || !dialog.current) return;
    const stops = [...dialog.current.querySelectorAll<HTMLElement>('a[href], button:not([disabled])')];
    const first = stops[0];
    const last = stops[stops.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      class="age-gate"
      aria-labelledby="age-gate-title"
      aria-describedby="age-gate-text"
      onCancel={(e) => e.preventDefault()}
      onKeyDown={trapTab}
    >
      {left ? (
        <div class="age-gate-card">
          <h1 id="age-gate-title">You have left Encore</h1>
          <p id="age-gate-text">Encore is only for adults, so nothing here was shown. You can close this tab now.</p>
          <p class="button-row">
            <button
              type="button"
              class="button"
              // biome-ignore lint/a11y/noAutofocus: in a modal dialog autofocus picks the control focused on opening
              autoFocus
              onClick={() => setLeft(false)}
            >
              Back to the age notice
            </button>
          </p>
        </div>
      ) : (
        <div class="age-gate-card">
          <p class="age-gate-badge" aria-hidden="true">
            18+
          </p>
          <h1 id="age-gate-title">Encore is for adults only</h1>
          <div id="age-gate-text">
            <p>Encore shows live adult entertainment, which may include nudity and sexual content.</p>
            <p>
              Enter only if you are 18 or older (or the age of majority where you live, if that is higher) and viewing
              such content is legal where you are.
            </p>
          </div>
          <p class="age-gate-terms">
            By entering you agree to the <a href="/terms">Terms of Service</a> and the{' '}
            <a href="/privacy">Privacy notice</a>. <a href="/2257">Records-keeping statement (18 U.S.C. 2257)</a>.
          </p>
          <div class="button-row age-gate-actions">
            <button
              type="button"
              class="button button--primary"
              // biome-ignore lint/a11y/noAutofocus: in a modal dialog autofocus picks the control focused on opening
              autoFocus
              onClick={confirmAdult}
            >
              Enter (I am 18 or older)
            </button>
            <button type="button" class="button" onClick={() => setLeft(true)}>
              Leave
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
