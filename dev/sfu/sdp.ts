// Small SDP helpers for the dev SFU. werift parses and writes SDP itself; these only read what
// the HTTP API needs (mids, simulcast rids, msid track ids) and keep the candidates loopback-only.

export type MediaSection = {
  mid: string;
  kind: string;
  port: number;
  direction: string;
  rids: string[];
  msidTrack?: string;
};

/** The m-sections of an SDP in order, with the attributes the API needs. */
export function mediaSections(sdp: string): MediaSection[] {
  const sections: MediaSection[] = [];
  let current: MediaSection | undefined;
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('m=')) {
      const [kind = '', port = '0'] = line.slice(2).split(' ');
      current = { mid: '', kind, port: Number(port), direction: 'sendrecv', rids: [] };
      sections.push(current);
      continue;
    }
    if (!current) continue;
    if (line.startsWith('a=mid:')) current.mid = line.slice(6);
    else if (/^a=(sendrecv|sendonly|recvonly|inactive)$/.test(line)) current.direction = line.slice(2);
    else if (line.startsWith('a=rid:')) {
      const [rid, dir] = line.slice(6).split(' ');
      if (rid && dir === 'send') current.rids.push(rid);
    } else if (line.startsWith('a=msid:')) current.msidTrack = line.slice(7).split(' ')[1];
  }
  return sections;
}

/**
 * Keeps only ICE candidates on the given address: werift may gather every interface, but the
 * dev SFU and its peers talk over loopback, and a stray interface only slows ICE down.
 */
export function keepCandidatesOn(sdp: string, address: string): string {
  const lines = sdp.split('\r\n').filter((line) => {
    if (!line.startsWith('a=candidate:')) return true;
    const parts = line.split(' ');
    return parts[4] === address && parts[2]?.toLowerCase() === 'udp';
  });
  return lines.join('\r\n');
}

/** A session description as the API carries it; anything else is a bad request. */
export type SessionDescription = { type: 'offer' | 'answer'; sdp: string };

export function isSessionDescription(value: unknown): value is SessionDescription {
  if (typeof value !== 'object' || value === null) return false;
  const { type, sdp } = value as Record<string, unknown>;
  return (type === 'offer' || type === 'answer') && typeof sdp === 'string' && sdp.startsWith('v=0');
}

/**
 * Asks the publishing browser to start at a high bitrate (Chromium's x-google-start-bitrate VP8
 * parameter), so every simulcast layer flows from the first second instead of after a slow
 * ramp-up (REMB then keeps the estimate up). Loopback has the bandwidth; Cloudflare's SFU
 * needs no such hint.
 */
export function withBitrateHints(sdp: string, startKbps: number): string {
  const hints = `x-google-start-bitrate=${startKbps}`;
  const lines = sdp.split('\r\n');
  const out: string[] = [];
  const vp8 = new Set<string>();
  for (const line of lines) {
    const rtpmap = /^a=rtpmap:(\d+) VP8\/90000/i.exec(line);
    if (rtpmap) vp8.add(rtpmap[1]!);
    const fmtp = /^a=fmtp:(\d+) /.exec(line);
    if (fmtp && vp8.has(fmtp[1]!)) {
      out.push(`${line};${hints}`);
      vp8.delete(fmtp[1]!);
      continue;
    }
    out.push(line);
    if (rtpmap && !lines.some((l) => l.startsWith(`a=fmtp:${rtpmap[1]} `))) out.push(`a=fmtp:${rtpmap[1]} ${hints}`);
  }
  return out.join('\r\n');
}
