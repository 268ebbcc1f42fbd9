import { useEffect } from 'preact/hooks';
import type { LiveState } from '../../../../wire/live.ts';
import {
  THUMBNAIL_EVERY_MS,
  THUMBNAIL_HEIGHT,
  THUMBNAIL_WIDTH,
  thumbnailAllowed,
} from '../../../../wire/thumbnails.ts';
import type { Broadcaster } from '../../lib/media/broadcaster.ts';

/** The first frame goes up soon after the camera starts, so the directory card shows a picture at once. */
const FIRST_AFTER_MS = 3_000;

/**
 * While on air with a public show, a small JPEG of the camera preview goes to the directory every
 * 45 s. Nothing is taken with the camera off or during a show that is not public (thumbnailAllowed).
 * A failed upload is skipped: the next one comes soon, and the card keeps its last picture or the avatar.
 */
export function ThumbnailCapture({
  handle,
  show,
  broadcaster,
}: {
  handle: string;
  show: LiveState & { showKind?: string | null };
  broadcaster: Broadcaster;
}) {
  const stream = broadcaster.stream.value;
  const allowed = thumbnailAllowed(show) && stream !== null;
  useEffect(() => {
    if (!allowed || !stream) return;
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    void video.play().catch(() => undefined);
    const capture = () => {
      if (broadcaster.cameraOff.value || video.videoWidth === 0) return;
      void captureFrame(video).then((jpeg) => (jpeg ? upload(handle, jpeg) : undefined));
    };
    const first = setTimeout(capture, FIRST_AFTER_MS);
    const every = setInterval(capture, THUMBNAIL_EVERY_MS);
    return () => {
      clearTimeout(first);
      clearInterval(every);
      video.srcObject = null;
    };
  }, [allowed, stream, handle]);
  return null;
}

/** The frame scaled to cover 320x180 (cropped to 16:9), as a JPEG. */
async function captureFrame(video: HTMLVideoElement): Promise<Blob | null> {
  const canvas = document.createElement('canvas');
  canvas.width = THUMBNAIL_WIDTH;
  canvas.height = THUMBNAIL_HEIGHT;
  const context = canvas.getContext('2d');
  if (!context) return null;
  const scale = Math.max(THUMBNAIL_WIDTH / video.videoWidth, THUMBNAIL_HEIGHT / video.videoHeight);
  const [w, h] = [video.videoWidth * scale, video.videoHeight * scale];
  context.drawImage(video, (THUMBNAIL_WIDTH - w) / 2, (THUMBNAIL_HEIGHT - h) / 2, w, h);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.7));
}

/** PUT /api/rooms/{handle}/thumbnail (the typed client sends JSON; this body is the JPEG's bytes). */
async function upload(handle: string, jpeg: Blob): Promise<void> {
  await fetch(`/api/rooms/${encodeURIComponent(handle)}/thumbnail`, {
    method: 'PUT',
    body: jpeg,
    headers: { 'Content-Type': 'image/jpeg' },
    credentials: 'same-origin',
  }).catch(() => undefined);
}
