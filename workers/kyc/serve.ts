import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { log } from '../log.ts';
import { readDocument } from './documents.ts';
import { DocumentDamaged } from './envelope.ts';
import type { DocumentRow } from './records.ts';

const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' } as const;

/**
 * Decrypts a document through the Worker and answers with it, never cacheable. The audit row is
 * written before a byte leaves; a document that fails to decrypt is not served: it is logged as
 * an error and audited as damaged, so a tampered object is noticed rather than shown.
 */
export async function serveDocument(
  c: Context<AppEnv>,
  document: DocumentRow,
  audit: (action: string, detail: Record<string, unknown>) => D1PreparedStatement,
): Promise<Response> {
  let bytes: Uint8Array | null;
  try {
    bytes = await readDocument(c.env, document);
  } catch (err) {
    if (!(err instanceof DocumentDamaged)) throw err;
    bytes = null;
  }
  if (!bytes) {
    log('error', 'kyc_document_damaged', {
      requestId: c.get('requestId'),
      documentId: document.id,
      verificationId: document.verificationId,
      keyId: document.keyId,
    });
    await audit('kyc.document.damaged', { side: document.side, verificationId: document.verificationId }).run();
    throw new ApiError(
      500,
      'DOCUMENT_DAMAGED',
      'This document failed its integrity check and was not shown; the incident is logged',
    );
  }
  await audit('kyc.document.view', { side: document.side, verificationId: document.verificationId }).run();
  return new Response(bytes, {
    headers: {
      'Content-Type': document.contentType,
      'Content-Length': String(bytes.length),
      'Cache-Control': 'no-store',
      'Content-Disposition': `inline; filename="${document.side}.${EXTENSIONS[document.contentType]}"`,
      // Only the document itself: nothing it contains may load or run anything.
      'Content-Security-Policy':
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    },
  });
}
