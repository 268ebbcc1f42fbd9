import type { Layer, WatchResponse } from '../../../../wire/media.ts';
import { iceServers, watch } from './media-api.ts';

/** The layer that fills a player this wide (device pixels) without sending more than it shows. */
export function layerForWidth(cssWidth: number, pixelRatio: number): Layer {
  const pixels = cssWidth * pixelRatio;
  return pixels >= 800 ? 'h' : pixels >= 400 ? 'm' : 'l';
}

/**
 * The player's likely width before it exists: the whole window on narrow screens, about two
 * thirds beside the chat on wide ones (room.css). Guessing right saves a layer switch, and the
 * wait for a second keyframe, on the way to the first frame.
 */
export function initialLayer(): Layer {
  const width = innerWidth < 900 ? innerWidth : innerWidth * 0.68;
  return layerForWidth(width, devicePixelRatio || 1);
}

type Early = { handle: string; layer: Layer; offer: Promise<WatchResponse>; ice: Promise<RTCIceServer[]> };
let early: Early | null = null;

/**
 * Asks for the SFU's offer from the entry chunk, when the page opened on a room: the first frame
 * then waits on the slower of the room page's code and the offer, not on both in turn (on a slow
 * phone the code alone takes hundreds of milliseconds). The room's Watcher takes it once; if
 * nothing does, the SFU drops the unused session when it goes idle.
 */
export function watchEarly(path: string): void {
  const match = /^\/live\/([^/]+)\/?$/.exec(path);
  if (!match?.[1]) return;
  const handle = decodeURIComponent(match[1]).toLowerCase();
  const layer = initialLayer();
  const offer = watch(handle, layer);
  const ice = iceServers();
  // Whoever takes them handles their failures; until then, no unhandled rejection.
  offer.catch(() => undefined);
  ice.catch(() => undefined);
  early = { handle, layer, offer, ice };
}

/** The early offer for `handle`, once, if it was asked for that room and layer. */
export function takeEarlyWatch(handle: string, layer: Layer): Pick<Early, 'offer' | 'ice'> | null {
  const taken = early;
  early = null;
  return taken && taken.handle === handle.toLowerCase() && taken.layer === layer ? taken : null;
}
