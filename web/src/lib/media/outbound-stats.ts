/** What the performer sees of their stream: sent bitrate, frame rate and size of the top layer. */
export type OutboundStats = { kbps: number; fps: number; width: number; height: number; layers: number };
export const NO_STATS: OutboundStats = { kbps: 0, fps: 0, width: 0, height: 0, layers: 0 };

type Sample = { bytes: number; at: number };

/** Bitrate is measured between two getStats() readings; keep the last one per connection. */
export async function readOutbound(
  pc: RTCPeerConnection,
  last: Sample | null,
): Promise<{ stats: OutboundStats; sample: Sample }> {
  const report = await pc.getStats();
  let bytes = 0;
  let top: { fps: number; width: number; height: number } = { fps: 0, width: 0, height: 0 };
  let layers = 0;
  report.forEach((s: RTCStats & Record<string, unknown>) => {
    if (s.type !== 'outbound-rtp') return;
    bytes += Number(s.bytesSent ?? 0);
    if (s.kind !== 'video') return;
    const width = Number(s.frameWidth ?? 0);
    if (width > 0) layers += 1;
    if (width >= top.width)
      top = { fps: Math.round(Number(s.framesPerSecond ?? 0)), width, height: Number(s.frameHeight ?? 0) };
  });
  const sample = { bytes, at: performance.now() };
  const seconds = last ? (sample.at - last.at) / 1000 : 0;
  const kbps = last && seconds > 0 ? Math.max(0, Math.round(((bytes - last.bytes) * 8) / seconds / 1000)) : 0;
  return { stats: { kbps, ...top, layers }, sample };
}
