import { useState } from 'preact/hooks';
import type { ShowSummary } from '../../../../../wire/shows.ts';
import { messageOf } from '../../../lib/api.ts';
import { call, client } from '../../../lib/api-client.ts';
import { tokensText } from '../../../lib/money.ts';
import { durationText, END_WORDS, KIND_WORDS } from './show-words.ts';

const REVIEW_COMMENT_MAX = 500;

/** The viewer's rating: `POST /api/shows/{id}/review` once per show; `PUT` changes it for 7 days. */
async function sendReview(showId: string, stars: number, comment: string, edit: boolean): Promise<void> {
  const review = client.shows[':id'].review;
  const request = { param: { id: encodeURIComponent(showId) }, json: { stars, comment } };
  if (edit) await call(review.$put(request));
  else await call(review.$post(request));
}

/** After a show: how long, how many minutes, how many tokens, why it ended; the viewer may rate it. */
export function ShowSummaryCard({
  summary,
  onClose,
  performer = false,
}: {
  summary: ShowSummary;
  onClose: () => void;
  performer?: boolean;
}) {
  return (
    <div class="show-summary" role="status">
      <h3 class="show-summary-title">{KIND_WORDS[summary.kind]} ended</h3>
      <p class="muted">{END_WORDS[summary.reason]}</p>
      <dl class="show-figures">
        <div>
          <dt>Duration</dt>
          <dd>{durationText(summary.durationMs)}</dd>
        </div>
        <div>
          <dt>Minutes</dt>
          <dd>{summary.minutes}</dd>
        </div>
        <div>
          <dt>{performer ? 'Tokens earned (before fees)' : 'Tokens spent'}</dt>
          <dd data-testid="summary-tokens">{tokensText(summary.tokens)}</dd>
        </div>
      </dl>
      {!performer && summary.minutes > 0 && <RatingForm showId={summary.showId} />}
      <button type="button" class="button button--ghost button--small" onClick={onClose}>
        Close summary
      </button>
    </div>
  );
}

function RatingForm({ showId }: { showId: string }) {
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  // Sent once: a second send changes the review.
  const [sent, setSent] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (stars === 0) {
      setMessage({ ok: false, text: 'Choose from 1 to 5 stars.' });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await sendReview(showId, stars, comment.trim(), sent);
      setSent(true);
      setMessage({ ok: true, text: 'Thank you: your rating is on the profile. You can change it for 7 days.' });
    } catch (error) {
      setMessage({ ok: false, text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="show-rating" noValidate onSubmit={submit}>
      <fieldset>
        <legend>Rate the show</legend>
        <div class="show-stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} class={`show-star${n <= stars ? ' show-star--on' : ''}`}>
              <input
                type="radio"
                name={`stars-${showId}`}
                value={n}
                checked={stars === n}
                onChange={() => setStars(n)}
              />
              <span aria-hidden="true">★</span>
              <span class="visually-hidden">
                {n} {n === 1 ? 'star' : 'stars'}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="field">
        <label for={`review-${showId}`}>Comment (optional)</label>
        <textarea
          id={`review-${showId}`}
          class="input"
          rows={2}
          maxLength={REVIEW_COMMENT_MAX}
          value={comment}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </div>
      <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
        {sent ? 'Change rating' : 'Send rating'}
      </button>
      {message && (
        <p
          class={message.ok ? 'tip-outcome tip-outcome--ok' : 'tip-outcome field-error'}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
