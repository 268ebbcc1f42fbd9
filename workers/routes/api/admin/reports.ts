import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  type AdminReport,
  ReportAction,
  ReportResponse,
  ReportsQuery,
  ReportsResponse,
} from '../../../../wire/admin-reports.ts';
import { router } from '../../../app.ts';
import { adminAudit } from '../../../audit/log.ts';
import type { AppEnv } from '../../../env.ts';
import { ApiError } from '../../../errors.ts';
import { reportAnsweredStatement, warningNoticeStatement } from '../../../notifications/account-notices.ts';
import { errors, json, jsonBody } from '../../../openapi.ts';
import { closeReportStatement, reportById, reportsByStatus } from '../../../safety/reports.ts';
import { roomByHandle } from '../../../safety/room-control.ts';
import { freezeStatement, suspendAccount } from '../../../safety/suspension.ts';
import { warningStatement } from '../../../safety/warnings.ts';
import { reportedReviewId } from '../../../shows/review-reports.ts';
import { removeReviewStatement } from '../../../shows/reviews.ts';

const tags = ['Admin'];
const ReportParam = z.object({ id: z.string().min(1).max(64) });

async function findReport(c: Context<AppEnv>, id: string): Promise<AdminReport> {
  const report = await reportById(c.env.DB, id);
  if (!report) throw new ApiError(404, 'NOT_FOUND', 'No such report');
  return report;
}

/** The reports queue: open reports oldest first, each with its evidence and its clock, and what to do about them. */
export const adminReports = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports',
      tags,
      summary: 'Reports by status (open by default): open first, then oldest first, with evidence and due date',
      request: { query: ReportsQuery },
      responses: { 200: json(ReportsResponse, 'Up to 100 reports') },
    }),
    async (c) => {
      const { status } = c.req.valid('query');
      return c.json({ reports: await reportsByStatus(c.env.DB, status) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}',
      tags,
      summary: 'One report with its evidence (audited as a view)',
      request: { params: ReportParam },
      responses: { 200: json(ReportResponse, 'The report'), ...errors([404, 'No such report']) },
    }),
    async (c) => {
      const report = await findReport(c, c.req.valid('param').id);
      await adminAudit(c, 'report.view', 'report', report.id).run();
      return c.json({ report }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports/{id}/resolve',
      tags,
      summary:
        'Act on an open report: dismiss, warn, delete the message, end the stream, ' +
        'suspend the account or freeze the wallet',
      request: { params: ReportParam, body: jsonBody(ReportAction) },
      responses: {
        200: json(ReportResponse, 'The report, dismissed or actioned'),
        ...errors(
          [400, 'Unknown action, no note, or no message to delete'],
          [404, 'No such report'],
          [409, 'Already resolved'],
        ),
      },
    }),
    async (c) => {
      const db = c.env.DB;
      const report = await findReport(c, c.req.valid('param').id);
      if (report.status !== 'open')
        throw new ApiError(409, 'ALREADY_RESOLVED', `This report was already ${report.status}`);
      const body = c.req.valid('json');
      // The person the report is about: the message's author, or the room's performer.
      const subject = report.author ?? report.performer;
      const detail: Record<string, unknown> = { note: body.note, subject: subject.id };
      const extra: D1PreparedStatement[] = [];
      let resolution: string = body.action;
      switch (body.action) {
        case 'dismiss':
          break;
        case 'warn':
          extra.push(warningStatement(db, subject.id, body.message, report.id));
          extra.push(warningNoticeStatement(db, subject.id, body.message, report.id));
          detail.message = body.message;
          resolution = `warned @${subject.handle}`;
          break;
        case 'delete_message': {
          if (report.target === 'review') {
            // A show review is taken down (off the profile and the average); the report keeps it as evidence.
            const reviewId = reportedReviewId(report.evidence);
            if (!reviewId) throw new ApiError(400, 'VALIDATION_FAILED', 'This report names no review');
            extra.push(removeReviewStatement(db, reviewId));
            detail.reviewId = reviewId;
            resolution = 'review taken down';
            break;
          }
          const messageId = reportedMessageId(report.evidence);
          if (report.target !== 'message' || !messageId)
            throw new ApiError(400, 'VALIDATION_FAILED', 'This report is not about a message that can be deleted');
          const outcome = await roomByHandle(c.env, report.performer.handle).moderate(
            { label: c.get('adminEmail'), role: 'admin' },
            { kind: 'delete', messageId },
          );
          // Already gone from the chat (the performer deleted it) still resolves the report.
          detail.messageId = messageId;
          detail.roomOutcome = outcome.ok ? 'deleted' : outcome.message;
          resolution = 'message deleted';
          break;
        }
        case 'end_stream': {
          const state = await roomByHandle(c.env, report.performer.handle).endShowByAdmin();
          detail.room = report.performer.handle;
          resolution = state.live ? 'stream end requested' : 'stream ended';
          break;
        }
        case 'suspend':
          resolution = `suspended @${subject.handle}`;
          break;
        case 'freeze_wallet':
          extra.push(freezeStatement(db, subject.id, `Report ${report.id}: ${body.note}`, c.get('adminEmail')));
          resolution = `froze @${subject.handle}'s wallet`;
          break;
      }
      const status = body.action === 'dismiss' ? 'dismissed' : 'actioned';
      const close = closeReportStatement(db, report.id, {
        status,
        resolution: `${resolution}: ${body.note}`,
        resolvedBy: c.get('adminEmail'),
      });
      const audit = adminAudit(c, `report.${body.action}`, 'report', report.id, detail);
      const answered = reportAnsweredStatement(db, report.reporter.id, report.id, status === 'actioned');
      if (body.action === 'suspend') await suspendAccount(c.env, subject.id, [...extra, close, audit, answered]);
      else await db.batch([...extra, close, audit, answered]);
      return c.json({ report: await findReport(c, report.id) }, 200);
    },
  );

/** The reported message's id in the Room, from the evidence the Room stored with the report. */
function reportedMessageId(evidence: Record<string, unknown>): string | null {
  const captured = evidence.message as { message?: { id?: unknown } } | null | undefined;
  const id = captured?.message?.id;
  return typeof id === 'string' ? id : null;
}
