import { type ChatModeChange, ChatModes, NO_CHAT_MODES } from '../../wire/moderation.ts';
import type { RejectReason } from '../../wire/room.ts';
import type { FanClubRoster } from '../fan-club/fan-club-roster.ts';
import type { RoomContext } from '../room-context.ts';
import type { CommittedTip } from '../tips/tip-desk.ts';
import type { Identity } from '../transport/identity.ts';
import type { ChatHistory } from './chat-history.ts';
import { PLATFORM_WORDS } from './platform-words.ts';
import { filteredWord, type WordFilter, wordFilter } from './word-filter.ts';

/**
 * Chat modes (slow mode, followers-only, tippers-only, fan-club-only) and the word filter: what a message must
 * pass before it is posted, beyond the rate limit. Settings live in the Room's SQLite (`meta`);
 * the fields here are caches. Performer and moderators are exempt from the modes; the word
 * filter applies to everyone, the performer included (the platform list is the platform's rules).
 */
export type Refusal = { reason: RejectReason; message: string };

/**
 * A follow is looked up in D1 at most this often per user; a "no" is asked again sooner, as a follow is one
 * click away.
 */
const FOLLOWER_CACHE_MS = 60_000;
const NOT_FOLLOWER_CACHE_MS = 5_000;
const FOLLOWER_CACHE_SIZE = 10_000;

export class ChatModeRules {
  private readonly sql: SqlStorage;
  private readonly db: D1Database;
  private readonly chat: ChatHistory;
  private readonly fanClub: Pick<FanClubRoster, 'isMember'>;
  private cachedModes: ChatModes | undefined;
  private cachedWords: string[] | undefined;
  private filter: WordFilter | undefined;
  private readonly followers = new Map<string, { follows: boolean; at: number }>();
  /** When each user last posted, for slow mode; after a wake-up the chat history answers. */
  private readonly lastChat = new Map<string, number>();
  /** Handles already in room_tippers, this life of the Room (a cache, bounded; the table is the truth). */
  private readonly knownTippers = new Set<string>();

  constructor(room: Pick<RoomContext, 'sql' | 'db'>, chat: ChatHistory, fanClub: Pick<FanClubRoster, 'isMember'>) {
    this.sql = room.sql;
    this.db = room.db;
    this.chat = chat;
    this.fanClub = fanClub;
  }

  modes(): ChatModes {
    this.cachedModes ??= ChatModes.catch(NO_CHAT_MODES).parse(JSON.parse(this.meta('modes') ?? 'null'));
    return this.cachedModes;
  }

  setModes(change: ChatModeChange): ChatModes {
    const modes = { ...this.modes(), ...change };
    this.writeMeta('modes', JSON.stringify(modes));
    this.cachedModes = modes;
    return modes;
  }

  /** The performer's own list (the platform list is not shown: it is not theirs to edit). */
  words(): string[] {
    this.cachedWords ??= JSON.parse(this.meta('words') ?? '[]') as string[];
    return this.cachedWords;
  }

  setWords(words: readonly string[]): string[] {
    const unique = [...new Set(words.map((w) => w.trim().toLowerCase()).filter(Boolean))].sort();
    this.writeMeta('words', JSON.stringify(unique));
    this.cachedWords = unique;
    this.filter = undefined;
    return unique;
  }

  /** Why this message may not be posted now, or undefined when it may. */
  async refusal(
    who: Identity & { userId: string },
    text: string,
    now: number,
    room: { performerId: string },
  ): Promise<Refusal | undefined> {
    this.filter ??= wordFilter(PLATFORM_WORDS, this.words());
    if (filteredWord(text, this.filter))
      return { reason: 'FILTERED', message: 'That message contains a word this room does not allow' };
    if (who.role === 'performer' || who.role === 'moderator') return undefined;
    const modes = this.modes();
    // The lookups that wait come first: after them, the checks and the caller's posting run
    // without a pause, so two quick messages cannot both slip through slow mode.
    if (modes.followersOnly && !(await this.follows(who.userId, room.performerId, now))) {
      return { reason: 'FOLLOWERS_ONLY', message: 'Only followers can chat right now' };
    }
    if (modes.fanClubOnly && !(await this.fanClub.isMember(who.userId))) {
      return { reason: 'FAN_CLUB_ONLY', message: 'Only fan-club members can chat right now' };
    }
    if (modes.slowSeconds > 0) {
      const last = this.lastChat.get(who.userId) ?? this.chat.lastAt(who.handle);
      const wait = last === undefined ? 0 : Math.ceil((last + modes.slowSeconds * 1000 - now) / 1000);
      if (wait > 0) return { reason: 'SLOW_MODE', message: `Slow mode is on: wait ${wait} s before your next message` };
    }
    if (modes.tippersOnly && !this.hasTipped(who.handle))
      return { reason: 'TIPPERS_ONLY', message: 'Only viewers who have tipped in this room can chat right now' };
    return undefined;
  }

  /** A message was posted: slow mode counts from now. */
  posted(userId: string, now: number): void {
    this.lastChat.set(userId, now);
  }

  /** A listener after tips commit (tip-desk.ts): every tipper in the batch is a tipper of this room. */
  tipsCommitted(tips: readonly CommittedTip[]): void {
    for (const tip of tips) this.tipped(tip.intent.from.handle, tip.at);
  }

  /** An accepted tip (anonymous ones too) makes the tipper a tipper of this room. */
  tipped(handle: string, at: number): void {
    // Only whether someone tipped matters (tippers-only mode): a tipper already written in this
    // life of the Room costs no statement on their next tips.
    if (this.knownTippers.has(handle)) return;
    this.sql.exec(
      'insert into room_tippers (handle, at) values (?, ?) on conflict (handle) do update set at = excluded.at',
      handle,
      at,
    );
    if (this.knownTippers.size >= 10_000) this.knownTippers.clear();
    this.knownTippers.add(handle);
  }

  private hasTipped(handle: string): boolean {
    return this.sql.exec('select 1 from room_tippers where handle = ?', handle).toArray().length > 0;
  }

  private async follows(userId: string, performerId: string, now: number): Promise<boolean> {
    const known = this.followers.get(userId);
    if (known && now - known.at < (known.follows ? FOLLOWER_CACHE_MS : NOT_FOLLOWER_CACHE_MS)) return known.follows;
    const row = await this.db
      .prepare('select 1 as yes from follows where follower_id = ? and performer_id = ?')
      .bind(userId, performerId)
      .first();
    const follows = row !== null;
    // A cache, not a record: a room that saw very many chatters starts it afresh.
    if (this.followers.size >= FOLLOWER_CACHE_SIZE) this.followers.clear();
    this.followers.set(userId, { follows, at: now });
    return follows;
  }

  private meta(key: string): string | undefined {
    return this.sql.exec<{ value: string }>('select value from meta where key = ?', key).toArray()[0]?.value;
  }

  private writeMeta(key: string, value: string): void {
    this.sql.exec(
      'insert into meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
      key,
      value,
    );
  }
}
