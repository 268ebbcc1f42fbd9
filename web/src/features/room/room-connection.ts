import { signal } from '@preact/signals';
import type { DeviceControl, TipDevice } from '../../../../wire/devices.ts';
import type { SongRequest } from '../../../../wire/music.ts';
import {
  assertNever,
  type ClientMessage,
  CloseCode,
  PROTOCOL_VERSION,
  type RejectReason,
  type ServerMessage,
} from '../../../../wire/room.ts';
import { call, client } from '../../lib/api-client.ts';
import { type Backoff, backoffDelay } from '../../lib/backoff.ts';
import { wallet } from '../../lib/wallet.ts';
import { readFrame } from './room-frame.ts';
import { RoomState } from './room-state.ts';
import type { ShowWrite } from './shows/show-writes.ts';
import { writeLooksValid } from './write-check.ts';

/** Writes kept until answered and resent after a reconnect: the Room answers each client id once. */
export type Write = Extract<
  ClientMessage,
  {
    type:
      | 'chat.send'
      | 'tip.send'
      | 'request.send'
      | 'request.bump'
      | 'request.withdraw'
      | 'request.manage'
      | 'request.reorder'
      | 'request.open';
  }
>;
/** `device`: what an accepted tip got on the performer's toy, while one is connected; `request`: the request. */
export type WriteResult =
  | { ok: true; device?: TipDevice; request?: SongRequest | null }
  | { ok: false; reason: RejectReason; message: string };
/**
 * Requests answered once and never resent (moderation, reports, the device queue, paid shows): a lost answer
 * is TRY_AGAIN (for a show, the snapshot after the reconnect says where it stands).
 */
export type Request =
  | Extract<
      ClientMessage,
      { type: 'mod.action' | 'mod.panel' | 'mod.viewers' | 'report.send' | 'device.status' | 'device.control' }
    >
  | ShowWrite;
export type Answer = Extract<
  ServerMessage,
  { type: 'mod.result' | 'mod.panel' | 'mod.viewers' | 'report.result' | 'device.result' | 'show.result' | 'rejected' }
>;
const ASK_TIMEOUT_MS = 10_000;
/** What a banned viewer is told; the room page shows it as its one banned state. */
export const BANNED_WORDS = 'You are banned from this room.';
const BANNED_KEY = (handle: string) => `encore:banned:${handle}`;

const PING_MS = 25_000;
/** Nothing heard for this long (not even the pong to a ping): the connection is dead without having closed. */
const SILENT_MS = PING_MS + 10_000;
/** Reconnects wait 0.5 s, 1 s, 2 s … up to 15 s, with jitter between half and all of the step. */
export const RECONNECT_BACKOFF: Backoff = { firstMs: 500, maxMs: 15_000, jitter: [0.5, 1] };
/** A TRY_AGAIN (the ledger did not answer) is resent with the same client id this many times. */
const TRY_AGAIN_LIMIT = 3;

/**
 * One live connection to a room (`/rooms/<handle>/ws`, same origin, session cookie). Parses every
 * frame against the protocol, reconnects with backoff and jitter, resumes from `lastSeq`, and
 * keeps each unanswered write (by client id) to resend after a reconnect, so the Room can
 * recognise a resend and answer it once.
 */
export class RoomConnection extends RoomState {
  /** Writes sent but not answered, by client id. */
  readonly pending = signal<ReadonlyMap<string, Write>>(new Map());
  private readonly answers = new Map<string, (result: WriteResult) => void>();
  private readonly retries = new Map<string, number>();
  /** Tips already sent once on some socket: after a reconnect they are looked up before any resend. */
  private readonly sentOnce = new Set<string>();
  private readonly asked = new Map<string, (answer: Answer) => void>();
  private socket: WebSocket | null = null;
  private ready = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pinger: ReturnType<typeof setInterval> | undefined;
  private stopped = false;
  /** When the last frame arrived from the Room. */
  private heard = 0;

  /** The room's performer handle (cam-to-cam publishes into this room). */
  readonly handle: string;

