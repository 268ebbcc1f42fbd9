// The glass-to-glass clock: the publisher paints the wall-clock time (Date.now()) on a canvas
// as big black and white blocks, sends the canvas as its camera, and each viewer reads the
// blocks back from the decoded video. Both functions run inside the pages (passed to
// page.evaluate / addInitScript), so they use nothing from outside their own bodies.

// 32 bits of time (ms, modulo 2^32) and 8 bits of checksum: an 8×5 grid of blocks over the frame.

/** Replaces getUserMedia in the performer's page: a canvas clock at 30 fps plus a tone. */
export function installCanvasCamera(): void {
  const columns = 8;
  const rows = 5;
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const canvas = document.createElement('canvas');
    // 640×360: big enough for three readable layers, cheap enough to paint every 10 ms.
    canvas.width = 640;
    canvas.height = 360;
    const g = canvas.getContext('2d')!;
    const paint = () => {
      const now = Date.now() % 2 ** 32;
      const bits: number[] = [];
      for (let i = 31; i >= 0; i--) bits.push(Math.floor(now / 2 ** i) % 2);
      let sum = 0;
      for (let b = 0; b < 4; b++) sum += Math.floor(now / 2 ** (8 * b)) % 256;
      for (let i = 7; i >= 0; i--) bits.push(Math.floor((sum % 256) / 2 ** i) % 2);
      const w = canvas.width / columns;
      const h = canvas.height / rows;
      bits.forEach((bit, i) => {
        g.fillStyle = bit ? '#fff' : '#000';
        g.fillRect((i % columns) * w, Math.floor(i / columns) * h, w, h);
      });
    };
    paint();
    setInterval(paint, 10);
    const video = canvas.captureStream(30).getVideoTracks();
    const audio = constraints?.audio ? (await original({ audio: true })).getAudioTracks() : [];
    return new MediaStream([...video, ...audio]);
  };
}

/** In a viewer's page: reads the clock off every presented frame; resolves with latencies (ms). */
export function readClockFor(ms: number): Promise<number[]> {
  const columns = 8;
  const rows = 5;
  const video = document.querySelector<HTMLVideoElement>('video.player-video')!;
  const canvas = document.createElement('canvas');
  const g = canvas.getContext('2d', { willReadFrequently: true })!;
  const latencies: number[] = [];
  const end = Date.now() + ms;
  return new Promise((resolve) => {
    // One small copy of the frame per presented frame: each block's centre is one pixel of it.
    canvas.width = columns * 4;
    canvas.height = rows * 4;
    const onFrame = () => {
      const now = Date.now();
      if (video.videoWidth > 0) {
        g.drawImage(video, 0, 0, canvas.width, canvas.height);
        const pixels = g.getImageData(0, 0, canvas.width, canvas.height).data;
        const bits: number[] = [];
        for (let i = 0; i < columns * rows; i++) {
          const x = (i % columns) * 4 + 2;
          const y = Math.floor(i / columns) * 4 + 2;
          const at = (y * canvas.width + x) * 4;
          bits.push((pixels[at]! + pixels[at + 1]! + pixels[at + 2]!) / 3 > 128 ? 1 : 0);
        }
        let time = 0;
        for (let i = 0; i < 32; i++) time = time * 2 + bits[i]!;
        let check = 0;
        for (let i = 32; i < 40; i++) check = check * 2 + bits[i]!;
        let sum = 0;
        for (let k = 0; k < 4; k++) sum += Math.floor(time / 2 ** (8 * k)) % 256;
        if (sum % 256 === check) {
          const latency = (now % 2 ** 32) - time;
          if (latency >= 0 && latency < 10_000) latencies.push(latency);
        }
      }
      if (now < end) video.requestVideoFrameCallback(onFrame);
      else resolve(latencies);
    };
    video.requestVideoFrameCallback(onFrame);
  });
}
