import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import { DEFAULT_REQUEST_SETTINGS, type RequestSettings, type SongRequest } from '../../wire/music.ts';
import type { ServerMessage } from '../../wire/room.ts';
import { Account } from '../../workers/money/accounts.ts';
import { balanceOf } from '../../workers/money/ledger.ts';
import type { Browser } from '../client.ts';
import { clientId, liveRoom, newViewer, RoomSocket, roomStub } from '../room/room-socket.ts';

export type Answer = ServerMessage;

/** The performer's request settings, from the defaults with `change` on top (requests open). */
export async function setRequests(performer: Browser, change: Partial<RequestSettings> = {}): Promise<Response> {
  return performer.fetch('/api/studio/requests', {
    method: 'PUT',
    json: { ...DEFAULT_REQUEST_SETTINGS, open: true, ...change },
  });
}

/** A live room taking requests, the performer's socket, and a viewer with `tokens` and their socket. */
export async function requestRoom(change: Partial<RequestSettings> = {}, tokens = 1_000) {
  const room = await liveRoom();
  expect((await setRequests(room.performer, change)).status).toBe(200);
  const { socket: performerSocket } = await RoomSocket.join(room.handle, room.performer);
  const fan = await newViewer(tokens);
  const { socket } = await RoomSocket.join(room.handle, fan.browser);
  return { ...room, performerSocket, fan, socket };
}

/** Sends one write and waits for its answer (`request.result` or `rejected`). */
export async function write(socket: RoomSocket, message: Record<string, unknown>, id = clientId()): Promise<Answer> {
  const from = socket.received.length;
  socket.send({ clientId: id, ...message });
  return socket.about(id, from);
}

export async function request(
  socket: RoomSocket,
  fields: { title: string; artist?: string; note?: string; anonymous?: boolean },
  id = clientId(),
): Promise<Answer> {
  return write(socket, { type: 'request.send', ...fields }, id);
}

/** The request a write answered with (fails the test on a refusal). */
export function requestOf(answer: Answer): SongRequest {
  if (answer.type !== 'request.result' || !answer.request) throw new Error(`not a request: ${JSON.stringify(answer)}`);
  return answer.request;
}

export function manage(socket: RoomSocket, requestId: string, action: string, reason?: string): Promise<Answer> {
  return write(socket, { type: 'request.manage', requestId, action, ...(reason ? { reason } : {}) });
}

export const holdOf = (requestId: string) => balanceOf(env.DB, Account.requestHold(requestId));

/**
 * Runs the Room's request job now (settlements due by the Room's clock, expiries), as its alarm would, and
 * waits for it: the alarm it also arms may run beside it, and both settle by the same keys.
 */
export async function runRequestJob(handle: string): Promise<void> {
  await runInDurableObject(roomStub(handle), async (room: Room) => {
    await (room as unknown as { requests: { due: () => Promise<void> } }).requests.due();
  });
}

/** The queue as a newcomer sees it. */
export async function queueOf(handle: string) {
  return (await RoomSocket.join(handle)).welcome.snapshot.requests;
}
