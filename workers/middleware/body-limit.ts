import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { KYC_DOCUMENT_MAX_BYTES } from '../../wire/kyc.ts';
import { SDP_MAX_CHARS } from '../../wire/media.ts';
import { PICTURE_MAX_BYTES } from '../../wire/profile.ts';
import { ApiError } from '../errors.ts';

/** JSON bodies are small forms; pictures may be up to 5 MB. Anything bigger is refused while
 *  it streams in, before it is buffered, whether or not Content-Length was declared. */
export const JSON_BODY_MAX_BYTES = 16 * 1024;

const limitTo = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${formatBytes(maxSize)}`);
    },
  });

/** Stripe's events are bigger than our forms (a charge with its refunds can pass 16 KB). */
export const WEBHOOK_BODY_MAX_BYTES = 256 * 1024;
export const WEBHOOK_PATH = '/api/payments/stripe/webhook';

const jsonLimit = limitTo(JSON_BODY_MAX_BYTES);
const pictureLimit = limitTo(PICTURE_MAX_BYTES);
const webhookLimit = limitTo(WEBHOOK_BODY_MAX_BYTES);
// Identity documents (ID scans, PDFs) may be up to 10 MB, on their upload route only.
const KYC_DOCUMENT_PATH = /^\/api\/studio\/verification\/documents\/[a-z]+$/;
const documentLimit = limitTo(KYC_DOCUMENT_MAX_BYTES);

/** Media handshakes carry SDP (wire/media.ts SDP_MAX_CHARS) and a little JSON around it. */
const sdpLimit = limitTo(SDP_MAX_CHARS + 4 * 1024);

export const limitBodies: MiddlewareHandler = (c, next) => {
  if (c.req.path === WEBHOOK_PATH) return webhookLimit(c, next);
  if (c.req.path.startsWith('/api/live/')) return sdpLimit(c, next);
  if (c.req.method === 'PUT' && KYC_DOCUMENT_PATH.test(c.req.path)) return documentLimit(c, next);
  return (c.req.header('Content-Type') ?? '').startsWith('image/') ? pictureLimit(c, next) : jsonLimit(c, next);
};

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MB` : `${Math.round(n / 1024)} KB`;
}
