import type { ChatModes, ReportEvidence } from '../../wire/moderation.ts';
import type { ClientMessage, ServerMessage } from '../../wire/room.ts';
import { log } from '../../workers/log.ts';
import type { RoomContext } from '../room-context.ts';
import type { Identity, RoomOwner } from '../transport/identity.ts';
import type { ChatHistory } from './chat-history.ts';

/** Reports per user per room: enough for a real problem, too few to flood the admin queue. */
export const REPORT_RATE = { reports: 5, windowMs: 10 * 60_000 } as const;
export const EVIDENCE_MESSAGES = 50;

export type RoomAtReport = { live: boolean; title: string; tags: string[]; viewers: number; modes: ChatModes };
type Report = Extract<ClientMessage, { type: 'report.send' }>;

/**
 * Reports from viewers: a message or the whole room, with a reason and a few words, stored in
 * D1 `reports` for the admin queue with evidence as the Room saw it at that moment (the last
 * 50 chat messages and the room's state), so a message deleted later is still on record.
 */
export class ReportDesk {
  private readonly sql: SqlStorage;
  private readonly db: D1Database;
  private readonly chat: ChatHistory;
  private readonly room: () => RoomAtReport;
  private readonly owner: () => RoomOwner | undefined;
  private readonly now: () => number;

  /** `roomNow` is the room as a report captures it (live state and chat modes). */
  constructor(room: Pick<RoomContext, 'sql' | 'db' | 'owner' | 'now'>, chat: ChatHistory, roomNow: () => RoomAtReport) {
    this.sql = room.sql;
    this.db = room.db;
    this.owner = room.owner;
    this.now = room.now;
    this.chat = chat;
    this.room = roomNow;
  }

  async file(who: Identity, report: Report): Promise<ServerMessage> {
    const clientId = report.clientId;
    const refuse = (
      reason: Extract<ServerMessage, { type: 'rejected' }>['reason'],
      message: string,
    ): ServerMessage => ({ type: 'rejected', clientId, of: 'report.send', reason, message });
    const owner = this.owner();
    if (!who.userId) return refuse('SIGN_IN_REQUIRED', 'Log in to report');
    if (!owner) return refuse('INVALID', 'This room cannot take reports yet');
    const ref = `report:${who.userId}:${clientId}`;
    const sent = this.sql
      .exec<{ report_id: string }>('select report_id from reports_sent where ref = ?', ref)
      .toArray()[0];
    if (sent) return { type: 'report.result', clientId, status: 'accepted', reportId: sent.report_id };
    const now = this.now();
    const recent = this.sql
      .exec<{ n: number }>(
        'select count(*) as n from reports_sent where user_id = ? and at > ?',
        who.userId,
        now - REPORT_RATE.windowMs,
      )
      .one().n;
    if (recent >= REPORT_RATE.reports)
      return refuse(
        'RATE_LIMITED',
        `At most ${REPORT_RATE.reports} reports in ${REPORT_RATE.windowMs / 60_000} minutes`,
      );
    let message: ReturnType<ChatHistory['find']>;
    if (report.target === 'message') {
      if (!report.messageId) return refuse('INVALID', 'Say which message you are reporting');
      message = this.chat.find(report.messageId);
      if (!message) return refuse('INVALID', 'That message is no longer in the chat');
    }
    const id = crypto.randomUUID();
    const evidence: ReportEvidence = {
      capturedAt: new Date(now).toISOString(),
      room: { handle: owner.handle, ...this.room() },
      message: message ?? null,
      chat: this.chat.last(EVIDENCE_MESSAGES),
    };
    // Held before D1 is asked, so a resend while this one is in flight is not a second report.
    this.sql.exec(
      'insert into reports_sent (ref, user_id, report_id, at) values (?, ?, ?, ?)',
      ref,
      who.userId,
      id,
      now,
    );
    try {
      await this.db
        .prepare(
          `insert into reports (id, reporter_id, performer_id, target, message_seq, message_author_id, reason, text,
             evidence, created_at)
           values (?, ?, ?, ?, ?, (select id from users where handle = ?), ?, ?, ?, ?)`,
        )
        .bind(
          id,
          who.userId,
          owner.performerId,
          report.target,
          message?.seq ?? null,
          message?.message.from.handle ?? null,
          report.reason,
          report.text,
          JSON.stringify(evidence),
          now,
        )
        .run();
    } catch (error) {
      this.sql.exec('delete from reports_sent where ref = ?', ref);
      log('error', 'room.report.store_failed', {
        room: owner.handle,
        error: error instanceof Error ? error.message : String(error),
      });
      return refuse('TRY_AGAIN', 'The report could not be saved; send it again');
    }
    return { type: 'report.result', clientId, status: 'accepted', reportId: id };
  }
}
