// A scripted WebRTC peer for tests of the dev SFU: werift in Node, loopback only, sending
// synthetic VP8/Opus RTP (the SFU forwards packets; it never decodes them).
import {
  MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  type RTCRtpTransceiver,
  RtpHeader,
  RtpPacket,
  useNACK,
  usePLI,
  useSdesMid,
} from 'werift';

export function loopbackPeer(): RTCPeerConnection {
  return new RTCPeerConnection({
    iceServers: [],
    iceUseIpv6: false,
    iceUseTcp: false,
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
    iceAdditionalHostAddresses: ['127.0.0.1'],
    codecs: {
      video: [
        new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90000, rtcpFeedback: [useNACK(), usePLI()] }),
      ],
      audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })],
    },
    headerExtensions: { video: [useSdesMid()], audio: [useSdesMid()] },
  });
}

/** A sending track fed with one packet per tick; video sends a keyframe every 30 packets and on PLI. */
export class FakeSource {
  readonly track: MediaStreamTrack;
  plis = 0;
  private sequence = 0;
  private timestamp = 0;
  private keyframeDue = true;
  private readonly timer: NodeJS.Timeout;
  readonly kind: 'audio' | 'video';

  constructor(kind: 'audio' | 'video') {
    this.kind = kind;
    this.track = new MediaStreamTrack({ kind });
    const ssrc = 1000 + Math.floor(Math.random() * 1_000_000);
    this.timer = setInterval(() => {
      const keyframe = this.keyframeDue || this.sequence % 30 === 0;
      this.keyframeDue = false;
      // VP8 descriptor with S=1, PID=0, then a frame header whose P bit says key (0) or delta (1).
      const payload =
        kind === 'video' ? Buffer.from([0x10, keyframe ? 0x00 : 0x01, 0, 0, 1, 2, 3]) : Buffer.from([0xf8, 0xff, 0xfe]);
      this.timestamp += kind === 'video' ? 3000 : 960;
      const header = new RtpHeader({
        payloadType: 96,
        sequenceNumber: this.sequence++ & 0xffff,
        timestamp: this.timestamp >>> 0,
        marker: true,
        ssrc,
      });
      this.track.writeRtp(new RtpPacket(header, payload));
    }, 20);
  }

  /** Counts the keyframe requests the SFU sends and answers each with a keyframe. */
  watch(transceiver: RTCRtpTransceiver): void {
    transceiver.sender.onPictureLossIndication.subscribe(() => {
      this.plis++;
      this.keyframeDue = true;
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Counts what a receiving track gets; `keyframes` only makes sense for the fake VP8 above. */
export class Sink {
  packets = 0;
  keyframes = 0;

  constructor(track: MediaStreamTrack) {
    track.onReceiveRtp.subscribe((packet) => {
      this.packets++;
      if (track.kind === 'video' && ((packet.payload[1] ?? 1) & 0x01) === 0) this.keyframes++;
    });
  }
}

/** Waits (generously) until `check` holds, running `refresh` before each look. */
export async function until(
  check: () => boolean,
  what: string,
  timeoutMs = 15_000,
  refresh?: () => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await refresh?.();
    if (check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, refresh ? 250 : 50));
  }
}
