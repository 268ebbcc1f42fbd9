import { z } from 'zod';

/**
 * What a connected app (an MCP client) may do for a performer: each tool needs one scope; a tool whose
 * scope was not granted is neither listed nor callable. Features add their scope here.
 */
export const McpScope = z.enum([
  'profile',
  'room',
  'moderation',
  'earnings:read',
  'payouts:read',
  'music',
  'devices',
  'shows:read',
  'shows',
]);
export type McpScope = z.infer<typeof McpScope>;
export const MCP_SCOPES = McpScope.options;

/** Who is calling, as the OAuth grant says: passed to the MCP server built for each request. */
export type McpCaller = {
  performer: { userId: string; handle: string };
  scopes: readonly McpScope[];
  /** The OAuth client (the app) and the grant, for the activity log and rate limits. */
  client: { id: string; name: string };
  grantId: string;
};
