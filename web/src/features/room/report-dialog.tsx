import { useEffect, useRef, useState } from 'preact/hooks';
import { REPORT_REASONS, REPORT_TEXT_MAX, type ReportReason } from '../../../../wire/moderation.ts';
import type { ChatMessage } from '../../../../wire/room.ts';
import { REASON_WORDS } from './reasons.ts';
import { REPORT_REASON_WORDS } from './report-words.ts';
import type { RoomConnection } from './room-connection.ts';

export type ReportTarget = { kind: 'room'; name: string } | { kind: 'message'; message: ChatMessage };

/**
 * The report form in a modal dialog (the platform's <dialog>: focus moves in and stays, Escape
 * closes, focus returns to the button that opened it). A reason is required; a few words help.
 */
export function ReportDialog({
  room,
  target,
  onClose,
}: {
  room: RoomConnection;
  target: ReportTarget;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState<ReportReason | ''>('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [sent, setSent] = useState(false);

  useEffect(() => {
    const box = dialog.current;
    if (!box) return;
    const opener = document.activeElement as HTMLElement | null;
    box.showModal();
    return () => {
      if (box.open) box.close();
      opener?.focus();
    };
  }, []);

  const over = text.length > REPORT_TEXT_MAX;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!reason) return setProblem('Choose a reason.');
    if (over) return setProblem(`Keep it to ${REPORT_TEXT_MAX} characters.`);
    setBusy(true);
    setProblem('');
    const answer = await room.ask({
      type: 'report.send',
      clientId: crypto.randomUUID(),
      target: target.kind,
      ...(target.kind === 'message' ? { messageId: target.message.id } : {}),
      reason,
      text: text.trim(),
    });
    setBusy(false);
    if (answer.type === 'report.result') setSent(true);
    else
      setProblem(
        answer.type === 'rejected'
          ? answer.reason === 'RATE_LIMITED'
            ? 'You have sent several reports just now. Try again later.'
            : answer.reason === 'INVALID'
              ? answer.message
              : REASON_WORDS[answer.reason]
          : 'That did not go through.',
      );
  };

  const about = target.kind === 'room' ? `${target.name}’s room` : `${target.message.from.displayName}’s message`;
  return (
    <dialog ref={dialog} class="report-dialog" aria-labelledby="report-title" onClose={onClose} onCancel={onClose}>
      {sent ? (
        <div class="report-done" role="status">
          <h2 id="report-title">Report sent</h2>
          <p>Thank you. Our safety team reviews every report; the chat as it was just now is attached.</p>
          <p class="button-row">
            <button
              type="button"
              class="button button--primary"
              // biome-ignore lint/a11y/noAutofocus: in a modal dialog autofocus picks the control focused on opening
              autoFocus
              onClick={onClose}
            >
              Close
            </button>
          </p>
        </div>
      ) : (
        <form class="form" onSubmit={submit} noValidate>
          <h2 id="report-title">Report {about}</h2>
          {target.kind === 'message' && <blockquote class="report-quote">{target.message.text}</blockquote>}
          <fieldset class="report-reasons" aria-describedby={problem ? 'report-problem' : undefined}>
            <legend>What is wrong?</legend>
            {REPORT_REASONS.map((option) => (
              <label key={option} class="report-reason">
                <input
                  type="radio"
                  name="reason"
                  value={option}
                  checked={reason === option}
                  onChange={() => setReason(option)}
                  required
                />
                {REPORT_REASON_WORDS[option]}
              </label>
            ))}
          </fieldset>
          <label for="report-text">
            Anything else we should know? <span class="muted">(optional)</span>
          </label>
          <textarea
            id="report-text"
            class="input textarea"
            rows={3}
            value={text}
            aria-invalid={over}
            aria-describedby="report-count"
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <p id="report-count" class={`counter${over ? ' counter--over' : ''}`}>
            {text.length} / {REPORT_TEXT_MAX} characters
          </p>
          {problem && (
            <p id="report-problem" class="field-error" role="alert">
              {problem}
            </p>
          )}
          <p class="button-row">
            <button type="submit" class="button button--danger" disabled={busy} aria-busy={busy}>
              {busy && <span class="spinner" aria-hidden="true" />}Send report
            </button>
            <button type="button" class="button button--ghost" onClick={onClose}>
              Cancel
            </button>
          </p>
        </form>
      )}
    </dialog>
  );
}
