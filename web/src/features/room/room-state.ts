import { signal } from '@preact/signals';
import type { DeviceQueueState, TipLevel } from '../../../../wire/devices.ts';
import type { Goal } from '../../../../wire/goals.ts';
import { NO_MEDIA, type RoomMedia } from '../../../../wire/media.ts';
import { type ChatModes, type Muted, NO_CHAT_MODES } from '../../../../wire/moderation.ts';
import type { NowPlaying, RequestQueue } from '../../../../wire/music.ts';
import { NO_TRACKS } from '../../../../wire/music-limits.ts';
import {
  assertNever,
  CHAT_HISTORY_SIZE,
  type ChatMessage,
  type Leaderboard,
  type Person,
  type RoomSnapshot,
  type SequencedEvent,
  type TipEvent,
} from '../../../../wire/room.ts';
import type { TipMenu } from '../../../../wire/tip-menu.ts';
import { ShowsState } from './shows/show-state.ts';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'closed';

/** How many recent tips stay around for the animations and the announcer. */
const RECENT_TIPS = 8;

/**
 * What the page shows of a room, as signals: filled from the welcome snapshot, then kept
 * current by numbered events. Events at or below `lastSeq` were already applied and are skipped,
 * so a replay that overlaps what we had changes nothing.
 */
export class RoomState {
  readonly connection = signal<ConnectionState>('connecting');
  readonly you = signal<Person | null>(null);
  readonly chat = signal<readonly ChatMessage[]>([]);
  readonly viewers = signal(0);
  readonly live = signal(false);
  readonly title = signal('');
  readonly leaderboard = signal<Leaderboard>({ show: [], king: null });
  /** Newest last; each tip once, for the burst over the video and the live region. */
  readonly tips = signal<readonly TipEvent[]>([]);
  /** Tips from before this page joined (the snapshot's), oldest first: listed, never animated. */
  readonly earlierTips = signal<readonly TipEvent[]>([]);
  /** Set when the room cannot be joined at all (an outdated page, say); shown instead of the banner. */
  readonly fatal = signal('');
  /** The performer's tracks on air (the player pulls them); none when the camera is off. */
  readonly media = signal<RoomMedia>(NO_MEDIA);
  readonly menu = signal<TipMenu>([]);
  readonly goal = signal<Goal | null>(null);
  /** Set when the goal is reached while we watch (with when we heard it): the goal bar celebrates it. */
  readonly celebration = signal<{ goal: Goal; at: number } | null>(null);
  /** Chat modes in force, and whether you are muted (with the end of a time-out). */
  readonly modes = signal<ChatModes>(NO_CHAT_MODES);
  readonly muted = signal<Muted>(null);
  /** The track playing now (null when none) and the ones before it, newest first. */
  readonly nowPlaying = signal<NowPlaying>(NO_TRACKS);
  /** The device queue (null until a Room that has one says so) and the tip levels that fill it. */
  readonly devices = signal<DeviceQueueState | null>(null);
  readonly deviceLevels = signal<readonly TipLevel[]>([]);
  /** The song-request queue (null until the room says), and the ids of your own requests in it. */
  readonly requests = signal<RequestQueue | null>(null);
  readonly myRequests = signal<ReadonlySet<string>>(new Set());
  /** Paid shows: the offer, the show on now, your seat or request; the performer's requests and seats. */
  readonly shows = new ShowsState();
  /** Counts the refunds heard (goal tips given back): the page asks the wallet again on each. */
  readonly refunds = signal(0);
  lastSeq: number | undefined;

  /** A fresh start (first join, or the gap is older than the Room's log): the snapshot replaces everything. */
  reset(snapshot: RoomSnapshot): void {
    this.chat.value = snapshot.chat.slice(-CHAT_HISTORY_SIZE);
    const live = new Set(this.tips.value.map((t) => t.id));
    this.earlierTips.value = snapshot.tips.filter((t) => !live.has(t.id));
    this.apply(snapshot);
    this.lastSeq = snapshot.seq;
  }

  /** A resume: the live fields come from the snapshot, the rest from exactly the events we missed. */
  resume(snapshot: RoomSnapshot, missed: readonly SequencedEvent[]): void {
    this.apply(snapshot);
    this.events(missed);
    // The missed events are older than the snapshot: the show's private side is the snapshot's.
    this.shows.reset(snapshot.shows);
    this.lastSeq = Math.max(this.lastSeq ?? 0, snapshot.seq);
  }

