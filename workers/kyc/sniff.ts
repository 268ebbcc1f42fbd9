import type { KycDocumentType } from '../../wire/kyc.ts';

/**
 * A document's real type from its bytes (never the name or declared type), and whether it is
 * whole: a photo cut off mid-upload is refused rather than sent to a reviewer half grey.
 * PNG ends with its IEND chunk; PDF has `%%EOF` in its last kilobyte (as the spec requires);
 * JPEG has an end-of-image marker after its last start-of-scan (entropy data escapes 0xFF,
 * so the marker cannot appear by chance inside the scan).
 */
export type Sniffed = { type: KycDocumentType } | { problem: 'unknown' | 'truncated' };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PDF_EOF = [0x25, 0x25, 0x45, 0x4f, 0x46]; // %%EOF

export function sniffDocument(bytes: Uint8Array): Sniffed {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0xff, 0xd8, 0xff])) return jpegWhole(bytes) ? { type: 'image/jpeg' } : { problem: 'truncated' };
  if (starts(PNG))
    return lastIndexOf(bytes, PNG_IEND, bytes.length - 64) >= 0 ? { type: 'image/png' } : { problem: 'truncated' };
  if (starts(PDF))
    return lastIndexOf(bytes, PDF_EOF, bytes.length - 1024) >= 0
      ? { type: 'application/pdf' }
      : { problem: 'truncated' };
  return { problem: 'unknown' };
}

function jpegWhole(bytes: Uint8Array): boolean {
  const scan = lastIndexOf(bytes, [0xff, 0xda], 2);
  return scan >= 0 && lastIndexOf(bytes, [0xff, 0xd9], scan + 2) >= 0;
}

/** The last index at or after `from` where `needle` starts, or -1. */
function lastIndexOf(bytes: Uint8Array, needle: number[], from: number): number {
  const first = needle[0];
  outer: for (let i = bytes.length - needle.length; i >= Math.max(0, from); i--) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
