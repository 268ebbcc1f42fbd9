import { AuthorizationError } from '@cloudflare/workers-oauth-provider';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  ConsentAnswer,
  ConsentDecision,
  ConsentHandleParam,
  type ConsentView,
  ConsentView as ConsentViewSchema,
} from '../../../wire/connected-apps.ts';
import { router } from '../../app.ts';
import { currentUser } from '../../auth/session.ts';
import type { User } from '../../db/schema.ts';
import type { AppEnv } from '../../env.ts';
import { ApiError } from '../../errors.ts';
import { claimAnswer, forgetConsent, type PendingConsent, pendingConsent } from '../../mcp/consent-views.ts';
import { type GrantMetadata, type GrantProps, oauthApi } from '../../mcp/oauth.ts';
import { errors, json, jsonBody } from '../../openapi.ts';

const tags = ['Connected apps'];
const consentErrors = [
  [401, 'Not signed in'],
  [404, 'No such consent request for this account (expired, answered, or another account’s)'],
] as const;

const route = {
  view: createRoute({
    method: 'get',
    path: '/{handle}',
    tags,
    summary: 'What an app asks for: the consent page’s facts',
    request: { params: ConsentHandleParam },
    responses: { 200: json(ConsentViewSchema, 'The request'), ...errors(...consentErrors) },
  }),
  answer: createRoute({
    method: 'post',
    path: '/{handle}',
    tags,
    summary: 'Approve (with the scopes chosen) or deny; answers where the browser goes next',
    request: { params: ConsentHandleParam, body: jsonBody(ConsentDecision) },
    responses: {
      200: json(ConsentAnswer, 'The app’s redirect URI, with the code or access_denied'),
      ...errors([400, 'Scopes not offered, or the page was used already'], [403, 'Not a performer'], ...consentErrors),
    },
  }),
};

/** Only performers connect apps: the tools act on a performer's profile, room and earnings. */
function refusalFor(user: User): string | null {
  return user.role === 'performer' ? null : 'Only performers can connect apps to Encore. This is a viewer account.';
}

async function pending(c: Context<AppEnv>, handle: string): Promise<{ user: User; consent: PendingConsent }> {
  const user = currentUser(c);
  const consent = await pendingConsent(c.env, handle, user.id);
  if (!consent)
    throw new ApiError(404, 'NOT_FOUND', 'This request has expired or was answered; start again from the app');
  return { user, consent };
}

/** The library's cookies (clearing the handle's binding) go out with the answer. */
function passCookies(c: Context<AppEnv>, headers: Headers): void {
  for (const cookie of headers.getSetCookie()) c.header('Set-Cookie', cookie, { append: true });
}

/** /api/consent: the consent page's facts and its answer (routes/oauth.ts started the request). */
export const consent = router()
  .openapi(route.view, async (c) => {
    const { user, consent } = await pending(c, c.req.valid('param').handle);
    const view: ConsentView = {
      client: { name: consent.clientName, uri: consent.clientUri },
      redirectHost: consent.redirectHost,
      redirectIsLoopback: consent.redirectIsLoopback,
      scopes: consent.scopes,
      account: { handle: user.handle, role: user.role },
      refusal: refusalFor(user),
    };
    c.header('Cache-Control', 'no-store');
    return c.json(view, 200);
  })
  .openapi(route.answer, async (c) => {
    const { handle } = c.req.valid('param');
    const decision = c.req.valid('json');
    const { user, consent } = await pending(c, handle);
    const oauth = oauthApi(c.env, c.req.url);
    try {
      if (decision.decision === 'deny') {
        if (!(await claimAnswer(c.env, handle))) throw new ApiError(400, 'VALIDATION_FAILED', usedUp);
        const denied = await oauth.denyConsent(c.req.raw, handle);
        await forgetConsent(c.env, handle);
        passCookies(c, denied.headers);
        return c.json({ redirectTo: denied.redirectTo }, 200);
      }
      const refusal = refusalFor(user);
      if (refusal) throw new ApiError(403, 'FORBIDDEN', refusal);
      const scopes = [...new Set(decision.scopes)];
      if (!scopes.every((scope) => consent.scopes.includes(scope))) {
        throw new ApiError(400, 'VALIDATION_FAILED', 'Approve only what the app asked for');
      }
      // One answer per page, even when Approve arrives many times at once (a double click, a retried request).
      if (!(await claimAnswer(c.env, handle))) throw new ApiError(400, 'VALIDATION_FAILED', usedUp);
      const approved = await oauth.approveConsent(c.req.raw, handle, { scope: scopes });
      await forgetConsent(c.env, handle);
      const props: GrantProps = { userId: user.id, handle: user.handle, scopes, clientName: consent.clientName };
      const metadata: GrantMetadata = { clientName: consent.clientName };
      const { redirectTo } = await oauth.completeAuthorization({
        request: approved.request,
        userId: user.id,
        metadata,
        scope: scopes,
        props,
      });
      passCookies(c, approved.headers);
      return c.json({ redirectTo }, 200);
    } catch (error) {
      // The handle was used already, or its browser binding is missing: this page cannot be answered again.
      if (error instanceof AuthorizationError) throw new ApiError(400, 'VALIDATION_FAILED', usedUp);
      throw error;
    }
  });

const usedUp = 'This request was already answered or has expired; start again from the app';
