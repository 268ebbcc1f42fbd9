import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_MESSAGES, REPORT_RATE } from '../../durable-objects/moderation/report-desk.ts';
import { ReportEvidence } from '../../wire/moderation.ts';
import { moderate, report, say } from './moderation-helpers.ts';
import { clientId, expectNoError, newRoom, newViewer, RoomSocket } from './room-socket.ts';

type ReportRow = {
  id: string;
  reporter_id: string;
  performer_id: string;
  target: string;
  message_seq: number | null;
  message_author_id: string | null;
  reason: string;
  text: string;
  evidence: string;
  status: string;
};
const reportRow = (id: string) => env.DB.prepare('select * from reports where id = ?').bind(id).first<ReportRow>();
const reportsBy = async (userId: string) =>
  (await env.DB.prepare('select count(*) as n from reports where reporter_id = ?').bind(userId).first<{ n: number }>())
    ?.n ?? 0;

describe('reports', { timeout: 20_000 }, () => {
  it('stores a message report with the last 50 messages and the room state as evidence', async () => {
    const { handle, performer, performerId } = await newRoom();
    const { socket: stage } = await RoomSocket.join(handle, performer);
    await moderate(stage, { kind: 'modes', modes: { slowSeconds: 0, followersOnly: true } });
    // 11 viewers x 5 messages (each at their rate limit): 55 messages.
    const talkers = await Promise.all(Array.from({ length: 11 }, async () => ({ viewer: await newViewer() })));
    await Promise.all(talkers.map(({ viewer }) => viewer.browser.post(`/api/performers/${handle}/follow`)));
    const said: string[] = [];
    for (const [n, { viewer }] of talkers.entries()) {
      const { socket } = await RoomSocket.join(handle, viewer.browser);
      for (let i = 0; i < 5; i++) {
        const answer = await say(socket, `message ${n}-${i}`);
        if (answer.type !== 'chat.result') throw new Error(JSON.stringify(answer));
        said.push(answer.id);
      }
    }
    const author = talkers[10]!.viewer;
    const reporter = await newViewer();
    const { socket } = await RoomSocket.join(handle, reporter.browser);
    const reported = said[52]!;
    const answer = await report(socket, {
      target: 'message',
      messageId: reported,
      reason: 'harassment',
      text: 'Keeps insulting people',
    });
    if (answer.type !== 'report.result') throw new Error(JSON.stringify(answer));

    const row = await reportRow(answer.reportId);
    expect(row).toMatchObject({
      reporter_id: reporter.userId,
      performer_id: performerId,
      target: 'message',
      message_author_id: author.userId,
      reason: 'harassment',
      text: 'Keeps insulting people',
      status: 'open',
    });
    const evidence = ReportEvidence.parse(JSON.parse(row!.evidence));
    expect(evidence.chat).toHaveLength(EVIDENCE_MESSAGES);
    expect(evidence.chat.at(-1)?.message.id).toBe(said.at(-1));
    expect(evidence.message?.message).toMatchObject({
      id: reported,
      text: 'message 10-2',
      from: { handle: author.handle },
    });
    expect(row!.message_seq).toBe(evidence.message?.seq);
    expect(evidence.room).toMatchObject({
      handle,
      live: false,
      title: '',
      modes: { slowSeconds: 0, followersOnly: true, tippersOnly: false, fanClubOnly: false },
    });
    expect(evidence.room.viewers).toBeGreaterThanOrEqual(1);
  });

  it('stores a room report, and answers a resend of the same client id with the same report', async () => {
    const { handle, performerId } = await newRoom();
    const reporter = await newViewer();
    const { socket } = await RoomSocket.join(handle, reporter.browser);
    const id = clientId();
    const body = { type: 'report.send', clientId: id, target: 'room', reason: 'minor', text: 'Looks under 18' };
    socket.send(body);
    socket.send(body);
    const first = await socket.next('report.result', (m) => m.clientId === id);
    await socket.next('report.result', (m) => m.clientId === id && m !== first);
    const answers = socket.received.filter((m) => m.type === 'report.result');
    expect(new Set(answers.map((m) => (m.type === 'report.result' ? m.reportId : '')))).toEqual(
      new Set([first.reportId]),
    );
    expect(await reportRow(first.reportId)).toMatchObject({
      target: 'room',
      performer_id: performerId,
      message_seq: null,
      reason: 'minor',
    });
    expect(await reportsBy(reporter.userId)).toBe(1);
  });

  it('refuses anonymous reporters, unknown messages and bad reasons or text, storing nothing', async () => {
    const { handle } = await newRoom();
    const { socket: guest } = await RoomSocket.join(handle);
    expect(await report(guest, { target: 'room', reason: 'spam' })).toMatchObject({
      type: 'rejected',
      of: 'report.send',
      reason: 'SIGN_IN_REQUIRED',
    });
    const reporter = await newViewer();
    const { socket } = await RoomSocket.join(handle, reporter.browser);
    expect(await report(socket, { target: 'message', messageId: 'no-such-message', reason: 'spam' })).toMatchObject({
      type: 'rejected',
      reason: 'INVALID',
    });
    expect(await report(socket, { target: 'message', reason: 'spam' })).toMatchObject({
      type: 'rejected',
      reason: 'INVALID',
    });
    for (const bad of [
      { reason: 'boring' },
      { reason: 'spam', text: 'x'.repeat(501) },
      { reason: 'spam', target: 'performer' },
    ]) {
      socket.send({ type: 'report.send', clientId: clientId(), target: 'room', ...bad });
    }
    await socket.next('error', () => socket.received.filter((m) => m.type === 'error').length === 3);
    expect(socket.received.filter((m) => m.type === 'error').map((m) => (m.type === 'error' ? m.code : ''))).toEqual([
      'MALFORMED',
      'MALFORMED',
      'MALFORMED',
    ]);
    expect(await reportsBy(reporter.userId)).toBe(0);
  });

  const rate = `${REPORT_RATE.reports} reports in ${REPORT_RATE.windowMs / 60_000} minutes`;
  it(`limits each user to ${rate}; others can still report`, async () => {
    const { handle } = await newRoom();
    const eager = await newViewer();
    const other = await newViewer();
    const { socket } = await RoomSocket.join(handle, eager.browser);
    const { socket: otherSocket } = await RoomSocket.join(handle, other.browser);
    for (let i = 0; i < REPORT_RATE.reports; i++)
      expect((await report(socket, { target: 'room', reason: 'spam' })).type).toBe('report.result');
    expect(await report(socket, { target: 'room', reason: 'spam' })).toMatchObject({
      type: 'rejected',
      reason: 'RATE_LIMITED',
    });
    expect((await report(otherSocket, { target: 'room', reason: 'scam' })).type).toBe('report.result');
    expect(await reportsBy(eager.userId)).toBe(REPORT_RATE.reports);
    expectNoError(otherSocket);
  });
});
