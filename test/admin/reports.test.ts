import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ReportResponse, ReportsResponse } from '../../wire/admin-reports.ts';
import { businessDaysAfter } from '../../workers/safety/clock.ts';
import { errorOf, signedUp } from '../client.ts';
import { newUser } from '../money/fixtures.ts';
import { clientId, newRoom, RoomSocket } from '../room/room-socket.ts';
import { asAdminFetch, auditRowsSince, fileReport, lastAuditId } from './fixtures.ts';

const resolve = (id: string, body: Record<string, unknown>) =>
  asAdminFetch(`/api/admin/reports/${id}/resolve`, { method: 'POST', json: { note: 'Checked the evidence', ...body } });
const queue = async (status = 'open') =>
  ((await (await asAdminFetch(`/api/admin/reports?status=${status}`)).json()) as ReportsResponse).reports;
const DAY = 86_400_000;

async function liveRoom() {
  const room = await newRoom();
  await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
    .bind(room.performerId)
    .run();
  expect((await room.performer.post('/api/studio/live', { title: 'Late show' })).status).toBe(200);
  return room;
}

describe('the reports clock', () => {
  it.each([
    ['Monday', '2026-11-16T10:00:00Z', '2026-11-25T10:00:00Z'],
    ['Friday', '2026-11-20T10:00:00Z', '2026-12-01T10:00:00Z'],
    ['Saturday', '2026-11-21T10:00:00Z', '2026-12-01T10:00:00Z'],
    ['Sunday', '2026-11-22T23:00:00Z', '2026-12-01T23:00:00Z'],
  ])('a report filed on a %s is due 7 business days later, weekends skipped', (_, filed, due) => {
    expect(new Date(businessDaysAfter(Date.parse(filed), 7)).toISOString()).toBe(new Date(due).toISOString());
  });
});

