import { log } from '../log.ts';
import { roomStub } from '../rooms/room-stub.ts';

/**
 * Tells the performer's Room that a member joined, cancelled or lapsed, so the badge on their chat lines,
 * fan-club-only chat and the members' menu prices follow at once, without a reload. The Room asks D1 itself,
 * so a late or repeated notice can never undo a newer change. A Room that cannot be reached is logged, not
 * fatal: the membership is already written, and the Room's own lookups catch up within a minute.
 */
export async function tellRoomOfMembership(
  env: Env,
  performer: { handle: string; id: string },
  userId: string,
): Promise<void> {
  try {
    await roomStub(env, performer.handle).fanClubChanged(
      { handle: performer.handle, performerId: performer.id },
      userId,
    );
  } catch (error) {
    log('warn', 'fan_club.room_notice_failed', {
      handle: performer.handle,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
