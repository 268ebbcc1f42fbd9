import type { RoomContext } from '../room-context.ts';
import { sfuStillHas } from './media-check.ts';
import { isBannedFromRoom, MEDIA_CHECK_MS, MediaTracks, type Publisher } from './media-tracks.ts';
import { type MediaViewer, MediaViewers } from './media-viewers.ts';

/**
 * The room's video: the publisher on air (media-tracks.ts), who may pull it and the viewers'
 * sessions that do (media-viewers.ts), and the 'media' alarm job that takes a publisher whose page
 * or tracks are gone off air. The room hears of every change as a `media` event.
 */
export class RoomMedia {
  readonly tracks: MediaTracks;
  readonly viewers: MediaViewers;
  private readonly room: RoomContext;

  constructor(room: RoomContext) {
    this.room = room;
    this.tracks = new MediaTracks(room);
    this.viewers = new MediaViewers(room);
  }

  /** The performer's page published (or republished) its tracks: viewers pull them, and the check starts. */
  async start(publisher: Publisher): Promise<void> {
    this.tracks.start(publisher);
    this.room.outbox.publish({ kind: 'media', media: this.tracks.onAir() });
    await this.room.alarms.schedule('media', this.room.now() + MEDIA_CHECK_MS);
  }

  /** Off air (only if `sessionId`, when given, is still the one on air); false if nothing was. */
  stop(sessionId?: string): boolean {
    if (!this.tracks.stop(sessionId)) return false;
    this.room.outbox.publish({ kind: 'media', media: this.tracks.onAir() });
    return true;
  }

  /** What a viewer may pull: the publisher on air, unless they are banned from the room. */
  mayWatch(userId: string | null): { banned: boolean; publisher: Publisher | null } {
    return {
      banned: userId !== null && isBannedFromRoom(this.room.sql, userId, this.room.now()),
      publisher: this.tracks.publisher(),
    };
  }

  /** A viewer's session now pulls the tracks: a ban or a block can end it. False if banned meanwhile. */
  watching(viewer: MediaViewer): boolean {
    if (this.mayWatch(viewer.userId).banned) return false;
    this.viewers.add(viewer, this.room.now());
    return true;
  }

  /** Whether a viewer's session may go on: the Room still holds it and they are not banned. */
  mayKeepWatching(sessionId: string, userId: string | null): boolean {
    return this.viewers.holds(sessionId) && !this.mayWatch(userId).banned;
  }

  /**
   * The 'media' job: a publisher whose page is gone (no performer socket) or whose tracks the SFU
   * dropped goes off air; otherwise it is looked at again later. True when it was found gone.
   */
  async check(): Promise<boolean> {
    const publisher = this.tracks.publisher();
    const owner = this.room.owner();
    if (!publisher || !owner) return false;
    const gone =
      this.tracks.performerGone(this.room.sockets.open(owner.performerId).length, this.room.now()) ||
      !(await sfuStillHas(this.room.env, publisher));
    if (!gone) {
      await this.room.alarms.schedule('media', this.room.now() + MEDIA_CHECK_MS);
      return false;
    }
    // Only if still the one on air: the page may have republished while the SFU was asked.
    this.stop(publisher.sessionId);
    return true;
  }
}
