import { type DocumentSide, KYC_DOCUMENT_MAX_BYTES } from '../../wire/kyc.ts';
import { hex } from '../auth/encoding.ts';
import { ApiError } from '../errors.ts';
import { documentContext, type KycKeys, open, seal } from './envelope.ts';
import type { DocumentRow } from './records.ts';
import { sniffDocument } from './sniff.ts';

type Keys = KycKeys;

/**
 * Checks an uploaded document and writes it to R2 `KYC` encrypted. The object key is random and
 * says nothing about whose it is; type, size, hash and the wrapped key are returned for D1 only.
 * Nothing is stored unless every check passed.
 */
export async function storeDocument(
  env: Keys & { KYC: R2Bucket },
  verificationId: string,
  side: DocumentSide,
  body: ArrayBuffer,
  now = Date.now(),
): Promise<DocumentRow> {
  const bytes = new Uint8Array(body);
  if (bytes.length === 0)
    throw new ApiError(400, 'VALIDATION_FAILED', 'The file is empty', { fields: { [side]: 'The file is empty' } });
  if (bytes.length > KYC_DOCUMENT_MAX_BYTES)
    throw new ApiError(413, 'PAYLOAD_TOO_LARGE', 'Documents can be at most 10 MB');
  const sniffed = sniffDocument(bytes);
  if ('problem' in sniffed) {
    if (sniffed.problem === 'unknown') throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Upload a JPEG, PNG or PDF');
    throw new ApiError(400, 'VALIDATION_FAILED', 'The file looks cut off; upload it again', {
      fields: { [side]: 'The file looks cut off; upload it again' },
    });
  }
  const id = crypto.randomUUID();
  const sealed = await seal(env, bytes, documentContext(id));
  const objectKey = `documents/${hex(crypto.getRandomValues(new Uint8Array(20)))}`;
  const sha256 = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
  await env.KYC.put(objectKey, sealed.bytes);
  return {
    id,
    verificationId: verificationId,
    side,
    objectKey: objectKey,
    contentType: sniffed.type,
    size: bytes.length,
    storedSize: sealed.bytes.length,
    wrappedKey: sealed.wrappedKey,
    keyId: sealed.keyId,
    sha256,
    createdAt: now,
    deletedAt: null,
  };
}

export function insertDocument(
  db: D1Database,
  d: DocumentRow,
  editableGuard: string,
  guardBinds: unknown[],
): D1PreparedStatement {
  return db
    .prepare(
      `insert into kyc_documents (id, verification_id, side, object_key, content_type, size, stored_size, wrapped_key,
         key_id, sha256, created_at)
       select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? where exists (${editableGuard})`,
    )
    .bind(
      d.id,
      d.verificationId,
      d.side,
      d.objectKey,
      d.contentType,
      d.size,
      d.storedSize,
      d.wrappedKey,
      d.keyId,
      d.sha256,
      d.createdAt,
      ...guardBinds,
    );
}

/** The document's bytes in clear, or `DocumentDamaged` if the object was altered; `null` if it is gone. */
export async function readDocument(env: Keys & { KYC: R2Bucket }, d: DocumentRow): Promise<Uint8Array | null> {
  const object = await env.KYC.get(d.objectKey);
  if (!object) return null;
  const stored = new Uint8Array(await object.arrayBuffer());
  return open(env, { bytes: stored, wrappedKey: d.wrappedKey, keyId: d.keyId }, documentContext(d.id));
}
