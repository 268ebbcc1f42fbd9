import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { newRoom } from '../room/room-socket.ts';
import { callRefused, connectedApp } from './mcp-client.ts';

/** D1 as it is when it fails: statements prepare, and every run rejects with the database's own message. */
const lost = () => Promise.reject(new Error('D1_ERROR: Network connection lost. SECRET_DETAIL'));
const statement: Record<string, unknown> = { all: lost, first: lost, run: lost, raw: lost };
statement.bind = () => statement;
const failing = { prepare: () => statement, batch: lost, exec: lost } as unknown as D1Database;

describe('when D1 fails', () => {
  it('a tool answers a bare internal tool error, not a transport failure, and leaks nothing', async () => {
    const { handle, performerId } = await newRoom();
    const { client } = await connectedApp({ userId: performerId, handle }, ['earnings:read', 'profile'], undefined, {
      ...env,
      DB: failing,
    });
    for (const name of ['earnings_summary', 'profile_read']) {
      const refusal = await callRefused(client, name);
      expect(refusal).toEqual({ code: 'INTERNAL', message: 'Something went wrong on our side; try again' });
    }
  });

  it('a resource read and the prompt fail with a bare internal error', async () => {
    const { handle, performerId } = await newRoom();
    const { client } = await connectedApp({ userId: performerId, handle }, ['earnings:read'], undefined, {
      ...env,
      DB: failing,
    });
    await expect(client.readResource({ uri: 'encore://earnings/summary' })).rejects.toThrow(
      /Something went wrong on our side/,
    );
    await expect(client.getPrompt({ name: 'weekly-report' })).rejects.toThrow(/Something went wrong on our side/);
  });
});
