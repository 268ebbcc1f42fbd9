// RTP forwarding of the dev SFU: a Publication is one published track (with one layer per
// simulcast rid, or a single layer ''); a Subscription forwards one layer of it to a viewer's
// sender, switching layers only on a keyframe so the viewer's decoder never sees a broken frame.
import type { MediaStreamTrack, RTCRtpReceiver, RTCRtpSender, RtpPacket } from 'werift';

/**
 * A viewer's or a layer switch's keyframe request reaches the publisher at most this often.
 * Chromium's encoder ignores requests within 300 ms of the last one it honoured, so asking more
 * often only wastes the request that would have counted.
 */
const PLI_INTERVAL_MS = 300;
/** A layer with no packet for this long counts as paused (the browser drops layers under load). */
const LAYER_ACTIVE_MS = 1000;

export type Kind = 'audio' | 'video';
/** The pulling session, as forwarding sees it. */
export type Viewer = { readonly connected: boolean };

export class Publication {
  readonly layers: string[];
  lastPacketAt = Date.now();
  packetsIn = 0;
  ended = false;
  private readonly subscribers = new Set<Subscription>();
  private readonly lastPacketByLayer = new Map<string, number>();
  private readonly ssrcByLayer = new Map<string, number>();
  private readonly lastPliByLayer = new Map<string, number>();
  private readonly unsubscribes: (() => void)[] = [];
  readonly kind: Kind;
  private readonly receiver: RTCRtpReceiver;

  constructor(kind: Kind, receiver: RTCRtpReceiver, tracks: { layer: string; track: MediaStreamTrack }[]) {
    this.kind = kind;
    this.receiver = receiver;
    this.layers = tracks.map((t) => t.layer);
    for (const { layer, track } of tracks) {
      const { unSubscribe } = track.onReceiveRtp.subscribe((packet) => this.onPacket(layer, packet));
      this.unsubscribes.push(unSubscribe);
    }
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  subscribe(sender: RTCRtpSender, viewer: Viewer, preferredLayer?: string): Subscription {
    const subscription = new Subscription(this, sender, viewer, preferredLayer);
    this.subscribers.add(subscription);
    return subscription;
  }

  unsubscribe(subscription: Subscription): void {
    this.subscribers.delete(subscription);
  }

  /** The publisher's SSRCs seen so far, one per layer. */
  ssrcs(): number[] {
    return [...this.ssrcByLayer.values()];
  }

  /** Layers that carried media within the last second, in the publisher's order. */
  isLayerActive(layer: string, now = Date.now()): boolean {
    const last = this.lastPacketByLayer.get(layer);
    return last !== undefined && now - last < LAYER_ACTIVE_MS;
  }

  /** Asks the publisher for a keyframe on a layer (throttled per layer). */
  requestKeyframe(layer: string): void {
    if (this.kind !== 'video' || this.ended) return;
    const ssrc = this.ssrcByLayer.get(layer);
    if (ssrc === undefined) return;
    const now = Date.now();
    if (now - (this.lastPliByLayer.get(layer) ?? 0) < PLI_INTERVAL_MS) return;
    this.lastPliByLayer.set(layer, now);
    this.receiver.sendRtcpPLI(ssrc).catch(() => undefined);
  }

  /** The publisher closed the track or its session: viewers keep their m-line but get no media. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const stop of this.unsubscribes) stop();
    for (const subscription of this.subscribers) subscription.publicationEnded();
    this.subscribers.clear();
  }

  private onPacket(layer: string, packet: RtpPacket): void {
    const now = Date.now();
    this.lastPacketAt = now;
    this.packetsIn++;
    this.lastPacketByLayer.set(layer, now);
    this.ssrcByLayer.set(layer, packet.header.ssrc);
    if (this.subscribers.size === 0) return;
    // Header extension ids are per connection: the publisher's rid/mid/twcc ids mean nothing to a
    // viewer, and werift's sender would copy them. Each sender adds its own mid and twcc.
    const clean = packet.clone();
    clean.header.extensions = [];
    const keyframe = this.kind === 'video' && isVp8Keyframe(packet.payload);
    for (const subscription of this.subscribers) subscription.deliver(layer, clean, keyframe);
  }
}

export class Subscription {
  /** The layer being forwarded; undefined until the first keyframe of a wanted layer. */
  current: string | undefined;
  preferred: string | undefined;
  packetsOut = 0;
  /** The viewer's last RTCP report for this track: a sign of life (see Session.sweep). */
  lastRtcpAt = Date.now();
  ended = false;
  readonly publication: Publication;
  private readonly sender: RTCRtpSender;
  private readonly viewer: Viewer;

  constructor(publication: Publication, sender: RTCRtpSender, viewer: Viewer, preferredLayer?: string) {
    this.publication = publication;
    this.sender = sender;
    this.viewer = viewer;
    this.preferred = preferredLayer;
    if (publication.kind === 'audio') this.current = publication.layers[0] ?? '';
  }

  /** The layer this viewer should get now: the preferred one if it flows, else the closest that does. */
  wantedLayer(now = Date.now()): string {
    const layers = this.publication.layers;
    const preferred =
      this.preferred !== undefined && layers.includes(this.preferred) ? this.preferred : (layers[0] ?? '');
    if (this.publication.isLayerActive(preferred, now)) return preferred;
    if (this.current !== undefined && this.publication.isLayerActive(this.current, now)) return this.current;
    return layers.find((layer) => this.publication.isLayerActive(layer, now)) ?? preferred;
  }

  setPreferredLayer(layer: string | undefined): void {
    this.preferred = layer;
    this.requestKeyframe();
  }

  /** A viewer joined, renegotiated or lost a picture: ask for a keyframe on the layer it needs. */
  requestKeyframe(): void {
    this.publication.requestKeyframe(this.wantedLayer());
  }

  deliver(layer: string, packet: RtpPacket, keyframe: boolean): void {
    // Until the viewer's DTLS is up werift would drop the packet; and a keyframe "delivered" then
    // would leave the viewer starting on delta frames.
    if (this.ended || !this.viewer.connected) return;
    if (this.publication.kind === 'video' && layer !== this.current) {
      const wanted = this.wantedLayer();
      if (layer !== wanted) return;
      if (!keyframe) {
        this.publication.requestKeyframe(wanted);
        return;
      }
      // A new source: werift's sender rebases sequence numbers and timestamps from here on.
      if (this.current !== undefined) this.sender.replaceRTP(packet.header);
      this.current = layer;
    }
    if (layer !== this.current) return;
    this.packetsOut++;
    this.sender.sendRtp(packet).catch(() => undefined);
  }

  publicationEnded(): void {
    this.ended = true;
  }

  stop(): void {
    this.ended = true;
    this.publication.unsubscribe(this);
  }
}

/**
 * True when a VP8 RTP payload starts a keyframe (RFC 7741): the descriptor's S bit set on
 * partition 0, then the frame header's P bit clear.
 */
export function isVp8Keyframe(payload: Buffer): boolean {
  const first = payload[0];
  if (first === undefined || (first & 0x10) === 0 || (first & 0x07) !== 0) return false;
  let offset = 1;
  if (first & 0x80) {
    const extension = payload[1] ?? 0;
    offset = 2;
    if (extension & 0x80) offset += (payload[offset] ?? 0) & 0x80 ? 2 : 1;
    if (extension & 0x40) offset += 1;
    if (extension & 0x30) offset += 1;
  }
  const header = payload[offset];
  return header !== undefined && (header & 0x01) === 0;
}
