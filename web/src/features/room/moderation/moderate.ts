import type { ModerationAction } from '../../../../../wire/moderation.ts';
import { toast } from '../../../components/toast.tsx';
import { REASON_WORDS } from '../reasons.ts';
import type { RoomConnection } from '../room-connection.ts';

/** Sends one moderation action and says how it went (a toast); resolves true when it was done. */
export async function moderate(room: RoomConnection, action: ModerationAction, done: string): Promise<boolean> {
  const answer = await room.ask({ type: 'mod.action', clientId: crypto.randomUUID(), action });
  if (answer.type === 'mod.result') {
    toast(done);
    return true;
  }
  toast(
    answer.type === 'rejected'
      ? answer.reason === 'FORBIDDEN' || answer.reason === 'INVALID'
        ? answer.message
        : REASON_WORDS[answer.reason]
      : 'That did not go through',
    'error',
  );
  return false;
}
