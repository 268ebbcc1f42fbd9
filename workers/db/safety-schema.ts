import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { KycDocumentType } from '../../wire/kyc.ts';
import { REPORT_REASONS } from '../../wire/moderation.ts';
import { users } from './schema.ts';

/**
 * Trust and safety: reports with their evidence, identity verification (KYC) and the audit log.
 * Every admin action and every look at an identity document writes one audit row; triggers make
 * that log append-only (migrations/0005_trust_and_safety.sql). Frozen wallets live with the money
 * (money-schema.ts `wallet_freezes`).
 */

export const REPORT_STATUSES = ['open', 'dismissed', 'actioned'] as const;

export const reports = sqliteTable(
  'reports',
  {
    id: text('id').primaryKey(),
    reporterId: text('reporter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The room's performer; every report is about a room, some about one message in it or a show review. */
    performerId: text('performer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    target: text('target', { enum: ['message', 'room', 'review'] }).notNull(),
    /** The reported chat message (its room sequence number) and its author (a review's writer, for reviews). */
    messageSeq: integer('message_seq'),
    messageAuthorId: text('message_author_id'),
    reason: text('reason', { enum: REPORT_REASONS }).notNull(),
    text: text('text').notNull().default(''),
    /** The last 50 messages and the room state at the moment of the report, as the Room saw them. */
    evidence: text('evidence', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('open'),
    resolution: text('resolution'),
    resolvedBy: text('resolved_by'),
    resolvedAt: integer('resolved_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('reports_queue').on(t.status, t.createdAt),
    index('reports_performer').on(t.performerId, t.createdAt),
    check('reports_target', sql`${t.target} in ('message', 'room', 'review')`),
    check('reports_status', sql`${t.status} in ('open', 'dismissed', 'actioned')`),
  ],
);

export const KYC_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'resubmitted'] as const;
export const ID_TYPES = ['passport', 'national_id', 'driving_licence'] as const;

/** One verification per performer; a resubmission updates it (its history is in the audit log). */
export const kycVerifications = sqliteTable(
  'kyc_verifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: KYC_STATUSES }).notNull().default('draft'),
    legalName: text('legal_name').notNull(),
    dateOfBirth: text('date_of_birth').notNull(),
    country: text('country').notNull(),
    idType: text('id_type', { enum: ID_TYPES }).notNull(),
    /** The ID number sealed with the KYC master key (key id + AES-GCM); only the last four in clear. */
    idNumberSealed: text('id_number_sealed').notNull(),
    idNumberLast4: text('id_number_last4').notNull(),
    stageNames: text('stage_names', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    consentAt: integer('consent_at'),
    submittedAt: integer('submitted_at'),
    reviewedAt: integer('reviewed_at'),
    /** The Access email of the admin who approved or rejected: the custodian of the check. */
    reviewedBy: text('reviewed_by'),
    rejectionReason: text('rejection_reason'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('kyc_verifications_queue').on(t.status, t.submittedAt),
    check(
      'kyc_verifications_status',
      sql`${t.status} in ('draft', 'submitted', 'approved', 'rejected', 'resubmitted')`,
    ),
  ],
);

export const KYC_DOCUMENT_SIDES = ['front', 'back', 'selfie'] as const;

/** Metadata of one encrypted document in R2 `KYC`; the bytes never sit anywhere in clear. */
export const kycDocuments = sqliteTable(
  'kyc_documents',
  {
    id: text('id').primaryKey(),
    verificationId: text('verification_id')
      .notNull()
      .references(() => kycVerifications.id, { onDelete: 'cascade' }),
    side: text('side', { enum: KYC_DOCUMENT_SIDES }).notNull(),
    objectKey: text('object_key').notNull().unique(),
    contentType: text('content_type').$type<KycDocumentType>().notNull(),
    size: integer('size').notNull(),
    storedSize: integer('stored_size').notNull(),
    /** The document's own AES-256-GCM key, wrapped by the master key named by keyId. */
    wrappedKey: text('wrapped_key').notNull(),
    keyId: text('key_id').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Set when retention deleted the object; the row stays as the record that it existed. */
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('kyc_documents_verification').on(t.verificationId, t.side),
    check('kyc_documents_side', sql`${t.side} in ('front', 'back', 'selfie')`),
  ],
);

/** Append-only: who (Access email or user id), did what, to which object, when, from where. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    ip: text('ip'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('audit_log_time').on(t.createdAt),
    index('audit_log_object').on(t.objectType, t.objectId),
    index('audit_log_actor').on(t.actor, t.createdAt),
  ],
);

export type Report = typeof reports.$inferSelect;
export type KycVerification = typeof kycVerifications.$inferSelect;
export type KycDocument = typeof kycDocuments.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
