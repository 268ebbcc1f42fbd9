import { z } from 'zod';
import { McpScope } from '../workers/mcp/scopes.ts';
import { McpActivityEntry } from './mcp-activity.ts';

/**
 * Connected apps: MCP clients a performer let act for them through OAuth. The consent page shows what an
 * app asks for; the studio lists each connection with its scopes and last use, and revokes it.
 */

/** What each scope lets an app do, in the performer's words (consent page and Connected apps). */
export const SCOPE_DESCRIPTIONS: Record<string, string> = {
  profile: 'Read and update your bio, tags, links and schedule',
  room: 'Read your room and chat, send chat messages as you, set the title, tip menu and goals',
  moderation: 'Mute, time out, ban and unban, delete messages, chat modes, blocked words and moderators',
  'earnings:read': 'Read your earnings, your paid shows and top tippers (never anonymous ones)',
  'payouts:read': 'Read your payout status and history',
  music: 'Read and change your song-request settings, read the request queue, set what is playing now',
  devices: 'Read and change your tip levels and toy limits (it never drives the toy itself)',
  'shows:read': 'Read your Paid shows settings and your show reviews',
  shows: 'Change your Paid shows settings and your availability for one-to-one sessions',
};

export function describeScope(scope: string): string {
  return SCOPE_DESCRIPTIONS[scope] ?? scope;
}

export const ConsentHandleParam = z.object({ handle: z.string().min(8).max(200) });

/** The consent page's facts; every string from the app is self-asserted and shown as text. */
export const ConsentView = z.object({
  client: z.object({
    name: z.string(),
    /** The app's own home page, when it gave one (unverified). */
    uri: z.string().nullable(),
  }),
  /** Where the browser goes after the answer, and so where the app's access is sent. */
  redirectHost: z.string(),
  /** The redirect goes to a program on this computer: any local program could be listening. */
  redirectIsLoopback: z.boolean(),
  /** The scopes the app asked for (every scope when it asked for none); the performer may narrow them. */
  scopes: z.array(McpScope),
  /** The signed-in account. */
  account: z.object({ handle: z.string(), role: z.enum(['viewer', 'performer']) }),
  /** Present when this account may not connect apps: only Deny is offered. */
  refusal: z.string().nullable(),
});
export type ConsentView = z.infer<typeof ConsentView>;

export const ConsentDecision = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('approve'),
    scopes: z.array(McpScope).min(1, 'Choose at least one thing the app may do').max(20),
  }),
  z.object({ decision: z.literal('deny') }),
]);
export type ConsentDecision = z.infer<typeof ConsentDecision>;

/** Where the browser goes next: the app's redirect URI with the code (or access_denied). */
export const ConsentAnswer = z.object({ redirectTo: z.string() });

export const ConnectedApp = z.object({
  /** The OAuth grant: one per app the performer connected. */
  id: z.string(),
  /** The app's OAuth client id (one app connected twice is one client with a new grant). */
  clientId: z.string(),
  clientName: z.string(),
  scopes: z.array(z.string()),
  /** ISO date-time. */
  connectedAt: z.string(),
  /** When it last called a tool (ISO), from the activity log; null when never used. */
  lastUsedAt: z.string().nullable(),
});
export type ConnectedApp = z.infer<typeof ConnectedApp>;

export const ConnectedAppsResponse = z.object({
  apps: z.array(ConnectedApp),
  /** The most recent tool calls, newest first. */
  activity: z.array(McpActivityEntry),
});
export type ConnectedAppsResponse = z.infer<typeof ConnectedAppsResponse>;

export const GrantIdParam = z.object({ id: z.string().min(1).max(200) });
