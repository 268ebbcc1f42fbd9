import { z } from 'zod';
import { TERMS_VERSION } from './legal.ts';
import { shownText } from './text.ts';

export const MIN_AGE_YEARS = 18;
export const PASSWORD_MIN_LENGTH = 10;

export const Role = z.enum(['viewer', 'performer']);
export type Role = z.infer<typeof Role>;

export const Email = z
  .email({ message: 'Enter a valid email address' })
  .max(254)
  .transform((s) => s.toLowerCase());

export const Handle = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_]{3,30}$/, 'Handles are 3 to 30 letters, digits or underscores');

export const DisplayName = shownText().trim().min(1, 'Enter a display name').max(60);

/** A calendar date, YYYY-MM-DD, that really exists. */
export const CalendarDate = z.iso.date({ message: 'Enter a date as YYYY-MM-DD' });

export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, 'Use at most 256 characters');

/** Whole years between a date of birth and today (UTC), as age is counted by law. */
export function ageOn(dateOfBirth: string, today: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  const beforeBirthday = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

export const SignupBody = z.object({
  email: Email,
  password: Password,
  handle: Handle,
  displayName: DisplayName,
  dateOfBirth: CalendarDate,
  role: Role,
  /** The Terms version the person read and accepted; only the current one signs up. */
  acceptedTerms: z.literal(TERMS_VERSION, { message: 'Accept the Terms of Service to sign up' }),
});
export type SignupBody = z.input<typeof SignupBody>;

export const LoginBody = z.object({
  email: Email,
  password: z.string().min(1, 'Enter your password').max(256),
});
export type LoginBody = z.input<typeof LoginBody>;

export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: Password,
});
export type PasswordChangeBody = z.input<typeof PasswordChangeBody>;

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  handle: z.string(),
  displayName: z.string(),
  role: Role,
  /** Whether the owner opened the link sent to `email` (unverified accounts see a banner). */
  emailVerified: z.boolean(),
  /** The account's picture (the header shows it), or null for initials. */
  avatarUrl: z.string().nullable(),
  createdAt: z.string(),
});
export type Me = z.infer<typeof Me>;

/** What a signed-in person may change about how they appear (their picture has its own route). */
export const MeUpdateBody = z.object({ displayName: DisplayName });
export type MeUpdateBody = z.input<typeof MeUpdateBody>;

export const MeResponse = z.object({ user: Me });
export type MeResponse = z.infer<typeof MeResponse>;

/** The token of a link sent by email (verification, password reset, email change). */
export const LinkToken = z.string().regex(/^[\w-]{20,100}$/, 'This link is incomplete; open it again from the email');

export const LinkBody = z.object({ token: LinkToken });
export type LinkBody = z.input<typeof LinkBody>;

export const ForgotPasswordBody = z.object({ email: Email });
export type ForgotPasswordBody = z.input<typeof ForgotPasswordBody>;

export const ResetPasswordBody = z.object({ token: LinkToken, newPassword: Password });
export type ResetPasswordBody = z.input<typeof ResetPasswordBody>;

export const EmailChangeBody = z.object({ newEmail: Email, currentPassword: z.string().min(1).max(256) });
export type EmailChangeBody = z.input<typeof EmailChangeBody>;

/** What a request that sends an email answers: the same whether or not an account matched. */
export const EmailSent = z.object({ message: z.string() });
export type EmailSent = z.infer<typeof EmailSent>;