  constructor(handle: string) {
    super();
    this.handle = handle;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.pinger);
    this.socket?.close(1000, 'Left the room');
    this.socket = null;
    this.connection.value = 'closed';
  }

  /** Sends a write (or queues it until the room answers hello); resolves with the Room's answer. */
  send(write: Write): Promise<WriteResult> {
    if (!writeLooksValid(write))
      return Promise.resolve({ ok: false, reason: 'INVALID', message: 'That could not be sent' });
    return new Promise((resolve) => {
      this.answers.set(write.clientId, resolve);
      this.pending.value = new Map(this.pending.value).set(write.clientId, write);
      if (this.ready) this.transmit(write);
    });
  }

  /** A moderation action, panel, viewer list or report: resolves with the Room's answer. */
  ask(request: Request): Promise<Answer> {
    const failed = (message: string): Answer => ({
      type: 'rejected',
      clientId: request.clientId,
      of: request.type,
      reason: 'TRY_AGAIN',
      message,
    });
    if (!this.ready) return Promise.resolve(failed('Not connected to the room; try again in a moment'));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.asked.delete(request.clientId);
        resolve(failed('The room did not answer; try again'));
      }, ASK_TIMEOUT_MS);
      this.asked.set(request.clientId, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.transmit(request);
    });
  }

  /** When the last frame arrived from the Room (epoch ms): the device executor's watchdog reads it. */
  get lastHeard(): number {
    return this.heard;
  }

  /** A ping now (the Room answers pong without waking): the studio checks the socket while a device runs. */
  ping(): void {
    this.transmit({ type: 'ping' });
  }

  /** The studio says whether a device is connected here (performer only). */
  deviceStatus(connected: boolean, devices: number): Promise<{ ok: boolean; message?: string }> {
    return this.deviceAnswer(this.ask({ type: 'device.status', clientId: crypto.randomUUID(), connected, devices }));
  }

  /** Pause, resume, skip or clear the device queue (performer only). */
  deviceControl(action: DeviceControl): Promise<{ ok: boolean; message?: string }> {
    return this.deviceAnswer(this.ask({ type: 'device.control', clientId: crypto.randomUUID(), action }));
  }

  private async deviceAnswer(asked: Promise<Answer>): Promise<{ ok: boolean; message?: string }> {
    const answer = await asked;
    if (answer.type === 'device.result') {
      this.devices.value = answer.devices;
      return { ok: true };
    }
    return { ok: false, message: answer.type === 'rejected' ? answer.message : 'Unexpected answer' };
  }

  private open(): void {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/rooms/${encodeURIComponent(this.handle)}/ws`);
    this.socket = socket;
    this.ready = false;
    // keepsState: on a resume the Room sends only what we missed, not the room we already show.
    socket.onopen = () =>
      this.transmit({
        type: 'hello',
        version: PROTOCOL_VERSION,
        // Show events are not in the Room's log: while a show involves this page, take the whole snapshot.
        keepsState: !this.shows.involved,
        ...(this.lastSeq === undefined ? {} : { lastSeq: this.lastSeq }),
      });
    socket.onmessage = (event) => this.receive(event.data);
    let opened = false;
    socket.addEventListener('open', () => (opened = true));
    socket.onclose = (event) => {
      // Removed from the room: reconnecting would only be refused.
      if (event.code === CloseCode.BANNED) {
        localStorage.setItem(BANNED_KEY(this.handle), '1');
        this.giveUp(BANNED_WORDS);
        return;
      }
      if (event.code === CloseCode.SUSPENDED) {
        this.giveUp('This account is suspended.');
        return;
      }
      // Over the socket cap: reconnecting would close another tab of ours, and that one this one again.
      if (event.code === CloseCode.TOO_MANY_CONNECTIONS) {
        this.giveUp(`${event.reason || 'This room is open in too many tabs'}.`);
        return;
      }
      // Refused at the door after an earlier ban: a refused upgrade carries no reason, so remember it.
      if (!opened && localStorage.getItem(BANNED_KEY(this.handle))) {
        this.giveUp(BANNED_WORDS);
        return;
      }
      // Refused again on a device that never saw the ban: ask the API why, once per run of refusals.
      if (!opened && this.attempt === 1) void this.askStanding();
      this.dropped(socket);
    };
  }

  private receive(data: unknown): void {
    this.heard = Date.now();
    const message = readFrame(data);
    if (!message) {
      console.warn('Ignored a room frame this page does not understand', data);
      return;
    }
    const asked = 'clientId' in message ? this.asked.get(message.clientId) : undefined;
    if (
      asked &&
      (message.type === 'mod.result' ||
        message.type === 'mod.panel' ||
        message.type === 'mod.viewers' ||
        message.type === 'report.result' ||
        message.type === 'device.result' ||
        message.type === 'show.result' ||
        message.type === 'rejected')
    ) {
      this.asked.delete(message.clientId);
      if (message.type === 'show.result') this.showResult(message);
      else if (message.type === 'rejected' && message.balance !== undefined) this.balance(message.balance);
      asked(message);
      return;
    }
    switch (message.type) {
      case 'welcome':
        localStorage.removeItem(BANNED_KEY(this.handle));
        this.you.value = message.you;
        this.muted.value = null;
        if (message.resume === 'replayed') this.resume(message.snapshot, message.missed);
        else this.reset(message.snapshot);
        this.welcomed();
        return;
      case 'resumed':
        localStorage.removeItem(BANNED_KEY(this.handle));
        this.you.value = message.you;
        this.muted.value = null;
        this.caughtUp(message.missed);
        this.welcomed();
        return;
      case 'events':
        this.events(message.events);
        return;
      case 'chat.result':
        this.answer(message.clientId, { ok: true });
        return;
      case 'tip.result':
        this.balance(message.balance);
        this.answer(message.clientId, { ok: true, ...(message.device ? { device: message.device } : {}) });
        return;
      case 'request.result':
        if (message.balance !== undefined) this.balance(message.balance);
        if (message.request && this.answers.has(message.clientId)) this.ownRequest(message.request.id);
        this.answer(message.clientId, { ok: true, request: message.request });
        return;
      case 'tip.status':
        // Looked up after a reconnect: never reached the ledger, so send it (same client id); pending: its
        // answer follows.
        this.resendIfUnknown(message.clientId, message.status);
        return;
      case 'rejected':
        if (message.balance !== undefined) this.balance(message.balance);
        if (message.reason === 'TRY_AGAIN' && this.retry(message.clientId)) return;
        this.answer(message.clientId, { ok: false, reason: message.reason, message: message.message });
        return;
      case 'error':
        if (message.code === 'UNSUPPORTED_VERSION')
          this.giveUp('This page is out of date. Reload it to rejoin the room.');
        else console.warn(`The room refused a frame: ${message.code} ${message.message}`);
        return;
      case 'standing':
        this.you.value = message.you;
        this.muted.value = message.muted;
        return;
      case 'pong':
      case 'mod.result':
      case 'mod.panel':
      case 'mod.viewers':
      case 'report.result':
        return;
      case 'show.result':
        // Another tab of the same account asked: the show stands the same for this page.
        this.showResult(message);
        return;
      case 'show.event':
        if (message.event.kind === 'minute' && message.event.balance !== undefined) this.balance(message.event.balance);
        this.shows.event(message.event);
        return;
      case 'device.result':
        this.devices.value = message.devices;
        return;
      default:
        // Every message type is handled above: a new one fails the type check here.
        assertNever(message);
    }
  }

  private welcomed(): void {
    this.ready = true;
    this.attempt = 0;
    this.connection.value = 'live';
    clearInterval(this.pinger);
    this.pinger = setInterval(() => this.keepAlive(), PING_MS);
    // Resend what was never answered, with the same client ids: the Room answers each once. A tip
    // is looked up first: its answer may have gone to a socket that died, and the ledger knows.
    for (const write of this.pending.value.values())
      this.transmit(
        write.type === 'tip.send' && this.sentOnce.has(write.clientId)
          ? { type: 'tip.lookup', clientId: write.clientId }
          : write,
      );
  }

  private resendIfUnknown(clientId: string, status: 'pending' | 'unknown'): void {
    const write = this.pending.value.get(clientId);
    if (write && status === 'unknown') this.transmit(write);
  }

  /**
   * A lost network does not always close a socket (no FIN arrives; the browser may wait minutes),
   * so a socket that answered nothing since the last ping is given up and replaced.
   */
  private keepAlive(): void {
    const socket = this.socket;
    if (socket && Date.now() - this.heard > SILENT_MS) {
      socket.onclose = null;
      socket.close();
      this.dropped(socket);
      return;
    }
    this.transmit({ type: 'ping' });
  }

  private dropped(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.ready = false;
    clearInterval(this.pinger);
    if (this.stopped || this.fatal.value) return;
    this.connection.value = this.lastSeq === undefined && this.attempt === 0 ? 'connecting' : 'reconnecting';
    const wait = backoffDelay(RECONNECT_BACKOFF, this.attempt);
    this.attempt++;
    this.timer = setTimeout(() => this.open(), wait);
  }

  private retry(clientId: string): boolean {
    const write = this.pending.value.get(clientId);
    const tries = this.retries.get(clientId) ?? 0;
    if (!write || tries >= TRY_AGAIN_LIMIT) return false;
    this.retries.set(clientId, tries + 1);
    setTimeout(
      () => {
        if (this.ready && this.pending.value.has(clientId)) this.transmit(write);
      },
      1000 * (tries + 1),
    );
    return true;
  }

  private answer(clientId: string, result: WriteResult): void {
    const resolve = this.answers.get(clientId);
    // Another tab of the same account may have asked: its answers reach us too, and are not ours.
    if (!resolve) return;
    this.answers.delete(clientId);
    this.retries.delete(clientId);
    this.sentOnce.delete(clientId);
    const pending = new Map(this.pending.value);
    pending.delete(clientId);
    this.pending.value = pending;
    resolve(result);
  }

  private showResult(message: Extract<ServerMessage, { type: 'show.result' }>): void {
    if (message.balance !== undefined) this.balance(message.balance);
    this.shows.result(message.shows);
  }

  private balance(balance: number): void {
    wallet.value = { frozen: wallet.value?.frozen ?? null, balance };
  }

  private async askStanding(): Promise<void> {
    try {
      const standing = await call(
        client.rooms[':handle'].standing.$get({ param: { handle: encodeURIComponent(this.handle) } }),
      );
      if (!standing.banned || this.stopped || this.connection.value === 'live') return;
      localStorage.setItem(BANNED_KEY(this.handle), '1');
      this.giveUp(BANNED_WORDS);
    } catch {
      // Offline too: keep retrying the socket as before.
    }
  }

  private giveUp(reason: string): void {
    this.fatal.value = reason;
    this.stop();
  }

  private transmit(message: ClientMessage): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify(message));
    if (message.type === 'tip.send') this.sentOnce.add(message.clientId);
  }
}