describe('the reports queue', () => {
  it('lists open reports oldest first with evidence, due date and overdue flag, and hides closed ones', async () => {
    const old = await fileReport({ createdAt: Date.now() - 20 * DAY });
    const fresh = await fileReport();
    const closed = await fileReport({ status: 'dismissed', createdAt: Date.now() - 30 * DAY });
    const reports = await queue();
    const ids = reports.map((r) => r.id);
    expect(ids.indexOf(old.id)).toBeLessThan(ids.indexOf(fresh.id));
    expect(ids).not.toContain(closed.id);
    const first = reports.find((r) => r.id === old.id)!;
    expect(first).toMatchObject({
      status: 'open',
      overdue: true,
      target: 'message',
      author: { id: old.authorId },
      evidence: { message: { seq: 3 } },
    });
    expect(reports.find((r) => r.id === fresh.id)).toMatchObject({ overdue: false });
    const all = (await queue('all')).map((r) => r.id);
    expect(all.indexOf(fresh.id)).toBeLessThan(all.indexOf(closed.id));
  });

  it('shows one report, and 404 for an unknown one', async () => {
    const { id } = await fileReport({ target: 'room' });
    expect(((await (await asAdminFetch(`/api/admin/reports/${id}`)).json()) as ReportResponse).report).toMatchObject({
      id,
      target: 'room',
      author: null,
    });
    expect(await errorOf(await asAdminFetch('/api/admin/reports/nope'))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });
});

describe('acting on a report', () => {
  it('dismisses with the note, once; a second action is refused and writes nothing', async () => {
    const { id } = await fileReport();
    const dismissed = ((await (await resolve(id, { action: 'dismiss' })).json()) as ReportResponse).report;
    expect(dismissed).toMatchObject({
      status: 'dismissed',
      resolvedBy: 'admin@encore.local',
      resolution: 'dismiss: Checked the evidence',
    });
    const before = await lastAuditId();
    expect(await errorOf(await resolve(id, { action: 'freeze_wallet' }))).toMatchObject({
      status: 409,
      code: 'ALREADY_RESOLVED',
    });
    expect(await errorOf(await resolve(id, { action: 'explode' }))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(await auditRowsSince(before)).toEqual([]);
  });

  it('warns the message author, who reads the warning at /api/me/warnings', async () => {
    const author = await signedUp();
    const { id } = await fileReport({ authorId: author.user.id });
    const before = await lastAuditId();
    const report = (
      (await (await resolve(id, { action: 'warn', message: 'Keep the chat kind, please.' })).json()) as ReportResponse
    ).report;
    expect(report).toMatchObject({ status: 'actioned', resolution: expect.stringMatching(/^warned @/) });
    const rows = await auditRowsSince(before);
    expect(rows.map((r) => r.action)).toEqual(['user.warn', 'report.warn']);
    expect(rows.filter((r) => r.actor === 'admin@encore.local')).toHaveLength(1);
    expect(await (await author.browser.fetch('/api/me/warnings')).json()).toEqual({
      warnings: [{ message: 'Keep the chat kind, please.', createdAt: expect.any(String) }],
    });
    // The warning also reaches the author's bell, and the reporter hears the report was acted on.
    expect(await (await author.browser.fetch('/api/me/notifications')).json()).toMatchObject({
      unread: 1,
      notifications: [{ kind: 'warning', body: 'Keep the chat kind, please.' }],
    });
    const answer = await env.DB.prepare(
      `select n.title, n.body from notifications n join reports r on r.reporter_id = n.user_id
        where r.id = ? and n.kind = 'report'`,
    )
      .bind(id)
      .first<{ title: string; body: string }>();
    expect(answer).toEqual({ title: 'Your report was reviewed', body: 'Thank you: we acted on what you reported.' });
  });

  it('deletes the reported message from the room', async () => {
    const room = await liveRoom();
    const author = await signedUp();
    const { socket } = await RoomSocket.join(room.handle, author.browser);
    const sent = clientId();
    socket.send({ type: 'chat.send', clientId: sent, text: 'a nasty line' });
    const { id: messageId } = await socket.next('chat.result', (m) => m.clientId === sent);
    const { id } = await fileReport({ performerId: room.performerId, authorId: author.user.id, messageId });
    expect((await RoomSocket.join(room.handle)).welcome.snapshot.chat.map((m) => m.id)).toContain(messageId);
    const report = ((await (await resolve(id, { action: 'delete_message' })).json()) as ReportResponse).report;
    expect(report).toMatchObject({ status: 'actioned', resolution: expect.stringMatching(/^message deleted/) });
    expect((await RoomSocket.join(room.handle)).welcome.snapshot.chat.map((m) => m.id)).not.toContain(messageId);
    expect(
      await errorOf(await resolve((await fileReport({ target: 'room' })).id, { action: 'delete_message' })),
    ).toMatchObject({ status: 400 });
  });

  it('ends the stream of the reported room', async () => {
    const room = await liveRoom();
    const { id } = await fileReport({ target: 'room', performerId: room.performerId });
    const report = ((await (await resolve(id, { action: 'end_stream' })).json()) as ReportResponse).report;
    expect(report).toMatchObject({ status: 'actioned', resolution: expect.stringMatching(/^stream ended/) });
    expect((await RoomSocket.join(room.handle)).welcome.snapshot.live).toBe(false);
  });

  it('suspends the reported author: sessions revoked, sockets closed, report actioned, one audit row', async () => {
    const room = await liveRoom();
    const author = await signedUp();
    const { socket } = await RoomSocket.join(room.handle, author.browser);
    const { id } = await fileReport({ performerId: room.performerId, authorId: author.user.id });
    const before = await lastAuditId();
    const report = ((await (await resolve(id, { action: 'suspend' })).json()) as ReportResponse).report;
    expect(report).toMatchObject({ status: 'actioned' });
    expect((await socket.closed).code).toBe(4401);
    expect((await author.browser.fetch('/api/me')).status).toBe(401);
    expect((await auditRowsSince(before)).map((r) => r.action)).toEqual(['report.suspend']);
  });

  it('freezes the reported person’s wallet, recording the admin', async () => {
    const authorId = await newUser();
    const { id } = await fileReport({ authorId });
    await resolve(id, { action: 'freeze_wallet' });
    expect(
      await env.DB.prepare('select frozen_by from wallet_freezes where user_id = ?').bind(authorId).first('frozen_by'),
    ).toBe('admin@encore.local');
  });
});
