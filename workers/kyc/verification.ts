import type { z } from 'zod';
import { type DocumentSide, type KycForm, requiredSides, SIDE_LABELS } from '../../wire/kyc.ts';
import type { User } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { insertDocument, storeDocument } from './documents.ts';
import { idNumberContext, type KycKeys, sealText } from './envelope.ts';
import { isApprovedPerformer } from './gate.ts';
import { documentsOf, EDITABLE, guardedAudit, missingSides, type VerificationRow, verificationOf } from './records.ts';

/** The performer's side of identity verification: save the form, attach documents, submit. */

type KycEnv = KycKeys & Pick<Env, 'DB' | 'KYC'>;
type ParsedForm = z.output<typeof KycForm>;

const editableGuard = `select 1 from kyc_verifications where id = ? and status in ('draft', 'rejected')`;

function locked(): ApiError {
  return new ApiError(
    409,
    'VERIFICATION_LOCKED',
    'Your verification is being reviewed or is approved, so it cannot be changed now',
  );
}

export async function saveForm(env: KycEnv, performer: User, form: ParsedForm, now = Date.now()): Promise<void> {
  const existing = await verificationOf(env.DB, performer.id);
  if (existing && !EDITABLE.includes(existing.status)) throw locked();
  if (!existing && (await isApprovedPerformer(env.DB, performer.id))) throw locked();
  if (!existing && !form.idNumber)
    throw new ApiError(400, 'VALIDATION_FAILED', 'idNumber: Enter your ID number', {
      fields: { idNumber: 'Enter your ID number' },
    });
  const id = existing?.id ?? crypto.randomUUID();
  const idNumber = form.idNumber?.replace(/\s+/g, ' ');
  const sealed = idNumber ? await sealText(env, idNumber, idNumberContext(id)) : existing!.idNumberSealed;
  const last4 = idNumber ? idNumber.replace(/[\s-]/g, '').slice(-4) : existing!.idNumberLast4;
  const consentAt = form.consent ? (existing?.consentAt ?? now) : null;
  // The upsert changes nothing once the row is in review: a submit racing this save wins.
  const result = await env.DB.prepare(
    `insert into kyc_verifications (id, user_id, status, legal_name, date_of_birth, country, id_type,
       id_number_sealed, id_number_last4, stage_names, consent_at, created_at, updated_at)
     values (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (user_id) do update set legal_name = excluded.legal_name, date_of_birth = excluded.date_of_birth,
       country = excluded.country, id_type = excluded.id_type, id_number_sealed = excluded.id_number_sealed,
       id_number_last4 = excluded.id_number_last4,
       stage_names = excluded.stage_names, consent_at = excluded.consent_at, updated_at = excluded.updated_at
     where kyc_verifications.status in ('draft', 'rejected')`,
  )
    .bind(
      id,
      performer.id,
      form.legalName,
      form.dateOfBirth,
      form.country,
      form.idType,
      sealed,
      last4,
      JSON.stringify(form.stageNames),
      consentAt,
      now,
      now,
    )
    .run();
  if (result.meta.changes === 0) throw locked();
}

export async function attachDocument(
  env: KycEnv,
  performer: User,
  side: DocumentSide,
  body: ArrayBuffer,
): Promise<void> {
  const v = await verificationOf(env.DB, performer.id);
  if (!v) throw new ApiError(409, 'VERIFICATION_LOCKED', 'Save the verification form before uploading documents');
  if (!EDITABLE.includes(v.status)) throw locked();
  if (!requiredSides(v.idType).includes(side))
    throw new ApiError(400, 'VALIDATION_FAILED', 'A passport has no back side to upload', {
      fields: { [side]: 'Not needed for a passport' },
    });
  const replaced = (await documentsOf(env.DB, v.id)).filter((d) => d.side === side);
  const stored = await storeDocument(env, v.id, side, body);
  const now = Date.now();
  const [inserted] = await env.DB.batch([
    insertDocument(env.DB, stored, editableGuard, [v.id]),
    // The replaced upload leaves R2 now; its row stays (deleted) as the record that it existed.
    ...replaced.map((d) =>
      env.DB.prepare(
        `update kyc_documents set deleted_at = ? where id = ? and deleted_at is null and exists (select 1
           from kyc_documents where id = ?)`,
      ).bind(now, d.id, stored.id),
    ),
    // A new upload is work on the verification: retention counts abandonment from here.
    env.DB.prepare(
      `update kyc_verifications set updated_at = ? where id = ? and exists (select 1 from kyc_documents where id = ?)`,
    ).bind(now, v.id, stored.id),
  ]);
  if (!inserted || inserted.meta.changes === 0) {
    await env.KYC.delete(stored.objectKey);
    throw locked();
  }
  if (replaced.length > 0) await env.KYC.delete(replaced.map((d) => d.objectKey));
}

/** Draft → submitted, rejected → resubmitted; the studio's go-live gate reads `performer_profiles.kyc_status`. */
export async function submit(env: KycEnv, performer: User, now = Date.now()): Promise<void> {
  const v = await verificationOf(env.DB, performer.id);
  if (!v) throw new ApiError(400, 'VALIDATION_FAILED', 'Fill in the verification form first');
  if (!EDITABLE.includes(v.status)) throw locked();
  const fields: Record<string, string> = {};
  if (v.consentAt === null) fields.consent = 'Give your consent to submit';
  for (const side of missingSides(v.idType, await documentsOf(env.DB, v.id)))
    fields[side] = `Upload the ${SIDE_LABELS[side].toLowerCase()}`;
  const first = Object.values(fields)[0];
  if (first) throw new ApiError(400, 'VALIDATION_FAILED', first, { fields });
  const status = v.status === 'rejected' ? 'resubmitted' : 'submitted';
  const db = env.DB;
  const done = `select 1 from kyc_verifications where id = ? and status = ? and submitted_at = ?`;
  await db.batch([
    db
      .prepare(`update kyc_verifications set status = ?, submitted_at = ?, updated_at = ? where id = ? and status = ?`)
      .bind(status, now, now, v.id, v.status),
    db
      .prepare(
        `update performer_profiles set kyc_status = 'submitted', updated_at = ? where user_id = ? and exists (${done})`,
      )
      .bind(now, performer.id, v.id, status, now),
    guardedAudit(
      db,
      {
        actor: `user:${performer.id}`,
        action: `kyc.${status === 'submitted' ? 'submit' : 'resubmit'}`,
        objectType: 'kyc_verification',
        objectId: v.id,
        detail: recordOf(v),
      },
      done,
      [v.id, status, now],
      now,
    ),
  ]);
}

/** What age-verification record-keeping asks to keep with each check (the ID number only as its last four). */
export function recordOf(v: VerificationRow): Record<string, unknown> {
  return {
    legalName: v.legalName,
    dateOfBirth: v.dateOfBirth,
    country: v.country,
    idType: v.idType,
    idNumberLast4: v.idNumberLast4,
    stageNames: v.stageNames,
  };
}
