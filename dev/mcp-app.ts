import { type OAuthClientProvider, UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';

/**
 * An MCP client application as the SDK sees one (its OAuthClientProvider), kept in memory: it registers
 * itself dynamically, sends the performer to the authorize URL, and keeps the code verifier and tokens. How the
 * performer answers the consent page is the caller's: Chromium in the e2e test, plain HTTP in the bench.
 */
export class McpApp implements OAuthClientProvider {
  /** A loopback callback, as desktop MCP clients use; nothing listens there (the e2e test intercepts it). */
  readonly redirectUrl = 'http://127.0.0.1:48123/callback';
  authorizationUrl: URL | undefined;
  #client: OAuthClientInformationMixed | undefined;
  #tokens: OAuthTokens | undefined;
  #verifier = '';

  readonly name: string;
  readonly scope: string | undefined;
  constructor(name: string, scope?: string) {
    this.name = name;
    this.scope = scope;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.name,
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...(this.scope ? { scope: this.scope } : {}),
    };
  }
  clientInformation() {
    return this.#client;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.#client = info;
  }
  tokens() {
    return this.#tokens;
  }
  saveTokens(tokens: OAuthTokens) {
    this.#tokens = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.#verifier = verifier;
  }
  codeVerifier() {
    return this.#verifier;
  }
}

/**
 * Connects the SDK's Client to `<origin>/mcp`. The first attempt meets the 401, discovers the authorization
 * server, registers and asks for authorization; `consent` takes the authorize URL to the code the browser came
 * back with; then the code is exchanged and the client connects with its token.
 */
export async function connectMcpApp(
  origin: string,
  app: McpApp,
  consent: (authorizationUrl: URL) => Promise<string>,
): Promise<Client> {
  const url = new URL(`${origin}/mcp`);
  const first = new StreamableHTTPClientTransport(url, { authProvider: app });
  try {
    const client = new Client({ name: app.name, version: '1.0.0' });
    await client.connect(first);
    return client; // already authorized
  } catch (error) {
    if (!(error instanceof UnauthorizedError) || !app.authorizationUrl) throw error;
  }
  await first.finishAuth(await consent(app.authorizationUrl));
  const client = new Client({ name: app.name, version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url, { authProvider: app }));
  return client;
}

/** The code in the URL the browser was sent back to. */
export function codeFrom(callback: string): string {
  const code = new URL(callback).searchParams.get('code');
  if (!code) throw new Error(`no authorization code in ${callback}`);
  return code;
}

/**
 * The consent page answered over plain HTTP (for the bench): a signed-in performer's cookies open the authorize
 * URL, read the page's facts and approve every scope asked for.
 */
export function approveOverHttp(origin: string, sessionCookie: string) {
  return async (authorizationUrl: URL): Promise<string> => {
    const opened = await fetch(authorizationUrl, { headers: { Cookie: sessionCookie }, redirect: 'manual' });
    const handle = new URL(opened.headers.get('Location') ?? '', origin).searchParams.get('handle');
    if (!handle) throw new Error(`the authorize URL did not lead to consent: ${opened.status}`);
    const binding = opened.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
    const cookie = [sessionCookie, ...binding].join('; ');
    const path = `${origin}/api/consent/${encodeURIComponent(handle)}`;
    const view = (await (await fetch(path, { headers: { Cookie: cookie } })).json()) as { scopes: string[] };
    const answer = await fetch(path, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'approve', scopes: view.scopes }),
    });
    if (answer.status !== 200) throw new Error(`approval failed: ${answer.status} ${await answer.text()}`);
    return codeFrom(((await answer.json()) as { redirectTo: string }).redirectTo);
  };
}

/** Signs in through the API; the session cookie to send. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}
