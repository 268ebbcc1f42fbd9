import { z } from 'zod';
import { Reason } from './admin-users.ts';
import { shownText } from './text.ts';

export const ReportStatus = z.enum(['open', 'dismissed', 'actioned']);
export const ReportsQuery = z.object({ status: z.enum(['open', 'dismissed', 'actioned', 'all']).default('open') });

const Person = z.object({ id: z.string(), handle: z.string(), displayName: z.string() });

export const AdminReport = z.object({
  id: z.string(),
  reporter: Person,
  performer: Person,
  target: z.enum(['message', 'room', 'review']),
  /** The reported message's author, for message reports; the review's writer, for show review reports. */
  author: Person.nullable(),
  messageSeq: z.number().int().nullable(),
  reason: z.string(),
  text: z.string(),
  /**
   * What the Room captured when the report was filed: the message, the last 50 chat lines, the room state;
   * for a show review, the review as it read then (workers/shows/review-reports.ts).
   */
  evidence: z.record(z.string(), z.unknown()),
  status: ReportStatus,
  resolution: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  /** 7 business days after filing (weekends not counted). */
  dueAt: z.string(),
  overdue: z.boolean(),
});
export type AdminReport = z.infer<typeof AdminReport>;
export const ReportsResponse = z.object({ reports: z.array(AdminReport) });
export type ReportsResponse = z.infer<typeof ReportsResponse>;
export const ReportResponse = z.object({ report: AdminReport });
export type ReportResponse = z.infer<typeof ReportResponse>;

/**
 * What an admin does about a report. `warn`, `suspend` and `freeze_wallet` act on the reported
 * person: the message's author for a message report, the performer for a room report, the writer for a
 * review report. `delete_message` takes a reported review down.
 */
export const ReportAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('dismiss'), note: Reason }),
  z.object({ action: z.literal('warn'), note: Reason, message: shownText().trim().min(3).max(500) }),
  z.object({ action: z.literal('delete_message'), note: Reason }),
  z.object({ action: z.literal('end_stream'), note: Reason }),
  z.object({ action: z.literal('suspend'), note: Reason }),
  z.object({ action: z.literal('freeze_wallet'), note: Reason }),
]);
export type ReportAction = z.infer<typeof ReportAction>;
export type ReportActionName = ReportAction['action'];
