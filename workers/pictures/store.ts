import { PICTURE_MAX_BYTES } from '../../wire/profile.ts';
import { ApiError } from '../errors.ts';
import { extensionFor, sniffPicture } from './sniff.ts';

/** Pictures are immutable: a new upload gets a new random key, so caches can keep them a year. */
export const PICTURE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export type PictureKind = 'avatar' | 'cover';

export async function storePicture(bucket: R2Bucket, kind: PictureKind, body: ArrayBuffer): Promise<string> {
  const bytes = new Uint8Array(body);
  if (bytes.length === 0) throw new ApiError(400, 'VALIDATION_FAILED', 'The upload is empty');
  if (bytes.length > PICTURE_MAX_BYTES) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', 'Pictures can be at most 5 MB');
  const type = sniffPicture(bytes);
  if (!type) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Upload a JPEG, PNG or WebP picture');
  const key = `${kind}s/${crypto.randomUUID()}.${extensionFor(type)}`;
  await bucket.put(key, bytes, { httpMetadata: { contentType: type, cacheControl: PICTURE_CACHE_CONTROL } });
  return key;
}

export function pictureUrl(key: string | null): string | null {
  return key ? `/media/${key}` : null;
}
