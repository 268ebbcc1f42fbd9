import { useState } from 'preact/hooks';
import { REPORT_REASONS, type ReportReason } from '../../../../wire/moderation.ts';
import type { ShowReview } from '../../../../wire/show-reviews.ts';
import { ErrorState } from '../../components/states.tsx';
import { toast } from '../../components/toast.tsx';
import { messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { currentUser } from '../../lib/session.ts';
import { showKindLabel } from '../../lib/show-kinds.ts';
import { whenText } from '../../lib/time.ts';
import '../../styles/show-reviews.css';

/** Filled and empty stars for a rating; the text beside them is what screen readers hear. */
export function Stars({ value, label }: { value: number; label: string }) {
  const filled = Math.round(value);
  return (
    <span class="stars" role="img" aria-label={label}>
      {Array.from({ length: 5 }, (_, i) => (
        <span key={i} class={i < filled ? 'star star--on' : 'star'} aria-hidden="true">
          ★
        </span>
      ))}
    </span>
  );
}

/** The profile's show rating: the average, how many reviews, and the latest ones (anonymous shows unnamed). */
export function ProfileReviews({ handle }: { handle: string }) {
  const [answer, reload] = useResource(
    () => client.performers[':handle'].reviews.$get({ param: { handle: encodeURIComponent(handle) } }),
    [handle],
  );
  if (answer.state === 'loading') return null;
  if (answer.state === 'failed')
    return (
      <section class="profile-reviews" aria-labelledby="reviews-title">
        <h2 id="reviews-title">Show reviews</h2>
        <ErrorState error={answer.error} retry={reload} title="Reviews did not load" />
      </section>
    );
  const { average, count, recent } = answer.data;
  return (
    <section class="profile-reviews" aria-labelledby="reviews-title">
      <h2 id="reviews-title">Show reviews</h2>
      {average === null ? (
        <p class="muted">No reviews yet. Viewers can rate a paid show once it ends.</p>
      ) : (
        <p class="review-average">
          <Stars value={average} label={`Rated ${average} out of 5`} />
          <strong>{average.toFixed(1)}</strong>
          <span class="muted">
            from {count} {count === 1 ? 'review' : 'reviews'}
          </span>
        </p>
      )}
      {recent.length > 0 && (
        <ul class="review-list">
          {recent.map((review) => (
            <ReviewItem key={review.id} review={review} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ReviewItem({ review }: { review: ShowReview }) {
  const me = currentUser.value;
  const mine = me && review.reviewer?.handle === me.handle;
  return (
    <li class="review">
      <p class="review-head">
        <Stars value={review.stars} label={`${review.stars} out of 5 stars`} />
        <span class="review-who">{review.reviewer ? review.reviewer.displayName : 'Anonymous'}</span>
        <span class="muted">
          {showKindLabel(review.kind)} · <time dateTime={review.createdAt}>{whenText(review.createdAt)}</time>
        </span>
      </p>
      {review.comment && <p class="review-comment">{review.comment}</p>}
      {me && !mine && <ReportReview reviewId={review.id} />}
    </li>
  );
}

const REASON_LABELS: Record<ReportReason, string> = {
  harassment: 'Harassment',
  hate: 'Hate',
  minor: 'A minor',
  non_consensual: 'Non-consensual',
  violence: 'Violence',
  spam: 'Spam',
  scam: 'Scam',
  other: 'Something else',
};

/** Report a review to the moderators, like a chat message: a reason, then the admin queue. */
function ReportReview({ reviewId }: { reviewId: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason>('harassment');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState('');
  if (done) return <p class="review-reported muted">Reported. Thank you: a moderator will look at it.</p>;
  if (!open)
    return (
      <button type="button" class="button button--ghost button--small review-report" onClick={() => setOpen(true)}>
        Report
      </button>
    );
  const id = `report-reason-${reviewId}`;
  const send = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem('');
    try {
      await call(client.shows.reviews[':id'].report.$post({ param: { id: reviewId }, json: { reason } }));
      setDone(true);
      toast('Review reported');
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="review-report-form" onSubmit={send}>
      <label for={id}>Why are you reporting this review?</label>
      <select id={id} class="input" value={reason} onChange={(e) => setReason(e.currentTarget.value as ReportReason)}>
        {REPORT_REASONS.map((r) => (
          <option key={r} value={r}>
            {REASON_LABELS[r]}
          </option>
        ))}
      </select>
      <button type="submit" class="button button--small" disabled={busy} aria-busy={busy}>
        Send report
      </button>
      <button type="button" class="button button--ghost button--small" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