  /** A resume without a snapshot: everything shown stays, and exactly what we missed is applied. */
  caughtUp(missed: readonly SequencedEvent[]): void {
    this.events(missed);
  }

  events(events: readonly SequencedEvent[]): void {
    const chat: ChatMessage[] = [];
    const tips: TipEvent[] = [];
    for (const { seq, event } of events) {
      if (this.lastSeq !== undefined && seq <= this.lastSeq) continue;
      this.lastSeq = seq;
      switch (event.kind) {
        case 'chat':
          chat.push(event.message);
          break;
        case 'tip':
          tips.push(event.tip);
          break;
        case 'tips.refunded': {
          // Refunded goal tips leave the feed, as they leave the Room's recent tips.
          const gone = new Set(event.ids);
          this.refunds.value++;
          tips.splice(0, tips.length, ...tips.filter((t) => !gone.has(t.id)));
          if (this.tips.value.some((t) => gone.has(t.id)))
            this.tips.value = this.tips.value.filter((t) => !gone.has(t.id));
          if (this.earlierTips.value.some((t) => gone.has(t.id)))
            this.earlierTips.value = this.earlierTips.value.filter((t) => !gone.has(t.id));
          break;
        }
        case 'presence':
          this.viewers.value = event.viewers;
          break;
        case 'show':
          this.live.value = event.live;
          this.title.value = event.title;
          break;
        case 'leaderboard':
          this.leaderboard.value = event.leaderboard;
          break;
        case 'media':
          this.media.value = event.media;
          break;
        case 'menu':
          this.menu.value = event.menu;
          break;
        case 'goal':
          this.goal.value = event.goal;
          if (this.celebration.value && this.celebration.value.goal.id !== event.goal?.id)
            this.celebration.value = null;
          break;
        case 'goal.reached':
          this.goal.value = event.goal;
          this.celebration.value = { goal: event.goal, at: Date.now() };
          break;
        case 'modes':
          this.modes.value = event.modes;
          break;
        case 'chat.deleted':
          // Gone from what is shown and from what this batch was about to add.
          chat.splice(0, chat.length, ...chat.filter((m) => m.id !== event.id));
          if (this.chat.value.some((m) => m.id === event.id))
            this.chat.value = this.chat.value.filter((m) => m.id !== event.id);
          break;
        case 'chat.cleared':
          chat.length = 0;
          this.chat.value = [];
          break;
        case 'track':
          this.nowPlaying.value = event.nowPlaying;
          break;
        case 'devices':
          this.devices.value = event.devices;
          break;
        case 'device.levels':
          this.deviceLevels.value = event.levels;
          break;
        case 'requests':
          this.requests.value = event.requests;
          break;
        case 'shows':
          this.shows.current(event.current);
          break;
        default:
          // Frames are parsed against the protocol first, so an unknown kind never gets here; a new kind
          // fails the type check until it is handled above.
          assertNever(event);
      }
    }
    if (chat.length > 0) {
      const known = new Set(this.chat.value.map((m) => m.id));
      this.chat.value = [...this.chat.value, ...chat.filter((m) => !known.has(m.id))].slice(-CHAT_HISTORY_SIZE);
    }
    if (tips.length > 0) this.tips.value = [...this.tips.value, ...tips].slice(-RECENT_TIPS);
  }

  private apply(snapshot: RoomSnapshot): void {
    this.viewers.value = snapshot.viewers;
    this.live.value = snapshot.live;
    this.title.value = snapshot.title;
    this.leaderboard.value = snapshot.leaderboard;
    this.media.value = snapshot.media;
    this.menu.value = snapshot.menu;
    this.goal.value = snapshot.goal;
    this.modes.value = snapshot.modes;
    this.nowPlaying.value = snapshot.nowPlaying;
    this.devices.value = snapshot.devices ?? null;
    this.deviceLevels.value = snapshot.deviceLevels;
    this.shows.reset(snapshot.shows);
    if (snapshot.requests) {
      const { mine, ...requests } = snapshot.requests;
      this.requests.value = requests;
      this.myRequests.value = new Set([...this.myRequests.value, ...mine]);
    }
  }

  /** One of your requests (answered to this page): you can bump or withdraw it. */
  protected ownRequest(id: string): void {
    if (!this.myRequests.value.has(id)) this.myRequests.value = new Set([...this.myRequests.value, id]);
  }
}
