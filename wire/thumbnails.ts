/** Stream thumbnails: a small JPEG the studio captures from its camera preview while on air. */
export const THUMBNAIL_MAX_BYTES = 200 * 1024;
export const THUMBNAIL_WIDTH = 320;
export const THUMBNAIL_HEIGHT = 180;
/** How often the studio captures one: often enough to look live, rarely enough to cost nothing. */
export const THUMBNAIL_EVERY_MS = 45_000;

/**
 * Whether a thumbnail may be taken or shown: only while the room is live and its show is public.
 * `showKind` is the kind of the paid show running now (wire/shows.ts ShowKind: private, group, a
 * session), or null/undefined while the room is public (a group show only announced is still public).
 * Both the studio and the upload route ask here, so there is one rule.
 */
export function thumbnailAllowed(state: { live: boolean; showKind?: string | null }): boolean {
  return state.live && (state.showKind ?? 'public') === 'public';
}
