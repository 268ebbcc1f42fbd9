import { FAN_CLUB_GRACE_DAYS } from '../../wire/fan-club.ts';
import { fanClubLapsedMail, fanClubShortMail } from '../email/templates.ts';
import { log } from '../log.ts';
import { moneyConfig } from '../money/config.ts';
import { chargePeriod, periodKey } from './charges.ts';
import { tellRoomsOfEndedCancels } from './ended-cancels.ts';
import { MY_CLUBS, mailOnce, noticeStatement } from './notices.ts';
import { tellRoomOfMembership } from './room-notice.ts';

export const GRACE_MS = FAN_CLUB_GRACE_DAYS * 24 * 60 * 60 * 1000;
/** Memberships read per page: their ids travel as one JSON parameter, far below D1's 100 bound parameters. */
const PAGE = 50;

type Due = {
  id: string;
  performer_id: string;
  member_id: string;
  status: 'active' | 'grace';
  period_index: number;
  period_end: number;
  grace_until: number | null;
  enabled: number | null;
  price: number | null;
  club: string;
  /** The performer's handle, which names their Room. */
  handle: string;
};

/** `expired`: cancelled memberships whose paid time ran out lately, their Rooms told (ended-cancels.ts). */
export type RenewalRun = { renewed: number; short: number; lapsed: number; ended: number; expired: number };

/**
 * The renewal job (hourly cron; `now` is the trigger's scheduledTime, so tests can run it 30 days later).
 * Every membership whose paid period has ended is charged for its next period at the club's price now. Each
 * step is idempotent per member and period, and each change lands in one batch with its in-app notice, so
 * running twice, at once, or again after a crash charges nobody twice and misses nobody:
 * - paid: the period's ledger key lands once (charges.ts), the membership moves on with it;
 * - wallet short or frozen: the member is told (in-app and by email) and has 3 days of grace, still a member;
 * - grace over and still unpaid: lapsed (nothing is charged while lapsed), told again;
 * - club switched off: the membership ends with its paid period.
 */
export async function runRenewals(env: Env, now: number): Promise<RenewalRun> {
  const run: RenewalRun = { renewed: 0, short: 0, lapsed: 0, ended: 0, expired: 0 };
  const feePercent = moneyConfig(env).platformFeePercent;
  let after = '';
  for (;;) {
    const { results: page } = await env.DB.prepare(
      `select m.id, m.performer_id, m.member_id, m.status, m.period_index, m.period_end, m.grace_until,
              s.enabled, s.price_tokens as price, u.display_name as club,
              u.handle
         from fan_club_memberships m
         join users u on u.id = m.performer_id
         left join fan_club_settings s on s.performer_id = m.performer_id
        where m.status in ('active', 'grace') and m.renews = 1 and m.period_end <= ?1 and m.id > ?2
        order by m.id limit ?3`,
    )
      .bind(now, after, PAGE)
      .all<Due>();
    for (const due of page) {
      try {
        run[await renewOne(env, due, feePercent, now)]++;
      } catch (error) {
        // One member's failure (D1 busy) waits for the next run; the others go on.
        log('error', 'fan_club.renewal_failed', { membership: due.id, error: String(error) });
      }
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!.id;
  }
  run.expired = await tellRoomsOfEndedCancels(env, now);
  return run;
}

type Step = Exclude<keyof RenewalRun, 'expired'>;

async function renewOne(env: Env, due: Due, feePercent: number, now: number): Promise<Step> {
  const next = due.period_index + 1;
  if (!due.enabled || due.price === null) return end(env, due, now);
  const result = await chargePeriod(
    env.DB,
    {
      membershipId: due.id,
      performerId: due.performer_id,
      memberId: due.member_id,
      periodIndex: next,
      priceTokens: due.price,
      reason: 'renew',
      notice: {
        title: `Your ${due.club} fan club membership renewed`,
        body: `${due.price} tokens paid for 30 more days.`,
        link: MY_CLUBS,
      },
    },
    feePercent,
    now,
  );
  if (result.status === 'charged' || result.status === 'skipped') return 'renewed';
  const graceUntil = due.grace_until ?? due.period_end + GRACE_MS;
  if (now >= graceUntil) return lapse(env, due, now);
  await intoGrace(env, due, graceUntil, now);
  return 'short';
}

/** The renewal could not be paid: grace from the end of the period, the member told once per period. */
async function intoGrace(env: Env, due: Due, graceUntil: number, now: number): Promise<void> {
  const key = `${periodKey(due.id, due.period_index + 1)}:short`;
  await env.DB.batch([
    env.DB.prepare(
      `update fan_club_memberships set status = 'grace', grace_until = ?1, updated_at = ?2
        where id = ?3 and status = 'active' and period_index = ?4`,
    ).bind(graceUntil, now, due.id, due.period_index),
    noticeStatement(
      env.DB,
      due.member_id,
      {
        title: `Your ${due.club} fan club membership could not renew`,
        body:
          `Your wallet could not pay ${due.price} tokens. You stay a member until ` +
          `${new Date(graceUntil).toUTCString()}; add tokens to keep it.`,
        link: '/wallet',
      },
      key,
      now,
    ),
  ]);
  // After the batch: a crash before the email leaves the member in grace, and the next run sends it.
  await mailOnce(env, key, due.member_id, (name) =>
    fanClubShortMail(name, due.club, due.price ?? 0, new Date(graceUntil)),
  );
}

async function lapse(env: Env, due: Due, now: number): Promise<'lapsed'> {
  const key = `${periodKey(due.id, due.period_index + 1)}:lapsed`;
  // Before the batch: once lapsed the membership is no longer due, so no rerun would send it.
  await mailOnce(env, key, due.member_id, (name) => fanClubLapsedMail(name, due.club));
  await env.DB.batch([
    env.DB.prepare(
      `update fan_club_memberships set status = 'lapsed', renews = 0, updated_at = ?1
        where id = ?2 and status = 'grace' and period_index = ?3`,
    ).bind(now, due.id, due.period_index),
    env.DB.prepare(
      `insert or ignore into fan_club_events (membership_id, period_index, kind, performer_id, tokens, at)
       values (?1, ?2, 'lapse', ?3, 0, ?4)`,
    ).bind(due.id, due.period_index, due.performer_id, now),
    noticeStatement(
      env.DB,
      due.member_id,
      {
        title: `Your ${due.club} fan club membership lapsed`,
        body: 'Nothing more is charged. You can join again at any time.',
        link: MY_CLUBS,
      },
      key,
      now,
    ),
  ]);
  // After the batch, like the routes: the badge and fan-club-only chat follow at once (a rerun tells it again).
  await tellRoomOfMembership(env, { handle: due.handle, id: due.performer_id }, due.member_id);
  return 'lapsed';
}

/** The club was switched off: the membership ends with the period it paid for. */
async function end(env: Env, due: Due, now: number): Promise<'ended'> {
  await env.DB.batch([
    env.DB.prepare(
      `update fan_club_memberships set status = 'cancelled', renews = 0, grace_until = null, updated_at = ?1
        where id = ?2 and period_index = ?3 and status in ('active', 'grace')`,
    ).bind(now, due.id, due.period_index),
    noticeStatement(
      env.DB,
      due.member_id,
      {
        title: `${due.club}'s fan club closed`,
        body: 'Your membership ended with the period you paid for; nothing more is charged.',
        link: MY_CLUBS,
      },
      `${periodKey(due.id, due.period_index + 1)}:closed`,
      now,
    ),
  ]);
  await tellRoomOfMembership(env, { handle: due.handle, id: due.performer_id }, due.member_id);
  return 'ended';
}
