import type { FanClubMember, MembershipStatus } from '../../../../wire/fan-club.ts';
import { absoluteDate } from '../../lib/time.ts';

const STATUS_WORDS: Record<MembershipStatus, string> = {
  active: 'Active',
  grace: 'Renewal failed (grace)',
  cancelled: 'Cancelled',
  lapsed: 'Lapsed',
};

/** The performer's members, with their status and when their paid period ends (renews or ends). */
export function FanClubMembersTable({ members }: { members: FanClubMember[] }) {
  return (
    <div class="table-scroll">
      <table class="data-table fan-club-members">
        <caption class="visually-hidden">Fan-club members</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Status</th>
            <th scope="col">Joined</th>
            <th scope="col">Paid until</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.handle}>
              <th scope="row">
                {m.displayName} <span class="muted">@{m.handle}</span>
              </th>
              <td class={`fan-club-status--${m.status}`}>
                {STATUS_WORDS[m.status]}
                {m.member && !m.renews && m.status !== 'grace' ? ' (member until then)' : ''}
              </td>
              <td>{absoluteDate(m.joinedAt)}</td>
              <td>
                {absoluteDate(m.periodEnd)}
                {m.renews && m.status === 'active' ? ' (renews)' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
