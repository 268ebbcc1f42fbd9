import type { ReportReason } from '../../../../wire/moderation.ts';

/** Each report reason as a viewer reads it. */
export const REPORT_REASON_WORDS: Record<ReportReason, string> = {
  harassment: 'Harassment or bullying',
  hate: 'Hate speech',
  minor: 'Someone may be under 18',
  non_consensual: 'Shared without consent',
  violence: 'Violence or threats',
  spam: 'Spam',
  scam: 'Scam or off-platform payment',
  other: 'Something else',
};
