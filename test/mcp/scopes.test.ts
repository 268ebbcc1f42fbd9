import { describe, expect, it } from 'vitest';
import { MCP_SCOPES } from '../../workers/mcp/scopes.ts';
import { MCP_TOOLS } from '../../workers/mcp/server.ts';
import { newRoom } from '../room/room-socket.ts';
import { callRefused, connectedApp } from './mcp-client.ts';

describe('scopes decide what a connected app sees and may call', () => {
  it('lists exactly the tools of the granted scopes, each with a title and all four annotations', async () => {
    const { handle, performerId } = await newRoom();
    for (const scope of MCP_SCOPES) {
      const { client } = await connectedApp({ userId: performerId, handle }, [scope]);
      const { tools } = await client.listTools();
      const expected = MCP_TOOLS.filter((t) => t.scope === scope).map((t) => t.name);
      expect(tools.map((t) => t.name).sort()).toEqual([...expected].sort());
      for (const listed of tools) {
        expect(listed.title).toBeTruthy();
        expect(listed.inputSchema.type).toBe('object');
        expect(listed.annotations).toMatchObject({ openWorldHint: false });
        for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint'] as const)
          expect(typeof listed.annotations?.[hint]).toBe('boolean');
      }
    }
  });

  it('lists nothing for an app granted no scope', async () => {
    const { handle, performerId } = await newRoom();
    const { client } = await connectedApp({ userId: performerId, handle }, []);
    expect((await client.listTools()).tools).toEqual([]);
  });

  it('refuses a direct call to every tool whose scope was not granted', async () => {
    const { handle, performerId } = await newRoom();
    for (const scope of MCP_SCOPES) {
      const others = MCP_SCOPES.filter((s) => s !== scope);
      const { client } = await connectedApp({ userId: performerId, handle }, others);
      for (const t of MCP_TOOLS.filter((x) => x.scope === scope)) {
        const refusal = await callRefused(client, t.name, {});
        expect(refusal.code).toBe('FORBIDDEN');
        expect(refusal.message).toContain(`"${scope}"`);
      }
    }
  });
});
