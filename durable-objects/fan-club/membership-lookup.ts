import type { MembershipLookup } from './fan-club-roster.ts';

/** The Room's one way to ask D1 about a fan-club membership (replaced by the money side's lookup on merge). */
export const fanClubLookup: MembershipLookup = async () => false;
