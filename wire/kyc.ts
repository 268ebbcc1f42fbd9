import { z } from 'zod';
import { ageOn, CalendarDate, MIN_AGE_YEARS } from './account.ts';
import { shownText } from './text.ts';

/**
 * Identity verification (KYC): the performer's form and documents, and the admin's review.
 * Documents travel as raw bytes (one PUT per side); everything else is JSON.
 */
export const KYC_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const KYC_DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type KycDocumentType = (typeof KYC_DOCUMENT_TYPES)[number];

export const IdType = z.enum(['passport', 'national_id', 'driving_licence']);
export type IdType = z.infer<typeof IdType>;
export const ID_TYPE_LABELS: Record<IdType, string> = {
  passport: 'Passport',
  national_id: 'National ID card',
  driving_licence: 'Driving licence',
};

export const DocumentSide = z.enum(['front', 'back', 'selfie']);
export type DocumentSide = z.infer<typeof DocumentSide>;
export const SIDE_LABELS: Record<DocumentSide, string> = {
  front: 'Front of the ID',
  back: 'Back of the ID',
  selfie: 'Selfie holding the ID',
};

/** A passport is one page; cards and licences have a back worth checking. */
export function requiredSides(idType: IdType): DocumentSide[] {
  return idType === 'passport' ? ['front', 'selfie'] : ['front', 'back', 'selfie'];
}

/** Draft and submitted states as the performer sees them; `none` means no form saved yet. */
export const KycStatus = z.enum(['none', 'draft', 'submitted', 'approved', 'rejected', 'resubmitted']);
export type KycStatus = z.infer<typeof KycStatus>;

const adult = (dob: string) => ageOn(dob, new Date()) >= MIN_AGE_YEARS;

export const KycForm = z.object({
  legalName: shownText().trim().min(2, 'Enter your full legal name').max(120),
  dateOfBirth: CalendarDate.refine(adult, `You must be ${MIN_AGE_YEARS} or over to perform on Encore`),
  /** ISO 3166-1 alpha-2, the country that issued the ID. */
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Choose the country that issued your ID'),
  idType: IdType,
  /** Omit to keep the number already saved; sealed on the server, only the last four kept in clear. */
  idNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 -]{4,40}$/, 'Enter the ID number as printed (letters, digits, spaces or dashes)')
    .optional(),
  /** Every name the performer appears under (record-keeping asks for aliases). */
  stageNames: z.array(shownText().trim().min(1).max(60)).max(10).default([]),
  consent: z.boolean(),
});
export type KycForm = z.input<typeof KycForm>;

export const KycDocumentInfo = z.object({
  id: z.string(),
  side: DocumentSide,
  contentType: z.enum(KYC_DOCUMENT_TYPES),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type KycDocumentInfo = z.infer<typeof KycDocumentInfo>;

export const KycState = z.object({
  status: KycStatus,
  form: z
    .object({
      legalName: z.string(),
      dateOfBirth: z.string(),
      country: z.string(),
      idType: IdType,
      idNumberLast4: z.string(),
      stageNames: z.array(z.string()),
      consent: z.boolean(),
    })
    .nullable(),
  documents: z.array(KycDocumentInfo),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  /** Whether the form and documents can be changed now (draft or rejected). */
  editable: z.boolean(),
});
export type KycState = z.infer<typeof KycState>;

// Admin review.

export const KycQueueItem = z.object({
  id: z.string(),
  handle: z.string(),
  status: KycStatus,
  country: z.string(),
  idType: IdType,
  submittedAt: z.string(),
});
export type KycQueueItem = z.infer<typeof KycQueueItem>;
export const KycQueue = z.object({ items: z.array(KycQueueItem), total: z.number().int() });
export type KycQueue = z.infer<typeof KycQueue>;

/** Everything the reviewer checks against the documents; each read of it is audited. */
export const KycReview = z.object({
  id: z.string(),
  userId: z.string(),
  handle: z.string(),
  email: z.string(),
  status: KycStatus,
  legalName: z.string(),
  dateOfBirth: z.string(),
  age: z.number().int(),
  country: z.string(),
  idType: IdType,
  idNumber: z.string(),
  stageNames: z.array(z.string()),
  consentAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  documents: z.array(KycDocumentInfo),
});
export type KycReview = z.infer<typeof KycReview>;
export const KycReviewResponse = z.object({ verification: KycReview });
export const KycNextResponse = z.object({ verification: KycReview.nullable() });
export type KycNextResponse = z.infer<typeof KycNextResponse>;

export const KycRejectBody = z.object({
  reason: shownText().trim().min(5, 'Say what the performer must fix (at least 5 characters)').max(500),
});
export type KycRejectBody = z.input<typeof KycRejectBody>;
