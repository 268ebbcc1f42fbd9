import type { PICTURE_TYPES } from '../../wire/profile.ts';

export type PictureType = (typeof PICTURE_TYPES)[number];

const EXTENSIONS: Record<PictureType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * The picture's real type from its first bytes, never from its name or declared type: a
 * script renamed to .png is still a script. Undefined when it is none of JPEG, PNG or WebP.
 */
export function sniffPicture(bytes: Uint8Array): PictureType | undefined {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF....WEBP: "RIFF", a 4-byte size, then "WEBP".
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

export function extensionFor(type: PictureType): string {
  return EXTENSIONS[type];
}
