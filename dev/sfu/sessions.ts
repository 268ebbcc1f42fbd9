// Sessions of the dev SFU: one werift peer connection each, with the tracks it publishes
// (local, by mid) and the tracks it pulls from other sessions (remote, by mid). Every method
// here is one call of the Realtime API; server.ts maps HTTP onto them.
import { randomBytes } from 'node:crypto';
import {
  ReceiverEstimatedMaxBitrate,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  type RTCRtpTransceiver,
  RtcpPayloadSpecificFeedback,
  useFIR,
  useNACK,
  usePLI,
  useREMB,
  useSdesMid,
  useSdesRTPStreamId,
} from 'werift';
import { type Kind, Publication, type Subscription } from './forwarding.ts';
import { keepCandidatesOn, mediaSections, type SessionDescription, withBitrateHints } from './sdp.ts';

/** Cloudflare drops a track that carried no media for 30 s; sessions that never connect go too. */
export const IDLE_MS = 30_000;
/**
 * Browsers send ICE consent checks every few seconds (Chromium ~2.5 s, werift ~5 s); a connected
 * session with none for this long lost its browser (tab closed, network gone) and is closed.
 */
export const GONE_MS = 15_000;
/** Start bitrate hinted to publishers (see withBitrateHints): enough for 720p + 360p layers. */
const PUBLISH_START_KBPS = 1500;
const PUBLISH_REMB_BPS = 5_000_000;
const PUBLISH_REMB_EXP = 5;

export type TrackObject = {
  location?: 'local' | 'remote';
  mid?: string | null;
  sessionId?: string;
  trackName?: string;
  kind?: string;
  simulcast?: { preferredRid?: string };
};
export type TrackResult = TrackObject & { errorCode?: string; errorDescription?: string };
export type TracksResponse = {
  requiresImmediateRenegotiation: boolean;
  sessionDescription?: SessionDescription;
  tracks: TrackResult[];
};

/** An API error: HTTP status plus Cloudflare's `{ errorCode, errorDescription }` body. */
export class SfuError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

type LocalTrack = { mid: string; trackName: string; kind: Kind; publication: Publication };
export type RemoteTrack = {
  mid: string;
  trackName: string;
  sessionId: string;
  kind: Kind;
  transceiver: RTCRtpTransceiver;
  subscription: Subscription;
};

export class Session {
  readonly id = randomBytes(16).toString('hex');
  readonly pc: RTCPeerConnection;
  readonly local = new Map<string, LocalTrack>();
  readonly remote = new Map<string, RemoteTrack>();
  lastActivity = Date.now();
  busy = false;
  closed = false;
  /** Kept from connectionStateChange: forwarding reads it per packet. */
  connected = false;
  /** The last ICE check from the browser (an ICE-lite agent sends none of its own). */
  lastCheckAt = 0;
  private readonly address: string;

