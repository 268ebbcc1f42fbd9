import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import type { ServerMessage } from '../../wire/room.ts';
import { DEFAULT_SHOW_SETTINGS, type ShowEvent, type ShowSettings } from '../../wire/shows.ts';
import { balanceOf } from '../../workers/money/ledger.ts';
import { showHold } from '../../workers/money/show-escrow.ts';
import type { Browser } from '../client.ts';
import { clientId, liveRoom, newViewer, RoomSocket, roomStub } from '../room/room-socket.ts';

export type Answer = ServerMessage;

/** Private shows on at 10 tokens a minute, spying at 6, unless `change` says otherwise. */
export async function setShows(performer: Browser, change: Partial<ShowSettings> = {}): Promise<Response> {
  return performer.fetch('/api/studio/shows/settings', {
    method: 'PUT',
    json: { ...DEFAULT_SHOW_SETTINGS, privateOn: true, privateRate: 10, spyRate: 6, ...change },
  });
}

/** A live room taking private shows, the performer's socket, and a viewer with `tokens` and their socket. */
export async function showRoom(change: Partial<ShowSettings> = {}, tokens = 1_000) {
  const room = await liveRoom();
  expect((await setShows(room.performer, change)).status).toBe(200);
  const { socket: performerSocket } = await RoomSocket.join(room.handle, room.performer);
  const fan = await newViewer(tokens);
  const { socket } = await RoomSocket.join(room.handle, fan.browser);
  return { ...room, performerSocket, fan, socket };
}

/** Sends one write and waits for its answer (`show.result` or `rejected`). */
export async function write(socket: RoomSocket, message: Record<string, unknown>, id = clientId()): Promise<Answer> {
  const from = socket.received.length;
  socket.send({ clientId: id, ...message });
  return socket.about(id, from);
}

export function accepted(answer: Answer): Extract<Answer, { type: 'show.result' }> {
  if (answer.type !== 'show.result') throw new Error(`refused: ${JSON.stringify(answer)}`);
  return answer;
}

export function refusal(answer: Answer): string {
  if (answer.type !== 'rejected') throw new Error(`not refused: ${JSON.stringify(answer)}`);
  return answer.reason;
}

/** The viewer asks, the performer accepts: the running show's id. */
export async function startPrivate(
  socket: RoomSocket,
  performerSocket: RoomSocket,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const asked = accepted(await write(socket, { type: 'show.request', kind: 'private', ...extra }));
  const showId = asked.shows.myRequest!.id;
  accepted(await write(performerSocket, { type: 'show.accept', showId }));
  return showId;
}

/** Show events a socket received, of one kind. */
export function showEvents<K extends ShowEvent['kind']>(
  socket: RoomSocket,
  kind: K,
): Extract<ShowEvent, { kind: K }>[] {
  return socket.received.flatMap((m) =>
    m.type === 'show.event' && m.event.kind === kind ? [m.event as Extract<ShowEvent, { kind: K }>] : [],
  );
}

/** Waits for the `count`th show event of `kind` on a socket. */
export async function waitForShowEvent<K extends ShowEvent['kind']>(
  socket: RoomSocket,
  kind: K,
  count = 1,
  timeoutMs = 10_000,
): Promise<Extract<ShowEvent, { kind: K }>> {
  await socket.next('show.event', () => showEvents(socket, kind).length >= count, 0, timeoutMs);
  return showEvents(socket, kind)[count - 1]!;
}

/** Runs the Room's shows job now (minutes due by the Room's clock, timeouts, settlements), as its alarm would. */
export async function runShowJob(handle: string): Promise<void> {
  await runInDurableObject(roomStub(handle), async (room: Room) => {
    await (room as unknown as { shows: { due: () => Promise<void> } }).shows.due();
  });
}

export const holdOf = (showId: string) => balanceOf(env.DB, showHold(showId));

/** Ledger charges (phase hold) into a show's hold from one payer. */
export async function chargesOf(showId: string, payerId: string): Promise<number> {
  const row = await env.DB.prepare(
    `select count(*) as n from ledger_transactions
      where kind = 'show_minute' and reference = ? and actor_id = ? and json_extract(memo, '$.phase') = 'hold'`,
  )
    .bind(showId, payerId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
