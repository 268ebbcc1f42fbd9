import type { ClientMessage, RejectReason, ServerMessage } from '../../wire/room.ts';
import type { FanClubRoster } from '../fan-club/fan-club-roster.ts';
import type { Goals } from '../goals/goals.ts';
import type { RoomContext } from '../room-context.ts';
import type { LiveShow } from '../show/live-show.ts';
import { type Identity, personOf } from '../transport/identity.ts';
import type { TipDesk } from './tip-desk.ts';
import type { TipMenuBoard } from './tip-menu-board.ts';
import type { RoomRefusal, TipRoutes } from './tip-routes.ts';
import { tipKey } from './tip-rules.ts';

type TipSend = Extract<ClientMessage, { type: 'tip.send' }>;
type Rejected = Extract<ServerMessage, { type: 'rejected' }>;

/** What taking a tip checks and where it goes, beyond the Room's context. */
export type TipIntakeParts = {
  show: LiveShow;
  menu: TipMenuBoard;
  goals: Goals;
  routes: TipRoutes;
  desk: TipDesk;
  fanClub: Pick<FanClubRoster, 'isMember'>;
};

/**
 * A tip as it arrives: refused at once (signed out, the performer, the show offline, a wrong menu
 * price), else routed (to an escrowed goal, if one is open) and held on the tip desk, which answers
 * once the ledger has. Tips only while live; a resend of a tip first sent during the show is still
 * that tip, and a resend of one the Room refused is refused again (a client id names one attempt).
 */
export class TipIntake {
  private readonly room: RoomContext;
  private readonly parts: TipIntakeParts;

  constructor(room: RoomContext, parts: TipIntakeParts) {
    this.room = room;
    this.parts = parts;
  }

  /** The refusal to send back now, or none: the tip is held and its answer comes from the tip desk. */
  async take(who: Identity, message: TipSend): Promise<Rejected | undefined> {
    const { menu, goals, routes, desk } = this.parts;
    const reject = (reason: RejectReason, text: string): Rejected => ({
      type: 'rejected',
      clientId: message.clientId,
      of: 'tip.send',
      reason,
      message: text,
    });
    if (!who.userId) return reject('SIGN_IN_REQUIRED', 'Sign in to tip');
    if (who.role === 'performer') return reject('FORBIDDEN', 'You cannot tip your own room');
    // The one wait, before anything is read or remembered: a menu tip's price depends on membership while
    // the menu has a fan-club discount. After it, the checks and the hold run without a pause, as before.
    let member = false;
    try {
      if (message.menuItemId !== undefined && menu.discount() > 0)
        member = await this.parts.fanClub.isMember(who.userId);
    } catch {
      // D1 unreachable: nothing was remembered for this client id, so the same tip may simply come again.
      return reject('TRY_AGAIN', 'That did not go through; try again in a moment');
    }
    const note = message.note ? message.note : null;
    const key = tipKey(who.userId, message.clientId);
    const first = routes.first(key);
    const now = this.room.now();
    const refusal = first ? first.refusal : this.refusal(key, message, member, now);
    if (refusal) return reject(refusal.reason, refusal.message);
    // The menu remembers its checks by key, so this is the answer refusal() saw (or a resend's).
    const item =
      message.menuItemId === undefined ? undefined : menu.check(key, message.menuItemId, message.amount, member);
    if (item && !item.ok) return reject('INVALID', item.message);
    const goalId = first ? first.goalId : routes.remember(key, goals.escrowFor(now), now);
    await desk.hold(
      { key, userId: who.userId, clientId: message.clientId, receivedAt: now },
      {
        from: personOf(who),
        amount: message.amount,
        note,
        private: Boolean(message.private && note),
        anonymous: Boolean(message.anonymous),
        ...(item?.ok ? { menuItem: item.label } : {}),
        ...(item?.ok && item.reaction ? { deviceReaction: item.reaction } : {}),
        ...(goalId ? { goalId } : {}),
      },
      this.room.owner(),
    );
    return undefined;
  }

  /** Whether the Room refuses a tip whose client id is new; the refusal is remembered for its resends. */
  private refusal(key: string, message: TipSend, member: boolean, now: number): RoomRefusal | undefined {
    const { show, menu, routes } = this.parts;
    if (show.current() === null)
      return routes.refuse(key, { reason: 'ROOM_OFFLINE', message: 'Tips open when the show is live' }, now);
    const item =
      message.menuItemId === undefined ? undefined : menu.check(key, message.menuItemId, message.amount, member);
    if (item && !item.ok) return routes.refuse(key, { reason: 'INVALID', message: item.message }, now);
    return undefined;
  }
}
