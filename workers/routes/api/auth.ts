import { createRoute } from '@hono/zod-openapi';
import { ageOn, LoginBody, MeResponse, MIN_AGE_YEARS, PasswordChangeBody, SignupBody } from '../../../wire/account.ts';
import { noticePasswordChanged, sendVerification } from '../../accounts/account-email.ts';
import { countTakenAnswer, refuseSpentNetwork } from '../../accounts/signup-probes.ts';
import { assertAvailable, createAccount, findUserByEmail, revokeSessions, toMe } from '../../accounts/users.ts';
import { router } from '../../app.ts';
import { isCommonPassword } from '../../auth/common-passwords.ts';
import { DECOY_HASH, hashPassword, verifyPassword } from '../../auth/password.ts';
import { clientIp, hitRateLimit } from '../../auth/rate-limit.ts';
import { currentUser, endSession, revokeSession, startSession } from '../../auth/session.ts';
import { database } from '../../db/index.ts';
import { ApiError } from '../../errors.ts';
import { errors, json, jsonBody, noContent } from '../../openapi.ts';
import { closeRoomSockets } from '../../safety/room-control.ts';
import { recogniseDevice } from './account-email.ts';

const tags = ['Accounts'];

const signup = createRoute({
  method: 'post',
  path: '/signup',
  tags,
  summary: 'Create a viewer or performer account and sign in',
  request: { body: jsonBody(SignupBody) },
  responses: {
    201: json(MeResponse, 'Signed up and signed in'),
    ...errors(
      [400, 'Invalid input, weak password or under 18'],
      [409, 'Email or handle taken'],
      [413, 'Body too large'],
      [429, 'Too many attempts, or this network drew its "email taken" answers for the hour'],
    ),
  },
});

const login = createRoute({
  method: 'post',
  path: '/login',
  tags,
  summary: 'Sign in with email and password',
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: json(MeResponse, 'Signed in'),
    ...errors(
      [400, 'Invalid input'],
      [401, 'Wrong email or password'],
      [403, 'Account suspended'],
      [429, 'Too many attempts'],
    ),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/logout',
  tags,
  summary: 'Sign out of this browser (its session is revoked at once)',
  responses: noContent,
});

const logoutEverywhere = createRoute({
  method: 'post',
  path: '/logout-everywhere',
  tags,
  summary: 'Sign out of every device (revokes all sessions)',
  responses: { ...noContent, ...errors([401, 'Not signed in']) },
});

const changePassword = createRoute({
  method: 'post',
  path: '/password',
  tags,
  summary: 'Change password; signs out every other session',
  request: { body: jsonBody(PasswordChangeBody) },
  responses: {
    200: json(MeResponse, 'Password changed; this session stays signed in'),
    ...errors([400, 'Weak new password'], [401, 'Not signed in or wrong current password'], [429, 'Too many attempts']),
  },
});

export const auth = router()
  .openapi(signup, async (c) => {
    const body = c.req.valid('json');
    if (ageOn(body.dateOfBirth, new Date()) < MIN_AGE_YEARS) {
      throw new ApiError(400, 'UNDERAGE', `You must be ${MIN_AGE_YEARS} or older to use Encore`, {
        fields: { dateOfBirth: `You must be ${MIN_AGE_YEARS} or older` },
      });
    }
    if (isCommonPassword(body.password)) throw weakPassword('password');
    const ip = clientIp(c);
    await hitRateLimit(c, [`signup:ip:${ip}`, `signup:email:${body.email}`]);
    const db = database(c.env);
    // "Email taken" is rationed per network, so sign-up cannot be used to list who has an account.
    await refuseSpentNetwork(c, ip);
    await assertAvailable(db, body.email, body.handle).catch((error: unknown) => countTakenAnswer(c, ip, error));
    const { password, ...account } = body;
    const user = await createAccount(db, {
      ...account,
      passwordHash: await hashPassword(password, c.env.PASSWORD_PEPPER),
    });
    await startSession(c, user);
    await recogniseDevice(c, user);
    await sendVerification(c.env, db, user, new URL(c.req.url).origin);
    return c.json({ user: toMe(user) }, 201);
  })
  .openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    await hitRateLimit(c, [`login:ip:${clientIp(c)}`, `login:email:${email}`]);
    const user = await findUserByEmail(database(c.env), email);
    // Always pay for one hash, so a missing account takes as long as a wrong password.
    const ok = await verifyPassword(password, c.env.PASSWORD_PEPPER, user?.passwordHash ?? DECOY_HASH);
    if (!user || !ok) throw new ApiError(401, 'INVALID_CREDENTIALS', 'That email and password do not match');
    if (user.status !== 'active')
      throw new ApiError(403, 'ACCOUNT_SUSPENDED', 'This account is suspended; contact support');
    await startSession(c, user);
    await recogniseDevice(c, user);
    return c.json({ user: toMe(user) }, 200);
  })
  .openapi(logout, async (c) => {
    const userId = c.get('session')?.user.id;
    await revokeSession(c);
    if (userId) await closeRoomSockets(c.env, userId);
    return c.body(null, 204);
  })
  .openapi(logoutEverywhere, async (c) => {
    await revokeSessions(database(c.env), currentUser(c).id);
    endSession(c);
    await closeRoomSockets(c.env, currentUser(c).id);
    return c.body(null, 204);
  })
  .openapi(changePassword, async (c) => {
    const user = currentUser(c);
    const { currentPassword, newPassword } = c.req.valid('json');
    if (isCommonPassword(newPassword)) throw weakPassword('newPassword');
    await hitRateLimit(c, [`password:user:${user.id}`]);
    if (!(await verifyPassword(currentPassword, c.env.PASSWORD_PEPPER, user.passwordHash))) {
      throw new ApiError(401, 'INVALID_CREDENTIALS', 'Your current password is not right', {
        fields: { currentPassword: 'Not right' },
      });
    }
    const passwordHash = await hashPassword(newPassword, c.env.PASSWORD_PEPPER);
    const updated = await revokeSessions(database(c.env), user.id, { passwordHash });
    await startSession(c, updated);
    await closeRoomSockets(c.env, user.id);
    await noticePasswordChanged(c.env, updated);
    return c.json({ user: toMe(updated) }, 200);
  });

function weakPassword(field: string): ApiError {
  return new ApiError(400, 'WEAK_PASSWORD', 'That password is too common; choose another', {
    fields: { [field]: 'Too common; choose another' },
  });
}
