import { isFanClubMember } from '../../workers/fan-club/members.ts';
import type { MembershipLookup } from './fan-club-roster.ts';

/** The Room's one way to ask D1 about a fan-club membership: the money side's rule of who is a member now. */
export const fanClubLookup: MembershipLookup = (env, performerId, userId) => isFanClubMember(env, performerId, userId);
