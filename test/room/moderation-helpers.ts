import type { ModerationAction } from '../../wire/moderation.ts';
import type { ServerMessage } from '../../wire/room.ts';
import { clientId, type RoomSocket } from './room-socket.ts';

type Answer = Extract<
  ServerMessage,
  { type: 'chat.result' | 'mod.result' | 'rejected' | 'report.result' | 'mod.panel' | 'mod.viewers' }
>;

/** Sends a frame with a fresh client id and waits for the answer to it (a frame arriving), whatever it is. */
async function ask(socket: RoomSocket, message: Record<string, unknown>, timeoutMs = 5_000): Promise<Answer> {
  const id = clientId();
  const from = socket.received.length;
  socket.send({ ...message, clientId: id });
  return (await socket.about(id, from, timeoutMs)) as Answer;
}

export const say = (socket: RoomSocket, text: string) => ask(socket, { type: 'chat.send', text });
export const moderate = (socket: RoomSocket, action: ModerationAction) => ask(socket, { type: 'mod.action', action });
export const report = (socket: RoomSocket, body: Record<string, unknown>) =>
  ask(socket, { type: 'report.send', ...body });

export async function panelOf(socket: RoomSocket) {
  const answer = await ask(socket, { type: 'mod.panel' });
  if (answer.type !== 'mod.panel') throw new Error(`no panel: ${JSON.stringify(answer)}`);
  return answer.panel;
}

/** The reason a write was refused, or 'accepted'. */
export function outcome(answer: Answer): string {
  return answer.type === 'rejected' ? answer.reason : 'accepted';
}
