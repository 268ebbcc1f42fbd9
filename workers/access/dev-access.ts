import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { exportJWK, importJWK, type JWK, SignJWT } from 'jose';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { standInsEnabled } from '../stand-ins.ts';
import { adminEmails } from './allow-list.ts';

/**
 * A local stand-in for Cloudflare Access, for development and tests only. It shows a sign-in
 * page for the allow-listed emails, signs RS256 tokens with a key pair generated on first run
 * (`npm run dev` keeps it in the ignored .dev.vars), and serves the public half as a JWKS at
 * the same path Access uses, so the Worker's real verification code runs unchanged. Like the
 * Access edge, it hands the browser a `CF_Authorization` cookie; `accessToken()` reads it
 * only where the stand-ins run (`standInsEnabled`); everywhere else every /dev route answers 404.
 */
export const DEV_ACCESS_COOKIE = 'CF_Authorization';
const TOKEN_LIFETIME = '8h';

export const devAccess = new Hono<AppEnv>();

devAccess.use('*', async (c, next) => {
  if (!standInsEnabled(c.env) || !c.env.DEV_ACCESS_PRIVATE_JWK) {
    throw new ApiError(404, 'NOT_FOUND', 'The local Access stand-in is not available here');
  }
  await next();
});

devAccess.get('/', (c) => {
  const redirect = safeRedirect(c.req.query('redirect'));
  const error = c.req.query('error');
  const emails = [...adminEmails(c.env)];
  return c.html(html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Sign in · Cloudflare Access (local)</title>
        <link rel="stylesheet" href="/dev/access/style.css" />
      </head>
      <body>
        <main>
          <p class="badge">Local stand-in for Cloudflare Access</p>
          <h1>Sign in to Encore admin</h1>
          ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
          <form method="post" action="/dev/access/login">
            <input type="hidden" name="redirect" value="${redirect}" />
            <label for="email">Email</label>
            <input id="email" name="email" type="email" required autocomplete="email" value="${emails[0] ?? ''}" />
            <button type="submit">Continue</button>
          </form>
          <p class="hint">Allowed here: ${emails.join(', ') || 'no one (set ADMIN_EMAILS)'}</p>
        </main>
      </body>
    </html>`);
});

devAccess.get('/style.css', (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8');
  return c.body(STYLE);
});

devAccess.post('/login', async (c) => {
  const form = await c.req.formData();
  const email = String(form.get('email') ?? '')
    .trim()
    .toLowerCase();
  const redirect = safeRedirect(String(form.get('redirect') ?? '/admin'));
  if (!adminEmails(c.env).has(email)) {
    const query = new URLSearchParams({
      redirect,
      error: `${email || 'That email'} is not allowed by this Access policy`,
    });
    return c.redirect(`/dev/access?${query}`, 303);
  }
  const token = await signDevAccessToken(c.env, email);
  setCookie(c, DEV_ACCESS_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
  return c.redirect(redirect, 303);
});

devAccess.post('/logout', (c) => {
  deleteCookie(c, DEV_ACCESS_COOKIE, { path: '/', secure: true });
  return c.redirect('/dev/access', 303);
});

// Access serves its keys at <team>/cdn-cgi/access/certs; /certs is the short name.
const certs = async (c: Context<AppEnv>) => c.json({ keys: [await publicJwk(c.env)] });
devAccess.get('/certs', certs);
devAccess.get('/cdn-cgi/access/certs', certs);

export async function signDevAccessToken(env: Env, email: string): Promise<string> {
  const jwk = JSON.parse(env.DEV_ACCESS_PRIVATE_JWK) as JWK;
  const key = await importJWK(jwk, 'RS256');
  return new SignJWT({ email, type: 'app', identity_nonce: crypto.randomUUID() })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid ?? 'dev' })
    .setIssuer(env.ACCESS_TEAM_DOMAIN.replace(/\/+$/, ''))
    .setAudience(env.ACCESS_AUD)
    .setSubject(email)
    .setIssuedAt()
    .setExpirationTime(TOKEN_LIFETIME)
    .sign(key);
}

async function publicJwk(env: Env): Promise<JWK> {
  const { kty, n, e, kid } = JSON.parse(env.DEV_ACCESS_PRIVATE_JWK) as JWK;
  const key = await importJWK({ kty, n, e }, 'RS256');
  return { ...(await exportJWK(key)), kid: kid ?? 'dev', alg: 'RS256', use: 'sig' };
}

/** The cookie the stand-in set, read only where the stand-ins run (elsewhere the Access edge sends the header). */
export function devAccessCookie(c: Context<AppEnv>): string | undefined {
  return standInsEnabled(c.env) ? getCookie(c, DEV_ACCESS_COOKIE) : undefined;
}

/** Only same-site paths, so the sign-in page cannot be used as an open redirect. */
function safeRedirect(target: string | undefined): string {
  return target?.startsWith('/') && !target.startsWith('//') ? target : '/admin';
}

const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f4f6; }
main { background: #fff; color: #1c1c22; padding: 2rem; border-radius: 12px; width: min(92vw, 380px);
  box-shadow: 0 4px 24px #0002; }
.badge { display: inline-block; margin: 0 0 1rem; padding: .2rem .6rem; border-radius: 99px; background: #f6821f;
  color: #fff; font-size: .8rem; }
h1 { font-size: 1.3rem; margin: 0 0 1rem; }
label { display: block; font-weight: 600; margin-bottom: .3rem; }
input[type=email] { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; border: 1px solid #999;
  border-radius: 6px; }
button { margin-top: 1rem; width: 100%; padding: .7rem; font-size: 1rem; border: 0; border-radius: 6px;
  background: #f6821f; color: #fff; cursor: pointer; }
button:focus-visible, input:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.error { color: #b91c1c; background: #fee2e2; padding: .5rem; border-radius: 6px; }
.hint { color: #555; font-size: .85rem; }
`;
