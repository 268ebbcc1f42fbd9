import type { ShowInProgress } from '../../wire/show-availability.ts';
import { currentShow } from './show-rows.ts';

/**
 * What the profile and the directory say of the room's paid show: "In private" while a private show runs,
 * "Group show" from its announcement to its end, "In a session" during a one-to-one session; null otherwise.
 */
export function showInProgressOf(sql: SqlStorage): ShowInProgress | null {
  const show = currentShow(sql);
  if (!show) return null;
  if (show.kind === 'group') return 'group';
  if (show.phase !== 'running') return null;
  return show.kind === 'private' ? 'private' : 'session';
}
