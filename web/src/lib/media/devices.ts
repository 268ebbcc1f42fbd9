/** Cameras and microphones, and words for what can go wrong when asking for them. */
export type DeviceChoice = { id: string; label: string };

export async function listDevices(): Promise<{ cameras: DeviceChoice[]; microphones: DeviceChoice[] }> {
  const all = await navigator.mediaDevices.enumerateDevices();
  const of = (kind: MediaDeviceKind, fallback: string) =>
    all
      .filter((d) => d.kind === kind && d.deviceId)
      .map((d, i) => ({ id: d.deviceId, label: d.label || `${fallback} ${i + 1}` }));
  return { cameras: of('videoinput', 'Camera'), microphones: of('audioinput', 'Microphone') };
}

/** The camera is asked for at 720p; the simulcast layers are this, half and a quarter of it. */
export function constraints(cameraId: string, microphoneId: string): MediaStreamConstraints {
  return {
    video: {
      ...(cameraId ? { deviceId: { exact: cameraId } } : {}),
      width: { ideal: 1280 },
      height: { ideal: 720 },
      frameRate: { ideal: 30 },
    },
    audio: {
      ...(microphoneId ? { deviceId: { exact: microphoneId } } : {}),
      echoCancellation: true,
      noiseSuppression: true,
    },
  };
}

/** What getUserMedia's failure means for the performer, in words they can act on. */
export function deviceProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return (
        'Camera and microphone access is blocked. ' +
        'Allow it for this site in your browser’s address bar, then try again.'
      );
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera or microphone was found. Plug one in (or pick another), then try again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera or microphone is busy or failed to start. Close other apps using it, then try again.';
    default:
      return navigator.mediaDevices
        ? 'The camera could not start; try again.'
        : 'This browser cannot use a camera here (it needs a secure https page).';
  }
}
