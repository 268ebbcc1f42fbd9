import { z } from 'zod';

/** One call a connected app made for the performer, as "Connected apps" lists it. */
export const McpActivityEntry = z.object({
  id: z.number().int(),
  clientId: z.string(),
  clientName: z.string(),
  /** The tool called (the name the app asked for, even one that does not exist). */
  tool: z.string(),
  /** 'ok', or the error code the call was refused with (wire/errors.ts). */
  outcome: z.string(),
  at: z.string(),
});
export type McpActivityEntry = z.infer<typeof McpActivityEntry>;

export const MCP_ACTIVITY_PAGE = 50;
export const MCP_ACTIVITY_MAX = 200;
