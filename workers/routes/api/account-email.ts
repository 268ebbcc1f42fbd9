import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import {
  EmailChangeBody,
  EmailSent,
  ForgotPasswordBody,
  LinkBody,
  MeResponse,
  ResetPasswordBody,
} from '../../../wire/account.ts';
import {
  confirmEmailChange,
  rememberDevice,
  requestEmailChange,
  resetPassword,
  sendPasswordReset,
  sendVerification,
  verifyEmail,
} from '../../accounts/account-email.ts';
import { toMe } from '../../accounts/users.ts';
import { router } from '../../app.ts';
import { isCommonPassword } from '../../auth/common-passwords.ts';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { clientIp, hitRateLimit } from '../../auth/rate-limit.ts';
import { currentUser, startSession } from '../../auth/session.ts';
import { database } from '../../db/index.ts';
import type { User } from '../../db/schema.ts';
import type { AppEnv } from '../../env.ts';
import { ApiError } from '../../errors.ts';
import { later } from '../../later.ts';
import { errors, json, jsonBody, noContent } from '../../openapi.ts';
import { closeRoomSockets } from '../../safety/room-control.ts';

const tags = ['Accounts'];
const DEVICE_COOKIE = 'encore_device';
const RESET_SENT =
  'If an account uses that address, a link to reset its password is on its way. It works for 30 minutes.';

const resendVerification = createRoute({
  method: 'post',
  path: '/email/verification',
  tags,
  summary: 'Send the email-verification link again',
  responses: {
    202: json(EmailSent, 'Sent'),
    ...errors([401, 'Not signed in'], [409, 'Already verified'], [429, 'Too many requests']),
  },
});

const verify = createRoute({
  method: 'post',
  path: '/email/verify',
  tags,
  summary: 'Verify the account email with the token from the link (no sign-in needed)',
  request: { body: jsonBody(LinkBody) },
  responses: { ...noContent, ...errors([400, 'Link unknown, used, replaced or expired'], [429, 'Too many requests']) },
});

const forgot = createRoute({
  method: 'post',
  path: '/password/forgot',
  tags,
  summary: 'Email a password-reset link; answers the same whether or not an account uses the address',
  request: { body: jsonBody(ForgotPasswordBody) },
  responses: {
    202: json(EmailSent, 'Sent if the account exists'),
    ...errors([400, 'Invalid email'], [429, 'Too many requests']),
  },
});

const reset = createRoute({
  method: 'post',
  path: '/password/reset',
  tags,
  summary: 'Set a new password with the reset link (single use, 30 minutes); signs out every other session',
  request: { body: jsonBody(ResetPasswordBody) },
  responses: {
    200: json(MeResponse, 'Password set; this browser is signed in'),
    ...errors([400, 'Weak password, or link unknown, used, replaced or expired'], [429, 'Too many requests']),
  },
});

const changeEmail = createRoute({
  method: 'post',
  path: '/email/change',
  tags,
  summary: 'Ask to change the account email: a confirmation link goes to the new address',
  request: { body: jsonBody(EmailChangeBody) },
  responses: {
    202: json(EmailSent, 'Confirmation sent to the new address'),
    ...errors([400, 'Invalid address'], [401, 'Not signed in or wrong password'], [429, 'Too many requests']),
  },
});

const confirmEmail = createRoute({
  method: 'post',
  path: '/email/confirm',
  tags,
  summary: 'Confirm a new account email with the token from the link (no sign-in needed)',
  request: { body: jsonBody(LinkBody) },
  responses: {
    ...noContent,
    ...errors([400, 'Link unknown, used, replaced or expired'], [409, 'Address taken meanwhile'], [429, 'Too many']),
  },
});

export const accountEmail = router()
  .openapi(resendVerification, async (c) => {
    const user = currentUser(c);
    if (user.emailVerifiedAt !== null) throw new ApiError(409, 'ALREADY_VERIFIED', 'Your email address is verified');
    await hitRateLimit(c, [`verify:user:${user.id}`]);
    await sendVerification(c.env, database(c.env), user, originOf(c));
    return c.json({ message: `A new link is on its way to ${user.email}.` }, 202);
  })
  .openapi(verify, async (c) => {
    await hitRateLimit(c, [`link:ip:${clientIp(c)}`]);
    await verifyEmail(database(c.env), c.req.valid('json').token);
    return c.body(null, 204);
  })
  .openapi(forgot, async (c) => {
    const { email } = c.req.valid('json');
    await hitRateLimit(c, [`reset:ip:${clientIp(c)}`, `reset:email:${email}`]);
    // Sent after the answer, so a known address takes no longer to answer than an unknown one.
    await later(c, sendPasswordReset(c.env, database(c.env), email, originOf(c)));
    return c.json({ message: RESET_SENT }, 202);
  })
  .openapi(reset, async (c) => {
    const { token, newPassword } = c.req.valid('json');
    await hitRateLimit(c, [`link:ip:${clientIp(c)}`]);
    if (isCommonPassword(newPassword))
      throw new ApiError(400, 'WEAK_PASSWORD', 'That password is too common; choose another', {
        fields: { newPassword: 'Too common; choose another' },
      });
    const db = database(c.env);
    const user = await resetPassword(c.env, db, token, await hashPassword(newPassword, c.env.PASSWORD_PEPPER));
    await closeRoomSockets(c.env, user.id);
    await startSession(c, user);
    await recogniseDevice(c, user);
    return c.json({ user: toMe(user) }, 200);
  })
  .openapi(changeEmail, async (c) => {
    const user = currentUser(c);
    const { newEmail, currentPassword } = c.req.valid('json');
    await hitRateLimit(c, [`email-change:user:${user.id}`]);
    if (!(await verifyPassword(currentPassword, c.env.PASSWORD_PEPPER, user.passwordHash)))
      throw new ApiError(401, 'INVALID_CREDENTIALS', 'Your current password is not right', {
        fields: { currentPassword: 'Not right' },
      });
    await requestEmailChange(c.env, database(c.env), user, newEmail, originOf(c));
    return c.json({ message: `Open the link we sent to ${newEmail} to finish the change.` }, 202);
  })
  .openapi(confirmEmail, async (c) => {
    await hitRateLimit(c, [`link:ip:${clientIp(c)}`]);
    await confirmEmailChange(c.env, database(c.env), c.req.valid('json').token);
    return c.body(null, 204);
  });

function originOf(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin;
}

/**
 * The browser's device cookie (a random id, kept a year): a sign-in from a browser the account has not
 * used before emails the owner.
 */
export async function recogniseDevice(c: Context<AppEnv>, user: User): Promise<void> {
  let device = getCookie(c, DEVICE_COOKIE);
  if (!device || !/^[\w-]{20,64}$/.test(device)) {
    device = crypto.randomUUID();
    setCookie(c, DEVICE_COOKIE, device, {
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: 365 * 24 * 60 * 60,
    });
  }
  const agent = c.req.header('User-Agent')?.slice(0, 120) || 'an unknown browser';
  await rememberDevice(c.env, database(c.env), user, device, agent);
}