  constructor(address: string) {
    this.address = address;
    this.pc = new RTCPeerConnection({
      // No STUN: werift's default server stalls gathering for 5 s offline, and loopback needs none.
      iceServers: [],
      // Like Cloudflare's SFU: the browser drives ICE.
      iceLite: true,
      iceUseIpv6: false,
      iceUseTcp: false,
      iceInterfaceAddresses: { udp4: address },
      iceAdditionalHostAddresses: [address],
      // Called on each STUN request: the browser's consent checks are how a vanished peer shows.
      iceFilterStunResponse: () => {
        this.lastCheckAt = Date.now();
        return true;
      },
      codecs: {
        video: [
          new RTCRtpCodecParameters({
            mimeType: 'video/VP8',
            clockRate: 90000,
            // REMB, not transport-cc: see sendBandwidthEstimate.
            rtcpFeedback: [useNACK(), usePLI(), useFIR(), useREMB()],
          }),
        ],
        audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })],
      },
      headerExtensions: {
        video: [useSdesMid(), useSdesRTPStreamId()],
        audio: [useSdesMid()],
      },
    });
    this.pc.connectionStateChange.subscribe((state) => {
      this.lastActivity = Date.now();
      this.connected = state === 'connected';
      // A viewer that just connected has missed every keyframe so far.
      if (state === 'connected') for (const track of this.remote.values()) track.subscription.requestKeyframe();
    });
  }

  findLocal(trackName: string): LocalTrack | undefined {
    for (const track of this.local.values()) if (track.trackName === trackName) return track;
    return undefined;
  }

  /** Applies a client offer and returns the SFU's answer. */
  async answer(offer: SessionDescription): Promise<SessionDescription> {
    await this.pc.setRemoteDescription(offer);
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    return { type: 'answer', sdp: withBitrateHints(this.localSdp(), PUBLISH_START_KBPS) };
  }

  async offer(): Promise<SessionDescription> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return { type: 'offer', sdp: this.localSdp() };
  }

  /** Registers the client's sending m-sections named in `tracks` (after its offer was answered). */
  publish(offerSdp: string, answerSdp: string, requested: TrackObject[], autoDiscover: boolean): TrackResult[] {
    const sections = mediaSections(offerSdp);
    const answered = mediaSections(answerSdp);
    const wanted = [...requested];
    if (autoDiscover) {
      for (const section of sections) {
        const sending = section.direction === 'sendonly' || section.direction === 'sendrecv';
        if (sending && !this.local.has(section.mid) && !wanted.some((t) => t.mid === section.mid)) {
          wanted.push({ location: 'local', mid: section.mid, trackName: section.msidTrack ?? section.mid });
        }
      }
    }
    return wanted.map((track) => {
      const mid = track.mid ?? '';
      const section = sections.find((s) => s.mid === mid);
      const transceiver = this.pc.getTransceivers().find((t) => t.mid === mid);
      if (!track.trackName) return fail(track, 'invalid_request', 'a local track needs a trackName');
      if (!section || !transceiver)
        return fail(track, 'invalid_request', `the offer has no m-section with mid "${mid}"`);
      if (section.direction !== 'sendonly' && section.direction !== 'sendrecv') {
        return fail(track, 'invalid_request', `m-section "${mid}" does not send media`);
      }
      if (answered.find((s) => s.mid === mid)?.port === 0) {
        return fail(track, 'not_supported', `m-section "${mid}" has no codec the dev SFU forwards (VP8, Opus)`);
      }
      const existing = this.findLocal(track.trackName);
      if (existing && existing.mid !== mid)
        return fail(track, 'invalid_request', `track name "${track.trackName}" is already used in this session`);
      if (existing) return { location: 'local', mid, trackName: track.trackName, sessionId: this.id };
      const kind: Kind = transceiver.kind === 'audio' ? 'audio' : 'video';
      const receiver = transceiver.receiver;
      const layers =
        section.rids.length > 0
          ? section.rids.flatMap((rid) => {
              const layerTrack = receiver.tracks.find((t) => t.rid === rid);
              return layerTrack ? [{ layer: rid, track: layerTrack }] : [];
            })
          : [{ layer: '', track: receiver.track }];
      this.local.set(mid, {
        mid,
        trackName: track.trackName,
        kind,
        publication: new Publication(kind, receiver, layers),
      });
      return { location: 'local', mid, trackName: track.trackName, sessionId: this.id };
    });
  }

  /** Adds a sending m-section per pulled track; the caller then makes an offer. */
  pull(
    track: TrackObject,
    publisher: Session | undefined,
  ): { result: TrackResult; pending?: Omit<RemoteTrack, 'mid'> } {
    if (!track.sessionId || !track.trackName)
      return { result: fail(track, 'invalid_request', 'a remote track needs sessionId and trackName') };
    if (!publisher) return { result: fail(track, 'not_found', `session ${track.sessionId} does not exist`) };
    const source = publisher.findLocal(track.trackName);
    if (!source || source.publication.ended) {
      return {
        result: fail(track, 'not_found', `session ${track.sessionId} publishes no track named "${track.trackName}"`),
      };
    }
    const transceiver = this.pc.addTransceiver(source.kind, { direction: 'sendonly' });
    const subscription = source.publication.subscribe(transceiver.sender, this, track.simulcast?.preferredRid);
    // Viewers' keyframe requests go to the publisher (throttled in Publication).
    transceiver.sender.onPictureLossIndication.subscribe(() => subscription.requestKeyframe());
    transceiver.sender.onRtcp.subscribe(() => (subscription.lastRtcpAt = Date.now()));
    return {
      result: { location: 'remote', sessionId: track.sessionId, trackName: track.trackName, kind: source.kind },
      pending: { trackName: track.trackName, sessionId: track.sessionId, kind: source.kind, transceiver, subscription },
    };
  }

  /** Stops one track; returns whether the SFU's side of the SDP changed (a remote m-line stopped). */
  closeTrack(mid: string, force: boolean): boolean {
    const local = this.local.get(mid);
    if (local) {
      local.publication.end();
      this.local.delete(mid);
      return false;
    }
    const remote = this.remote.get(mid);
    if (!remote) throw new SfuError(400, 'invalid_request', `no track with mid "${mid}" in this session`);
    remote.subscription.stop();
    this.remote.delete(mid);
    if (force) return false;
    remote.transceiver.stop();
    return true;
  }

  /**
   * Tells the publisher it may send up to PUBLISH_REMB_BPS (REMB). werift's transport-cc feedback
   * arrives late on a busy machine and Chromium then starves its upper simulcast layers; with REMB
   * and loss-based control, loopback (no loss) lets every layer flow, as Cloudflare's SFU would.
   */
  sendBandwidthEstimate(): void {
    const ssrcs = [...this.local.values()].flatMap((t) => (t.kind === 'video' ? t.publication.ssrcs() : []));
    const transport = this.pc.dtlsTransports[0];
    if (ssrcs.length === 0 || !transport || !this.connected) return;
    const feedback = new ReceiverEstimatedMaxBitrate({
      senderSsrc: 0,
      mediaSsrc: 0,
      brExp: PUBLISH_REMB_EXP,
      brMantissa: Math.floor(PUBLISH_REMB_BPS / 2 ** PUBLISH_REMB_EXP),
      ssrcNum: ssrcs.length,
      ssrcFeedbacks: ssrcs,
    });
    transport.sendRtcp([new RtcpPayloadSpecificFeedback({ feedback })]).catch(() => undefined);
  }

  /**
   * Drops published tracks with no media for idleMs; true when the whole session is dead: its
   * connection closed or failed, no ICE check from its browser for goneMs after the first, or
   * nothing heard from it (API call, media, a viewer's RTCP reports) for idleMs. An ICE-lite SFU
   * sends no consent checks of its own, so a browser that vanished shows up only as silence.
   */
  sweep(now: number, idleMs: number, goneMs: number): boolean {
    if (this.pc.connectionState === 'closed' || this.pc.connectionState === 'failed') return true;
    if (this.lastCheckAt > 0 && now - this.lastCheckAt > goneMs) return true;
    let lastHeard = this.lastActivity;
    for (const [mid, track] of this.local) {
      lastHeard = Math.max(lastHeard, track.publication.lastPacketAt);
      if (now - track.publication.lastPacketAt > idleMs) {
        track.publication.end();
        this.local.delete(mid);
      }
    }
    for (const track of this.remote.values()) lastHeard = Math.max(lastHeard, track.subscription.lastRtcpAt);
    return now - lastHeard > idleMs;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const track of this.local.values()) track.publication.end();
    for (const track of this.remote.values()) track.subscription.stop();
    await this.pc.close().catch(() => undefined);
  }

  private localSdp(): string {
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new SfuError(500, 'internal_error', 'no local description');
    return keepCandidatesOn(sdp, this.address);
  }
}

function fail(track: TrackObject, errorCode: string, errorDescription: string): TrackResult {
  return { ...track, errorCode, errorDescription };
}
